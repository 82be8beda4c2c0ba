<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="42"/>
        <source>RadSynth chest X-ray workstation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="46"/>
        <source>Open the demo study in DIR (default: the bundled sample study).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="48"/>
        <source>Save a picture of the window to FILE once everything is loaded, then exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="50"/>
        <source>Exit after MS milliseconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="52"/>
        <source>Viewport layout: 1x1, 1x2, 1x3 or 2x2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="54"/>
        <source>DICOM files, folders or DICOMDIRs to open.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>radsynth::ui::MainWindow</name>
    <message>
        <location filename="../ui/src/MainWindow.cpp" line="52"/>
        <source>RadSynth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindow.cpp" line="65"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindow.cpp" line="99"/>
        <source>Open a study with File &gt; Open (Ctrl+O), or drop a series into a viewport.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindow.cpp" line="129"/>
        <source>Studies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindow.cpp" line="138"/>
        <source>Load problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/src/MainWindow.cpp" line="229"/>
        <source>Loading %n item(s) ...</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindow.cpp" line="267"/>
        <source>No DICOM files found</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/src/MainWindow.cpp" line="268"/>
        <source>Loaded %n image series</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/src/MainWindow.cpp" line="269"/>
        <source>, %n load problem(s) listed below</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindow.cpp" line="358"/>
        <source>Load problems (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="45"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="46"/>
        <source>Open &amp;file...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="47"/>
        <source>Open f&amp;older...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="48"/>
        <source>Open &amp;DICOMDIR...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="49"/>
        <source>&amp;Recent studies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="52"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="55"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="60"/>
        <source>Layout %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="66"/>
        <source>&amp;Link zoom, pan and window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="75"/>
        <source>Viewports linked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="75"/>
        <source>Viewports unlinked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="77"/>
        <source>Show &amp;overlays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="94"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="96"/>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="105"/>
        <source>The language changes when RadSynth is started again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="110"/>
        <source>&amp;Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="112"/>
        <source>Window preset %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="116"/>
        <source>Window: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="124"/>
        <source>&amp;Invert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="125"/>
        <source>Flip &amp;horizontally</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="126"/>
        <source>Flip &amp;vertically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="127"/>
        <source>&amp;Rotate 90° clockwise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="128"/>
        <source>Rotate 90° &amp;counter-clockwise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="130"/>
        <source>&amp;Fit to viewport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="134"/>
        <source>&amp;Actual pixels (1:1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="135"/>
        <source>Zoom in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="136"/>
        <source>Zoom out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="137"/>
        <source>R&amp;eset view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="139"/>
        <source>Next image or frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="140"/>
        <source>Previous image or frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="142"/>
        <source>&amp;Measure distance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="147"/>
        <source>Measure: drag on the image; Esc leaves measure mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="154"/>
        <source>&amp;Clear measurements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="160"/>
        <source>&amp;Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="161"/>
        <source>DICOM &amp;tags...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="162"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="163"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="164"/>
        <source>&amp;About RadSynth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="178"/>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="180"/>
        <source>Clear recent studies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="188"/>
        <source>Open DICOM files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="188"/>
        <source>DICOM files (*.dcm *.DCM *.dicom *);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="194"/>
        <source>Open a folder of DICOM files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="201"/>
        <source>Open a DICOMDIR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="201"/>
        <source>DICOMDIR (DICOMDIR dicomdir);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="222"/>
        <source>Select a series or show an image first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="234"/>
        <source>About RadSynth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/MainWindowActions.cpp" line="235"/>
        <source>&lt;b&gt;RadSynth %1&lt;/b&gt;&lt;br&gt;A chest X-ray workstation: read studies, draft reports and generate images with an any-to-any model.&lt;br&gt;Not for primary diagnosis.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>radsynth::ui::Measurements</name>
    <message>
        <location filename="../ui/src/Measurement.cpp" line="102"/>
        <source>%1 px (no pixel spacing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/Measurement.cpp" line="105"/>
        <source>at detector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/Measurement.cpp" line="106"/>
        <source>calibrated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/Measurement.cpp" line="107"/>
        <source>calibration unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/Measurement.cpp" line="109"/>
        <source>%1 mm (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>radsynth::ui::Overlay</name>
    <message>
        <location filename="../ui/src/Overlay.cpp" line="86"/>
        <source>Study date %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/Overlay.cpp" line="92"/>
        <source>View %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/Overlay.cpp" line="94"/>
        <source>Laterality %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/Overlay.cpp" line="95"/>
        <source>Image %1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/Overlay.cpp" line="101"/>
        <source>Zoom %1% (fit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/Overlay.cpp" line="101"/>
        <source>Zoom %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/Overlay.cpp" line="102"/>
        <source>Inverted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/Overlay.cpp" line="105"/>
        <source>%1 x %2 px</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>radsynth::ui::ShortcutsDialog</name>
    <message>
        <location filename="../ui/src/ShortcutsDialog.cpp" line="15"/>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/ShortcutsDialog.cpp" line="16"/>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/ShortcutsDialog.cpp" line="18"/>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/ShortcutsDialog.cpp" line="18"/>
        <source>Shortcut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/ShortcutsDialog.cpp" line="22"/>
        <source>Keyboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/ShortcutsDialog.cpp" line="34"/>
        <source>Mouse (in a viewport)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/ShortcutsDialog.cpp" line="36"/>
        <source>Window / level (right: wider, down: higher centre)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/ShortcutsDialog.cpp" line="36"/>
        <location filename="../ui/src/ShortcutsDialog.cpp" line="40"/>
        <source>Left drag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/ShortcutsDialog.cpp" line="37"/>
        <source>Pan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/ShortcutsDialog.cpp" line="37"/>
        <source>Middle drag, or Shift + left drag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/ShortcutsDialog.cpp" line="38"/>
        <source>Zoom about the cursor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/ShortcutsDialog.cpp" line="38"/>
        <source>Wheel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/ShortcutsDialog.cpp" line="39"/>
        <source>Zoom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/ShortcutsDialog.cpp" line="39"/>
        <source>Right drag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/ShortcutsDialog.cpp" line="40"/>
        <source>Measure a distance (in measure mode)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/ShortcutsDialog.cpp" line="41"/>
        <source>Cancel the measurement being drawn, leave measure mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/ShortcutsDialog.cpp" line="41"/>
        <source>Esc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/ShortcutsDialog.cpp" line="42"/>
        <source>Show a series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/ShortcutsDialog.cpp" line="42"/>
        <source>Drag it from the study browser into a viewport</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>radsynth::ui::StudyBrowser</name>
    <message>
        <location filename="../ui/src/StudyBrowser.cpp" line="63"/>
        <source>Filter patients, studies, series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/StudyBrowser.cpp" line="66"/>
        <source>Study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/StudyBrowser.cpp" line="66"/>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/StudyBrowser.cpp" line="102"/>
        <source>frontal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/StudyBrowser.cpp" line="103"/>
        <source>lateral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/StudyBrowser.cpp" line="104"/>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/StudyBrowser.cpp" line="118"/>
        <source>(no name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/StudyBrowser.cpp" line="129"/>
        <source>(study without date)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/StudyBrowser.cpp" line="145"/>
        <source>Double-click or drag into a viewport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/StudyBrowser.cpp" line="166"/>
        <source>Double-click to read the report text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>radsynth::ui::TagBrowserDialog</name>
    <message>
        <location filename="../ui/src/TagBrowserDialog.cpp" line="25"/>
        <source>DICOM tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/TagBrowserDialog.cpp" line="26"/>
        <source>Search tag, keyword or value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/TagBrowserDialog.cpp" line="29"/>
        <source>Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/TagBrowserDialog.cpp" line="29"/>
        <source>Keyword</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/TagBrowserDialog.cpp" line="29"/>
        <source>VR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/TagBrowserDialog.cpp" line="29"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/TagBrowserDialog.cpp" line="49"/>
        <source>Reading %1 ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/TagBrowserDialog.cpp" line="59"/>
        <source>Cannot read the tags of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/src/TagBrowserDialog.cpp" line="74"/>
        <source>%1: %n attribute(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>radsynth::ui::Viewport</name>
    <message>
        <location filename="../ui/src/Viewport.cpp" line="123"/>
        <source>File window %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/Viewport.cpp" line="128"/>
        <source>Auto (1-99%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/Viewport.cpp" line="129"/>
        <source>Full range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/Viewport.cpp" line="130"/>
        <source>High contrast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/Viewport.cpp" line="131"/>
        <source>Low contrast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/Viewport.cpp" line="255"/>
        <source>X %1 Y %2: RGB %3 %4 %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/Viewport.cpp" line="259"/>
        <source>X %1 Y %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/Viewport.cpp" line="343"/>
        <source>RGB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/Viewport.cpp" line="345"/>
        <source>W %1 C %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/Viewport.cpp" line="347"/>
        <source>VOI LUT %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/Viewport.cpp" line="359"/>
        <source>at detector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/Viewport.cpp" line="360"/>
        <source>calibrated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/Viewport.cpp" line="361"/>
        <source>calibration unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/Viewport.cpp" line="363"/>
        <source>Pixel %1 x %2 mm (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/Viewport.cpp" line="365"/>
        <source>No pixel spacing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/src/Viewport.cpp" line="382"/>
        <source>Drop a series here, or open a study (Ctrl+O)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
