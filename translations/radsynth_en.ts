<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
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
    </context>
</TS>
