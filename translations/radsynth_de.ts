<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>QObject</name>
    <message>
        <source>%1 objects could not be retrieved.</source>
        <translation>%1 Objekte konnten nicht abgerufen werden.</translation>
    </message>
    <message>
        <source>Retrieval cancelled.</source>
        <translation>Abruf abgebrochen.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>RadSynth chest X-ray workstation</source>
        <translation>RadSynth, Befundungsarbeitsplatz für Thorax-Röntgenaufnahmen</translation>
    </message>
    <message>
        <source>Open the demo study in DIR (default: the bundled sample study).</source>
        <translation>Öffnet die Demo-Studie in DIR (Standard: die mitgelieferte Beispielstudie).</translation>
    </message>
    <message>
        <source>Save a picture of the window to FILE once everything is loaded, then exit.</source>
        <translation>Speichert nach dem Laden ein Bild des Fensters in FILE und beendet das Programm.</translation>
    </message>
    <message>
        <source>Exit after MS milliseconds.</source>
        <translation>Beendet das Programm nach MS Millisekunden.</translation>
    </message>
    <message>
        <source>Viewport layout: 1x1, 1x2, 1x3 or 2x2.</source>
        <translation>Anordnung der Ansichten: 1x1, 1x2, 1x3 oder 2x2.</translation>
    </message>
    <message>
        <source>DICOM files, folders or DICOMDIRs to open.</source>
        <translation>Zu öffnende DICOM-Dateien, Ordner oder DICOMDIRs.</translation>
    </message>
    <message>
        <source>Model bundle folder for generation (default: the bundled default model).</source>
        <translation>Modellordner für die Generierung (Standard: das mitgelieferte Standardmodell).</translation>
    </message>
    <message>
        <source>Do not generate automatically when a study is opened.</source>
        <translation>Beim Öffnen einer Studie nicht automatisch generieren.</translation>
    </message>
    <message>
        <source>Window size, e.g. 1600x1000 (screenshots).</source>
        <translation>Fenstergröße, z. B. 1600x1000 (Bildschirmfotos).</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::AnyToAnyDialog</name>
    <message>
        <source>Frontal</source>
        <translation>Frontal</translation>
    </message>
    <message>
        <source>Lateral</source>
        <translation>Lateral</translation>
    </message>
    <message>
        <source>Any-to-any generation</source>
        <translation>Generierung beliebig zu beliebig</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>Eingaben</translation>
    </message>
    <message>
        <source>The study&apos;s frontal view</source>
        <translation>Die Frontalaufnahme der Studie</translation>
    </message>
    <message>
        <source>The study&apos;s lateral view</source>
        <translation>Die Seitaufnahme der Studie</translation>
    </message>
    <message>
        <source>A report (typed, pasted or composed from findings)</source>
        <translation>Ein Befund (getippt, eingefügt oder aus Befunden zusammengestellt)</translation>
    </message>
    <message>
        <source>Type or paste a report, or compose one from the findings below.</source>
        <translation>Befund tippen oder einfügen, oder aus den Befunden unten zusammenstellen.</translation>
    </message>
    <message>
        <source>Compose report from findings</source>
        <translation>Befund aus Befunden zusammenstellen</translation>
    </message>
    <message>
        <source>Findings (for teaching cases):</source>
        <translation>Befunde (für Lehrfälle):</translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation>Ausgaben</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>Sampling</translation>
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
        <translation>Sampler</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Guidance</source>
        <translation>Guidance</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Variants</source>
        <translation>Varianten</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Generieren</translation>
    </message>
    <message>
        <source>Model card...</source>
        <translation>Modellkarte...</translation>
    </message>
    <message>
        <source>&lt;b&gt;Variants&lt;/b&gt; (one per seed)</source>
        <translation>&lt;b&gt;Varianten&lt;/b&gt; (eine pro Seed)</translation>
    </message>
    <message>
        <source>Variation map</source>
        <translation>Variationskarte</translation>
    </message>
    <message>
        <source>Synthesized</source>
        <translation>Synthetisiert</translation>
    </message>
    <message>
        <source>Real (acquired)</source>
        <translation>Real (aufgenommen)</translation>
    </message>
    <message>
        <source>Difference |synthesized - real|</source>
        <translation>Differenz |synthetisiert - real|</translation>
    </message>
    <message>
        <source>Flicker synthesized / real</source>
        <translation>Wechseln synthetisiert / real</translation>
    </message>
    <message>
        <source>&lt;b&gt;Generated report&lt;/b&gt; (SYNTHETIC - not for diagnosis)</source>
        <translation>&lt;b&gt;Generierter Befund&lt;/b&gt; (SYNTHETISCH - nicht zur Diagnose)</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The study&apos;s frontal view (none open)</source>
        <translation>Die Frontalaufnahme der Studie (keine geöffnet)</translation>
    </message>
    <message>
        <source>The study&apos;s lateral view (the study has none)</source>
        <translation>Die Seitaufnahme der Studie (die Studie hat keine)</translation>
    </message>
    <message>
        <source>frontal</source>
        <translation>Frontalaufnahme</translation>
    </message>
    <message>
        <source>lateral</source>
        <translation>Seitaufnahme</translation>
    </message>
    <message>
        <source>report</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>the %1 is an input; it cannot also be generated</source>
        <translation>%1: ist eine Eingabe und kann nicht auch generiert werden</translation>
    </message>
    <message>
        <source>no task makes a %1 from these inputs</source>
        <translation>keine Aufgabe erzeugt %1 aus diesen Eingaben</translation>
    </message>
    <message>
        <source>choose at least one output</source>
        <translation>mindestens eine Ausgabe wählen</translation>
    </message>
    <message>
        <source>Will run: %1</source>
        <translation>Wird ausgeführt: %1</translation>
    </message>
    <message numerus="yes">
        <source>Generating (%n job(s); progress in the Jobs panel)...</source>
        <translation>
            <numerusform>Generierung läuft (%n Auftrag; Fortschritt im Bereich Aufträge)...</numerusform>
            <numerusform>Generierung läuft (%n Aufträge; Fortschritt im Bereich Aufträge)...</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n image(s).</source>
        <translation>
            <numerusform>Fertig: %n Bild.</numerusform>
            <numerusform>Fertig: %n Bilder.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, seed %2</source>
        <translation>%1, Seed %2</translation>
    </message>
    <message>
        <source>Synthetic %1 view, variant %2 (seed %3)</source>
        <translation>Synthetische Aufnahme %1, Variante %2 (Seed %3)</translation>
    </message>
    <message>
        <source>Variation map: std over %1 %2 variants (white = %3)</source>
        <translation>Variationskarte: Std.-Abw. über %1 Varianten (%2) (weiß = %3)</translation>
    </message>
    <message>
        <source>Needs 2+ variants</source>
        <translation>Benötigt 2+ Varianten</translation>
    </message>
    <message>
        <source>Nothing generated yet</source>
        <translation>Noch nichts generiert</translation>
    </message>
    <message>
        <source>Flicker: REAL (acquired)</source>
        <translation>Wechsel: REAL (aufgenommen)</translation>
    </message>
    <message>
        <source>Flicker: SYNTHESIZED</source>
        <translation>Wechsel: SYNTHETISIERT</translation>
    </message>
    <message>
        <source>Difference |synthesized - real| (mean %1; white = 0.5)</source>
        <translation>Differenz |synthetisiert - real| (Mittel %1; weiß = 0,5)</translation>
    </message>
    <message>
        <source>The study has no real
%1 view to compare</source>
        <translation>Die Studie hat keine reale
%1 zum Vergleich</translation>
    </message>
    <message>
        <source>No comparison</source>
        <translation>Kein Vergleich</translation>
    </message>
    <message>
        <source>SYNTHETIC</source>
        <translation>SYNTHETISCH</translation>
    </message>
    <message>
        <source>Report composed from real report sentences (sentence bank).</source>
        <translation>Befund aus Sätzen realer Befunde zusammengestellt (Satzbank).</translation>
    </message>
    <message>
        <source>%1 is present.</source>
        <translation>%1: vorhanden.</translation>
    </message>
    <message>
        <source>No sentence bank in %1: the report lists the findings plainly.</source>
        <translation>Keine Satzbank in %1: der Befund listet die Befunde einfach auf.</translation>
    </message>
    <message>
        <source>FINDINGS: No acute cardiopulmonary abnormality.
IMPRESSION: Normal chest.</source>
        <translation>BEFUND: Keine akute kardiopulmonale Auffälligkeit.
BEURTEILUNG: Unauffälliger Thorax.</translation>
    </message>
    <message>
        <source>FINDINGS: %1
IMPRESSION: %1</source>
        <translation>BEFUND: %1
BEURTEILUNG: %1</translation>
    </message>
    <message>
        <source>Model card</source>
        <translation>Modellkarte</translation>
    </message>
    <message>
        <source>No model card at %1 (the model bundle is not installed, or has no card).</source>
        <translation>Keine Modellkarte unter %1 (das Modell ist nicht installiert oder hat keine Karte).</translation>
    </message>
    <message>
        <source>Model&apos;s choice</source>
        <translation>Wahl des Modells</translation>
    </message>
    <message>
        <source>Classifier-free guidance: higher follows the inputs more closely. &quot;Model&apos;s choice&quot; uses the scale the model recommends for each task (chosen on validation data).</source>
        <translation>Classifier-free Guidance: höhere Werte folgen den Eingaben enger. „Wahl des Modells“ verwendet den Wert, den das Modell für jede Aufgabe empfiehlt (auf Validierungsdaten gewählt).</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::ExportController</name>
    <message>
        <source>Nothing to export: generate a lateral view or a report first.</source>
        <translation>Nichts zu exportieren: Generieren Sie zuerst eine Seitaufnahme oder einen Befund.</translation>
    </message>
    <message>
        <source>Export %1 to %2</source>
        <translation>%1 nach %2 exportieren</translation>
    </message>
    <message>
        <source>results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <source>Exporting to %1...</source>
        <translation>Wird nach %1 exportiert...</translation>
    </message>
    <message>
        <source>Nothing to send: generate a lateral view or a report first.</source>
        <translation>Nichts zu senden: Generieren Sie zuerst eine Seitaufnahme oder einen Befund.</translation>
    </message>
    <message>
        <source>Send %1 to %2</source>
        <translation>%1 an %2 senden</translation>
    </message>
    <message>
        <source>Sending to %1...</source>
        <translation>Wird an %1 gesendet...</translation>
    </message>
    <message>
        <source>Send to PACS</source>
        <translation>An PACS senden</translation>
    </message>
    <message>
        <source>No PACS node is configured. Add one in File &gt; Query/Retrieve... (Nodes), then send again.</source>
        <translation>Kein PACS-Knoten konfiguriert. Fügen Sie unter Datei &gt; Abfragen/Abrufen... (Knoten) einen hinzu und senden Sie dann erneut.</translation>
    </message>
    <message>
        <source>Exported 1 file to %1</source>
        <translation>1 Datei nach %1 exportiert</translation>
    </message>
    <message>
        <source>Exported %1 files to %2</source>
        <translation>%1 Dateien nach %2 exportiert</translation>
    </message>
    <message>
        <source>Sent 1 object to %1.</source>
        <translation>1 Objekt an %1 gesendet.</translation>
    </message>
    <message>
        <source>Sent %1 objects to %2.</source>
        <translation>%1 Objekte an %2 gesendet.</translation>
    </message>
    <message>
        <source>Export failed: %1. Nothing was left half-written; the report draft is unchanged.</source>
        <translation>Export fehlgeschlagen: %1. Es blieben keine halb geschriebenen Dateien zurück; der Befundentwurf ist unverändert.</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Sending to PACS failed: %1. The report draft is unchanged; see Generate &gt; Sent to PACS... for the log.</source>
        <translation>Senden an PACS fehlgeschlagen: %1. Der Befundentwurf ist unverändert; das Protokoll finden Sie unter Generieren &gt; Verlauf der PACS-Sendungen...</translation>
    </message>
    <message>
        <source>Send to PACS failed</source>
        <translation>Senden an PACS fehlgeschlagen</translation>
    </message>
    <message>
        <source>Export cancelled; the files written so far were removed.</source>
        <translation>Export abgebrochen; die bis dahin geschriebenen Dateien wurden entfernt.</translation>
    </message>
    <message>
        <source>Sending to PACS cancelled.</source>
        <translation>Senden an PACS abgebrochen.</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::ExportDialog</name>
    <message>
        <source>Export generated results</source>
        <translation>Generierte Ergebnisse exportieren</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>DICOM Structured Report (Basic Text SR)</source>
        <translation>DICOM Structured Report (Basic Text SR)</translation>
    </message>
    <message>
        <source>PDF (report with the marked images)</source>
        <translation>PDF (Befund mit den markierten Bildern)</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>Reiner Text</translation>
    </message>
    <message>
        <source>Synthetic images</source>
        <translation>Synthetische Bilder</translation>
    </message>
    <message>
        <source>DICOM Secondary Capture</source>
        <translation>DICOM Secondary Capture</translation>
    </message>
    <message>
        <source>PNG with the burned-in SYNTHETIC mark</source>
        <translation>PNG mit eingebrannter SYNTHETIC-Markierung</translation>
    </message>
    <message>
        <source>Every synthetic image carries &quot;SYNTHETIC - not for diagnosis&quot; and its provenance burned into the pixels; the PDF (on every page) and the text name the report&apos;s state.</source>
        <translation>Jedes synthetische Bild trägt „SYNTHETIC - not for diagnosis“ und seine Herkunft fest in die Pixel eingebrannt; das PDF (auf jeder Seite) und der Text nennen den Status des Befunds.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>There is no report for this study.</source>
        <translation>Für diese Studie gibt es keinen Befund.</translation>
    </message>
    <message>
        <source>There is no synthetic image for this study.</source>
        <translation>Für diese Studie gibt es kein synthetisches Bild.</translation>
    </message>
    <message>
        <source>DICOM Secondary Capture (in the source study, referencing the source image)</source>
        <translation>DICOM Secondary Capture (in der Ausgangsstudie, mit Verweis auf das Ausgangsbild)</translation>
    </message>
    <message>
        <source>DICOM Secondary Capture (in a new synthetic study: the source is not DICOM)</source>
        <translation>DICOM Secondary Capture (in einer neuen synthetischen Studie: die Quelle ist kein DICOM)</translation>
    </message>
    <message>
        <source>a generated draft (SR: PARTIAL, UNVERIFIED)</source>
        <translation>ein generierter Entwurf (SR: PARTIAL, UNVERIFIED)</translation>
    </message>
    <message>
        <source>edited, not signed (SR: PARTIAL, UNVERIFIED)</source>
        <translation>bearbeitet, nicht signiert (SR: PARTIAL, UNVERIFIED)</translation>
    </message>
    <message>
        <source>signed (SR: COMPLETE, VERIFIED)</source>
        <translation>signiert (SR: COMPLETE, VERIFIED)</translation>
    </message>
    <message>
        <source>Study: %1</source>
        <translation>Studie: %1</translation>
    </message>
    <message>
        <source>Report: %1</source>
        <translation>Befund: %1</translation>
    </message>
    <message>
        <source>1 synthetic image</source>
        <translation>1 synthetisches Bild</translation>
    </message>
    <message>
        <source>%1 synthetic images</source>
        <translation>%1 synthetische Bilder</translation>
    </message>
    <message>
        <source>Export into folder</source>
        <translation>In Ordner exportieren</translation>
    </message>
    <message>
        <source>Choose a folder.</source>
        <translation>Wählen Sie einen Ordner.</translation>
    </message>
    <message>
        <source>Tick at least one format.</source>
        <translation>Wählen Sie mindestens ein Format aus.</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::JobsPanel</name>
    <message>
        <source>Clear finished</source>
        <translation>Abgeschlossene entfernen</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
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
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel this job</source>
        <translation>Diesen Auftrag abbrechen</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Run this job again</source>
        <translation>Diesen Auftrag erneut ausführen</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>elapsed %1</source>
        <translation>vergangen %1</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>noch etwa %1</translation>
    </message>
    <message>
        <source>took %1</source>
        <translation>Dauer %1</translation>
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
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Open a study with File &gt; Open (Ctrl+O), or drop a series into a viewport.</source>
        <translation>Öffnen Sie eine Studie mit Datei &gt; Öffnen (Strg+O) oder ziehen Sie eine Serie in eine Ansicht.</translation>
    </message>
    <message>
        <source>Studies</source>
        <translation>Studien</translation>
    </message>
    <message>
        <source>Load problems</source>
        <translation>Ladeprobleme</translation>
    </message>
    <message numerus="yes">
        <source>Loading %n item(s) ...</source>
        <translation>
            <numerusform>%n Element wird geladen ...</numerusform>
            <numerusform>%n Elemente werden geladen ...</numerusform>
        </translation>
    </message>
    <message>
        <source>No DICOM files found</source>
        <translation>Keine DICOM-Dateien gefunden</translation>
    </message>
    <message numerus="yes">
        <source>Loaded %n image series</source>
        <translation>
            <numerusform>%n Bildserie geladen</numerusform>
            <numerusform>%n Bildserien geladen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n load problem(s) listed below</source>
        <translation>
            <numerusform>, %n Ladeproblem unten aufgeführt</numerusform>
            <numerusform>, %n Ladeprobleme unten aufgeführt</numerusform>
        </translation>
    </message>
    <message>
        <source>Load problems (%1)</source>
        <translation>Ladeprobleme (%1)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;file...</source>
        <translation>&amp;Datei öffnen...</translation>
    </message>
    <message>
        <source>Open f&amp;older...</source>
        <translation>&amp;Ordner öffnen...</translation>
    </message>
    <message>
        <source>Open &amp;DICOMDIR...</source>
        <translation>DICOM&amp;DIR öffnen...</translation>
    </message>
    <message>
        <source>&amp;Recent studies</source>
        <translation>&amp;Zuletzt geöffnete Studien</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Layout %1</source>
        <translation>Anordnung %1</translation>
    </message>
    <message>
        <source>&amp;Link zoom, pan and window</source>
        <translation>Zoom, Verschiebung und Fenster &amp;koppeln</translation>
    </message>
    <message>
        <source>Viewports linked</source>
        <translation>Ansichten gekoppelt</translation>
    </message>
    <message>
        <source>Viewports unlinked</source>
        <translation>Ansichten entkoppelt</translation>
    </message>
    <message>
        <source>Show &amp;overlays</source>
        <translation>&amp;Einblendungen anzeigen</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>The language changes when RadSynth is started again.</source>
        <translation>Die Sprache ändert sich beim nächsten Start von RadSynth.</translation>
    </message>
    <message>
        <source>&amp;Image</source>
        <translation>&amp;Bild</translation>
    </message>
    <message>
        <source>Window preset %1</source>
        <translation>Fenstervorgabe %1</translation>
    </message>
    <message>
        <source>Window: %1</source>
        <translation>Fenster: %1</translation>
    </message>
    <message>
        <source>&amp;Invert</source>
        <translation>&amp;Invertieren</translation>
    </message>
    <message>
        <source>Flip &amp;horizontally</source>
        <translation>&amp;Horizontal spiegeln</translation>
    </message>
    <message>
        <source>Flip &amp;vertically</source>
        <translation>&amp;Vertikal spiegeln</translation>
    </message>
    <message>
        <source>&amp;Rotate 90° clockwise</source>
        <translation>Um 90° im Uhrzeigersinn &amp;drehen</translation>
    </message>
    <message>
        <source>Rotate 90° &amp;counter-clockwise</source>
        <translation>Um 90° gegen den &amp;Uhrzeigersinn drehen</translation>
    </message>
    <message>
        <source>&amp;Fit to viewport</source>
        <translation>An Ansicht an&amp;passen</translation>
    </message>
    <message>
        <source>&amp;Actual pixels (1:1)</source>
        <translation>&amp;Originalpixel (1:1)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>R&amp;eset view</source>
        <translation>Ansicht &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>Next image or frame</source>
        <translation>Nächstes Bild oder Einzelbild</translation>
    </message>
    <message>
        <source>Previous image or frame</source>
        <translation>Vorheriges Bild oder Einzelbild</translation>
    </message>
    <message>
        <source>&amp;Measure distance</source>
        <translation>Abstand &amp;messen</translation>
    </message>
    <message>
        <source>Measure: drag on the image; Esc leaves measure mode</source>
        <translation>Messen: auf dem Bild ziehen; Esc beendet den Messmodus</translation>
    </message>
    <message>
        <source>&amp;Clear measurements</source>
        <translation>Messungen &amp;löschen</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Werkzeuge</translation>
    </message>
    <message>
        <source>DICOM &amp;tags...</source>
        <translation>DICOM-&amp;Tags...</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About RadSynth</source>
        <translation>&amp;Über RadSynth</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Clear recent studies</source>
        <translation>Liste der zuletzt geöffneten Studien leeren</translation>
    </message>
    <message>
        <source>Open DICOM files</source>
        <translation>DICOM-Dateien öffnen</translation>
    </message>
    <message>
        <source>DICOM files (*.dcm *.DCM *.dicom *);;All files (*)</source>
        <translation>DICOM-Dateien (*.dcm *.DCM *.dicom *);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open a folder of DICOM files</source>
        <translation>Einen Ordner mit DICOM-Dateien öffnen</translation>
    </message>
    <message>
        <source>Open a DICOMDIR</source>
        <translation>Ein DICOMDIR öffnen</translation>
    </message>
    <message>
        <source>DICOMDIR (DICOMDIR dicomdir);;All files (*)</source>
        <translation>DICOMDIR (DICOMDIR dicomdir);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Select a series or show an image first.</source>
        <translation>Wählen Sie zuerst eine Serie oder zeigen Sie ein Bild an.</translation>
    </message>
    <message>
        <source>About RadSynth</source>
        <translation>Über RadSynth</translation>
    </message>
    <message>
        <source>&lt;b&gt;RadSynth %1&lt;/b&gt;&lt;br&gt;A chest X-ray workstation: read studies, draft reports and generate images with an any-to-any model.&lt;br&gt;Not for primary diagnosis.</source>
        <translation>&lt;b&gt;RadSynth %1&lt;/b&gt;&lt;br&gt;Ein Arbeitsplatz für Thorax-Röntgenaufnahmen: Studien befunden, Befundentwürfe erstellen und Bilder mit einem Any-to-any-Modell erzeugen.&lt;br&gt;Nicht für die Primärdiagnose.</translation>
    </message>
    <message>
        <source>&amp;Query/Retrieve...</source>
        <translation>&amp;Abfragen/Abrufen...</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>The report draft was NOT saved: %1</source>
        <translation>Der Befundentwurf wurde NICHT gespeichert: %1</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <source>Generation finished.</source>
        <translation>Generierung abgeschlossen.</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Generieren</translation>
    </message>
    <message>
        <source>Synthesize &amp;lateral and draft report</source>
        <translation>&amp;Seitaufnahme und Befundentwurf synthetisieren</translation>
    </message>
    <message>
        <source>&amp;Any-to-any...</source>
        <translation>&amp;Beliebig zu beliebig...</translation>
    </message>
    <message>
        <source>Generate &amp;automatically on open</source>
        <translation>Beim Öffnen &amp;automatisch generieren</translation>
    </message>
    <message>
        <source>Generation skipped: no model bundle in %1 (the default model is not installed). Images and reports can still be read.</source>
        <translation>Generierung übersprungen: kein Modell in %1 (das Standardmodell ist nicht installiert). Bilder und Befunde können weiterhin gelesen werden.</translation>
    </message>
    <message>
        <source>Open a study with a frontal view first.</source>
        <translation>Zuerst eine Studie mit Frontalaufnahme öffnen.</translation>
    </message>
    <message>
        <source>Study %1</source>
        <translation>Studie %1</translation>
    </message>
    <message>
        <source>synthesizing...</source>
        <translation>wird synthetisiert...</translation>
    </message>
    <message>
        <source>Synthesizing the lateral view (see Jobs)...</source>
        <translation>Seitaufnahme wird synthetisiert (siehe Aufträge)...</translation>
    </message>
    <message>
        <source>%1, seed %2</source>
        <translation>%1, Seed %2</translation>
    </message>
    <message>
        <source>Synthesizing the lateral view and drafting the report in the background...</source>
        <translation>Seitaufnahme und Befundentwurf werden im Hintergrund erstellt...</translation>
    </message>
    <message>
        <source>The model returned no lateral image.</source>
        <translation>Das Modell hat keine Seitaufnahme geliefert.</translation>
    </message>
    <message>
        <source>Synthetic lateral</source>
        <translation>Synthetische Seitaufnahme</translation>
    </message>
    <message>
        <source>lateral (synthesized)</source>
        <translation>seitlich (synthetisiert)</translation>
    </message>
    <message>
        <source>This study already has an edited report; the new draft was not applied.</source>
        <translation>Diese Studie hat bereits einen bearbeiteten Befund; der neue Entwurf wurde nicht übernommen.</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Synthesis failed (see Jobs): %1</source>
        <translation>Synthese fehlgeschlagen (siehe Aufträge): %1</translation>
    </message>
    <message>
        <source>&amp;Recover report drafts...</source>
        <translation>Befundentwürfe &amp;wiederherstellen...</translation>
    </message>
    <message>
        <source>No unsigned report drafts to recover.</source>
        <translation>Keine unsignierten Befundentwürfe zum Wiederherstellen.</translation>
    </message>
    <message>
        <source>&amp;Export...</source>
        <translation>&amp;Exportieren...</translation>
    </message>
    <message>
        <source>Export the report (DICOM SR, PDF, text) and the synthetic images (DICOM SC, PNG) into a folder</source>
        <translation>Den Befund (DICOM SR, PDF, Text) und die synthetischen Bilder (DICOM SC, PNG) in einen Ordner exportieren</translation>
    </message>
    <message>
        <source>Send to &amp;PACS...</source>
        <translation>An &amp;PACS senden...</translation>
    </message>
    <message>
        <source>Send the report (DICOM SR) and the synthetic images (DICOM SC) to a PACS node</source>
        <translation>Den Befund (DICOM SR) und die synthetischen Bilder (DICOM SC) an einen PACS-Knoten senden</translation>
    </message>
    <message>
        <source>Sent to PACS &amp;history...</source>
        <translation>&amp;Verlauf der PACS-Sendungen...</translation>
    </message>
    <message>
        <source>Nothing to export: open a study and generate first (Generate &gt; Synthesize lateral and draft report).</source>
        <translation>Nichts zu exportieren: Öffnen Sie eine Studie und generieren Sie zuerst (Generieren &gt; Seitaufnahme und Befundentwurf synthetisieren).</translation>
    </message>
    <message>
        <source>Nothing to export yet: the lateral view and the report are still being generated (see Jobs).</source>
        <translation>Noch nichts zu exportieren: Seitaufnahme und Befund werden noch generiert (siehe Aufträge).</translation>
    </message>
    <message>
        <source>frontal</source>
        <translation>Frontalaufnahme</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::Measurements</name>
    <message>
        <source>%1 px (no pixel spacing)</source>
        <translation>%1 px (kein Pixelabstand)</translation>
    </message>
    <message>
        <source>at detector</source>
        <translation>am Detektor</translation>
    </message>
    <message>
        <source>calibrated</source>
        <translation>kalibriert</translation>
    </message>
    <message>
        <source>calibration unknown</source>
        <translation>Kalibrierung unbekannt</translation>
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
        <translation>Eingaben werden mit den Trainingsdaten des Modells verglichen...</translation>
    </message>
    <message>
        <source>why?</source>
        <translation>warum?</translation>
    </message>
    <message>
        <source>Out-of-distribution check</source>
        <translation>Out-of-Distribution-Prüfung</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::Overlay</name>
    <message>
        <source>Study date %1</source>
        <translation>Studiendatum %1</translation>
    </message>
    <message>
        <source>View %1</source>
        <translation>Projektion %1</translation>
    </message>
    <message>
        <source>Laterality %1</source>
        <translation>Seite %1</translation>
    </message>
    <message>
        <source>Image %1 / %2</source>
        <translation>Bild %1 / %2</translation>
    </message>
    <message>
        <source>Zoom %1% (fit)</source>
        <translation>Zoom %1% (angepasst)</translation>
    </message>
    <message>
        <source>Zoom %1%</source>
        <translation>Zoom %1%</translation>
    </message>
    <message>
        <source>Inverted</source>
        <translation>Invertiert</translation>
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
        <translation>PACS-Knoten</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::PacsNodesSettings</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>AE title</source>
        <translation>AE-Titel</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Retrieve with</source>
        <translation>Abruf mit</translation>
    </message>
    <message>
        <source>Add node</source>
        <translation>Knoten hinzufügen</translation>
    </message>
    <message>
        <source>Remove node</source>
        <translation>Knoten entfernen</translation>
    </message>
    <message>
        <source>New PACS</source>
        <translation>Neues PACS</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>RadSynth AE title:</source>
        <translation>AE-Titel von RadSynth:</translation>
    </message>
    <message>
        <source>Storage port (C-MOVE destination):</source>
        <translation>Empfangsport (C-MOVE-Ziel):</translation>
    </message>
    <message>
        <source>Network timeout:</source>
        <translation>Netzwerk-Timeout:</translation>
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
        <translation>AE-Titel von RadSynth: %1</translation>
    </message>
    <message>
        <source>Two nodes are named &quot;%1&quot;.</source>
        <translation>Zwei Knoten heißen „%1“.</translation>
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
        <translation>Knoten...</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>PACS:</source>
        <translation>PACS:</translation>
    </message>
    <message>
        <source>e.g. DOE^J* (wildcards * and ?)</source>
        <translation>z. B. MUSTERMANN^M* (Platzhalter * und ?)</translation>
    </message>
    <message>
        <source>YYYYMMDD</source>
        <translation>JJJJMMTT</translation>
    </message>
    <message>
        <source>e.g. *CHEST*</source>
        <translation>z. B. *CHEST*</translation>
    </message>
    <message>
        <source>Patient name:</source>
        <translation>Patientenname:</translation>
    </message>
    <message>
        <source>Patient ID:</source>
        <translation>Patienten-ID:</translation>
    </message>
    <message>
        <source>Study date from:</source>
        <translation>Studiendatum von:</translation>
    </message>
    <message>
        <source>to:</source>
        <translation>bis:</translation>
    </message>
    <message>
        <source>Modality:</source>
        <translation>Modalität:</translation>
    </message>
    <message>
        <source>Accession number:</source>
        <translation>Auftragsnummer:</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Beschreibung:</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Patient name</source>
        <translation>Patientenname</translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation>Patienten-ID</translation>
    </message>
    <message>
        <source>Study date</source>
        <translation>Studiendatum</translation>
    </message>
    <message>
        <source>Modalities</source>
        <translation>Modalitäten</translation>
    </message>
    <message>
        <source>Accession</source>
        <translation>Auftragsnr.</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Serien</translation>
    </message>
    <message>
        <source>Instances</source>
        <translation>Instanzen</translation>
    </message>
    <message>
        <source>Retrieve selected</source>
        <translation>Auswahl abrufen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Connection OK (C-ECHO answered).</source>
        <translation>Verbindung OK (C-ECHO beantwortet).</translation>
    </message>
    <message numerus="yes">
        <source>%n studies found.</source>
        <translation>
            <numerusform>%n Studie gefunden.</numerusform>
            <numerusform>%n Studien gefunden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Retrieved %n objects.</source>
        <translation>
            <numerusform>%n Objekt abgerufen.</numerusform>
            <numerusform>%n Objekte abgerufen.</numerusform>
        </translation>
    </message>
    <message>
        <source>No PACS node configured: add one with &quot;Nodes...&quot;.</source>
        <translation>Kein PACS-Knoten konfiguriert: Fügen Sie einen über „Knoten...“ hinzu.</translation>
    </message>
    <message>
        <source>Choose a PACS node first.</source>
        <translation>Wählen Sie zuerst einen PACS-Knoten.</translation>
    </message>
    <message>
        <source>Testing the connection to %1...</source>
        <translation>Verbindung zu %1 wird getestet...</translation>
    </message>
    <message>
        <source>Searching %1...</source>
        <translation>%1 wird durchsucht...</translation>
    </message>
    <message numerus="yes">
        <source>Retrieving %n studies with %1...</source>
        <translation>
            <numerusform>%n Studie wird mit %1 abgerufen...</numerusform>
            <numerusform>%n Studien werden mit %1 abgerufen...</numerusform>
        </translation>
    </message>
    <message>
        <source>Study %1 of %2: %3 objects received, %4 failed.</source>
        <translation>Studie %1 von %2: %3 Objekte empfangen, %4 fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation>Wird abgebrochen...</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::RecoveryDialog</name>
    <message>
        <source>Recover unsigned reports</source>
        <translation>Nicht signierte Befunde wiederherstellen</translation>
    </message>
    <message>
        <source>These reports were being edited and were never signed. Choose one to continue editing it; the others stay saved.</source>
        <translation>Diese Befunde wurden bearbeitet und nie signiert. Wählen Sie einen aus, um ihn weiter zu bearbeiten; die anderen bleiben gespeichert.</translation>
    </message>
    <message>
        <source>%1 - %2, last change %3
%4</source>
        <translation>%1 - %2, letzte Änderung %3
%4</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>Recover</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Später</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::ReportEditor</name>
    <message>
        <source>present</source>
        <translation>vorhanden</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>nicht vorhanden</translation>
    </message>
    <message>
        <source>uncertain</source>
        <translation>unklar</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>Generiert</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>Bearbeitet</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Signiert</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Wiedereröffnet</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Indication</source>
        <translation>Indikation</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <source>Impression</source>
        <translation>Beurteilung</translation>
    </message>
    <message>
        <source>Go to the %1 section (adds the heading when the report has none)</source>
        <translation>Zum Abschnitt %1 springen (fügt die Überschrift hinzu, wenn der Befund keine hat)</translation>
    </message>
    <message>
        <source>Sign...</source>
        <translation>Signieren...</translation>
    </message>
    <message>
        <source>Reopen...</source>
        <translation>Wiedereröffnen...</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>Erwähnungen</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>NOT SAVED: %1</source>
        <translation>NICHT GESPEICHERT: %1</translation>
    </message>
    <message>
        <source>Sign report</source>
        <translation>Befund signieren</translation>
    </message>
    <message>
        <source>Reviewer&apos;s name (the report becomes read-only until reopened):</source>
        <translation>Name des Prüfers (der Befund ist schreibgeschützt, bis er wiedereröffnet wird):</translation>
    </message>
    <message>
        <source>Reopen report</source>
        <translation>Befund wiedereröffnen</translation>
    </message>
    <message>
        <source>Who reopens the signed report:</source>
        <translation>Wer den signierten Befund wiedereröffnet:</translation>
    </message>
    <message>
        <source>GENERATED DRAFT - not reviewed. Check every statement against the images before signing.</source>
        <translation>GENERIERTER ENTWURF - nicht geprüft. Prüfen Sie jede Aussage anhand der Bilder, bevor Sie signieren.</translation>
    </message>
    <message>
        <source>EDITED DRAFT - not signed. Changes are saved as you type.</source>
        <translation>BEARBEITETER ENTWURF - nicht signiert. Änderungen werden während der Eingabe gespeichert.</translation>
    </message>
    <message>
        <source>SIGNED by %1 at %2 - read-only (Reopen to amend)</source>
        <translation>SIGNIERT von %1 am %2 - schreibgeschützt (zum Ändern wiedereröffnen)</translation>
    </message>
    <message>
        <source>Provenance: SYNTHETIC text generated by model %1 %2, task %3, seed %4%5</source>
        <translation>Herkunft: SYNTHETISCHER Text, erzeugt von Modell %1 %2, Aufgabe %3, Seed %4%5</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>, %1</source>
        <translation>, %1</translation>
    </message>
    <message>
        <source>Other model draft</source>
        <translation>Anderer Entwurf des Modells</translation>
    </message>
    <message>
        <source> (?)</source>
        <translation> (?)</translation>
    </message>
    <message>
        <source>no acute findings</source>
        <translation>kein akuter Befund</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the report as plain text</source>
        <translation>Den Befund als reinen Text kopieren</translation>
    </message>
    <message>
        <source>The model&apos;s other drafts for this study, best agreement with the image findings first</source>
        <translation>Die anderen Entwürfe des Modells für diese Studie, beste Übereinstimmung mit den Bildbefunden zuerst</translation>
    </message>
    <message>
        <source>Go to:</source>
        <translation>Gehe zu:</translation>
    </message>
    <message>
        <source>Use another draft</source>
        <translation>Anderen Entwurf verwenden</translation>
    </message>
    <message>
        <source>Replace the edited text with the model&apos;s draft %1? Undo brings your text back; the history keeps it.</source>
        <translation>Den bearbeiteten Text durch Entwurf %1 des Modells ersetzen? Rückgängig stellt Ihren Text wieder her; der Verlauf behält ihn.</translation>
    </message>
    <message>
        <source>Draft %1: %2</source>
        <translation>Entwurf %1: %2</translation>
    </message>
    <message>
        <source>  (the model&apos;s pick)</source>
        <translation>  (Wahl des Modells)</translation>
    </message>
    <message>
        <source>Drafts (%1)</source>
        <translation>Entwürfe (%1)</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::SendToPacsDialog</name>
    <message>
        <source>Send to PACS</source>
        <translation>An PACS senden</translation>
    </message>
    <message>
        <source>PACS node:</source>
        <translation>PACS-Knoten:</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>1 synthetic image</source>
        <translation>1 synthetisches Bild</translation>
    </message>
    <message>
        <source>%1 synthetic images</source>
        <translation>%1 synthetische Bilder</translation>
    </message>
    <message>
        <source>Send %1 to %2?</source>
        <translation>Folgendes an %2 senden: %1?</translation>
    </message>
    <message>
        <source>the signed report</source>
        <translation>den signierten Befund</translation>
    </message>
    <message>
        <source>the UNSIGNED report</source>
        <translation>den NICHT SIGNIERTEN Befund</translation>
    </message>
    <message>
        <source>Send %1 and %2 to %3?</source>
        <translation>Folgendes an %3 senden: %1 und %2?</translation>
    </message>
    <message>
        <source>No PACS node is configured. Add one in File &gt; Query/Retrieve... &gt; Nodes.</source>
        <translation>Kein PACS-Knoten konfiguriert. Fügen Sie unter Datei &gt; Abfragen/Abrufen... &gt; Knoten einen hinzu.</translation>
    </message>
    <message>
        <source>The report is a generated draft that nobody has reviewed: it goes to the PACS marked PARTIAL / UNVERIFIED.</source>
        <translation>Der Befund ist ein generierter Entwurf, den niemand geprüft hat: Er wird als PARTIAL / UNVERIFIED gekennzeichnet an das PACS gesendet.</translation>
    </message>
    <message>
        <source>The report is edited but not signed: it goes to the PACS marked PARTIAL / UNVERIFIED.</source>
        <translation>Der Befund ist bearbeitet, aber nicht signiert: Er wird als PARTIAL / UNVERIFIED gekennzeichnet an das PACS gesendet.</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::SentHistoryDialog</name>
    <message>
        <source>Sent to PACS</source>
        <translation>An PACS gesendet</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Objects</source>
        <translation>Objekte</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
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
        <translation>Noch nichts gesendet. Protokoll: %1</translation>
    </message>
    <message>
        <source>%1 sendings. Log: %2</source>
        <translation>Sendungen: %1. Protokoll: %2</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>Tastatur</translation>
    </message>
    <message>
        <source>Mouse (in a viewport)</source>
        <translation>Maus (in einer Ansicht)</translation>
    </message>
    <message>
        <source>Window / level (right: wider, down: higher centre)</source>
        <translation>Fenster / Zentrum (rechts: breiter, unten: höheres Zentrum)</translation>
    </message>
    <message>
        <source>Left drag</source>
        <translation>Ziehen mit der linken Taste</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>Verschieben</translation>
    </message>
    <message>
        <source>Middle drag, or Shift + left drag</source>
        <translation>Ziehen mit der mittleren Taste oder Umschalt + linke Taste</translation>
    </message>
    <message>
        <source>Zoom about the cursor</source>
        <translation>Zoom um den Mauszeiger</translation>
    </message>
    <message>
        <source>Wheel</source>
        <translation>Mausrad</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <source>Right drag</source>
        <translation>Ziehen mit der rechten Taste</translation>
    </message>
    <message>
        <source>Measure a distance (in measure mode)</source>
        <translation>Einen Abstand messen (im Messmodus)</translation>
    </message>
    <message>
        <source>Cancel the measurement being drawn, leave measure mode</source>
        <translation>Laufende Messung abbrechen, Messmodus verlassen</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Show a series</source>
        <translation>Eine Serie anzeigen</translation>
    </message>
    <message>
        <source>Drag it from the study browser into a viewport</source>
        <translation>Aus dem Studienbrowser in eine Ansicht ziehen</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::StudyBrowser</name>
    <message>
        <source>Filter patients, studies, series</source>
        <translation>Patienten, Studien, Serien filtern</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>Studie</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>frontal</source>
        <translation>frontal</translation>
    </message>
    <message>
        <source>lateral</source>
        <translation>seitlich</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(kein Name)</translation>
    </message>
    <message>
        <source>(study without date)</source>
        <translation>(Studie ohne Datum)</translation>
    </message>
    <message>
        <source>Double-click or drag into a viewport</source>
        <translation>Doppelklicken oder in eine Ansicht ziehen</translation>
    </message>
    <message>
        <source>Double-click to read the report text</source>
        <translation>Doppelklicken, um den Befundtext zu lesen</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::TagBrowserDialog</name>
    <message>
        <source>DICOM tags</source>
        <translation>DICOM-Tags</translation>
    </message>
    <message>
        <source>Search tag, keyword or value</source>
        <translation>Tag, Schlüsselwort oder Wert suchen</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Keyword</source>
        <translation>Schlüsselwort</translation>
    </message>
    <message>
        <source>VR</source>
        <translation>VR</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Reading %1 ...</source>
        <translation>%1 wird gelesen ...</translation>
    </message>
    <message>
        <source>Cannot read the tags of %1: %2</source>
        <translation>Die Tags von %1 können nicht gelesen werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n attribute(s)</source>
        <translation>
            <numerusform>%1: %n Attribut</numerusform>
            <numerusform>%1: %n Attribute</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>radsynth::ui::Viewport</name>
    <message>
        <source>File window %1</source>
        <translation>Dateifenster %1</translation>
    </message>
    <message>
        <source>Auto (1-99%)</source>
        <translation>Automatisch (1-99%)</translation>
    </message>
    <message>
        <source>Full range</source>
        <translation>Gesamter Bereich</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>Hoher Kontrast</translation>
    </message>
    <message>
        <source>Low contrast</source>
        <translation>Niedriger Kontrast</translation>
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
        <translation>B %1 Z %2</translation>
    </message>
    <message>
        <source>VOI LUT %1</source>
        <translation>VOI-LUT %1</translation>
    </message>
    <message>
        <source>at detector</source>
        <translation>am Detektor</translation>
    </message>
    <message>
        <source>calibrated</source>
        <translation>kalibriert</translation>
    </message>
    <message>
        <source>calibration unknown</source>
        <translation>Kalibrierung unbekannt</translation>
    </message>
    <message>
        <source>Pixel %1 x %2 mm (%3)</source>
        <translation>Pixel %1 x %2 mm (%3)</translation>
    </message>
    <message>
        <source>No pixel spacing</source>
        <translation>Kein Pixelabstand</translation>
    </message>
    <message>
        <source>Drop a series here, or open a study (Ctrl+O)</source>
        <translation>Eine Serie hierher ziehen oder eine Studie öffnen (Strg+O)</translation>
    </message>
    <message>
        <source>SYNTHETIC - not for diagnosis</source>
        <translation>SYNTHETISCH - nicht zur Diagnose</translation>
    </message>
</context>
<context>
    <name>radsynth::workflow</name>
    <message>
        <source>Generate %1 (seed %2)</source>
        <translation>%1 generieren (Seed %2)</translation>
    </message>
    <message>
        <source>step %1 of %2</source>
        <translation>Schritt %1 von %2</translation>
    </message>
    <message>
        <source>Loading</source>
        <translation>Laden</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>Generierung</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>Auswertung</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>In Warteschlange</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Generated draft</source>
        <translation>Generierter Entwurf</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>Bearbeitet</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Signiert</translation>
    </message>
    <message>
        <source>Check inputs against the training data</source>
        <translation>Eingaben mit den Trainingsdaten abgleichen</translation>
    </message>
    <message>
        <source>out-of-distribution check failed: %1</source>
        <translation>Out-of-Distribution-Prüfung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>out-of-distribution check unavailable: %1</source>
        <translation>Out-of-Distribution-Prüfung nicht verfügbar: %1</translation>
    </message>
    <message>
        <source>out-of-distribution check unavailable (bundle not evaluated)</source>
        <translation>Out-of-Distribution-Prüfung nicht verfügbar (Modell nicht ausgewertet)</translation>
    </message>
    <message>
        <source>Input unlike the model&apos;s training data (score %1 times the threshold): treat the synthetic output with extra caution</source>
        <translation>Eingabe weicht von den Trainingsdaten des Modells ab (Score: das %1-Fache des Schwellenwerts): synthetische Ausgabe mit besonderer Vorsicht behandeln</translation>
    </message>
    <message>
        <source>Input within the model&apos;s training data (score %1 of the threshold)</source>
        <translation>Eingabe im Bereich der Trainingsdaten des Modells (Score: das %1-Fache des Schwellenwerts)</translation>
    </message>
    <message>
        <source>The out-of-distribution check compares an input image with the images the model was trained on. It needs the thresholds that &apos;radsynth-cli evaluate&apos; writes into the model bundle (ood.json); %1</source>
        <translation>Die Out-of-Distribution-Prüfung vergleicht ein Eingabebild mit den Bildern, mit denen das Modell trainiert wurde. Sie benötigt die Schwellenwerte, die „radsynth-cli evaluate“ in den Modellordner schreibt (ood.json); %1</translation>
    </message>
    <message>
        <source>Two scores, computed with the model&apos;s own components, each compared with a threshold set at the %1th percentile of %2 validation images (so about %3 % of ordinary inputs exceed one of them):</source>
        <translation>Zwei Scores, berechnet mit den eigenen Komponenten des Modells und jeweils mit einem Schwellenwert verglichen, der beim %1. Perzentil von %2 Validierungsbildern liegt (daher überschreiten etwa %3 % gewöhnlicher Eingaben einen davon):</translation>
    </message>
    <message>
        <source>- encoder distance: %1 (threshold %2, %3 times): 1 - the highest cosine similarity of the image&apos;s embedding to the training images&apos; embeddings;</source>
        <translation>- Encoder-Distanz: %1 (Schwellenwert %2, %3-fach): 1 - die höchste Kosinus-Ähnlichkeit des Embeddings des Bildes zu den Embeddings der Trainingsbilder;</translation>
    </message>
    <message>
        <source>- reconstruction error: %1 (threshold %2, %3 times): how badly the model&apos;s autoencoder redraws the image.</source>
        <translation>- Rekonstruktionsfehler: %1 (Schwellenwert %2, %3-fach): wie schlecht der Autoencoder des Modells das Bild nachzeichnet.</translation>
    </message>
    <message>
        <source>- reconstruction error: not used (the bundle has no autoencoder).</source>
        <translation>- Rekonstruktionsfehler: nicht verwendet (das Modell hat keinen Autoencoder).</translation>
    </message>
    <message>
        <source>The input is out of distribution because a score is above its threshold (the higher ratio is %1): the model was not trained on images like it, so what it synthesizes from it is less reliable.</source>
        <translation>Die Eingabe liegt außerhalb der Verteilung der Trainingsdaten, weil ein Score über seinem Schwellenwert liegt (das höhere Verhältnis ist %1): Das Modell wurde nicht mit vergleichbaren Bildern trainiert, daher ist das, was es daraus synthetisiert, weniger zuverlässig.</translation>
    </message>
    <message>
        <source>Both scores are within their thresholds.</source>
        <translation>Beide Scores liegen innerhalb ihrer Schwellenwerte.</translation>
    </message>
</context>
<context>
    <name>radsynth::workflow::JobScheduler</name>
    <message>
        <source>Cancelling...</source>
        <translation>Wird abgebrochen...</translation>
    </message>
</context>
</TS>
