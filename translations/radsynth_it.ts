<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT" sourcelanguage="en">
    <context>
        <name>main</name>
        <message>
            <source>RadSynth chest X-ray workstation</source>
            <translation>RadSynth, workstation per radiografie del torace</translation>
        </message>
        <message>
            <source>Open the demo study in DIR (default: the bundled sample study).</source>
            <translation>Apre lo studio dimostrativo in DIR (predefinito: lo studio di esempio incluso).</translation>
        </message>
        <message>
            <source>Save a picture of the window to FILE once everything is loaded, then exit.</source>
            <translation>Salva un'immagine della finestra in FILE a caricamento completato, poi esce.</translation>
        </message>
        <message>
            <source>Exit after MS milliseconds.</source>
            <translation>Esce dopo MS millisecondi.</translation>
        </message>
        <message>
            <source>Viewport layout: 1x1, 1x2, 1x3 or 2x2.</source>
            <translation>Disposizione dei riquadri: 1x1, 1x2, 1x3 o 2x2.</translation>
        </message>
        <message>
            <source>DICOM files, folders or DICOMDIRs to open.</source>
            <translation>File DICOM, cartelle o DICOMDIR da aprire.</translation>
        </message>
    </context>
    <context>
        <name>radsynth::ui::MainWindow</name>
        <message>
            <source>RadSynth</source>
            <translation>RadSynth</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annulla</translation>
        </message>
        <message>
            <source>Open a study with File &gt; Open (Ctrl+O), or drop a series into a viewport.</source>
            <translation>Aprire uno studio con File &gt; Apri (Ctrl+O) o trascinare una serie in un riquadro.</translation>
        </message>
        <message>
            <source>Studies</source>
            <translation>Studi</translation>
        </message>
        <message>
            <source>Load problems</source>
            <translation>Problemi di caricamento</translation>
        </message>
        <message numerus="yes">
            <source>Loading %n item(s) ...</source>
            <translation>
                <numerusform>Caricamento di %n elemento ...</numerusform>
                <numerusform>Caricamento di %n elementi ...</numerusform>
            </translation>
        </message>
        <message>
            <source>No DICOM files found</source>
            <translation>Nessun file DICOM trovato</translation>
        </message>
        <message numerus="yes">
            <source>Loaded %n image series</source>
            <translation>
                <numerusform>Caricata %n serie di immagini</numerusform>
                <numerusform>Caricate %n serie di immagini</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>, %n load problem(s) listed below</source>
            <translation>
                <numerusform>, %n problema di caricamento elencato sotto</numerusform>
                <numerusform>, %n problemi di caricamento elencati sotto</numerusform>
            </translation>
        </message>
        <message>
            <source>Load problems (%1)</source>
            <translation>Problemi di caricamento (%1)</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <source>Open &amp;file...</source>
            <translation>Apri &amp;file...</translation>
        </message>
        <message>
            <source>Open f&amp;older...</source>
            <translation>Apri &amp;cartella...</translation>
        </message>
        <message>
            <source>Open &amp;DICOMDIR...</source>
            <translation>Apri &amp;DICOMDIR...</translation>
        </message>
        <message>
            <source>&amp;Recent studies</source>
            <translation>Studi &amp;recenti</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Esci</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Visualizza</translation>
        </message>
        <message>
            <source>Layout %1</source>
            <translation>Disposizione %1</translation>
        </message>
        <message>
            <source>&amp;Link zoom, pan and window</source>
            <translation>&amp;Collega zoom, spostamento e finestra</translation>
        </message>
        <message>
            <source>Viewports linked</source>
            <translation>Riquadri collegati</translation>
        </message>
        <message>
            <source>Viewports unlinked</source>
            <translation>Riquadri scollegati</translation>
        </message>
        <message>
            <source>Show &amp;overlays</source>
            <translation>Mostra &amp;sovrimpressioni</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Lingua</translation>
        </message>
        <message>
            <source>System default</source>
            <translation>Predefinita di sistema</translation>
        </message>
        <message>
            <source>The language changes when RadSynth is started again.</source>
            <translation>La lingua cambia al prossimo avvio di RadSynth.</translation>
        </message>
        <message>
            <source>&amp;Image</source>
            <translation>&amp;Immagine</translation>
        </message>
        <message>
            <source>Window preset %1</source>
            <translation>Finestra predefinita %1</translation>
        </message>
        <message>
            <source>Window: %1</source>
            <translation>Finestra: %1</translation>
        </message>
        <message>
            <source>&amp;Invert</source>
            <translation>&amp;Inverti</translation>
        </message>
        <message>
            <source>Flip &amp;horizontally</source>
            <translation>Rifletti &amp;orizzontalmente</translation>
        </message>
        <message>
            <source>Flip &amp;vertically</source>
            <translation>Rifletti &amp;verticalmente</translation>
        </message>
        <message>
            <source>&amp;Rotate 90° clockwise</source>
            <translation>&amp;Ruota di 90° in senso orario</translation>
        </message>
        <message>
            <source>Rotate 90° &amp;counter-clockwise</source>
            <translation>Ruota di 90° in senso &amp;antiorario</translation>
        </message>
        <message>
            <source>&amp;Fit to viewport</source>
            <translation>&amp;Adatta al riquadro</translation>
        </message>
        <message>
            <source>&amp;Actual pixels (1:1)</source>
            <translation>&amp;Pixel reali (1:1)</translation>
        </message>
        <message>
            <source>Zoom in</source>
            <translation>Ingrandisci</translation>
        </message>
        <message>
            <source>Zoom out</source>
            <translation>Riduci</translation>
        </message>
        <message>
            <source>R&amp;eset view</source>
            <translation>Ri&amp;pristina vista</translation>
        </message>
        <message>
            <source>Next image or frame</source>
            <translation>Immagine o fotogramma successivo</translation>
        </message>
        <message>
            <source>Previous image or frame</source>
            <translation>Immagine o fotogramma precedente</translation>
        </message>
        <message>
            <source>&amp;Measure distance</source>
            <translation>&amp;Misura distanza</translation>
        </message>
        <message>
            <source>Measure: drag on the image; Esc leaves measure mode</source>
            <translation>Misura: trascinare sull'immagine; Esc esce dalla modalità di misura</translation>
        </message>
        <message>
            <source>&amp;Clear measurements</source>
            <translation>&amp;Cancella misure</translation>
        </message>
        <message>
            <source>&amp;Tools</source>
            <translation>&amp;Strumenti</translation>
        </message>
        <message>
            <source>DICOM &amp;tags...</source>
            <translation>&amp;Tag DICOM...</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Aiuto</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation>&amp;Scorciatoie da tastiera</translation>
        </message>
        <message>
            <source>&amp;About RadSynth</source>
            <translation>&amp;Informazioni su RadSynth</translation>
        </message>
        <message>
            <source>(none)</source>
            <translation>(nessuno)</translation>
        </message>
        <message>
            <source>Clear recent studies</source>
            <translation>Cancella studi recenti</translation>
        </message>
        <message>
            <source>Open DICOM files</source>
            <translation>Apri file DICOM</translation>
        </message>
        <message>
            <source>DICOM files (*.dcm *.DCM *.dicom *);;All files (*)</source>
            <translation>File DICOM (*.dcm *.DCM *.dicom *);;Tutti i file (*)</translation>
        </message>
        <message>
            <source>Open a folder of DICOM files</source>
            <translation>Apri una cartella di file DICOM</translation>
        </message>
        <message>
            <source>Open a DICOMDIR</source>
            <translation>Apri un DICOMDIR</translation>
        </message>
        <message>
            <source>DICOMDIR (DICOMDIR dicomdir);;All files (*)</source>
            <translation>DICOMDIR (DICOMDIR dicomdir);;Tutti i file (*)</translation>
        </message>
        <message>
            <source>Select a series or show an image first.</source>
            <translation>Selezionare prima una serie o visualizzare un'immagine.</translation>
        </message>
        <message>
            <source>About RadSynth</source>
            <translation>Informazioni su RadSynth</translation>
        </message>
        <message>
            <source>&lt;b&gt;RadSynth %1&lt;/b&gt;&lt;br&gt;A chest X-ray workstation: read studies, draft reports and generate images with an any-to-any model.&lt;br&gt;Not for primary diagnosis.</source>
            <translation>&lt;b&gt;RadSynth %1&lt;/b&gt;&lt;br&gt;Una workstation per radiografie del torace: refertare studi, preparare bozze di referto e generare immagini con un modello any-to-any.&lt;br&gt;Non destinato alla diagnosi primaria.</translation>
        </message>
    </context>
    <context>
        <name>radsynth::ui::Measurements</name>
        <message>
            <source>%1 px (no pixel spacing)</source>
            <translation>%1 px (spaziatura dei pixel assente)</translation>
        </message>
        <message>
            <source>at detector</source>
            <translation>al rivelatore</translation>
        </message>
        <message>
            <source>calibrated</source>
            <translation>calibrata</translation>
        </message>
        <message>
            <source>calibration unknown</source>
            <translation>calibrazione sconosciuta</translation>
        </message>
        <message>
            <source>%1 mm (%2)</source>
            <translation>%1 mm (%2)</translation>
        </message>
    </context>
    <context>
        <name>radsynth::ui::Overlay</name>
        <message>
            <source>Study date %1</source>
            <translation>Data dello studio %1</translation>
        </message>
        <message>
            <source>View %1</source>
            <translation>Proiezione %1</translation>
        </message>
        <message>
            <source>Laterality %1</source>
            <translation>Lateralità %1</translation>
        </message>
        <message>
            <source>Image %1 / %2</source>
            <translation>Immagine %1 / %2</translation>
        </message>
        <message>
            <source>Zoom %1% (fit)</source>
            <translation>Zoom %1% (adattato)</translation>
        </message>
        <message>
            <source>Zoom %1%</source>
            <translation>Zoom %1%</translation>
        </message>
        <message>
            <source>Inverted</source>
            <translation>Invertita</translation>
        </message>
        <message>
            <source>%1 x %2 px</source>
            <translation>%1 x %2 px</translation>
        </message>
    </context>
    <context>
        <name>radsynth::ui::ShortcutsDialog</name>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>Scorciatoie da tastiera</translation>
        </message>
        <message>
            <source>Search</source>
            <translation>Cerca</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>Azione</translation>
        </message>
        <message>
            <source>Shortcut</source>
            <translation>Scorciatoia</translation>
        </message>
        <message>
            <source>Keyboard</source>
            <translation>Tastiera</translation>
        </message>
        <message>
            <source>Mouse (in a viewport)</source>
            <translation>Mouse (in un riquadro)</translation>
        </message>
        <message>
            <source>Window / level (right: wider, down: higher centre)</source>
            <translation>Finestra / livello (destra: più ampia, giù: centro più alto)</translation>
        </message>
        <message>
            <source>Left drag</source>
            <translation>Trascinamento con il tasto sinistro</translation>
        </message>
        <message>
            <source>Pan</source>
            <translation>Sposta</translation>
        </message>
        <message>
            <source>Middle drag, or Shift + left drag</source>
            <translation>Trascinamento con il tasto centrale, o Maiusc + tasto sinistro</translation>
        </message>
        <message>
            <source>Zoom about the cursor</source>
            <translation>Zoom attorno al cursore</translation>
        </message>
        <message>
            <source>Wheel</source>
            <translation>Rotellina</translation>
        </message>
        <message>
            <source>Zoom</source>
            <translation>Zoom</translation>
        </message>
        <message>
            <source>Right drag</source>
            <translation>Trascinamento con il tasto destro</translation>
        </message>
        <message>
            <source>Measure a distance (in measure mode)</source>
            <translation>Misurare una distanza (in modalità di misura)</translation>
        </message>
        <message>
            <source>Cancel the measurement being drawn, leave measure mode</source>
            <translation>Annullare la misura in corso, uscire dalla modalità di misura</translation>
        </message>
        <message>
            <source>Esc</source>
            <translation>Esc</translation>
        </message>
        <message>
            <source>Show a series</source>
            <translation>Mostrare una serie</translation>
        </message>
        <message>
            <source>Drag it from the study browser into a viewport</source>
            <translation>Trascinarla dal navigatore degli studi in un riquadro</translation>
        </message>
    </context>
    <context>
        <name>radsynth::ui::StudyBrowser</name>
        <message>
            <source>Filter patients, studies, series</source>
            <translation>Filtra pazienti, studi, serie</translation>
        </message>
        <message>
            <source>Study</source>
            <translation>Studio</translation>
        </message>
        <message>
            <source>Images</source>
            <translation>Immagini</translation>
        </message>
        <message>
            <source>frontal</source>
            <translation>frontale</translation>
        </message>
        <message>
            <source>lateral</source>
            <translation>laterale</translation>
        </message>
        <message>
            <source>unknown</source>
            <translation>sconosciuta</translation>
        </message>
        <message>
            <source>(no name)</source>
            <translation>(senza nome)</translation>
        </message>
        <message>
            <source>(study without date)</source>
            <translation>(studio senza data)</translation>
        </message>
        <message>
            <source>Double-click or drag into a viewport</source>
            <translation>Doppio clic o trascinare in un riquadro</translation>
        </message>
        <message>
            <source>Double-click to read the report text</source>
            <translation>Doppio clic per leggere il testo del referto</translation>
        </message>
    </context>
    <context>
        <name>radsynth::ui::TagBrowserDialog</name>
        <message>
            <source>DICOM tags</source>
            <translation>Tag DICOM</translation>
        </message>
        <message>
            <source>Search tag, keyword or value</source>
            <translation>Cerca tag, parola chiave o valore</translation>
        </message>
        <message>
            <source>Tag</source>
            <translation>Tag</translation>
        </message>
        <message>
            <source>Keyword</source>
            <translation>Parola chiave</translation>
        </message>
        <message>
            <source>VR</source>
            <translation>VR</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>Valore</translation>
        </message>
        <message>
            <source>Reading %1 ...</source>
            <translation>Lettura di %1 ...</translation>
        </message>
        <message>
            <source>Cannot read the tags of %1: %2</source>
            <translation>Impossibile leggere i tag di %1: %2</translation>
        </message>
        <message numerus="yes">
            <source>%1: %n attribute(s)</source>
            <translation>
                <numerusform>%1: %n attributo</numerusform>
                <numerusform>%1: %n attributi</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>radsynth::ui::Viewport</name>
        <message>
            <source>File window %1</source>
            <translation>Finestra del file %1</translation>
        </message>
        <message>
            <source>Auto (1-99%)</source>
            <translation>Automatica (1-99%)</translation>
        </message>
        <message>
            <source>Full range</source>
            <translation>Intervallo completo</translation>
        </message>
        <message>
            <source>High contrast</source>
            <translation>Contrasto alto</translation>
        </message>
        <message>
            <source>Low contrast</source>
            <translation>Contrasto basso</translation>
        </message>
        <message>
            <source>X %1 Y %2: RGB %3 %4 %5</source>
            <translation>X %1 Y %2: RGB %3 %4 %5</translation>
        </message>
        <message>
            <source>X %1 Y %2: %3</source>
            <translation>X %1 Y %2: %3</translation>
        </message>
        <message>
            <source>RGB</source>
            <translation>RGB</translation>
        </message>
        <message>
            <source>W %1 C %2</source>
            <translation>L %1 C %2</translation>
        </message>
        <message>
            <source>VOI LUT %1</source>
            <translation>VOI LUT %1</translation>
        </message>
        <message>
            <source>at detector</source>
            <translation>al rivelatore</translation>
        </message>
        <message>
            <source>calibrated</source>
            <translation>calibrata</translation>
        </message>
        <message>
            <source>calibration unknown</source>
            <translation>calibrazione sconosciuta</translation>
        </message>
        <message>
            <source>Pixel %1 x %2 mm (%3)</source>
            <translation>Pixel %1 x %2 mm (%3)</translation>
        </message>
        <message>
            <source>No pixel spacing</source>
            <translation>Spaziatura dei pixel assente</translation>
        </message>
        <message>
            <source>Drop a series here, or open a study (Ctrl+O)</source>
            <translation>Trascinare qui una serie o aprire uno studio (Ctrl+O)</translation>
        </message>
    </context>
</TS>
