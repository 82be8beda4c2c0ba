// The out-of-distribution warning in the workstation, under Xvfb, with a tiny
// bundle made in the test and an ood.json calibrated with the evaluation's
// calibration (OodDetector::calibrate) on simulated studies. A study whose
// frontal is a checkerboard (written as DICOM) is flagged by the check: the
// warning appears in the synthetic viewport's banner, the status bar, the
// report draft's provenance (saved) and in the any-to-any panel next to the
// inputs with a "why?" explanation. A simulated study gets the warning only
// when the check flags it. A bundle without ood.json says "out-of-distribution
// check unavailable (bundle not evaluated)" in the panel and the model card.
#include "TinyBundle.h"

#include "radsynth/common/Paths.h"
#include "radsynth/generation/EvaluationModels.h"
#include "radsynth/generation/OodDetector.h"
#include "radsynth/simulation/Dataset.h"
#include "radsynth/simulation/DicomWriter.h"
#include "radsynth/ui/AnyToAnyDialog.h"
#include "radsynth/ui/MainWindow.h"
#include "radsynth/ui/OodWarning.h"
#include "radsynth/ui/Settings.h"
#include "radsynth/ui/StudyBrowser.h"
#include "radsynth/ui/Viewport.h"
#include "radsynth/ui/report/ReportEditor.h"
#include "radsynth/workflow/GenerationService.h"
#include "radsynth/workflow/OodCheck.h"
#include "radsynth/workflow/ReportDraftStore.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTextDocumentFragment>

using namespace radsynth;
using namespace radsynth::ui;

namespace {
const QString kWarning = QStringLiteral("Input unlike the model's training data (score ");
const QString kCaution = QStringLiteral("times the threshold): treat the synthetic output with extra caution");

// A frontal DICOM study (PA view) with these 12-bit pixels.
QString writeFrontalStudy(const QString &folder, const QImage &picture, const std::string &description)
{
    QDir().mkpath(folder);
    const QImage gray = picture.convertToFormat(QImage::Format_Grayscale8);
    simulation::RenderedView view;
    view.view = simulation::View::Frontal;
    view.width = gray.width();
    view.height = gray.height();
    view.pixelSpacingMm = 0.4;
    view.pixels.resize(size_t(view.width) * size_t(view.height));
    for (int y = 0; y < gray.height(); ++y)
        for (int x = 0; x < gray.width(); ++x)
            view.pixels[size_t(y) * size_t(view.width) + size_t(x)] = uint16_t(gray.constScanLine(y)[x] * 4095 / 255);
    simulation::SimulatedStudy study;
    study.patientName = "TEST^OOD";
    study.patientId = "OOD-1";
    study.patientSex = "O";
    study.studyDescription = description;
    simulation::assignUids(study);
    const QString path = folder + QStringLiteral("/frontal.dcm");
    const Status written = simulation::writeDicomImage(path.toStdString(), view, study, "", 120);
    return written ? path : QString();
}
} // namespace

class TestOodWarning : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void flaggedInputShowsTheWarning();
    void simulatedInputFollowsTheCheck();
    void bothViewsDraftTheReportFromBoth();
    void withoutCalibrationTheCheckIsUnavailable();
    void cleanupTestCase();

private:
    QTemporaryDir m_temp;
    QString m_bundle, m_plainBundle, m_boardStudy, m_simulatedStudy, m_twoViewStudy;
    std::unique_ptr<MainWindow> m_window;
};

void TestOodWarning::initTestCase()
{
    QVERIFY(m_temp.isValid());
    QDir(paths::cacheDirectory() + QStringLiteral("/generation")).removeRecursively();
    QDir(paths::dataDirectory() + QStringLiteral("/drafts")).removeRecursively();
    generation::Generator::setThreads(1);
    m_bundle = m_temp.filePath(QStringLiteral("tiny"));
    QString error = test::createTinyBundle(m_bundle);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_plainBundle = m_temp.filePath(QStringLiteral("tiny-not-evaluated"));
    error = test::createTinyBundle(m_plainBundle);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    // Simulated studies: the training and validation images of the calibration,
    // and one test study.
    simulation::DatasetOptions sim;
    sim.outDir = m_temp.filePath(QStringLiteral("data")).toStdString();
    sim.count = 30;
    sim.seed = 31;
    sim.size = 64;
    sim.dicom = true;
    sim.validationFraction = 0.3;
    sim.testFraction = 0.1;
    auto written = simulation::writeDataset(sim, simulation::plannedCases(sim));
    QVERIFY2(written.ok(), written.ok() ? "" : written.error().toString().c_str());
    std::vector<generation::ImageData> training, validation;
    const auto bundleManifest = generation::readManifest(m_bundle.toStdString());
    QVERIFY2(bundleManifest.isOk(), bundleManifest.message().c_str());
    const int resolution = bundleManifest->config.resolution; // the model input's size
    QFile manifest(QString::fromStdString(sim.outDir) + QStringLiteral("/manifest.jsonl"));
    QVERIFY(manifest.open(QIODevice::ReadOnly));
    while (!manifest.atEnd()) {
        const QJsonObject line = QJsonDocument::fromJson(manifest.readLine()).object();
        const QString split = line.value(QStringLiteral("split")).toString();
        const QString id = line.value(QStringLiteral("study_id")).toString();
        if (split == QLatin1String("test")) {
            if (!m_simulatedStudy.isEmpty() && m_twoViewStudy.isEmpty()) { // frontal and its real lateral
                m_twoViewStudy = m_temp.filePath(QStringLiteral("two-view-study"));
                QDir().mkpath(m_twoViewStudy);
                for (const char *view : {"frontal", "lateral"})
                    QVERIFY(QFile::copy(QString::fromStdString(sim.outDir) + QStringLiteral("/dicom/%1/%2.dcm").arg(id, QLatin1String(view)),
                                        m_twoViewStudy + QStringLiteral("/%1.dcm").arg(QLatin1String(view))));
            }
            if (m_simulatedStudy.isEmpty()) { // the frontal alone, so that opening it generates
                m_simulatedStudy = m_temp.filePath(QStringLiteral("simulated-study"));
                QDir().mkpath(m_simulatedStudy);
                QVERIFY(QFile::copy(QString::fromStdString(sim.outDir) + QStringLiteral("/dicom/%1/frontal.dcm").arg(id),
                                    m_simulatedStudy + QStringLiteral("/frontal.dcm")));
            }
            continue;
        }
        for (const char *view : {"frontal", "lateral"}) {
            auto image = workflow::GenerationService::loadInput(QString::fromStdString(sim.outDir) + QLatin1Char('/') +
                                                                    line.value(QLatin1String(view)).toString(),
                                                                resolution);
            QVERIFY(image.ok());
            (split == QLatin1String("validation") ? validation : training).push_back(std::move(image.value()));
        }
    }
    QVERIFY(!m_simulatedStudy.isEmpty());
    std::vector<const generation::ImageData *> trainingPointers, validationPointers;
    for (const auto &image : training)
        trainingPointers.push_back(&image);
    for (const auto &image : validation)
        validationPointers.push_back(&image);
    {
        auto features = generation::BundleFeatures::load(m_bundle.toStdString());
        QVERIFY2(features.isOk(), features.message().c_str());
        auto calibration = generation::OodDetector::calibrate(*features.value(), trainingPointers, validationPointers);
        QVERIFY2(calibration.isOk(), calibration.message().c_str());
        const generation::Status saved =
            generation::OodDetector::save(calibration.value(), (m_bundle + QStringLiteral("/ood.json")).toStdString());
        QVERIFY2(saved, saved.message().c_str());
    }

    // The clearly different input: a checkerboard frontal.
    QImage board(256, 256, QImage::Format_Grayscale8);
    for (int y = 0; y < 256; ++y)
        for (int x = 0; x < 256; ++x)
            board.scanLine(y)[x] = ((x / 16 + y / 16) % 2) ? 230 : 25;
    const QString boardFile = writeFrontalStudy(m_temp.filePath(QStringLiteral("board-study")), board, "Checkerboard test pattern");
    QVERIFY(!boardFile.isEmpty());
    m_boardStudy = QFileInfo(boardFile).path();
    // Precondition: the check itself flags it (what this test shows is how the
    // workstation says so).
    workflow::OodCheck check(m_bundle);
    const workflow::OodResult result = check.check(workflow::OodInput{QStringLiteral("frontal"), boardFile});
    qInfo("checkerboard: ratio %.2f (reconstruction %.5f, distance %.4f)", result.ratio, result.reconstruction, result.distance);
    QVERIFY2(result.flagged(), qPrintable(workflow::OodCheck::statusText(result)));

    Settings().setAutoGenerate(true);
    m_window = std::make_unique<MainWindow>();
    m_window->setModelDirectory(m_bundle);
    m_window->resize(1500, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestOodWarning::flaggedInputShowsTheWarning()
{
    QSignalSpy checked(m_window.get(), &MainWindow::inputChecked);
    QSignalSpy shown(m_window.get(), &MainWindow::syntheticShown);
    QSignalSpy drafted(m_window.get(), &MainWindow::reportDrafted);
    m_window->openPaths({m_boardStudy});
    QTRY_VERIFY_WITH_TIMEOUT(m_window->studyJobs().at(0) != 0, 30000);
    QVERIFY(m_window->inputCheckJob() != 0); // the check runs as a job, off the GUI thread
    QCOMPARE(m_window->scheduler()->info(m_window->inputCheckJob()).kind, workflow::JobKind::Generation);
    QTRY_VERIFY_WITH_TIMEOUT(!checked.isEmpty(), 60000);
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 120000);
    QTRY_VERIFY_WITH_TIMEOUT(!drafted.isEmpty(), 120000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isGenerating(), 60000);

    // The synthetic viewport's banner: the mark, the task, and the warning
    // (wrapped in lines).
    const QString banner = m_window->viewport(m_window->syntheticViewportIndex())->syntheticText();
    QVERIFY(banner.startsWith(Viewport::syntheticMark()));
    QVERIFY(banner.contains(QStringLiteral("F2L")));
    QVERIFY2(banner.simplified().contains(kWarning) && banner.simplified().contains(kCaution), qPrintable(banner));
    QVERIFY(m_window->inputCheckExplanation().contains(QStringLiteral("encoder distance")));

    // The report draft: provenance in the editor and in the saved draft.
    const workflow::ReportDraft &draft = m_window->reportEditor()->draft();
    QVERIFY(draft.provenance.inputFlagged);
    QVERIFY2(draft.provenance.inputCheck.contains(kWarning), qPrintable(draft.provenance.inputCheck));
    auto *provenance = m_window->reportEditor()->findChild<QLabel *>(QStringLiteral("reportProvenance"));
    QVERIFY(provenance);
    QVERIFY2(provenance->text().contains(kWarning), qPrintable(provenance->text()));
    QVERIFY(provenance->isVisible());
    auto saved = m_window->draftStore()->load(draft.key);
    QVERIFY(saved.ok());
    QVERIFY(saved->provenance.inputFlagged);
    QCOMPARE(saved->provenance.inputCheck, draft.provenance.inputCheck);

    // The any-to-any panel: next to the inputs, with "why?".
    AnyToAnyDialog *dialog = m_window->anyToAnyDialog();
    QSignalSpy dialogChecked(dialog, &AnyToAnyDialog::inputsChecked);
    dialog->show();
    QTRY_VERIFY_WITH_TIMEOUT(!dialogChecked.isEmpty(), 60000);
    OodStatusLabel *label = dialog->inputCheckLabel();
    QVERIFY(label->isVisible());
    QVERIFY(label->flagged());
    const QString labelText = QTextDocumentFragment::fromHtml(label->text()).toPlainText().simplified();
    QVERIFY2(labelText.contains(kWarning) && labelText.contains(kCaution), qPrintable(labelText));
    QVERIFY(label->text().contains(QStringLiteral("href='why'")));
    QVERIFY(label->toolTip().contains(QStringLiteral("encoder distance")));
    QVERIFY(label->toolTip().contains(QStringLiteral("threshold")));
    if (const QString shot = qEnvironmentVariable("RADSYNTH_OOD_SCREENSHOT"); !shot.isEmpty()) { // to look at the panel
        QTest::qWait(300); // the layout settles
        QVERIFY(dialog->grab().save(shot));
        QVERIFY(m_window->grab().save(QString(shot).replace(QStringLiteral(".png"), QStringLiteral("-window.png"))));
    }
    label->showExplanation();
    auto *box = dialog->findChild<QMessageBox *>(QStringLiteral("oodExplanation"));
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QVERIFY(!box->isModal()); // never blocking
    QVERIFY(box->text().contains(QStringLiteral("reconstruction error")));
    box->close();
    dialog->hide();
}

void TestOodWarning::simulatedInputFollowsTheCheck()
{
    workflow::OodCheck check(m_bundle);
    const workflow::OodResult expected =
        check.check(workflow::OodInput{QStringLiteral("frontal"), m_simulatedStudy + QStringLiteral("/frontal.dcm")});
    QVERIFY(expected.scored());
    qInfo("simulated frontal: ratio %.2f", expected.ratio);
    QSignalSpy checked(m_window.get(), &MainWindow::inputChecked);
    QSignalSpy drafted(m_window.get(), &MainWindow::reportDrafted);
    m_window->openPaths({m_simulatedStudy});
    QTRY_VERIFY_WITH_TIMEOUT(!checked.isEmpty(), 60000);
    QTRY_VERIFY_WITH_TIMEOUT(!drafted.isEmpty(), 120000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isGenerating(), 60000);
    const QString banner = m_window->viewport(m_window->syntheticViewportIndex())->syntheticText();
    QCOMPARE(banner.simplified().contains(kWarning), expected.flagged());
    QCOMPARE(m_window->reportEditor()->draft().provenance.inputFlagged, expected.flagged());
}

// A study with a real lateral: Synthesize lateral and draft report puts frontal | synthetic | real
// side by side, and the report reads both views (FL2R).
void TestOodWarning::bothViewsDraftTheReportFromBoth()
{
    QVERIFY(!m_twoViewStudy.isEmpty());
    m_window->openPaths({m_twoViewStudy});
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), 60000);
    for (const QString &key : m_window->studyBrowser()->imageSeriesKeys()) {
        const auto images = m_window->studyBrowser()->series(key).images();
        if (!images.empty() && QString::fromStdString(images.front()->path).startsWith(m_twoViewStudy) &&
            images.front()->view.view == dicom::View::Frontal)
            m_window->showSeries(0, key);
    }
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), 60000);
    m_window->setActiveViewport(0);
    QSignalSpy drafted(m_window.get(), &MainWindow::reportDrafted);
    QVERIFY(m_window->generateForShownStudy());
    QCOMPARE(m_window->layoutName(), QStringLiteral("1x3"));
    QTRY_VERIFY_WITH_TIMEOUT(!drafted.isEmpty(), 120000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isGenerating(), 60000);
    QCOMPARE(m_window->reportEditor()->draft().provenance.task, QStringLiteral("FL2R"));
}

void TestOodWarning::withoutCalibrationTheCheckIsUnavailable()
{
    m_window->setModelDirectory(m_plainBundle);
    AnyToAnyDialog *dialog = m_window->anyToAnyDialog();
    dialog->show();
    QCOMPARE(dialog->inputCheckLabel()->results().size(), 0);
    const QString labelText = QTextDocumentFragment::fromHtml(dialog->inputCheckLabel()->text()).toPlainText().simplified();
    QVERIFY2(labelText.contains(QStringLiteral("out-of-distribution check unavailable (bundle not evaluated)")), qPrintable(labelText));
    QVERIFY(dialog->inputCheckLabel()->toolTip().contains(QStringLiteral("ood.json")));
    dialog->findChild<QPushButton *>(QStringLiteral("modelCardButton"))->click();
    QDialog *card = nullptr;
    QTRY_VERIFY((card = dialog->findChild<QDialog *>(QStringLiteral("modelCardDialog"))) != nullptr);
    QVERIFY(card->findChild<QTextBrowser *>()->toPlainText().contains(
        QStringLiteral("out-of-distribution check unavailable (bundle not evaluated)")));
    card->close();
    dialog->hide();

    // Generation still runs; the draft's provenance says the check did not run.
    QSignalSpy drafted(m_window.get(), &MainWindow::reportDrafted);
    QVERIFY(m_window->generateForShownStudy());
    QCOMPARE(m_window->inputCheckJob(), workflow::JobId(0));
    QTRY_VERIFY_WITH_TIMEOUT(!drafted.isEmpty(), 120000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isGenerating(), 60000);
    QCOMPARE(m_window->reportEditor()->draft().provenance.inputCheck, workflow::OodCheck::unavailableText());
    QVERIFY(!m_window->reportEditor()->draft().provenance.inputFlagged);
    QVERIFY(!m_window->viewport(m_window->syntheticViewportIndex())->syntheticText().contains(kWarning));
}

void TestOodWarning::cleanupTestCase()
{
    m_window.reset(); // waits for its jobs
}

QTEST_MAIN(TestOodWarning)
#include "tst_oodwarning.moc"
