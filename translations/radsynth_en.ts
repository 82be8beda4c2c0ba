<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>QObject</name>
    <message>
        <source>%1 objects could not be retrieved.</source>
        <translation>%1 objects could not be retrieved.</translation>
    </message>
    <message>
        <source>Retrieval cancelled.</source>
        <translation>Retrieval cancelled.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>RadSynth chest X-ray workstation</source>
        <translation>RadSynth chest X-ray workstation</translation>
    </message>
    <message>
        <source>Open the demo study in DIR (default: the bundled sample study).</source>
        <translation>Open the demo study in DIR (default: the bundled sample study).</translation>
    </message>
    <message>
        <source>Save a picture of the window to FILE once everything is loaded, then exit.</source>
        <translation>Save a picture of the window to FILE once everything is loaded, then exit.</translation>
    </message>
    <message>
        <source>Exit after MS milliseconds.</source>
        <translation>Exit after MS milliseconds.</translation>
    </message>
    <message>
        <source>Viewport layout: 1x1, 1x2, 1x3 or 2x2.</source>
        <translation>Viewport layout: 1x1, 1x2, 1x3 or 2x2.</translation>
    </message>
    <message>
        <source>DICOM files, folders or DICOMDIRs to open.</source>
        <translation>DICOM files, folders or DICOMDIRs to open.</translation>
    </message>
    <message>
        <source>Model bundle folder for generation (default: the bundled default model).</source>
        <translation>Model bundle folder for generation (default: the bundled default model).</translation>
    </message>
    <message>
        <source>Do not generate automatically when a study is opened.</source>
        <translation>Do not generate automatically when a study is opened.</translation>
    </message>
    <message>
        <source>Window size, e.g. 1600x1000 (screenshots).</source>
        <translation>Window size, e.g. 1600x1000 (screenshots).</translation>
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
        <translation>Any-to-any generation</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>Inputs</translation>
    </message>
    <message>
        <source>The study&apos;s frontal view</source>
        <translation>The study&apos;s frontal view</translation>
    </message>
    <message>
        <source>The study&apos;s lateral view</source>
        <translation>The study&apos;s lateral view</translation>
    </message>
    <message>
        <source>A report (typed, pasted or composed from findings)</source>
        <translation>A report (typed, pasted or composed from findings)</translation>
    </message>
    <message>
        <source>Type or paste a report, or compose one from the findings below.</source>
        <translation>Type or paste a report, or compose one from the findings below.</translation>
    </message>
    <message>
        <source>Compose report from findings</source>
        <translation>Compose report from findings</translation>
    </message>
    <message>
        <source>Findings (for teaching cases):</source>
        <translation>Findings (for teaching cases):</translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation>Outputs</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Report</translation>
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
        <translation>Steps</translation>
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
        <translation>Variants</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Generate</translation>
    </message>
    <message>
        <source>Model card...</source>
        <translation>Model card...</translation>
    </message>
    <message>
        <source>&lt;b&gt;Variants&lt;/b&gt; (one per seed)</source>
        <translation>&lt;b&gt;Variants&lt;/b&gt; (one per seed)</translation>
    </message>
    <message>
        <source>Variation map</source>
        <translation>Variation map</translation>
    </message>
    <message>
        <source>Synthesized</source>
        <translation>Synthesized</translation>
    </message>
    <message>
        <source>Real (acquired)</source>
        <translation>Real (acquired)</translation>
    </message>
    <message>
        <source>Difference |synthesized - real|</source>
        <translation>Difference |synthesized - real|</translation>
    </message>
    <message>
        <source>Flicker synthesized / real</source>
        <translation>Flicker synthesized / real</translation>
    </message>
    <message>
        <source>&lt;b&gt;Generated report&lt;/b&gt; (SYNTHETIC - not for diagnosis)</source>
        <translation>&lt;b&gt;Generated report&lt;/b&gt; (SYNTHETIC - not for diagnosis)</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Failed: %1</translation>
    </message>
    <message>
        <source>The study&apos;s frontal view (none open)</source>
        <translation>The study&apos;s frontal view (none open)</translation>
    </message>
    <message>
        <source>The study&apos;s lateral view (the study has none)</source>
        <translation>The study&apos;s lateral view (the study has none)</translation>
    </message>
    <message>
        <source>frontal</source>
        <translation>frontal</translation>
    </message>
    <message>
        <source>lateral</source>
        <translation>lateral</translation>
    </message>
    <message>
        <source>report</source>
        <translation>report</translation>
    </message>
    <message>
        <source>the %1 is an input; it cannot also be generated</source>
        <translation>the %1 is an input; it cannot also be generated</translation>
    </message>
    <message>
        <source>no task makes a %1 from these inputs</source>
        <translation>no task makes a %1 from these inputs</translation>
    </message>
    <message>
        <source>choose at least one output</source>
        <translation>choose at least one output</translation>
    </message>
    <message>
        <source>Will run: %1</source>
        <translation>Will run: %1</translation>
    </message>
    <message numerus="yes">
        <source>Generating (%n job(s); progress in the Jobs panel)...</source>
        <translation>
            <numerusform>Generating (%n job(s); progress in the Jobs panel)...</numerusform>
            <numerusform>Generating (%n job(s); progress in the Jobs panel)...</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n image(s).</source>
        <translation>
            <numerusform>Done: %n image(s).</numerusform>
            <numerusform>Done: %n image(s).</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, seed %2</source>
        <translation>%1, seed %2</translation>
    </message>
    <message>
        <source>Synthetic %1 view, variant %2 (seed %3)</source>
        <translation>Synthetic %1 view, variant %2 (seed %3)</translation>
    </message>
    <message>
        <source>Variation map: std over %1 %2 variants (white = %3)</source>
        <translation>Variation map: std over %1 %2 variants (white = %3)</translation>
    </message>
    <message>
        <source>Needs 2+ variants</source>
        <translation>Needs 2+ variants</translation>
    </message>
    <message>
        <source>Nothing generated yet</source>
        <translation>Nothing generated yet</translation>
    </message>
    <message>
        <source>Flicker: REAL (acquired)</source>
        <translation>Flicker: REAL (acquired)</translation>
    </message>
    <message>
        <source>Flicker: SYNTHESIZED</source>
        <translation>Flicker: SYNTHESIZED</translation>
    </message>
    <message>
        <source>Difference |synthesized - real| (mean %1; white = 0.5)</source>
        <translation>Difference |synthesized - real| (mean %1; white = 0.5)</translation>
    </message>
    <message>
        <source>The study has no real
%1 view to compare</source>
        <translation>The study has no real
%1 view to compare</translation>
    </message>
    <message>
        <source>No comparison</source>
        <translation>No comparison</translation>
    </message>
    <message>
        <source>SYNTHETIC</source>
        <translation>SYNTHETIC</translation>
    </message>
    <message>
        <source>Report composed from real report sentences (sentence bank).</source>
        <translation>Report composed from real report sentences (sentence bank).</translation>
    </message>
    <message>
        <source>%1 is present.</source>
        <translation>%1 is present.</translation>
    </message>
    <message>
        <source>No sentence bank in %1: the report lists the findings plainly.</source>
        <translation>No sentence bank in %1: the report lists the findings plainly.</translation>
    </message>
    <message>
        <source>FINDINGS: No acute cardiopulmonary abnormality.
IMPRESSION: Normal chest.</source>
        <translation>FINDINGS: No acute cardiopulmonary abnormality.
IMPRESSION: Normal chest.</translation>
    </message>
    <message>
        <source>FINDINGS: %1
IMPRESSION: %1</source>
        <translation>FINDINGS: %1
IMPRESSION: %1</translation>
    </message>
    <message>
        <source>Model card</source>
        <translation>Model card</translation>
    </message>
    <message>
        <source>No model card at %1 (the model bundle is not installed, or has no card).</source>
        <translation>No model card at %1 (the model bundle is not installed, or has no card).</translation>
    </message>
    <message>
        <source>Model&apos;s choice</source>
        <translation>Model&apos;s choice</translation>
    </message>
    <message>
        <source>Classifier-free guidance: higher follows the inputs more closely. &quot;Model&apos;s choice&quot; uses the scale the model recommends for each task (chosen on validation data).</source>
        <translation>Classifier-free guidance: higher follows the inputs more closely. &quot;Model&apos;s choice&quot; uses the scale the model recommends for each task (chosen on validation data).</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::ExportController</name>
    <message>
        <source>Nothing to export: generate a lateral view or a report first.</source>
        <translation>Nothing to export: generate a lateral view or a report first.</translation>
    </message>
    <message>
        <source>Export %1 to %2</source>
        <translation>Export %1 to %2</translation>
    </message>
    <message>
        <source>results</source>
        <translation>results</translation>
    </message>
    <message>
        <source>Exporting to %1...</source>
        <translation>Exporting to %1...</translation>
    </message>
    <message>
        <source>Nothing to send: generate a lateral view or a report first.</source>
        <translation>Nothing to send: generate a lateral view or a report first.</translation>
    </message>
    <message>
        <source>Send %1 to %2</source>
        <translation>Send %1 to %2</translation>
    </message>
    <message>
        <source>Sending to %1...</source>
        <translation>Sending to %1...</translation>
    </message>
    <message>
        <source>Send to PACS</source>
        <translation>Send to PACS</translation>
    </message>
    <message>
        <source>No PACS node is configured. Add one in File &gt; Query/Retrieve... (Nodes), then send again.</source>
        <translation>No PACS node is configured. Add one in File &gt; Query/Retrieve... (Nodes), then send again.</translation>
    </message>
    <message>
        <source>Exported 1 file to %1</source>
        <translation>Exported 1 file to %1</translation>
    </message>
    <message>
        <source>Exported %1 files to %2</source>
        <translation>Exported %1 files to %2</translation>
    </message>
    <message>
        <source>Sent 1 object to %1.</source>
        <translation>Sent 1 object to %1.</translation>
    </message>
    <message>
        <source>Sent %1 objects to %2.</source>
        <translation>Sent %1 objects to %2.</translation>
    </message>
    <message>
        <source>Export failed: %1. Nothing was left half-written; the report draft is unchanged.</source>
        <translation>Export failed: %1. Nothing was left half-written; the report draft is unchanged.</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <source>Sending to PACS failed: %1. The report draft is unchanged; see Generate &gt; Sent to PACS... for the log.</source>
        <translation>Sending to PACS failed: %1. The report draft is unchanged; see Generate &gt; Sent to PACS... for the log.</translation>
    </message>
    <message>
        <source>Send to PACS failed</source>
        <translation>Send to PACS failed</translation>
    </message>
    <message>
        <source>Export cancelled; the files written so far were removed.</source>
        <translation>Export cancelled; the files written so far were removed.</translation>
    </message>
    <message>
        <source>Sending to PACS cancelled.</source>
        <translation>Sending to PACS cancelled.</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::ExportDialog</name>
    <message>
        <source>Export generated results</source>
        <translation>Export generated results</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Folder:</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Browse...</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>DICOM Structured Report (Basic Text SR)</source>
        <translation>DICOM Structured Report (Basic Text SR)</translation>
    </message>
    <message>
        <source>PDF (report with the marked images)</source>
        <translation>PDF (report with the marked images)</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>Plain text</translation>
    </message>
    <message>
        <source>Synthetic images</source>
        <translation>Synthetic images</translation>
    </message>
    <message>
        <source>DICOM Secondary Capture</source>
        <translation>DICOM Secondary Capture</translation>
    </message>
    <message>
        <source>PNG with the burned-in SYNTHETIC mark</source>
        <translation>PNG with the burned-in SYNTHETIC mark</translation>
    </message>
    <message>
        <source>Every synthetic image carries &quot;SYNTHETIC - not for diagnosis&quot; and its provenance burned into the pixels; the PDF (on every page) and the text name the report&apos;s state.</source>
        <translation>Every synthetic image carries &quot;SYNTHETIC - not for diagnosis&quot; and its provenance burned into the pixels; the PDF (on every page) and the text name the report&apos;s state.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>There is no report for this study.</source>
        <translation>There is no report for this study.</translation>
    </message>
    <message>
        <source>There is no synthetic image for this study.</source>
        <translation>There is no synthetic image for this study.</translation>
    </message>
    <message>
        <source>DICOM Secondary Capture (in the source study, referencing the source image)</source>
        <translation>DICOM Secondary Capture (in the source study, referencing the source image)</translation>
    </message>
    <message>
        <source>DICOM Secondary Capture (in a new synthetic study: the source is not DICOM)</source>
        <translation>DICOM Secondary Capture (in a new synthetic study: the source is not DICOM)</translation>
    </message>
    <message>
        <source>a generated draft (SR: PARTIAL, UNVERIFIED)</source>
        <translation>a generated draft (SR: PARTIAL, UNVERIFIED)</translation>
    </message>
    <message>
        <source>edited, not signed (SR: PARTIAL, UNVERIFIED)</source>
        <translation>edited, not signed (SR: PARTIAL, UNVERIFIED)</translation>
    </message>
    <message>
        <source>signed (SR: COMPLETE, VERIFIED)</source>
        <translation>signed (SR: COMPLETE, VERIFIED)</translation>
    </message>
    <message>
        <source>Study: %1</source>
        <translation>Study: %1</translation>
    </message>
    <message>
        <source>Report: %1</source>
        <translation>Report: %1</translation>
    </message>
    <message>
        <source>1 synthetic image</source>
        <translation>1 synthetic image</translation>
    </message>
    <message>
        <source>%1 synthetic images</source>
        <translation>%1 synthetic images</translation>
    </message>
    <message>
        <source>Export into folder</source>
        <translation>Export into folder</translation>
    </message>
    <message>
        <source>Choose a folder.</source>
        <translation>Choose a folder.</translation>
    </message>
    <message>
        <source>Tick at least one format.</source>
        <translation>Tick at least one format.</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::JobsPanel</name>
    <message>
        <source>Clear finished</source>
        <translation>Clear finished</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
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
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Cancel this job</source>
        <translation>Cancel this job</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>Run this job again</source>
        <translation>Run this job again</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>elapsed %1</source>
        <translation>elapsed %1</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>about %1 left</translation>
    </message>
    <message>
        <source>took %1</source>
        <translation>took %1</translation>
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
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Open a study with File &gt; Open (Ctrl+O), or drop a series into a viewport.</source>
        <translation>Open a study with File &gt; Open (Ctrl+O), or drop a series into a viewport.</translation>
    </message>
    <message>
        <source>Studies</source>
        <translation>Studies</translation>
    </message>
    <message>
        <source>Load problems</source>
        <translation>Load problems</translation>
    </message>
    <message numerus="yes">
        <source>Loading %n item(s) ...</source>
        <translation>
            <numerusform>Loading %n item ...</numerusform>
            <numerusform>Loading %n items ...</numerusform>
        </translation>
    </message>
    <message>
        <source>No DICOM files found</source>
        <translation>No DICOM files found</translation>
    </message>
    <message numerus="yes">
        <source>Loaded %n image series</source>
        <translation>
            <numerusform>Loaded %n image series</numerusform>
            <numerusform>Loaded %n image series</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n load problem(s) listed below</source>
        <translation>
            <numerusform>, %n load problem listed below</numerusform>
            <numerusform>, %n load problems listed below</numerusform>
        </translation>
    </message>
    <message>
        <source>Load problems (%1)</source>
        <translation>Load problems (%1)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Open &amp;file...</source>
        <translation>Open &amp;file...</translation>
    </message>
    <message>
        <source>Open f&amp;older...</source>
        <translation>Open f&amp;older...</translation>
    </message>
    <message>
        <source>Open &amp;DICOMDIR...</source>
        <translation>Open &amp;DICOMDIR...</translation>
    </message>
    <message>
        <source>&amp;Recent studies</source>
        <translation>&amp;Recent studies</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>Layout %1</source>
        <translation>Layout %1</translation>
    </message>
    <message>
        <source>&amp;Link zoom, pan and window</source>
        <translation>&amp;Link zoom, pan and window</translation>
    </message>
    <message>
        <source>Viewports linked</source>
        <translation>Viewports linked</translation>
    </message>
    <message>
        <source>Viewports unlinked</source>
        <translation>Viewports unlinked</translation>
    </message>
    <message>
        <source>Show &amp;overlays</source>
        <translation>Show &amp;overlays</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>System default</translation>
    </message>
    <message>
        <source>The language changes when RadSynth is started again.</source>
        <translation>The language changes when RadSynth is started again.</translation>
    </message>
    <message>
        <source>&amp;Image</source>
        <translation>&amp;Image</translation>
    </message>
    <message>
        <source>Window preset %1</source>
        <translation>Window preset %1</translation>
    </message>
    <message>
        <source>Window: %1</source>
        <translation>Window: %1</translation>
    </message>
    <message>
        <source>&amp;Invert</source>
        <translation>&amp;Invert</translation>
    </message>
    <message>
        <source>Flip &amp;horizontally</source>
        <translation>Flip &amp;horizontally</translation>
    </message>
    <message>
        <source>Flip &amp;vertically</source>
        <translation>Flip &amp;vertically</translation>
    </message>
    <message>
        <source>&amp;Rotate 90° clockwise</source>
        <translation>&amp;Rotate 90° clockwise</translation>
    </message>
    <message>
        <source>Rotate 90° &amp;counter-clockwise</source>
        <translation>Rotate 90° &amp;counter-clockwise</translation>
    </message>
    <message>
        <source>&amp;Fit to viewport</source>
        <translation>&amp;Fit to viewport</translation>
    </message>
    <message>
        <source>&amp;Actual pixels (1:1)</source>
        <translation>&amp;Actual pixels (1:1)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>R&amp;eset view</source>
        <translation>R&amp;eset view</translation>
    </message>
    <message>
        <source>Next image or frame</source>
        <translation>Next image or frame</translation>
    </message>
    <message>
        <source>Previous image or frame</source>
        <translation>Previous image or frame</translation>
    </message>
    <message>
        <source>&amp;Measure distance</source>
        <translation>&amp;Measure distance</translation>
    </message>
    <message>
        <source>Measure: drag on the image; Esc leaves measure mode</source>
        <translation>Measure: drag on the image; Esc leaves measure mode</translation>
    </message>
    <message>
        <source>&amp;Clear measurements</source>
        <translation>&amp;Clear measurements</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <source>DICOM &amp;tags...</source>
        <translation>DICOM &amp;tags...</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <source>&amp;About RadSynth</source>
        <translation>&amp;About RadSynth</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Clear recent studies</source>
        <translation>Clear recent studies</translation>
    </message>
    <message>
        <source>Open DICOM files</source>
        <translation>Open DICOM files</translation>
    </message>
    <message>
        <source>DICOM files (*.dcm *.DCM *.dicom *);;All files (*)</source>
        <translation>DICOM files (*.dcm *.DCM *.dicom *);;All files (*)</translation>
    </message>
    <message>
        <source>Open a folder of DICOM files</source>
        <translation>Open a folder of DICOM files</translation>
    </message>
    <message>
        <source>Open a DICOMDIR</source>
        <translation>Open a DICOMDIR</translation>
    </message>
    <message>
        <source>DICOMDIR (DICOMDIR dicomdir);;All files (*)</source>
        <translation>DICOMDIR (DICOMDIR dicomdir);;All files (*)</translation>
    </message>
    <message>
        <source>Select a series or show an image first.</source>
        <translation>Select a series or show an image first.</translation>
    </message>
    <message>
        <source>About RadSynth</source>
        <translation>About RadSynth</translation>
    </message>
    <message>
        <source>&lt;b&gt;RadSynth %1&lt;/b&gt;&lt;br&gt;A chest X-ray workstation: read studies, draft reports and generate images with an any-to-any model.&lt;br&gt;Not for primary diagnosis.</source>
        <translation>&lt;b&gt;RadSynth %1&lt;/b&gt;&lt;br&gt;A chest X-ray workstation: read studies, draft reports and generate images with an any-to-any model.&lt;br&gt;Not for primary diagnosis.</translation>
    </message>
    <message>
        <source>&amp;Query/Retrieve...</source>
        <translation>&amp;Query/Retrieve...</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>The report draft was NOT saved: %1</source>
        <translation>The report draft was NOT saved: %1</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Jobs</translation>
    </message>
    <message>
        <source>Generation finished.</source>
        <translation>Generation finished.</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Generate</translation>
    </message>
    <message>
        <source>Synthesize &amp;lateral and draft report</source>
        <translation>Synthesize &amp;lateral and draft report</translation>
    </message>
    <message>
        <source>&amp;Any-to-any...</source>
        <translation>&amp;Any-to-any...</translation>
    </message>
    <message>
        <source>Generate &amp;automatically on open</source>
        <translation>Generate &amp;automatically on open</translation>
    </message>
    <message>
        <source>Generation skipped: no model bundle in %1 (the default model is not installed). Images and reports can still be read.</source>
        <translation>Generation skipped: no model bundle in %1 (the default model is not installed). Images and reports can still be read.</translation>
    </message>
    <message>
        <source>Open a study with a frontal view first.</source>
        <translation>Open a study with a frontal view first.</translation>
    </message>
    <message>
        <source>Study %1</source>
        <translation>Study %1</translation>
    </message>
    <message>
        <source>synthesizing...</source>
        <translation>synthesizing...</translation>
    </message>
    <message>
        <source>Synthesizing the lateral view (see Jobs)...</source>
        <translation>Synthesizing the lateral view (see Jobs)...</translation>
    </message>
    <message>
        <source>%1, seed %2</source>
        <translation>%1, seed %2</translation>
    </message>
    <message>
        <source>Synthesizing the lateral view and drafting the report in the background...</source>
        <translation>Synthesizing the lateral view and drafting the report in the background...</translation>
    </message>
    <message>
        <source>The model returned no lateral image.</source>
        <translation>The model returned no lateral image.</translation>
    </message>
    <message>
        <source>Synthetic lateral</source>
        <translation>Synthetic lateral</translation>
    </message>
    <message>
        <source>lateral (synthesized)</source>
        <translation>lateral (synthesized)</translation>
    </message>
    <message>
        <source>This study already has an edited report; the new draft was not applied.</source>
        <translation>This study already has an edited report; the new draft was not applied.</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 failed: %2</translation>
    </message>
    <message>
        <source>Synthesis failed (see Jobs): %1</source>
        <translation>Synthesis failed (see Jobs): %1</translation>
    </message>
    <message>
        <source>&amp;Recover report drafts...</source>
        <translation>&amp;Recover report drafts...</translation>
    </message>
    <message>
        <source>No unsigned report drafts to recover.</source>
        <translation>No unsigned report drafts to recover.</translation>
    </message>
    <message>
        <source>&amp;Export...</source>
        <translation>&amp;Export...</translation>
    </message>
    <message>
        <source>Export the report (DICOM SR, PDF, text) and the synthetic images (DICOM SC, PNG) into a folder</source>
        <translation>Export the report (DICOM SR, PDF, text) and the synthetic images (DICOM SC, PNG) into a folder</translation>
    </message>
    <message>
        <source>Send to &amp;PACS...</source>
        <translation>Send to &amp;PACS...</translation>
    </message>
    <message>
        <source>Send the report (DICOM SR) and the synthetic images (DICOM SC) to a PACS node</source>
        <translation>Send the report (DICOM SR) and the synthetic images (DICOM SC) to a PACS node</translation>
    </message>
    <message>
        <source>Sent to PACS &amp;history...</source>
        <translation>Sent to PACS &amp;history...</translation>
    </message>
    <message>
        <source>Nothing to export: open a study and generate first (Generate &gt; Synthesize lateral and draft report).</source>
        <translation>Nothing to export: open a study and generate first (Generate &gt; Synthesize lateral and draft report).</translation>
    </message>
    <message>
        <source>Nothing to export yet: the lateral view and the report are still being generated (see Jobs).</source>
        <translation>Nothing to export yet: the lateral view and the report are still being generated (see Jobs).</translation>
    </message>
    <message>
        <source>frontal</source>
        <translation>frontal</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::Measurements</name>
    <message>
        <source>%1 px (no pixel spacing)</source>
        <translation>%1 px (no pixel spacing)</translation>
    </message>
    <message>
        <source>at detector</source>
        <translation>at detector</translation>
    </message>
    <message>
        <source>calibrated</source>
        <translation>calibrated</translation>
    </message>
    <message>
        <source>calibration unknown</source>
        <translation>calibration unknown</translation>
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
        <translation>Checking the inputs against the model&apos;s training data...</translation>
    </message>
    <message>
        <source>why?</source>
        <translation>why?</translation>
    </message>
    <message>
        <source>Out-of-distribution check</source>
        <translation>Out-of-distribution check</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::Overlay</name>
    <message>
        <source>Study date %1</source>
        <translation>Study date %1</translation>
    </message>
    <message>
        <source>View %1</source>
        <translation>View %1</translation>
    </message>
    <message>
        <source>Laterality %1</source>
        <translation>Laterality %1</translation>
    </message>
    <message>
        <source>Image %1 / %2</source>
        <translation>Image %1 / %2</translation>
    </message>
    <message>
        <source>Zoom %1% (fit)</source>
        <translation>Zoom %1% (fit)</translation>
    </message>
    <message>
        <source>Zoom %1%</source>
        <translation>Zoom %1%</translation>
    </message>
    <message>
        <source>Inverted</source>
        <translation>Inverted</translation>
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
        <translation>PACS nodes</translation>
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
        <translation>AE title</translation>
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
        <translation>Retrieve with</translation>
    </message>
    <message>
        <source>Add node</source>
        <translation>Add node</translation>
    </message>
    <message>
        <source>Remove node</source>
        <translation>Remove node</translation>
    </message>
    <message>
        <source>New PACS</source>
        <translation>New PACS</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>RadSynth AE title:</source>
        <translation>RadSynth AE title:</translation>
    </message>
    <message>
        <source>Storage port (C-MOVE destination):</source>
        <translation>Storage port (C-MOVE destination):</translation>
    </message>
    <message>
        <source>Network timeout:</source>
        <translation>Network timeout:</translation>
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
        <translation>RadSynth AE title: %1</translation>
    </message>
    <message>
        <source>Two nodes are named &quot;%1&quot;.</source>
        <translation>Two nodes are named &quot;%1&quot;.</translation>
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
        <translation>Nodes...</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>PACS:</source>
        <translation>PACS:</translation>
    </message>
    <message>
        <source>e.g. DOE^J* (wildcards * and ?)</source>
        <translation>e.g. DOE^J* (wildcards * and ?)</translation>
    </message>
    <message>
        <source>YYYYMMDD</source>
        <translation>YYYYMMDD</translation>
    </message>
    <message>
        <source>e.g. *CHEST*</source>
        <translation>e.g. *CHEST*</translation>
    </message>
    <message>
        <source>Patient name:</source>
        <translation>Patient name:</translation>
    </message>
    <message>
        <source>Patient ID:</source>
        <translation>Patient ID:</translation>
    </message>
    <message>
        <source>Study date from:</source>
        <translation>Study date from:</translation>
    </message>
    <message>
        <source>to:</source>
        <translation>to:</translation>
    </message>
    <message>
        <source>Modality:</source>
        <translation>Modality:</translation>
    </message>
    <message>
        <source>Accession number:</source>
        <translation>Accession number:</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Description:</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Patient name</source>
        <translation>Patient name</translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation>Patient ID</translation>
    </message>
    <message>
        <source>Study date</source>
        <translation>Study date</translation>
    </message>
    <message>
        <source>Modalities</source>
        <translation>Modalities</translation>
    </message>
    <message>
        <source>Accession</source>
        <translation>Accession</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Series</translation>
    </message>
    <message>
        <source>Instances</source>
        <translation>Instances</translation>
    </message>
    <message>
        <source>Retrieve selected</source>
        <translation>Retrieve selected</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Connection OK (C-ECHO answered).</source>
        <translation>Connection OK (C-ECHO answered).</translation>
    </message>
    <message numerus="yes">
        <source>%n studies found.</source>
        <translation>
            <numerusform>%n study found.</numerusform>
            <numerusform>%n studies found.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Retrieved %n objects.</source>
        <translation>
            <numerusform>Retrieved %n object.</numerusform>
            <numerusform>Retrieved %n objects.</numerusform>
        </translation>
    </message>
    <message>
        <source>No PACS node configured: add one with &quot;Nodes...&quot;.</source>
        <translation>No PACS node configured: add one with &quot;Nodes...&quot;.</translation>
    </message>
    <message>
        <source>Choose a PACS node first.</source>
        <translation>Choose a PACS node first.</translation>
    </message>
    <message>
        <source>Testing the connection to %1...</source>
        <translation>Testing the connection to %1...</translation>
    </message>
    <message>
        <source>Searching %1...</source>
        <translation>Searching %1...</translation>
    </message>
    <message numerus="yes">
        <source>Retrieving %n studies with %1...</source>
        <translation>
            <numerusform>Retrieving %n study with %1...</numerusform>
            <numerusform>Retrieving %n studies with %1...</numerusform>
        </translation>
    </message>
    <message>
        <source>Study %1 of %2: %3 objects received, %4 failed.</source>
        <translation>Study %1 of %2: %3 objects received, %4 failed.</translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation>Cancelling...</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::RecoveryDialog</name>
    <message>
        <source>Recover unsigned reports</source>
        <translation>Recover unsigned reports</translation>
    </message>
    <message>
        <source>These reports were being edited and were never signed. Choose one to continue editing it; the others stay saved.</source>
        <translation>These reports were being edited and were never signed. Choose one to continue editing it; the others stay saved.</translation>
    </message>
    <message>
        <source>%1 - %2, last change %3
%4</source>
        <translation>%1 - %2, last change %3
%4</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>Recover</source>
        <translation>Recover</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Later</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::ReportEditor</name>
    <message>
        <source>present</source>
        <translation>present</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>absent</translation>
    </message>
    <message>
        <source>uncertain</source>
        <translation>uncertain</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>Generated</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>Edited</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Reopened</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>Indication</source>
        <translation>Indication</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>Comparison</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>Impression</source>
        <translation>Impression</translation>
    </message>
    <message>
        <source>Go to the %1 section (adds the heading when the report has none)</source>
        <translation>Go to the %1 section (adds the heading when the report has none)</translation>
    </message>
    <message>
        <source>Sign...</source>
        <translation>Sign...</translation>
    </message>
    <message>
        <source>Reopen...</source>
        <translation>Reopen...</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Finding</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>Mentions</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>NOT SAVED: %1</source>
        <translation>NOT SAVED: %1</translation>
    </message>
    <message>
        <source>Sign report</source>
        <translation>Sign report</translation>
    </message>
    <message>
        <source>Reviewer&apos;s name (the report becomes read-only until reopened):</source>
        <translation>Reviewer&apos;s name (the report becomes read-only until reopened):</translation>
    </message>
    <message>
        <source>Reopen report</source>
        <translation>Reopen report</translation>
    </message>
    <message>
        <source>Who reopens the signed report:</source>
        <translation>Who reopens the signed report:</translation>
    </message>
    <message>
        <source>GENERATED DRAFT - not reviewed. Check every statement against the images before signing.</source>
        <translation>GENERATED DRAFT - not reviewed. Check every statement against the images before signing.</translation>
    </message>
    <message>
        <source>EDITED DRAFT - not signed. Changes are saved as you type.</source>
        <translation>EDITED DRAFT - not signed. Changes are saved as you type.</translation>
    </message>
    <message>
        <source>SIGNED by %1 at %2 - read-only (Reopen to amend)</source>
        <translation>SIGNED by %1 at %2 - read-only (Reopen to amend)</translation>
    </message>
    <message>
        <source>Provenance: SYNTHETIC text generated by model %1 %2, task %3, seed %4%5</source>
        <translation>Provenance: SYNTHETIC text generated by model %1 %2, task %3, seed %4%5</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>, %1</source>
        <translation>, %1</translation>
    </message>
    <message>
        <source>Other model draft</source>
        <translation>Other model draft</translation>
    </message>
    <message>
        <source> (?)</source>
        <translation> (?)</translation>
    </message>
    <message>
        <source>no acute findings</source>
        <translation>no acute findings</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copy the report as plain text</source>
        <translation>Copy the report as plain text</translation>
    </message>
    <message>
        <source>The model&apos;s other drafts for this study, best agreement with the image findings first</source>
        <translation>The model&apos;s other drafts for this study, best agreement with the image findings first</translation>
    </message>
    <message>
        <source>Go to:</source>
        <translation>Go to:</translation>
    </message>
    <message>
        <source>Use another draft</source>
        <translation>Use another draft</translation>
    </message>
    <message>
        <source>Replace the edited text with the model&apos;s draft %1? Undo brings your text back; the history keeps it.</source>
        <translation>Replace the edited text with the model&apos;s draft %1? Undo brings your text back; the history keeps it.</translation>
    </message>
    <message>
        <source>Draft %1: %2</source>
        <translation>Draft %1: %2</translation>
    </message>
    <message>
        <source>  (the model&apos;s pick)</source>
        <translation>  (the model&apos;s pick)</translation>
    </message>
    <message>
        <source>Drafts (%1)</source>
        <translation>Drafts (%1)</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::SendToPacsDialog</name>
    <message>
        <source>Send to PACS</source>
        <translation>Send to PACS</translation>
    </message>
    <message>
        <source>PACS node:</source>
        <translation>PACS node:</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>1 synthetic image</source>
        <translation>1 synthetic image</translation>
    </message>
    <message>
        <source>%1 synthetic images</source>
        <translation>%1 synthetic images</translation>
    </message>
    <message>
        <source>Send %1 to %2?</source>
        <translation>Send %1 to %2?</translation>
    </message>
    <message>
        <source>the signed report</source>
        <translation>the signed report</translation>
    </message>
    <message>
        <source>the UNSIGNED report</source>
        <translation>the UNSIGNED report</translation>
    </message>
    <message>
        <source>Send %1 and %2 to %3?</source>
        <translation>Send %1 and %2 to %3?</translation>
    </message>
    <message>
        <source>No PACS node is configured. Add one in File &gt; Query/Retrieve... &gt; Nodes.</source>
        <translation>No PACS node is configured. Add one in File &gt; Query/Retrieve... &gt; Nodes.</translation>
    </message>
    <message>
        <source>The report is a generated draft that nobody has reviewed: it goes to the PACS marked PARTIAL / UNVERIFIED.</source>
        <translation>The report is a generated draft that nobody has reviewed: it goes to the PACS marked PARTIAL / UNVERIFIED.</translation>
    </message>
    <message>
        <source>The report is edited but not signed: it goes to the PACS marked PARTIAL / UNVERIFIED.</source>
        <translation>The report is edited but not signed: it goes to the PACS marked PARTIAL / UNVERIFIED.</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::SentHistoryDialog</name>
    <message>
        <source>Sent to PACS</source>
        <translation>Sent to PACS</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Node</translation>
    </message>
    <message>
        <source>Objects</source>
        <translation>Objects</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
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
        <translation>Nothing was sent yet. Log: %1</translation>
    </message>
    <message>
        <source>%1 sendings. Log: %2</source>
        <translation>%1 sendings. Log: %2</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Shortcut</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>Keyboard</translation>
    </message>
    <message>
        <source>Mouse (in a viewport)</source>
        <translation>Mouse (in a viewport)</translation>
    </message>
    <message>
        <source>Window / level (right: wider, down: higher centre)</source>
        <translation>Window / level (right: wider, down: higher centre)</translation>
    </message>
    <message>
        <source>Left drag</source>
        <translation>Left drag</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>Pan</translation>
    </message>
    <message>
        <source>Middle drag, or Shift + left drag</source>
        <translation>Middle drag, or Shift + left drag</translation>
    </message>
    <message>
        <source>Zoom about the cursor</source>
        <translation>Zoom about the cursor</translation>
    </message>
    <message>
        <source>Wheel</source>
        <translation>Wheel</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <source>Right drag</source>
        <translation>Right drag</translation>
    </message>
    <message>
        <source>Measure a distance (in measure mode)</source>
        <translation>Measure a distance (in measure mode)</translation>
    </message>
    <message>
        <source>Cancel the measurement being drawn, leave measure mode</source>
        <translation>Cancel the measurement being drawn, leave measure mode</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Show a series</source>
        <translation>Show a series</translation>
    </message>
    <message>
        <source>Drag it from the study browser into a viewport</source>
        <translation>Drag it from the study browser into a viewport</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::StudyBrowser</name>
    <message>
        <source>Filter patients, studies, series</source>
        <translation>Filter patients, studies, series</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>Study</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>frontal</source>
        <translation>frontal</translation>
    </message>
    <message>
        <source>lateral</source>
        <translation>lateral</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <source>(study without date)</source>
        <translation>(study without date)</translation>
    </message>
    <message>
        <source>Double-click or drag into a viewport</source>
        <translation>Double-click or drag into a viewport</translation>
    </message>
    <message>
        <source>Double-click to read the report text</source>
        <translation>Double-click to read the report text</translation>
    </message>
</context>
<context>
    <name>radsynth::ui::TagBrowserDialog</name>
    <message>
        <source>DICOM tags</source>
        <translation>DICOM tags</translation>
    </message>
    <message>
        <source>Search tag, keyword or value</source>
        <translation>Search tag, keyword or value</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Keyword</source>
        <translation>Keyword</translation>
    </message>
    <message>
        <source>VR</source>
        <translation>VR</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Reading %1 ...</source>
        <translation>Reading %1 ...</translation>
    </message>
    <message>
        <source>Cannot read the tags of %1: %2</source>
        <translation>Cannot read the tags of %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n attribute(s)</source>
        <translation>
            <numerusform>%1: %n attribute</numerusform>
            <numerusform>%1: %n attributes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>radsynth::ui::Viewport</name>
    <message>
        <source>File window %1</source>
        <translation>File window %1</translation>
    </message>
    <message>
        <source>Auto (1-99%)</source>
        <translation>Auto (1-99%)</translation>
    </message>
    <message>
        <source>Full range</source>
        <translation>Full range</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>High contrast</translation>
    </message>
    <message>
        <source>Low contrast</source>
        <translation>Low contrast</translation>
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
        <translation>W %1 C %2</translation>
    </message>
    <message>
        <source>VOI LUT %1</source>
        <translation>VOI LUT %1</translation>
    </message>
    <message>
        <source>at detector</source>
        <translation>at detector</translation>
    </message>
    <message>
        <source>calibrated</source>
        <translation>calibrated</translation>
    </message>
    <message>
        <source>calibration unknown</source>
        <translation>calibration unknown</translation>
    </message>
    <message>
        <source>Pixel %1 x %2 mm (%3)</source>
        <translation>Pixel %1 x %2 mm (%3)</translation>
    </message>
    <message>
        <source>No pixel spacing</source>
        <translation>No pixel spacing</translation>
    </message>
    <message>
        <source>Drop a series here, or open a study (Ctrl+O)</source>
        <translation>Drop a series here, or open a study (Ctrl+O)</translation>
    </message>
    <message>
        <source>SYNTHETIC - not for diagnosis</source>
        <translation>SYNTHETIC - not for diagnosis</translation>
    </message>
</context>
<context>
    <name>radsynth::workflow</name>
    <message>
        <source>Generate %1 (seed %2)</source>
        <translation>Generate %1 (seed %2)</translation>
    </message>
    <message>
        <source>step %1 of %2</source>
        <translation>step %1 of %2</translation>
    </message>
    <message>
        <source>Loading</source>
        <translation>Loading</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>Generation</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>Evaluation</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Queued</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Running</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Finished</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Generated draft</source>
        <translation>Generated draft</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>Edited</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>Check inputs against the training data</source>
        <translation>Check inputs against the training data</translation>
    </message>
    <message>
        <source>out-of-distribution check failed: %1</source>
        <translation>out-of-distribution check failed: %1</translation>
    </message>
    <message>
        <source>out-of-distribution check unavailable: %1</source>
        <translation>out-of-distribution check unavailable: %1</translation>
    </message>
    <message>
        <source>out-of-distribution check unavailable (bundle not evaluated)</source>
        <translation>out-of-distribution check unavailable (bundle not evaluated)</translation>
    </message>
    <message>
        <source>Input unlike the model&apos;s training data (score %1 times the threshold): treat the synthetic output with extra caution</source>
        <translation>Input unlike the model&apos;s training data (score %1 times the threshold): treat the synthetic output with extra caution</translation>
    </message>
    <message>
        <source>Input within the model&apos;s training data (score %1 of the threshold)</source>
        <translation>Input within the model&apos;s training data (score %1 of the threshold)</translation>
    </message>
    <message>
        <source>The out-of-distribution check compares an input image with the images the model was trained on. It needs the thresholds that &apos;radsynth-cli evaluate&apos; writes into the model bundle (ood.json); %1</source>
        <translation>The out-of-distribution check compares an input image with the images the model was trained on. It needs the thresholds that &apos;radsynth-cli evaluate&apos; writes into the model bundle (ood.json); %1</translation>
    </message>
    <message>
        <source>Two scores, computed with the model&apos;s own components, each compared with a threshold set at the %1th percentile of %2 validation images (so about %3 % of ordinary inputs exceed one of them):</source>
        <translation>Two scores, computed with the model&apos;s own components, each compared with a threshold set at the %1th percentile of %2 validation images (so about %3 % of ordinary inputs exceed one of them):</translation>
    </message>
    <message>
        <source>- encoder distance: %1 (threshold %2, %3 times): 1 - the highest cosine similarity of the image&apos;s embedding to the training images&apos; embeddings;</source>
        <translation>- encoder distance: %1 (threshold %2, %3 times): 1 - the highest cosine similarity of the image&apos;s embedding to the training images&apos; embeddings;</translation>
    </message>
    <message>
        <source>- reconstruction error: %1 (threshold %2, %3 times): how badly the model&apos;s autoencoder redraws the image.</source>
        <translation>- reconstruction error: %1 (threshold %2, %3 times): how badly the model&apos;s autoencoder redraws the image.</translation>
    </message>
    <message>
        <source>- reconstruction error: not used (the bundle has no autoencoder).</source>
        <translation>- reconstruction error: not used (the bundle has no autoencoder).</translation>
    </message>
    <message>
        <source>The input is out of distribution because a score is above its threshold (the higher ratio is %1): the model was not trained on images like it, so what it synthesizes from it is less reliable.</source>
        <translation>The input is out of distribution because a score is above its threshold (the higher ratio is %1): the model was not trained on images like it, so what it synthesizes from it is less reliable.</translation>
    </message>
    <message>
        <source>Both scores are within their thresholds.</source>
        <translation>Both scores are within their thresholds.</translation>
    </message>
</context>
<context>
    <name>radsynth::workflow::JobScheduler</name>
    <message>
        <source>Cancelling...</source>
        <translation>Cancelling...</translation>
    </message>
</context>
</TS>
