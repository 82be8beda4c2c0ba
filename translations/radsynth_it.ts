<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT" sourcelanguage="en">
<context>
    <name>QObject</name>
    <message>
        <source>%1 objects could not be retrieved.</source>
        <translation>Non è stato possibile recuperare %1 oggetti.</translation>
    </message>
    <message>
        <source>Retrieval cancelled.</source>
        <translation>Recupero annullato.</translation>
    </message>
</context>
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
        <translation>Salva un&apos;immagine della finestra in FILE a caricamento completato, poi esce.</translation>
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
    <message>
        <source>Model bundle folder for generation (default: the bundled default model).</source>
        <translation>Cartella del modello per la generazione (predefinita: il modello incluso).</translation>
    </message>
    <message>
        <source>Do not generate automatically when a study is opened.</source>
        <translation>Non generare automaticamente all&apos;apertura di uno studio.</translation>
    </message>
    <message>
        <source>Window size, e.g. 1600x1000 (screenshots).</source>
        <translation>Dimensione della finestra, ad es. 1600x1000 (schermate).</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::AnyToAnyDialog</name>
    <message>
        <source>Frontal</source>
        <translation>Frontale</translation>
    </message>
    <message>
        <source>Lateral</source>
        <translation>Laterale</translation>
    </message>
    <message>
        <source>Any-to-any generation</source>
        <translation>Generazione da qualsiasi a qualsiasi</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>Ingressi</translation>
    </message>
    <message>
        <source>The study&apos;s frontal view</source>
        <translation>La proiezione frontale dello studio</translation>
    </message>
    <message>
        <source>The study&apos;s lateral view</source>
        <translation>La proiezione laterale dello studio</translation>
    </message>
    <message>
        <source>A report (typed, pasted or composed from findings)</source>
        <translation>Un referto (scritto, incollato o composto dai reperti)</translation>
    </message>
    <message>
        <source>Type or paste a report, or compose one from the findings below.</source>
        <translation>Scrivere o incollare un referto, oppure comporlo dai reperti qui sotto.</translation>
    </message>
    <message>
        <source>Compose report from findings</source>
        <translation>Componi il referto dai reperti</translation>
    </message>
    <message>
        <source>Findings (for teaching cases):</source>
        <translation>Reperti (per casi didattici):</translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation>Uscite</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Referto</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>Campionamento</translation>
    </message>
    <message>
        <source>DPM-Solver++ 2M</source>
        <translation>DPM-Solver++ 2M</translation>
    </message>
    <message>
        <source>DDIM</source>
        <translation>DDIM</translation>
    </message>
    <message>
        <source>Sampler</source>
        <translation>Campionatore</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Passi</translation>
    </message>
    <message>
        <source>Guidance</source>
        <translation>Guida</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seme</translation>
    </message>
    <message>
        <source>Variants</source>
        <translation>Varianti</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Genera</translation>
    </message>
    <message>
        <source>Model card...</source>
        <translation>Scheda del modello...</translation>
    </message>
    <message>
        <source>&lt;b&gt;Variants&lt;/b&gt; (one per seed)</source>
        <translation>&lt;b&gt;Varianti&lt;/b&gt; (una per seme)</translation>
    </message>
    <message>
        <source>Variation map</source>
        <translation>Mappa di variazione</translation>
    </message>
    <message>
        <source>Synthesized</source>
        <translation>Sintetizzata</translation>
    </message>
    <message>
        <source>Real (acquired)</source>
        <translation>Reale (acquisita)</translation>
    </message>
    <message>
        <source>Difference |synthesized - real|</source>
        <translation>Differenza |sintetizzata - reale|</translation>
    </message>
    <message>
        <source>Flicker synthesized / real</source>
        <translation>Alterna sintetizzata / reale</translation>
    </message>
    <message>
        <source>&lt;b&gt;Generated report&lt;/b&gt; (SYNTHETIC - not for diagnosis)</source>
        <translation>&lt;b&gt;Referto generato&lt;/b&gt; (SINTETICO - non per diagnosi)</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Non riuscito: %1</translation>
    </message>
    <message>
        <source>The study&apos;s frontal view (none open)</source>
        <translation>La proiezione frontale dello studio (nessuna aperta)</translation>
    </message>
    <message>
        <source>The study&apos;s lateral view (the study has none)</source>
        <translation>La proiezione laterale dello studio (lo studio non ne ha)</translation>
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
        <source>report</source>
        <translation>referto</translation>
    </message>
    <message>
        <source>the %1 is an input; it cannot also be generated</source>
        <translation>%1: è un ingresso, non può essere anche generato</translation>
    </message>
    <message>
        <source>no task makes a %1 from these inputs</source>
        <translation>nessun compito produce %1 da questi ingressi</translation>
    </message>
    <message>
        <source>choose at least one output</source>
        <translation>scegliere almeno un&apos;uscita</translation>
    </message>
    <message>
        <source>Will run: %1</source>
        <translation>Verrà eseguito: %1</translation>
    </message>
    <message numerus="yes">
        <source>Generating (%n job(s); progress in the Jobs panel)...</source>
        <translation>
            <numerusform>Generazione in corso (%n attività; avanzamento nel pannello Attività)...</numerusform>
            <numerusform>Generazione in corso (%n attività; avanzamento nel pannello Attività)...</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n image(s).</source>
        <translation>
            <numerusform>Fatto: %n immagine.</numerusform>
            <numerusform>Fatto: %n immagini.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, seed %2</source>
        <translation>%1, seme %2</translation>
    </message>
    <message>
        <source>Synthetic %1 view, variant %2 (seed %3)</source>
        <translation>Proiezione %1 sintetica, variante %2 (seme %3)</translation>
    </message>
    <message>
        <source>Variation map: std over %1 %2 variants (white = %3)</source>
        <translation>Mappa di variazione: dev. std su %1 varianti (%2) (bianco = %3)</translation>
    </message>
    <message>
        <source>Needs 2+ variants</source>
        <translation>Servono 2+ varianti</translation>
    </message>
    <message>
        <source>Nothing generated yet</source>
        <translation>Ancora nulla di generato</translation>
    </message>
    <message>
        <source>Flicker: REAL (acquired)</source>
        <translation>Alternanza: REALE (acquisita)</translation>
    </message>
    <message>
        <source>Flicker: SYNTHESIZED</source>
        <translation>Alternanza: SINTETIZZATA</translation>
    </message>
    <message>
        <source>Difference |synthesized - real| (mean %1; white = 0.5)</source>
        <translation>Differenza |sintetizzata - reale| (media %1; bianco = 0,5)</translation>
    </message>
    <message>
        <source>The study has no real
%1 view to compare</source>
        <translation>Lo studio non ha una
proiezione %1 reale da confrontare</translation>
    </message>
    <message>
        <source>No comparison</source>
        <translation>Nessun confronto</translation>
    </message>
    <message>
        <source>SYNTHETIC</source>
        <translation>SINTETICO</translation>
    </message>
    <message>
        <source>Report composed from real report sentences (sentence bank).</source>
        <translation>Referto composto da frasi di referti reali (banca di frasi).</translation>
    </message>
    <message>
        <source>%1 is present.</source>
        <translation>%1: presente.</translation>
    </message>
    <message>
        <source>No sentence bank in %1: the report lists the findings plainly.</source>
        <translation>Nessuna banca di frasi in %1: il referto elenca semplicemente i reperti.</translation>
    </message>
    <message>
        <source>FINDINGS: No acute cardiopulmonary abnormality.
IMPRESSION: Normal chest.</source>
        <translation>REPERTI: Nessuna anomalia cardiopolmonare acuta.
CONCLUSIONI: Torace nella norma.</translation>
    </message>
    <message>
        <source>FINDINGS: %1
IMPRESSION: %1</source>
        <translation>REPERTI: %1
CONCLUSIONI: %1</translation>
    </message>
    <message>
        <source>Model card</source>
        <translation>Scheda del modello</translation>
    </message>
    <message>
        <source>No model card at %1 (the model bundle is not installed, or has no card).</source>
        <translation>Nessuna scheda del modello in %1 (il modello non è installato o non ha una scheda).</translation>
    </message>
    <message>
        <source>Model&apos;s choice</source>
        <translation>Scelta del modello</translation>
    </message>
    <message>
        <source>Classifier-free guidance: higher follows the inputs more closely. &quot;Model&apos;s choice&quot; uses the scale the model recommends for each task (chosen on validation data).</source>
        <translation>Guida classifier-free: valori più alti seguono più da vicino gli input. &quot;Scelta del modello&quot; usa il valore che il modello raccomanda per ogni compito (scelto sui dati di validazione).</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::ExportController</name>
    <message>
        <source>Nothing to export: generate a lateral view or a report first.</source>
        <translation>Niente da esportare: generare prima una proiezione laterale o un referto.</translation>
    </message>
    <message>
        <source>Export %1 to %2</source>
        <translation>Esporta %1 in %2</translation>
    </message>
    <message>
        <source>results</source>
        <translation>risultati</translation>
    </message>
    <message>
        <source>Exporting to %1...</source>
        <translation>Esportazione in %1...</translation>
    </message>
    <message>
        <source>Nothing to send: generate a lateral view or a report first.</source>
        <translation>Niente da inviare: generare prima una proiezione laterale o un referto.</translation>
    </message>
    <message>
        <source>Send %1 to %2</source>
        <translation>Invia %1 a %2</translation>
    </message>
    <message>
        <source>Sending to %1...</source>
        <translation>Invio a %1...</translation>
    </message>
    <message>
        <source>Send to PACS</source>
        <translation>Invia al PACS</translation>
    </message>
    <message>
        <source>No PACS node is configured. Add one in File &gt; Query/Retrieve... (Nodes), then send again.</source>
        <translation>Nessun nodo PACS configurato. Aggiungerne uno in File &gt; Interroga/Recupera... (Nodi), poi inviare di nuovo.</translation>
    </message>
    <message>
        <source>Exported 1 file to %1</source>
        <translation>Esportato 1 file in %1</translation>
    </message>
    <message>
        <source>Exported %1 files to %2</source>
        <translation>Esportati %1 file in %2</translation>
    </message>
    <message>
        <source>Sent 1 object to %1.</source>
        <translation>Inviato 1 oggetto a %1.</translation>
    </message>
    <message>
        <source>Sent %1 objects to %2.</source>
        <translation>Inviati %1 oggetti a %2.</translation>
    </message>
    <message>
        <source>Export failed: %1. Nothing was left half-written; the report draft is unchanged.</source>
        <translation>Esportazione non riuscita: %1. Non è rimasto alcun file scritto a metà; la bozza del referto è invariata.</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Esportazione non riuscita</translation>
    </message>
    <message>
        <source>Sending to PACS failed: %1. The report draft is unchanged; see Generate &gt; Sent to PACS... for the log.</source>
        <translation>Invio al PACS non riuscito: %1. La bozza del referto è invariata; il registro è in Genera &gt; Cronologia degli invii al PACS...</translation>
    </message>
    <message>
        <source>Send to PACS failed</source>
        <translation>Invio al PACS non riuscito</translation>
    </message>
    <message>
        <source>Export cancelled; the files written so far were removed.</source>
        <translation>Esportazione annullata; i file scritti fino a quel momento sono stati rimossi.</translation>
    </message>
    <message>
        <source>Sending to PACS cancelled.</source>
        <translation>Invio al PACS annullato.</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::ExportDialog</name>
    <message>
        <source>Export generated results</source>
        <translation>Esporta i risultati generati</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Cartella:</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Sfoglia...</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Referto</translation>
    </message>
    <message>
        <source>DICOM Structured Report (Basic Text SR)</source>
        <translation>DICOM Structured Report (Basic Text SR)</translation>
    </message>
    <message>
        <source>PDF (report with the marked images)</source>
        <translation>PDF (referto con le immagini contrassegnate)</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>Testo semplice</translation>
    </message>
    <message>
        <source>Synthetic images</source>
        <translation>Immagini sintetiche</translation>
    </message>
    <message>
        <source>DICOM Secondary Capture</source>
        <translation>DICOM Secondary Capture</translation>
    </message>
    <message>
        <source>PNG with the burned-in SYNTHETIC mark</source>
        <translation>PNG con il contrassegno SYNTHETIC impresso nei pixel</translation>
    </message>
    <message>
        <source>Every synthetic image carries &quot;SYNTHETIC - not for diagnosis&quot; and its provenance burned into the pixels; the PDF (on every page) and the text name the report&apos;s state.</source>
        <translation>Ogni immagine sintetica porta &quot;SYNTHETIC - not for diagnosis&quot; e la sua provenienza impressi nei pixel; il PDF (su ogni pagina) e il testo indicano lo stato del referto.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Esporta</translation>
    </message>
    <message>
        <source>There is no report for this study.</source>
        <translation>Per questo studio non c&apos;è alcun referto.</translation>
    </message>
    <message>
        <source>There is no synthetic image for this study.</source>
        <translation>Per questo studio non c&apos;è alcuna immagine sintetica.</translation>
    </message>
    <message>
        <source>DICOM Secondary Capture (in the source study, referencing the source image)</source>
        <translation>DICOM Secondary Capture (nello studio di origine, con riferimento all&apos;immagine di origine)</translation>
    </message>
    <message>
        <source>DICOM Secondary Capture (in a new synthetic study: the source is not DICOM)</source>
        <translation>DICOM Secondary Capture (in un nuovo studio sintetico: l&apos;origine non è DICOM)</translation>
    </message>
    <message>
        <source>a generated draft (SR: PARTIAL, UNVERIFIED)</source>
        <translation>una bozza generata (SR: PARTIAL, UNVERIFIED)</translation>
    </message>
    <message>
        <source>edited, not signed (SR: PARTIAL, UNVERIFIED)</source>
        <translation>modificato, non firmato (SR: PARTIAL, UNVERIFIED)</translation>
    </message>
    <message>
        <source>signed (SR: COMPLETE, VERIFIED)</source>
        <translation>firmato (SR: COMPLETE, VERIFIED)</translation>
    </message>
    <message>
        <source>Study: %1</source>
        <translation>Studio: %1</translation>
    </message>
    <message>
        <source>Report: %1</source>
        <translation>Referto: %1</translation>
    </message>
    <message>
        <source>1 synthetic image</source>
        <translation>1 immagine sintetica</translation>
    </message>
    <message>
        <source>%1 synthetic images</source>
        <translation>%1 immagini sintetiche</translation>
    </message>
    <message>
        <source>Export into folder</source>
        <translation>Esporta nella cartella</translation>
    </message>
    <message>
        <source>Choose a folder.</source>
        <translation>Scegliere una cartella.</translation>
    </message>
    <message>
        <source>Tick at least one format.</source>
        <translation>Selezionare almeno un formato.</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::JobsPanel</name>
    <message>
        <source>Clear finished</source>
        <translation>Rimuovi completate</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>sconosciuto</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Cancel this job</source>
        <translation>Annulla questa attività</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Riprova</translation>
    </message>
    <message>
        <source>Run this job again</source>
        <translation>Esegui di nuovo questa attività</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fatto</translation>
    </message>
    <message>
        <source>elapsed %1</source>
        <translation>trascorso %1</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>circa %1 rimanenti</translation>
    </message>
    <message>
        <source>took %1</source>
        <translation>durata %1</translation>
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
        <translation>Misura: trascinare sull&apos;immagine; Esc esce dalla modalità di misura</translation>
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
        <translation>Selezionare prima una serie o visualizzare un&apos;immagine.</translation>
    </message>
    <message>
        <source>About RadSynth</source>
        <translation>Informazioni su RadSynth</translation>
    </message>
    <message>
        <source>&lt;b&gt;RadSynth %1&lt;/b&gt;&lt;br&gt;A chest X-ray workstation: read studies, draft reports and generate images with an any-to-any model.&lt;br&gt;Not for primary diagnosis.</source>
        <translation>&lt;b&gt;RadSynth %1&lt;/b&gt;&lt;br&gt;Una workstation per radiografie del torace: refertare studi, preparare bozze di referto e generare immagini con un modello any-to-any.&lt;br&gt;Non destinato alla diagnosi primaria.</translation>
    </message>
    <message>
        <source>&amp;Query/Retrieve...</source>
        <translation>&amp;Interroga/Recupera...</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Referto</translation>
    </message>
    <message>
        <source>The report draft was NOT saved: %1</source>
        <translation>La bozza del referto NON è stata salvata: %1</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Attività</translation>
    </message>
    <message>
        <source>Generation finished.</source>
        <translation>Generazione completata.</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Genera</translation>
    </message>
    <message>
        <source>Synthesize &amp;lateral and draft report</source>
        <translation>Sintetizza la &amp;laterale e la bozza del referto</translation>
    </message>
    <message>
        <source>&amp;Any-to-any...</source>
        <translation>&amp;Qualsiasi a qualsiasi...</translation>
    </message>
    <message>
        <source>Generate &amp;automatically on open</source>
        <translation>Genera &amp;automaticamente all&apos;apertura</translation>
    </message>
    <message>
        <source>Generation skipped: no model bundle in %1 (the default model is not installed). Images and reports can still be read.</source>
        <translation>Generazione saltata: nessun modello in %1 (il modello predefinito non è installato). Immagini e referti restano consultabili.</translation>
    </message>
    <message>
        <source>Open a study with a frontal view first.</source>
        <translation>Aprire prima uno studio con una proiezione frontale.</translation>
    </message>
    <message>
        <source>Study %1</source>
        <translation>Studio %1</translation>
    </message>
    <message>
        <source>synthesizing...</source>
        <translation>sintesi in corso...</translation>
    </message>
    <message>
        <source>Synthesizing the lateral view (see Jobs)...</source>
        <translation>Sintesi della proiezione laterale in corso (vedi Attività)...</translation>
    </message>
    <message>
        <source>%1, seed %2</source>
        <translation>%1, seme %2</translation>
    </message>
    <message>
        <source>Synthesizing the lateral view and drafting the report in the background...</source>
        <translation>Sintesi della laterale e bozza del referto in background...</translation>
    </message>
    <message>
        <source>The model returned no lateral image.</source>
        <translation>Il modello non ha restituito alcuna immagine laterale.</translation>
    </message>
    <message>
        <source>Synthetic lateral</source>
        <translation>Laterale sintetica</translation>
    </message>
    <message>
        <source>lateral (synthesized)</source>
        <translation>laterale (sintetizzata)</translation>
    </message>
    <message>
        <source>This study already has an edited report; the new draft was not applied.</source>
        <translation>Questo studio ha già un referto modificato; la nuova bozza non è stata applicata.</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 non riuscito: %2</translation>
    </message>
    <message>
        <source>Synthesis failed (see Jobs): %1</source>
        <translation>Sintesi non riuscita (vedi Attività): %1</translation>
    </message>
    <message>
        <source>&amp;Recover report drafts...</source>
        <translation>&amp;Recupera bozze di referto...</translation>
    </message>
    <message>
        <source>No unsigned report drafts to recover.</source>
        <translation>Nessuna bozza di referto non firmata da recuperare.</translation>
    </message>
    <message>
        <source>&amp;Export...</source>
        <translation>&amp;Esporta...</translation>
    </message>
    <message>
        <source>Export the report (DICOM SR, PDF, text) and the synthetic images (DICOM SC, PNG) into a folder</source>
        <translation>Esporta il referto (DICOM SR, PDF, testo) e le immagini sintetiche (DICOM SC, PNG) in una cartella</translation>
    </message>
    <message>
        <source>Send to &amp;PACS...</source>
        <translation>Invia al &amp;PACS...</translation>
    </message>
    <message>
        <source>Send the report (DICOM SR) and the synthetic images (DICOM SC) to a PACS node</source>
        <translation>Invia il referto (DICOM SR) e le immagini sintetiche (DICOM SC) a un nodo PACS</translation>
    </message>
    <message>
        <source>Sent to PACS &amp;history...</source>
        <translation>&amp;Cronologia degli invii al PACS...</translation>
    </message>
    <message>
        <source>Nothing to export: open a study and generate first (Generate &gt; Synthesize lateral and draft report).</source>
        <translation>Niente da esportare: aprire uno studio e generare prima (Genera &gt; Sintetizza la laterale e la bozza del referto).</translation>
    </message>
    <message>
        <source>Nothing to export yet: the lateral view and the report are still being generated (see Jobs).</source>
        <translation>Ancora niente da esportare: la proiezione laterale e il referto sono ancora in generazione (vedi Attività).</translation>
    </message>
    <message>
        <source>frontal</source>
        <translation>frontale</translation>
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
    <name>radsynth::ui::OodStatusLabel</name>
    <message>
        <source>Checking the inputs against the model&apos;s training data...</source>
        <translation>Confronto degli ingressi con i dati di addestramento del modello...</translation>
    </message>
    <message>
        <source>why?</source>
        <translation>perché?</translation>
    </message>
    <message>
        <source>Out-of-distribution check</source>
        <translation>Controllo out-of-distribution</translation>
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
    <name>radsynth::ui::PacsNodesDialog</name>
    <message>
        <source>PACS nodes</source>
        <translation>Nodi PACS</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::PacsNodesSettings</name>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>AE title</source>
        <translation>AE title</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Porta</translation>
    </message>
    <message>
        <source>Retrieve with</source>
        <translation>Recupero con</translation>
    </message>
    <message>
        <source>Add node</source>
        <translation>Aggiungi nodo</translation>
    </message>
    <message>
        <source>Remove node</source>
        <translation>Rimuovi nodo</translation>
    </message>
    <message>
        <source>New PACS</source>
        <translation>Nuovo PACS</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>RadSynth AE title:</source>
        <translation>AE title di RadSynth:</translation>
    </message>
    <message>
        <source>Storage port (C-MOVE destination):</source>
        <translation>Porta di archiviazione (destinazione C-MOVE):</translation>
    </message>
    <message>
        <source>Network timeout:</source>
        <translation>Timeout di rete:</translation>
    </message>
    <message>
        <source>C-GET</source>
        <translation>C-GET</translation>
    </message>
    <message>
        <source>C-MOVE</source>
        <translation>C-MOVE</translation>
    </message>
    <message>
        <source>RadSynth AE title: %1</source>
        <translation>AE title di RadSynth: %1</translation>
    </message>
    <message>
        <source>Two nodes are named &quot;%1&quot;.</source>
        <translation>Due nodi si chiamano &quot;%1&quot;.</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::QueryRetrieveDialog</name>
    <message>
        <source>Query/Retrieve</source>
        <translation>Query/Retrieve</translation>
    </message>
    <message>
        <source>Nodes...</source>
        <translation>Nodi...</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verifica connessione</translation>
    </message>
    <message>
        <source>PACS:</source>
        <translation>PACS:</translation>
    </message>
    <message>
        <source>e.g. DOE^J* (wildcards * and ?)</source>
        <translation>es. ROSSI^M* (caratteri jolly * e ?)</translation>
    </message>
    <message>
        <source>YYYYMMDD</source>
        <translation>AAAAMMGG</translation>
    </message>
    <message>
        <source>e.g. *CHEST*</source>
        <translation>es. *CHEST*</translation>
    </message>
    <message>
        <source>Patient name:</source>
        <translation>Nome paziente:</translation>
    </message>
    <message>
        <source>Patient ID:</source>
        <translation>ID paziente:</translation>
    </message>
    <message>
        <source>Study date from:</source>
        <translation>Data studio dal:</translation>
    </message>
    <message>
        <source>to:</source>
        <translation>al:</translation>
    </message>
    <message>
        <source>Modality:</source>
        <translation>Modalità:</translation>
    </message>
    <message>
        <source>Accession number:</source>
        <translation>Numero di accettazione:</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Descrizione:</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Cerca</translation>
    </message>
    <message>
        <source>Patient name</source>
        <translation>Nome paziente</translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation>ID paziente</translation>
    </message>
    <message>
        <source>Study date</source>
        <translation>Data studio</translation>
    </message>
    <message>
        <source>Modalities</source>
        <translation>Modalità</translation>
    </message>
    <message>
        <source>Accession</source>
        <translation>N. accettazione</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descrizione</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Serie</translation>
    </message>
    <message>
        <source>Instances</source>
        <translation>Istanze</translation>
    </message>
    <message>
        <source>Retrieve selected</source>
        <translation>Recupera selezionati</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Chiudi</translation>
    </message>
    <message>
        <source>Connection OK (C-ECHO answered).</source>
        <translation>Connessione riuscita (risposta a C-ECHO ricevuta).</translation>
    </message>
    <message numerus="yes">
        <source>%n studies found.</source>
        <translation>
            <numerusform>%n studio trovato.</numerusform>
            <numerusform>%n studi trovati.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Retrieved %n objects.</source>
        <translation>
            <numerusform>Recuperato %n oggetto.</numerusform>
            <numerusform>Recuperati %n oggetti.</numerusform>
        </translation>
    </message>
    <message>
        <source>No PACS node configured: add one with &quot;Nodes...&quot;.</source>
        <translation>Nessun nodo PACS configurato: aggiungerne uno con &quot;Nodi...&quot;.</translation>
    </message>
    <message>
        <source>Choose a PACS node first.</source>
        <translation>Selezionare prima un nodo PACS.</translation>
    </message>
    <message>
        <source>Testing the connection to %1...</source>
        <translation>Verifica della connessione a %1...</translation>
    </message>
    <message>
        <source>Searching %1...</source>
        <translation>Ricerca su %1...</translation>
    </message>
    <message numerus="yes">
        <source>Retrieving %n studies with %1...</source>
        <translation>
            <numerusform>Recupero di %n studio con %1...</numerusform>
            <numerusform>Recupero di %n studi con %1...</numerusform>
        </translation>
    </message>
    <message>
        <source>Study %1 of %2: %3 objects received, %4 failed.</source>
        <translation>Studio %1 di %2: %3 oggetti ricevuti, %4 non riusciti.</translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation>Annullamento in corso...</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::RecoveryDialog</name>
    <message>
        <source>Recover unsigned reports</source>
        <translation>Recupera referti non firmati</translation>
    </message>
    <message>
        <source>These reports were being edited and were never signed. Choose one to continue editing it; the others stay saved.</source>
        <translation>Questi referti erano in modifica e non sono mai stati firmati. Selezionarne uno per continuare a modificarlo; gli altri restano salvati.</translation>
    </message>
    <message>
        <source>%1 - %2, last change %3
%4</source>
        <translation>%1 - %2, ultima modifica %3
%4</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Referto</translation>
    </message>
    <message>
        <source>Recover</source>
        <translation>Recupera</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Più tardi</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::ReportEditor</name>
    <message>
        <source>present</source>
        <translation>presente</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>assente</translation>
    </message>
    <message>
        <source>uncertain</source>
        <translation>incerto</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>Generato</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>Modificato</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Firmato</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Riaperto</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Ripeti</translation>
    </message>
    <message>
        <source>Indication</source>
        <translation>Indicazione</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>Confronto</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Reperti</translation>
    </message>
    <message>
        <source>Impression</source>
        <translation>Conclusioni</translation>
    </message>
    <message>
        <source>Go to the %1 section (adds the heading when the report has none)</source>
        <translation>Vai alla sezione %1 (aggiunge l&apos;intestazione se il referto non la contiene)</translation>
    </message>
    <message>
        <source>Sign...</source>
        <translation>Firma...</translation>
    </message>
    <message>
        <source>Reopen...</source>
        <translation>Riapri...</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Reperto</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>Menzioni</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Ora</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Modifica</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Autore</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Cronologia</translation>
    </message>
    <message>
        <source>NOT SAVED: %1</source>
        <translation>NON SALVATO: %1</translation>
    </message>
    <message>
        <source>Sign report</source>
        <translation>Firma referto</translation>
    </message>
    <message>
        <source>Reviewer&apos;s name (the report becomes read-only until reopened):</source>
        <translation>Nome del refertante (il referto resta in sola lettura finché non viene riaperto):</translation>
    </message>
    <message>
        <source>Reopen report</source>
        <translation>Riapri referto</translation>
    </message>
    <message>
        <source>Who reopens the signed report:</source>
        <translation>Chi riapre il referto firmato:</translation>
    </message>
    <message>
        <source>GENERATED DRAFT - not reviewed. Check every statement against the images before signing.</source>
        <translation>BOZZA GENERATA - non revisionata. Verificare ogni affermazione sulle immagini prima di firmare.</translation>
    </message>
    <message>
        <source>EDITED DRAFT - not signed. Changes are saved as you type.</source>
        <translation>BOZZA MODIFICATA - non firmata. Le modifiche vengono salvate durante la digitazione.</translation>
    </message>
    <message>
        <source>SIGNED by %1 at %2 - read-only (Reopen to amend)</source>
        <translation>FIRMATO da %1 il %2 - sola lettura (Riapri per modificare)</translation>
    </message>
    <message>
        <source>Provenance: SYNTHETIC text generated by model %1 %2, task %3, seed %4%5</source>
        <translation>Provenienza: testo SINTETICO generato dal modello %1 %2, attività %3, seed %4%5</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(nessuno)</translation>
    </message>
    <message>
        <source>, %1</source>
        <translation>, %1</translation>
    </message>
    <message>
        <source>Other model draft</source>
        <translation>Altra bozza del modello</translation>
    </message>
    <message>
        <source> (?)</source>
        <translation> (?)</translation>
    </message>
    <message>
        <source>no acute findings</source>
        <translation>nessun reperto acuto</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copia</translation>
    </message>
    <message>
        <source>Copy the report as plain text</source>
        <translation>Copia il referto come testo semplice</translation>
    </message>
    <message>
        <source>The model&apos;s other drafts for this study, best agreement with the image findings first</source>
        <translation>Le altre bozze del modello per questo studio, prima le più concordi con i reperti dell&apos;immagine</translation>
    </message>
    <message>
        <source>Go to:</source>
        <translation>Vai a:</translation>
    </message>
    <message>
        <source>Use another draft</source>
        <translation>Usa un&apos;altra bozza</translation>
    </message>
    <message>
        <source>Replace the edited text with the model&apos;s draft %1? Undo brings your text back; the history keeps it.</source>
        <translation>Sostituire il testo modificato con la bozza %1 del modello? Annulla ripristina il testo; la cronologia lo conserva.</translation>
    </message>
    <message>
        <source>Draft %1: %2</source>
        <translation>Bozza %1: %2</translation>
    </message>
    <message>
        <source>  (the model&apos;s pick)</source>
        <translation>  (scelta del modello)</translation>
    </message>
    <message>
        <source>Drafts (%1)</source>
        <translation>Bozze (%1)</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::SendToPacsDialog</name>
    <message>
        <source>Send to PACS</source>
        <translation>Invia al PACS</translation>
    </message>
    <message>
        <source>PACS node:</source>
        <translation>Nodo PACS:</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Invia</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>1 synthetic image</source>
        <translation>1 immagine sintetica</translation>
    </message>
    <message>
        <source>%1 synthetic images</source>
        <translation>%1 immagini sintetiche</translation>
    </message>
    <message>
        <source>Send %1 to %2?</source>
        <translation>Inviare %1 a %2?</translation>
    </message>
    <message>
        <source>the signed report</source>
        <translation>il referto firmato</translation>
    </message>
    <message>
        <source>the UNSIGNED report</source>
        <translation>il referto NON FIRMATO</translation>
    </message>
    <message>
        <source>Send %1 and %2 to %3?</source>
        <translation>Inviare %1 e %2 a %3?</translation>
    </message>
    <message>
        <source>No PACS node is configured. Add one in File &gt; Query/Retrieve... &gt; Nodes.</source>
        <translation>Nessun nodo PACS configurato. Aggiungerne uno in File &gt; Interroga/Recupera... &gt; Nodi.</translation>
    </message>
    <message>
        <source>The report is a generated draft that nobody has reviewed: it goes to the PACS marked PARTIAL / UNVERIFIED.</source>
        <translation>Il referto è una bozza generata che nessuno ha revisionato: viene inviato al PACS contrassegnato come PARTIAL / UNVERIFIED.</translation>
    </message>
    <message>
        <source>The report is edited but not signed: it goes to the PACS marked PARTIAL / UNVERIFIED.</source>
        <translation>Il referto è modificato ma non firmato: viene inviato al PACS contrassegnato come PARTIAL / UNVERIFIED.</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::SentHistoryDialog</name>
    <message>
        <source>Sent to PACS</source>
        <translation>Inviati al PACS</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Ora</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nodo</translation>
    </message>
    <message>
        <source>Objects</source>
        <translation>Oggetti</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Referto</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Risultato</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aggiorna</translation>
    </message>
    <message>
        <source>Basic Text SR</source>
        <translation>Basic Text SR</translation>
    </message>
    <message>
        <source>Secondary Capture</source>
        <translation>Secondary Capture</translation>
    </message>
    <message>
        <source>Nothing was sent yet. Log: %1</source>
        <translation>Non è stato ancora inviato nulla. Registro: %1</translation>
    </message>
    <message>
        <source>%1 sendings. Log: %2</source>
        <translation>Invii: %1. Registro: %2</translation>
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
    <message>
        <source>SYNTHETIC - not for diagnosis</source>
        <translation>SINTETICO - non per diagnosi</translation>
    </message>
</context>
<context>
    <name>radsynth::workflow</name>
    <message>
        <source>Generate %1 (seed %2)</source>
        <translation>Genera %1 (seed %2)</translation>
    </message>
    <message>
        <source>step %1 of %2</source>
        <translation>passo %1 di %2</translation>
    </message>
    <message>
        <source>Loading</source>
        <translation>Caricamento</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>Generazione</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Esportazione</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>Valutazione</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Attività</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>In coda</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>In esecuzione</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Completata</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Non riuscita</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annullata</translation>
    </message>
    <message>
        <source>Generated draft</source>
        <translation>Bozza generata</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>Modificato</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Firmato</translation>
    </message>
    <message>
        <source>Check inputs against the training data</source>
        <translation>Confronta gli ingressi con i dati di addestramento</translation>
    </message>
    <message>
        <source>out-of-distribution check failed: %1</source>
        <translation>controllo out-of-distribution non riuscito: %1</translation>
    </message>
    <message>
        <source>out-of-distribution check unavailable: %1</source>
        <translation>controllo out-of-distribution non disponibile: %1</translation>
    </message>
    <message>
        <source>out-of-distribution check unavailable (bundle not evaluated)</source>
        <translation>controllo out-of-distribution non disponibile (modello non valutato)</translation>
    </message>
    <message>
        <source>Input unlike the model&apos;s training data (score %1 times the threshold): treat the synthetic output with extra caution</source>
        <translation>Ingresso diverso dai dati di addestramento del modello (punteggio %1 volte la soglia): trattare il risultato sintetico con particolare cautela</translation>
    </message>
    <message>
        <source>Input within the model&apos;s training data (score %1 of the threshold)</source>
        <translation>Ingresso in linea con i dati di addestramento del modello (punteggio %1 volte la soglia)</translation>
    </message>
    <message>
        <source>The out-of-distribution check compares an input image with the images the model was trained on. It needs the thresholds that &apos;radsynth-cli evaluate&apos; writes into the model bundle (ood.json); %1</source>
        <translation>Il controllo out-of-distribution confronta un&apos;immagine di ingresso con le immagini su cui il modello è stato addestrato. Richiede le soglie che &quot;radsynth-cli evaluate&quot; scrive nella cartella del modello (ood.json); %1</translation>
    </message>
    <message>
        <source>Two scores, computed with the model&apos;s own components, each compared with a threshold set at the %1th percentile of %2 validation images (so about %3 % of ordinary inputs exceed one of them):</source>
        <translation>Due punteggi, calcolati con i componenti del modello stesso, ciascuno confrontato con una soglia fissata al %1° percentile di %2 immagini di validazione (quindi circa il %3 % degli ingressi ordinari ne supera una):</translation>
    </message>
    <message>
        <source>- encoder distance: %1 (threshold %2, %3 times): 1 - the highest cosine similarity of the image&apos;s embedding to the training images&apos; embeddings;</source>
        <translation>- distanza dell&apos;encoder: %1 (soglia %2, %3 volte): 1 - la massima similarità del coseno tra l&apos;embedding dell&apos;immagine e gli embedding delle immagini di addestramento;</translation>
    </message>
    <message>
        <source>- reconstruction error: %1 (threshold %2, %3 times): how badly the model&apos;s autoencoder redraws the image.</source>
        <translation>- errore di ricostruzione: %1 (soglia %2, %3 volte): quanto male l&apos;autoencoder del modello ridisegna l&apos;immagine.</translation>
    </message>
    <message>
        <source>- reconstruction error: not used (the bundle has no autoencoder).</source>
        <translation>- errore di ricostruzione: non usato (il modello non ha un autoencoder).</translation>
    </message>
    <message>
        <source>The input is out of distribution because a score is above its threshold (the higher ratio is %1): the model was not trained on images like it, so what it synthesizes from it is less reliable.</source>
        <translation>L&apos;ingresso è fuori distribuzione perché un punteggio supera la sua soglia (il rapporto più alto è %1): il modello non è stato addestrato su immagini simili, quindi ciò che sintetizza a partire da esso è meno affidabile.</translation>
    </message>
    <message>
        <source>Both scores are within their thresholds.</source>
        <translation>Entrambi i punteggi rientrano nelle rispettive soglie.</translation>
    </message>
</context>
<context>
    <name>radsynth::workflow::JobScheduler</name>
    <message>
        <source>Cancelling...</source>
        <translation>Annullamento in corso...</translation>
    </message>
</context>
</TS>
