// The main window end to end under Xvfb: open a real chest CR (or a fixture made with DCMTK's
// img2dcm when the shared data is absent), drag window/level and check the rendered pixels change,
// link viewports and check they follow, keyboard shortcuts, tag browser search, shortcut help,
// load problems listed without stopping the load, translations, no patient data in the log, and a
// screenshot saved to the build folder.
#include "TestImages.h"

#include "radsynth/common/Log.h"
#include "radsynth/ui/JobsPanel.h"
#include "radsynth/ui/MainWindow.h"
#include "radsynth/ui/Settings.h"
#include "radsynth/ui/ShortcutsDialog.h"
#include "radsynth/ui/StudyBrowser.h"
#include "radsynth/ui/Viewport.h"
#include "radsynth/ui/VtkImageView.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QListWidget>
#include <QMimeData>
#include <QMouseEvent>
#include <QTreeWidget>
#include <QProcess>
#include <QSettings>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTranslator>
#include <QWheelEvent>

using namespace radsynth::ui;

namespace {
void sendMouse(QWidget *widget, QEvent::Type type, QPointF position, Qt::MouseButton button, Qt::MouseButtons buttons)
{
    QMouseEvent event(type, position, widget->mapToGlobal(position), button, buttons, Qt::NoModifier);
    QApplication::sendEvent(widget, &event);
}

void drag(QWidget *widget, QPointF from, QPointF to)
{
    sendMouse(widget, QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::LeftButton);
    for (int step = 1; step <= 8; ++step)
        sendMouse(widget, QEvent::MouseMove, from + (to - from) * step / 8.0, Qt::NoButton, Qt::LeftButton);
    sendMouse(widget, QEvent::MouseButtonRelease, to, Qt::LeftButton, Qt::NoButton);
}
} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void opensAStudy();
    void loadingIsACancellableJob();
    void windowDragChangesPixels();
    void linkedViewportsFollow();
    void keyboardShortcuts();
    void browseImagesAndDropSeries();
    void tagBrowserSearches();
    void shortcutHelpListsEveryShortcut();
    void loadProblemsAreListed();
    void translationsLoad_data();
    void translationsLoad();
    void settingsRemember();
    void logHasNoPatientData();
    void screenshot();
    void largeJpeg2000OpensWithAFirstLook();
    void cleanupTestCase();

private:
    bool waitIdle(int timeoutMs = 60000);
    QTemporaryDir m_temp;
    QString m_studyPath;
    std::unique_ptr<MainWindow> m_window;
};

bool TestMainWindow::waitIdle(int timeoutMs)
{
    QTest::qWait(50);
    QElapsedTimer timer;
    timer.start();
    while (m_window->isBusy() && timer.elapsed() < timeoutMs)
        QTest::qWait(50);
    QTest::qWait(50);
    return !m_window->isBusy();
}

void TestMainWindow::initTestCase()
{
    QVERIFY(m_temp.isValid());
    const QString chest = QStringLiteral(RADSYNTH_SHARED_DATA_DIR "/dicom/chest/cr-chest-pa-jpeg-baseline.dcm");
    // RADSYNTH_TEST_FIXTURE_ONLY=1 exercises the fixture path even where the shared data exists.
    if (QFile::exists(chest) && qEnvironmentVariableIntValue("RADSYNTH_TEST_FIXTURE_ONLY") == 0) {
        m_studyPath = chest;
    } else {
        // Fixture: a synthetic grayscale picture (ramp and disc) converted to DICOM (JPEG baseline,
        // MONOCHROME2) with DCMTK's img2dcm.
        qWarning("Using a generated fixture instead of %s", qPrintable(chest));
        QImage picture(320, 256, QImage::Format_Grayscale8);
        for (int y = 0; y < picture.height(); ++y)
            for (int x = 0; x < picture.width(); ++x) {
                const bool disc = (x - 220) * (x - 220) + (y - 128) * (y - 128) < 50 * 50;
                picture.scanLine(y)[x] = uchar(disc ? 240 : x * 200 / 319);
            }
        const QString jpeg = m_temp.filePath(QStringLiteral("fixture.jpg"));
        QVERIFY(picture.save(jpeg, "JPEG", 95));
        m_studyPath = m_temp.filePath(QStringLiteral("fixture.dcm"));
        const int status = QProcess::execute(QStringLiteral("img2dcm"), {QStringLiteral("-i"), QStringLiteral("JPEG"), QStringLiteral("-k"),
            QStringLiteral("PatientName=FIXTURE^PATIENT"), QStringLiteral("-k"), QStringLiteral("Modality=CR"), jpeg, m_studyPath});
        if (status != 0)
            QSKIP("Neither the shared chest CR nor DCMTK's img2dcm is available");
    }
    // The viewer alone: generation on open is tested in tst_generationflow.
    Settings().setAutoGenerate(false);
    m_window = std::make_unique<MainWindow>();
    m_window->setLayoutName(QStringLiteral("1x2"));
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindow::opensAStudy()
{
    m_window->openPaths({m_studyPath});
    QVERIFY(waitIdle());
    QVERIFY(m_window->viewport(0)->hasImage());
    QCOMPARE(m_window->studyBrowser()->seriesCount(), 1);
    QVERIFY(!m_window->studyBrowser()->tree()->topLevelItem(0)->child(0)->child(0)->icon(0).isNull()); // thumbnail
    QVERIFY(m_window->viewport(0)->image()->width > 100);
}

// Opening a study is a loading job: listed in the jobs panel, cancelled from there. The loading
// lane is held by two waiting jobs, so the study's scan is queued when its Cancel is clicked; it
// ends Cancelled, nothing is added and the window is no longer busy.
void TestMainWindow::loadingIsACancellableJob()
{
    using namespace radsynth::workflow;
    QVERIFY(waitIdle());
    auto release = std::make_shared<std::atomic_bool>(false);
    for (int i = 0; i < 2; ++i)
        m_window->scheduler()->submit(std::make_shared<FunctionJob>(QStringLiteral("hold the lane"), JobKind::Loading, [release](JobContext &context) -> radsynth::Status {
            while (!release->load() && !context.isCancelled())
                QThread::msleep(5);
            return radsynth::okStatus();
        }));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->scheduler()->activeCount(), 2, 10000);
    const int seriesBefore = m_window->studyBrowser()->seriesCount();
    m_window->openPaths({m_studyPath}); // again: queued behind the two
    QVERIFY(m_window->isBusy());
    JobId scan = 0;
    for (const JobInfo &info : m_window->scheduler()->jobs())
        if (info.kind == JobKind::Loading && info.state == JobState::Queued)
            scan = info.id;
    QVERIFY(scan != 0);
    // The row's Cancel button, clicked where it is drawn (the jobs list is a painted view).
    JobsPanel *panel = m_window->jobsPanel();
    const QRect cancel = panel->cancelButtonRect(scan);
    QVERIFY(!cancel.isEmpty());
    QTest::mouseClick(panel->view()->viewport(), Qt::LeftButton, {}, cancel.center());
    release->store(true);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->scheduler()->info(scan).state, JobState::Cancelled, 10000);
    QVERIFY(waitIdle());
    QCOMPARE(m_window->studyBrowser()->seriesCount(), seriesBefore);
    m_window->scheduler()->clearFinished();
}

void TestMainWindow::windowDragChangesPixels()
{
    Viewport *viewport = m_window->viewport(0);
    const QImage before = viewport->grabFramebuffer();
    const QPointF center(viewport->width() / 2.0, viewport->height() / 2.0);
    drag(viewport, center, center + QPointF(-120, 60));
    QVERIFY(viewport->state()->hasWindow());
    const QImage after = viewport->grabFramebuffer();
    const double difference = radsynth::test::meanAbsoluteDifference(before, after);
    QVERIFY2(difference > 3.0, qPrintable(QStringLiteral("mean difference %1").arg(difference)));
}

void TestMainWindow::linkedViewportsFollow()
{
    const QString key = m_window->studyBrowser()->imageSeriesKeys().first();
    QVERIFY(m_window->showSeries(1, key));
    QVERIFY(waitIdle());
    Viewport *first = m_window->viewport(0), *second = m_window->viewport(1);
    QVERIFY(second->hasImage());
    second->state()->reset();
    first->state()->reset();

    QAction *link = m_window->action(QStringLiteral("linkViewports"));
    link->setChecked(true);
    const QImage secondBefore = second->grabFramebuffer();
    const QPointF center(first->width() / 2.0, first->height() / 2.0);
    drag(first, center, center + QPointF(-150, 80));
    QVERIFY(second->state()->hasWindow());
    QCOMPARE(second->state()->windowCenter(), first->state()->windowCenter());
    QCOMPARE(second->state()->windowWidth(), first->state()->windowWidth());
    QVERIFY(radsynth::test::meanAbsoluteDifference(secondBefore, second->grabFramebuffer()) > 3.0);

    QWheelEvent wheel(center, first->mapToGlobal(center), QPoint(), QPoint(0, 360), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(first, &wheel);
    QVERIFY(!second->state()->fitToWindow());
    QCOMPARE(second->state()->zoom(), first->state()->zoom());
    QCOMPARE(second->state()->pan(), first->state()->pan());

    link->setChecked(false);
    const double zoom = second->state()->zoom();
    first->zoomBy(2.0);
    QCOMPARE(second->state()->zoom(), zoom);
    first->state()->reset();
    second->state()->reset();
}

void TestMainWindow::keyboardShortcuts()
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->setActiveViewport(0);
    Viewport *viewport = m_window->activeViewport();
    viewport->setFocus();
    QVERIFY(!viewport->state()->invert());
    QTest::keyClick(viewport, Qt::Key_I);
    QVERIFY(viewport->state()->invert());
    QTest::keyClick(viewport, Qt::Key_R);
    QCOMPARE(viewport->state()->rotation(), 1);
    QTest::keyClick(viewport, Qt::Key_H);
    QVERIFY(viewport->state()->flipHorizontal());
    QTest::keyClick(viewport, Qt::Key_2);
    QCOMPARE(viewport->state()->windowWidth(), viewport->windowPresets().at(1).width);
    QTest::keyClick(viewport, Qt::Key_O);
    QVERIFY(!viewport->state()->overlaysVisible());
    QTest::keyClick(viewport, Qt::Key_O);
    QTest::keyClick(viewport, Qt::Key_0);
    QVERIFY(!viewport->state()->invert());
    QCOMPARE(viewport->state()->rotation(), 0);
    QVERIFY(!viewport->state()->hasWindow());
    QTest::keyClick(viewport, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(m_window->layoutName(), QStringLiteral("1x1"));
    QTest::keyClick(viewport, Qt::Key_4, Qt::ControlModifier);
    QCOMPARE(m_window->layoutName(), QStringLiteral("2x2"));
    m_window->setLayoutName(QStringLiteral("1x2"));
}

void TestMainWindow::browseImagesAndDropSeries()
{
    const QString folder = QStringLiteral(RADSYNTH_SHARED_DATA_DIR "/dicom/chest");
    if (!QFile::exists(folder + QStringLiteral("/cr-chest-pa-jpeg-baseline-monochrome1.dcm")))
        QSKIP("The shared chest CR pair (MONOCHROME2 + MONOCHROME1) is absent");
    const QStringList before = m_window->studyBrowser()->imageSeriesKeys();
    m_window->openPaths({folder});
    QVERIFY(waitIdle());
    QString pairKey;
    for (const QString &key : m_window->studyBrowser()->imageSeriesKeys())
        if (!before.contains(key) && m_window->studyBrowser()->series(key).images().size() == 2)
            pairKey = key;
    QVERIFY2(!pairKey.isEmpty(), "the two chest files form one series of two images");

    // Drag the series from the browser (its mime data) into viewport 2.
    QTreeWidget *tree = m_window->studyBrowser()->tree();
    QTreeWidgetItem *seriesItem = nullptr;
    for (QTreeWidgetItemIterator it(tree); *it; ++it)
        if ((*it)->data(0, Qt::UserRole).toString() == pairKey)
            seriesItem = *it;
    QVERIFY(seriesItem);
    std::unique_ptr<QMimeData> mime(tree->model()->mimeData({tree->indexFromItem(seriesItem)}));
    QVERIFY(mime && mime->hasFormat(QString::fromLatin1(Viewport::kSeriesMimeType)));
    Viewport *target = m_window->viewport(1);
    const QPoint dropPoint(target->width() / 2, target->height() / 2);
    QDragEnterEvent enter(dropPoint, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(dropPoint, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
    QVERIFY(waitIdle());
    QCOMPARE(m_window->activeViewport(), target);
    QCOMPARE(target->state()->frameCount(), 2);

    // Next image: the second file is the same picture tagged MONOCHROME1, so it shows inverted.
    const QImage first = target->grabFramebuffer();
    m_window->action(QStringLiteral("nextFrame"))->trigger();
    QCOMPARE(target->state()->frame(), 1);
    QVERIFY(waitIdle());
    const QImage second = target->grabFramebuffer();
    const double difference = radsynth::test::meanAbsoluteDifference(first, second);
    QVERIFY2(difference > 20.0, qPrintable(QString::number(difference)));
    QVERIFY(target->overlay().cornerText(3).contains(QStringLiteral("2 / 2")));
    m_window->action(QStringLiteral("previousFrame"))->trigger();
    QCOMPARE(target->state()->frame(), 0);
    QVERIFY(waitIdle());
}

void TestMainWindow::tagBrowserSearches()
{
    m_window->setActiveViewport(0);
    m_window->studyBrowser()->tree()->clearSelection();
    m_window->action(QStringLiteral("tagBrowser"))->trigger();
    TagBrowserDialog *dialog = m_window->tagBrowser();
    QVERIFY(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isLoading(), 20000);
    QVERIFY2(dialog->rowCount() > 10, qPrintable(QString::number(dialog->rowCount())));
    dialog->setSearchText(QStringLiteral("(0028,"));
    QVERIFY(dialog->visibleRowCount() > 0);
    QVERIFY(dialog->visibleRowCount() < dialog->rowCount());
    dialog->setSearchText(QStringLiteral("no attribute is called like this"));
    QCOMPARE(dialog->visibleRowCount(), 0);
    dialog->close();
}

void TestMainWindow::shortcutHelpListsEveryShortcut()
{
    ShortcutsDialog dialog(m_window->allActions());
    const auto rows = dialog.rows();
    int withKeys = 0;
    for (QAction *action : m_window->allActions())
        withKeys += action->shortcuts().isEmpty() ? 0 : 1;
    QVERIFY(withKeys >= 30);
    QVERIFY(rows.size() >= withKeys); // keyboard rows plus mouse gestures
    bool invertListed = false;
    for (const auto &row : rows)
        invertListed = invertListed || (row.first == QStringLiteral("Invert") && row.second == QStringLiteral("I"));
    QVERIFY(invertListed);
}

void TestMainWindow::loadProblemsAreListed()
{
    const QString folder = m_temp.filePath(QStringLiteral("mixed"));
    QVERIFY(QDir().mkpath(folder));
    QFile::copy(m_studyPath, folder + QStringLiteral("/good.dcm"));
    QFile empty(folder + QStringLiteral("/empty.dcm"));
    QVERIFY(empty.open(QIODevice::WriteOnly));
    empty.close();
    QFile text(folder + QStringLiteral("/notes.txt"));
    QVERIFY(text.open(QIODevice::WriteOnly));
    text.write("not a DICOM file\n");
    text.close();
    QFile source(m_studyPath);
    QVERIFY(source.open(QIODevice::ReadOnly));
    QFile truncated(folder + QStringLiteral("/truncated.dcm"));
    QVERIFY(truncated.open(QIODevice::WriteOnly));
    truncated.write(source.read(source.size() / 3));
    truncated.close();

    const int problemsBefore = m_window->problemList()->count();
    const int seriesBefore = m_window->studyBrowser()->seriesCount();
    m_window->openPaths({folder});
    QVERIFY(waitIdle());
    QVERIFY2(m_window->problemList()->count() >= problemsBefore + 2, qPrintable(QString::number(m_window->problemList()->count())));
    QCOMPARE(m_window->studyBrowser()->seriesCount(), seriesBefore + 1); // the good file still loads
    bool namesFile = false;
    for (int i = 0; i < m_window->problemList()->count(); ++i)
        namesFile = namesFile || m_window->problemList()->item(i)->text().contains(QStringLiteral("empty.dcm"));
    QVERIFY(namesFile);

    // A picture (a radiograph saved as PNG) is not a study: the problem list says what the
    // workstation opens and where a PNG goes, instead of a silent "Loaded 0 image series".
    const QString picture = m_temp.filePath(QStringLiteral("chest.png"));
    QImage image(64, 64, QImage::Format_Grayscale8);
    image.fill(128);
    QVERIFY(image.save(picture));
    const int beforePicture = m_window->problemList()->count();
    m_window->openPaths({picture});
    QVERIFY(waitIdle());
    QCOMPARE(m_window->problemList()->count(), beforePicture + 1);
    const QString said = m_window->problemList()->item(m_window->problemList()->count() - 1)->text();
    QVERIFY2(said.contains(QLatin1String("chest.png")) && said.contains(QLatin1String("radsynth-cli generate")), qPrintable(said));
}

void TestMainWindow::translationsLoad_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("file");
    QTest::newRow("it") << QStringLiteral("it") << QStringLiteral("&View");
    QTest::newRow("de") << QStringLiteral("de") << QStringLiteral("&View");
}

void TestMainWindow::translationsLoad()
{
    QFETCH(QString, language);
    QFETCH(QString, file);
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/radsynth_%1.qm").arg(language)));
    const QString translated = translator.translate("radsynth::ui::MainWindow", file.toUtf8().constData());
    QVERIFY2(!translated.isEmpty() && translated != file, qPrintable(translated));
    QVERIFY(!translator.translate("radsynth::ui::Viewport", "Drop a series here, or open a study (Ctrl+O)").isEmpty());
    QCOMPARE(Settings::effectiveLanguage(language), language);
    QCOMPARE(Settings::effectiveLanguage(QStringLiteral("xx")).size(), 2);
}

void TestMainWindow::settingsRemember()
{
    Settings settings;
    QVERIFY(settings.recentStudies().contains(QFileInfo(m_studyPath).absoluteFilePath()));
    QCOMPARE(settings.layout(), m_window->layoutName());
    // Setting what is already stored does not rewrite the settings file (the workstation sets the
    // layout and the recent studies on every open, on the GUI thread); a change does.
    const QString file = QSettings().fileName();
    settings.setLayout(settings.layout());
    QSettings().sync();
    const QDateTime written = QFileInfo(file).lastModified();
    QVERIFY(written.isValid());
    QTest::qWait(20);
    settings.setLayout(settings.layout());
    QSettings().sync();
    QCOMPARE(QFileInfo(file).lastModified(), written);
    settings.addRecentStudy(settings.recentStudies().value(0)); // already the newest
    QSettings().sync();
    QCOMPARE(QFileInfo(file).lastModified(), written);
    const QString other = settings.layout() == QLatin1String("1x1") ? QStringLiteral("2x2") : QStringLiteral("1x1");
    const QString before = settings.layout();
    settings.setLayout(other);
    QSettings().sync();
    QVERIFY(QFileInfo(file).lastModified() > written);
    QCOMPARE(settings.layout(), other);
    settings.setLayout(before);
}

void TestMainWindow::logHasNoPatientData()
{
    const QString key = m_window->studyBrowser()->imageSeriesKeys().first();
    const SeriesRef ref = m_window->studyBrowser()->series(key);
    QFile log(QString::fromStdString(radsynth::log::logFilePath()));
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QByteArray content = log.readAll();
    QVERIFY(content.contains("Loaded")); // the log is written
    for (const std::string &phi : {ref.patient->patientName, ref.patient->patientId, ref.patient->birthDate})
        if (phi.size() >= 3)
            QVERIFY2(!content.contains(QByteArray::fromStdString(phi)), "patient data found in the log");
}

void TestMainWindow::screenshot()
{
    m_window->setLayoutName(QStringLiteral("1x2"));
    QTest::qWait(100);
    const QImage picture = m_window->grab().toImage();
    QVERIFY(!picture.isNull());
    const QString file = QStringLiteral(RADSYNTH_BINARY_DIR "/tests/tst_mainwindow.png");
    QVERIFY(picture.save(file));
    // The viewport area is not blank: the image is drawn into the grabbed window.
    const QRect area(m_window->viewport(0)->mapTo(m_window.get(), QPoint(0, 0)), m_window->viewport(0)->size());
    const QImage viewportPart = picture.copy(area).convertToFormat(QImage::Format_Grayscale8);
    int distinct[256] = {};
    for (int y = 0; y < viewportPart.height(); y += 4)
        for (int x = 0; x < viewportPart.width(); x += 4)
            distinct[viewportPart.constScanLine(y)[x]] = 1;
    int levels = 0;
    for (int v : distinct)
        levels += v;
    QVERIFY2(levels > 50, qPrintable(QString::number(levels)));
}

// A large JPEG 2000 radiograph shows its coarse resolution levels first (a quarter of the size,
// decoded in a fraction of the full decode's time), then the full image replaces them and is what
// stays on screen.
void TestMainWindow::largeJpeg2000OpensWithAFirstLook()
{
    const QString j2k = QStringLiteral(RADSYNTH_SHARED_DATA_DIR "/dicom/pydicom/RG3_J2KR.dcm");
    if (!QFile::exists(j2k))
        QSKIP("../shared/data/dicom is not present: the JPEG 2000 radiograph is needed");
    const QStringList before = m_window->studyBrowser()->imageSeriesKeys();
    m_window->openPaths({j2k});
    QVERIFY(waitIdle());
    QString key;
    for (const QString &candidate : m_window->studyBrowser()->imageSeriesKeys())
        if (!before.contains(candidate))
            key = candidate;
    QVERIFY(!key.isEmpty());
    Viewport *viewport = m_window->viewport(1);
    int firstLookWidth = 0;
    const auto connection = connect(m_window.get(), &MainWindow::firstLookShown, this, [&](int index) {
        if (index == 1)
            firstLookWidth = m_window->viewport(1)->image()->width;
    });
    QVERIFY(m_window->showSeries(1, key));
    QVERIFY(waitIdle());
    QTRY_COMPARE(viewport->image()->width, 1760);
    disconnect(connection);
    QVERIFY2(firstLookWidth == 440 || firstLookWidth == 880, qPrintable(QStringLiteral("first look %1 px wide").arg(firstLookWidth)));
    QTRY_VERIFY(viewport->showsFullResolution());
}

void TestMainWindow::cleanupTestCase() { m_window.reset(); }

int main(int argc, char **argv)
{
    VtkImageView::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("RadSynthTest"));
    QApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    radsynth::log::Options options;
    options.console = false;
    radsynth::log::initialize(options);
    TestMainWindow test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_mainwindow.moc"
