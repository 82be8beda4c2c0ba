// Generation in the workstation, under Xvfb, with an untrained tiny bundle made in the test:
// opening a study with a frontal and no lateral starts F2L and F2R jobs with per-step progress;
// the synthesized lateral appears in a synthetic viewport (banner and orange frame, also in the
// grabbed pixels); the report arrives as an autosaved draft with provenance; a job is cancelled and
// retried from the jobs panel; the any-to-any panel plans tasks, makes variants with a variation
// map and compares with a real lateral (difference, flicker); a missing model is a notice, not a
// crash; and the event loop never stalls for more than 500 ms while two generation jobs run.
#include "TinyBundle.h"

#include "radsynth/common/Paths.h"
#include "radsynth/export/GenerationExport.h"
#include "radsynth/export/SyntheticImage.h"
#include "radsynth/generation/Bundle.h"
#include "radsynth/ui/AnyToAnyDialog.h"
#include "radsynth/ui/JobsPanel.h"
#include "radsynth/ui/MainWindow.h"
#include "radsynth/ui/Settings.h"
#include "radsynth/ui/Viewport.h"
#include "radsynth/ui/report/ReportEditor.h"
#include "radsynth/workflow/GenerationService.h"
#include "radsynth/workflow/ReportDraftStore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include <cmath>

using namespace radsynth;
using namespace radsynth::ui;
using generation::Task;
using workflow::JobState;

Q_DECLARE_METATYPE(generation::Task)

namespace {
// Orange (the synthetic frame colour, 255/140/0) pixels in a grabbed image.
int orangePixels(const QImage &image)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.red() > 220 && c.green() > 100 && c.green() < 180 && c.blue() < 60)
                ++count;
        }
    return count;
}
} // namespace

class TestGenerationFlow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void openingAStudyGenerates();
    void studyOpenedWithoutDraftingHasItsOwnReport();
    void cancelAndRetry();
    void plannedTasks_data();
    void plannedTasks();
    void variantsAndComparison();
    void missingModelIsANotice();
    void noStallWhileTwoJobsRun();
    void guidedDraftsReachTheEditor();
    void previewAndExportCarryTheSameMark();
    void cleanupTestCase();

private:
    QTemporaryDir m_temp;
    QString m_bundle;
    QString m_study;
    std::unique_ptr<MainWindow> m_window;
};

void TestGenerationFlow::initTestCase()
{
    QVERIFY(m_temp.isValid());
    // Fresh cache and drafts: a cached result would skip the progress this test checks.
    QDir(paths::cacheDirectory() + QStringLiteral("/generation")).removeRecursively();
    QDir(paths::dataDirectory() + QStringLiteral("/drafts")).removeRecursively();
    m_bundle = m_temp.filePath(QStringLiteral("tiny"));
    const QString error = test::createTinyBundle(m_bundle);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // Training sentences (one real sentence): every sentence the untrained decoder writes is composed.
    const auto sentences = generation::writeReportSentences(m_bundle.toStdString(), {"Findings: No acute cardiopulmonary abnormality."});
    QVERIFY2(sentences.isOk(), sentences.message().c_str());
    m_study = QStringLiteral(RADSYNTH_SOURCE_DIR "/resources/sample-study");
    QVERIFY(QFileInfo::exists(m_study + QStringLiteral("/SIM000001-PA.dcm")));

    Settings().setAutoGenerate(true);
    m_window = std::make_unique<MainWindow>();
    m_window->setModelDirectory(m_bundle);
    m_window->resize(1500, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestGenerationFlow::openingAStudyGenerates()
{
    QSignalSpy progress(m_window->scheduler(), &workflow::JobScheduler::jobProgress);
    QSignalSpy shown(m_window.get(), &MainWindow::syntheticShown);
    QSignalSpy drafted(m_window.get(), &MainWindow::reportDrafted);
    // The report panel is part of the layout before any study opens, and says there is none.
    QVERIFY(m_window->reportDock()->isVisible());
    QVERIFY(m_window->reportEditor()->showsNoReport());
    QVERIFY(m_window->reportEditor()->stateBanner()->text().contains(QLatin1String("No study open")));
    const QSize frontalSize = m_window->viewport(0)->size();
    m_window->openPaths({m_study});

    // Generation starts by itself once the scan finds a frontal without a lateral.
    QTRY_VERIFY_WITH_TIMEOUT(m_window->studyJobs().at(0) != 0, 30000);
    const workflow::JobId lateralJob = m_window->studyJobs().at(0);
    const workflow::JobId reportJob = m_window->studyJobs().at(1);
    QVERIFY(reportJob != 0 && reportJob != lateralJob);
    QCOMPARE(m_window->scheduler()->info(lateralJob).kind, workflow::JobKind::Generation);
    QVERIFY(m_window->jobsPanel()->hasRow(lateralJob));
    QCOMPARE(m_window->layoutName(), QStringLiteral("1x2"));
    QCOMPARE(m_window->syntheticViewportIndex(), 1);
    Viewport *synthetic = m_window->viewport(1);
    QVERIFY(synthetic->isSynthetic()); // marked before the image arrives
    // The report panel is this study's from the start: shown (the viewports do not shrink when the
    // draft arrives) and "drafting", read-only, until the draft comes.
    QVERIFY(m_window->reportDock()->isVisible());
    if (drafted.isEmpty()) { // (the tiny model takes longer than the scan: true in practice)
        QVERIFY(m_window->reportEditor()->isDrafting());
        QVERIFY(m_window->reportEditor()->textEdit()->isReadOnly());
        QVERIFY(m_window->reportEditor()->stateBanner()->text().contains(QLatin1String("DRAFTING")));
    }

    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 120000);
    QTRY_VERIFY_WITH_TIMEOUT(!drafted.isEmpty(), 120000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isGenerating(), 60000);
    // The frontal kept its size: no dock appeared beside the images when the study opened.
    QCOMPARE(m_window->viewport(0)->size(), frontalSize);

    // Progress came per sampler step (20 steps by default) for the lateral job.
    bool stepProgress = false;
    for (const QList<QVariant> &arguments : progress)
        if (arguments.at(0).value<workflow::JobId>() == lateralJob && arguments.at(2).toLongLong() == 20)
            stepProgress = true;
    QVERIFY2(stepProgress, "no per-step progress for the F2L job");
    QCOMPARE(m_window->scheduler()->info(lateralJob).state, JobState::Finished);
    QTRY_COMPARE(m_window->jobsPanel()->progress(lateralJob), 1000); // the panel updates a few times a second

    // The synthesized lateral: image, banner, frame - in the rendered pixels too.
    QVERIFY(synthetic->hasImage());
    QVERIFY(synthetic->syntheticText().startsWith(Viewport::syntheticMark()));
    QVERIFY(synthetic->syntheticText().contains(QStringLiteral("F2L")));
    // The size the model drew it at, where a real image's pixel spacing goes (lower right).
    const auto manifest = generation::readManifest(m_bundle.toStdString());
    QVERIFY2(manifest.isOk(), manifest.message().c_str());
    const QString drawnAt = QStringLiteral("Drawn at %1 px").arg(manifest->config.resolution);
    QVERIFY2(synthetic->overlay().cornerText(1).contains(drawnAt), qPrintable(synthetic->overlay().cornerText(1)));
    QVERIFY(m_window->viewport(0)->hasImage());
    QVERIFY(!m_window->viewport(0)->isSynthetic());
    QTest::qWait(200);
    const QImage syntheticPixels = synthetic->grabFramebuffer();
    const QImage frontalPixels = m_window->viewport(0)->grabFramebuffer();
    QVERIFY2(orangePixels(syntheticPixels) > 2 * (synthetic->width() + synthetic->height()),
             qPrintable(QStringLiteral("orange pixels: %1").arg(orangePixels(syntheticPixels))));
    QCOMPARE(orangePixels(frontalPixels), 0);
    // Also in a grab of the whole window (what --screenshot saves).
    QVERIFY(orangePixels(m_window->grab().toImage()) > synthetic->width());

    // The report: a generated draft with provenance, in the editor and in the store.
    const workflow::ReportDraft &draft = m_window->reportEditor()->draft();
    QCOMPARE(draft.state, workflow::ReportState::GeneratedDraft);
    QCOMPARE(draft.provenance.task, QStringLiteral("F2R"));
    QCOMPARE(draft.provenance.model, QStringLiteral("radsynth-test-tiny"));
    QCOMPARE(draft.provenance.version, QStringLiteral("0.0.1"));
    QCOMPARE(draft.provenance.seed, qint64(1));
    QCOMPARE(drafted.first().at(0).toString(), draft.key);
    QVERIFY(m_window->draftStore()->exists(draft.key));
    QVERIFY(m_window->reportDock()->isVisible());
    QVERIFY(!m_window->reportEditor()->isDrafting());
    QVERIFY(!m_window->reportEditor()->textEdit()->isReadOnly());
    // An edit is autosaved by the editor.
    m_window->reportEditor()->textEdit()->appendPlainText(QStringLiteral("Reviewed."));
    QTRY_VERIFY(m_window->draftStore()->load(draft.key)->text.contains(QStringLiteral("Reviewed.")));
}

void TestGenerationFlow::studyOpenedWithoutDraftingHasItsOwnReport()
{
    // Automatic generation off: opening a study drafts nothing, and the report panel shows that
    // study's report, never the report that was on screen (its edits would go to the other study).
    QAction *automatic = m_window->action(QStringLiteral("autoGenerate"));
    QVERIFY(automatic && automatic->isChecked());
    automatic->setChecked(false);
    const QString otherKey = workflow::ReportDraftStore::keyFor(QStringLiteral("9.9.7"));
    workflow::ReportDraft other;
    other.key = otherKey;
    other.studyLabel = QStringLiteral("another patient's study");
    other.text = QStringLiteral("FINDINGS: Another patient's report.");
    m_window->reportEditor()->setDraft(other);

    // This study has a stored report (the draft of openingAStudyGenerates, edited): it comes back.
    const QList<workflow::ReportDraft> stored = m_window->draftStore()->unsignedDrafts();
    QVERIFY(!stored.isEmpty());
    const QString studyKey = stored.first().key;
    m_window->openPaths({m_study});
    QTRY_VERIFY_WITH_TIMEOUT(m_window->reportEditor()->draft().key != otherKey, 30000);
    QCOMPARE(m_window->reportEditor()->draft().key, studyKey);
    QVERIFY(m_window->reportEditor()->text().contains(QStringLiteral("Reviewed.")));
    QVERIFY(!m_window->isGenerating());

    // Without a stored report: "no report", read-only, nothing saved.
    m_window->reportEditor()->setDraft(other);
    m_window->reportEditor()->flushSaves();
    QVERIFY(m_window->draftStore()->remove(studyKey).ok());
    m_window->openPaths({m_study});
    QTRY_VERIFY_WITH_TIMEOUT(m_window->reportEditor()->showsNoReport(), 30000);
    QVERIFY2(m_window->reportEditor()->stateBanner()->text().contains(QLatin1String("NO REPORT for")),
             qPrintable(m_window->reportEditor()->stateBanner()->text()));
    QVERIFY(m_window->reportEditor()->textEdit()->isReadOnly());
    QVERIFY(!m_window->draftStore()->exists(otherKey)); // the other report was shown, never saved here

    // Drafting starts (Ctrl+G), then the panel goes to another study before the draft arrives:
    // the draft is stored, not shown over that study's report.
    QSignalSpy drafted(m_window.get(), &MainWindow::reportDrafted);
    QVERIFY(m_window->generateForShownStudy());
    QVERIFY(m_window->reportEditor()->isDrafting());
    m_window->reportEditor()->setDraft(other);
    QTRY_VERIFY_WITH_TIMEOUT(!drafted.isEmpty(), 120000);
    QCOMPARE(m_window->reportEditor()->draft().key, otherKey);
    QCOMPARE(drafted.first().at(0).toString(), studyKey);
    QTRY_VERIFY(m_window->draftStore()->exists(studyKey));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isGenerating(), 60000);
    automatic->setChecked(true);
}

void TestGenerationFlow::cancelAndRetry()
{
    AnyToAnyDialog *dialog = m_window->anyToAnyDialog();
    dialog->frontalInput()->setChecked(true);
    dialog->lateralOutput()->setChecked(true);
    dialog->frontalOutput()->setChecked(false);
    dialog->reportOutputCheck()->setChecked(false);
    dialog->stepsBox()->setValue(1000); // long enough to cancel mid-way
    dialog->variantsBox()->setValue(1);
    dialog->seedBox()->setValue(777);
    const QList<workflow::JobId> jobs = dialog->generate();
    QCOMPARE(jobs.size(), 1);
    const workflow::JobId id = jobs.first();
    workflow::JobScheduler *scheduler = m_window->scheduler();
    QTRY_VERIFY_WITH_TIMEOUT(scheduler->info(id).done > 0, 60000);
    // The row's buttons, clicked where they are drawn (the jobs list is a painted view).
    JobsPanel *panel = m_window->jobsPanel();
    QWidget *list = panel->view()->viewport();
    QTRY_VERIFY(!panel->cancelButtonRect(id).isEmpty());
    QVERIFY(panel->retryButtonRect(id).isEmpty());
    QTest::mouseClick(list, Qt::LeftButton, {}, panel->cancelButtonRect(id).center());
    QTRY_COMPARE_WITH_TIMEOUT(scheduler->info(id).state, JobState::Cancelled, 30000);
    QVERIFY(scheduler->info(id).done < 1000);
    QTRY_VERIFY(!panel->retryButtonRect(id).isEmpty());
    QVERIFY(panel->cancelButtonRect(id).isEmpty());
    QTest::mouseClick(list, Qt::LeftButton, {}, panel->retryButtonRect(id).center());
    QVERIFY(scheduler->info(id).isActive());
    QTRY_VERIFY(!panel->cancelButtonRect(id).isEmpty());
    scheduler->cancel(id);
    QTRY_VERIFY_WITH_TIMEOUT(!scheduler->info(id).isActive(), 30000);
}

void TestGenerationFlow::plannedTasks_data()
{
    QTest::addColumn<bool>("frontal");
    QTest::addColumn<bool>("lateral");
    QTest::addColumn<QString>("report");
    QTest::addColumn<QString>("outputs"); // F, L, R
    QTest::addColumn<QString>("expected");
    QTest::newRow("frontal->lateral") << true << false << QString() << "L" << "F2L";
    QTest::newRow("frontal->lateral+report") << true << false << QString() << "LR" << "F2L,F2R";
    QTest::newRow("frontal+report->lateral") << true << false << "Heart size is normal." << "L" << "FR2L";
    QTest::newRow("report->frontal+lateral") << false << false << "Lungs are clear." << "FL" << "R2F,R2L";
    QTest::newRow("both views->report") << true << true << QString() << "R" << "FL2R";
    QTest::newRow("lateral+report->frontal") << false << true << "No effusion." << "F" << "LR2F";
    QTest::newRow("input is output") << true << false << QString() << "F" << "";
    QTest::newRow("nothing in") << false << false << QString() << "L" << "";
}

void TestGenerationFlow::plannedTasks()
{
    QFETCH(bool, frontal);
    QFETCH(bool, lateral);
    QFETCH(QString, report);
    QFETCH(QString, outputs);
    QFETCH(QString, expected);
    AnyToAnyDialog *dialog = m_window->anyToAnyDialog();
    dialog->setStudy(QStringLiteral("1.2.3"), m_study + QStringLiteral("/SIM000001-PA.dcm"), m_study + QStringLiteral("/SIM000001-PA.dcm"));
    dialog->frontalInput()->setChecked(frontal);
    dialog->lateralInput()->setChecked(lateral);
    dialog->reportText()->setPlainText(report);
    dialog->reportInput()->setChecked(!report.isEmpty());
    dialog->frontalOutput()->setChecked(outputs.contains(QLatin1Char('F')));
    dialog->lateralOutput()->setChecked(outputs.contains(QLatin1Char('L')));
    dialog->reportOutputCheck()->setChecked(outputs.contains(QLatin1Char('R')));
    QString why;
    QStringList names;
    for (Task task : dialog->plannedTasks(&why))
        names << QString::fromLatin1(generation::toString(task));
    QCOMPARE(names.join(QLatin1Char(',')), expected);
    QCOMPARE(why.isEmpty(), !expected.isEmpty() || outputs.isEmpty());
    QCOMPARE(dialog->generateButton()->isEnabled(), !expected.isEmpty());
    // The rest of the request is reachable: eta (DDIM only), beam width, report drafts.
    QVERIFY(dialog->beamBox() && dialog->draftsBox() && dialog->etaBox());
    dialog->samplerBox()->setCurrentIndex(dialog->samplerBox()->findData(int(generation::Sampler::Ddim)));
    QVERIFY(dialog->etaBox()->isEnabled());
    dialog->samplerBox()->setCurrentIndex(dialog->samplerBox()->findData(int(generation::Sampler::DpmSolver2M)));
    QVERIFY(!dialog->etaBox()->isEnabled());
}

void TestGenerationFlow::variantsAndComparison()
{
    // A "real lateral" for the comparison: a picture file (the service reads PNG as well as DICOM).
    QImage real(64, 64, QImage::Format_Grayscale8);
    for (int y = 0; y < 64; ++y)
        for (int x = 0; x < 64; ++x)
            real.scanLine(y)[x] = uchar((x * 4) & 0xff);
    const QString realPath = m_temp.filePath(QStringLiteral("real-lateral.png"));
    QVERIFY(real.save(realPath));

    AnyToAnyDialog *dialog = m_window->anyToAnyDialog();
    dialog->setStudy(QStringLiteral("1.2.826.0.1.3680043.2.1125.1"), m_study + QStringLiteral("/SIM000001-PA.dcm"), realPath);
    dialog->show();
    QVERIFY(dialog->lateralInput()->isEnabled());
    dialog->frontalInput()->setChecked(true);
    dialog->lateralInput()->setChecked(false);
    dialog->reportText()->clear();
    dialog->reportInput()->setChecked(false);
    dialog->frontalOutput()->setChecked(false);
    dialog->lateralOutput()->setChecked(true);
    dialog->reportOutputCheck()->setChecked(true);
    dialog->stepsBox()->setValue(4);
    dialog->variantsBox()->setValue(3);
    dialog->seedBox()->setValue(42);
    QSignalSpy ready(dialog, &AnyToAnyDialog::resultsReady);
    QCOMPARE(dialog->generate().size(), 2); // F2L and F2R
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty(), 120000);

    QCOMPARE(dialog->variantCount(), 3);
    QCOMPARE(dialog->variantStrip()->count(), 3);
    QVERIFY(!dialog->variationMap().isNull());
    QVERIFY2(dialog->maxVariation() > 0.0, "different seeds gave identical images");
    QVERIFY(!dialog->reportOutput()->toPlainText().isEmpty());
    // The report's composed sentences are underlined (the bundle knows one sentence; the untrained
    // decoder wrote others): every mark covers text of the report.
    const QString reportText = dialog->reportOutput()->toPlainText();
    const auto marked = dialog->reportComposedSpans();
    QVERIFY2(!marked.empty(), qPrintable(reportText));
    for (const auto &[start, length] : marked)
        QVERIFY(start >= 0 && length > 0 && start + length <= int(reportText.size()));
    // Synthesized thumbnails carry the mark.
    const QImage thumbnail = dialog->variantStrip()->item(0)->icon().pixmap(150, 150).toImage();
    QVERIFY(orangePixels(thumbnail) > 100);

    // Comparison with the real lateral: difference and flicker.
    QVERIFY(dialog->hasComparison());
    QVERIFY(!dialog->differenceImage().isNull());
    QVERIFY(dialog->meanDifference() > 0.0);
    QVERIFY(dialog->flickerButton()->isEnabled());
    QVERIFY(!dialog->flickerShowsReal());
    QTest::mouseClick(dialog->flickerButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->flickerShowsReal(), 3000);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->flickerShowsReal(), 3000);
    QTest::mouseClick(dialog->flickerButton(), Qt::LeftButton);
    QVERIFY(!dialog->flickerShowsReal());

    // Findings -> report text, and the model card is one click away.
    dialog->findingsList()->item(2)->setCheckState(Qt::Checked); // cardiomegaly
    const QString composed = dialog->composeFromFindings();
    QVERIFY2(composed.contains(QStringLiteral("ardiomegaly")) || composed.contains(QStringLiteral("heart"), Qt::CaseInsensitive), qPrintable(composed));
    QCOMPARE(dialog->modelCardPath(), m_bundle + QStringLiteral("/MODEL_CARD.md"));
    dialog->hide();
}

void TestGenerationFlow::missingModelIsANotice()
{
    QTemporaryDir empty;
    m_window->setModelDirectory(empty.path());
    const QList<workflow::JobId> before = m_window->studyJobs();
    m_window->openPaths({m_study});
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->jobsPanel()->notice().isEmpty(), 30000);
    QVERIFY(m_window->jobsPanel()->notice().contains(empty.path()));
    QCOMPARE(m_window->studyJobs(), before); // nothing submitted
    QVERIFY(!m_window->isGenerating());
    // A damaged bundle: the job fails with a message (no crash), shown in the panel.
    const QString damaged = m_temp.filePath(QStringLiteral("damaged"));
    QVERIFY(QDir().mkpath(damaged));
    QFile manifest(damaged + QStringLiteral("/manifest.json"));
    QVERIFY(manifest.open(QIODevice::WriteOnly));
    manifest.write("{ not json");
    manifest.close();
    m_window->setModelDirectory(damaged);
    QVERIFY(m_window->generateForShownStudy());
    const workflow::JobId failed = m_window->studyJobs().at(0);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->scheduler()->info(failed).state, JobState::Failed, 30000);
    QVERIFY(!m_window->scheduler()->info(failed).error.isEmpty());
    QTRY_VERIFY(m_window->jobsPanel()->statusText(failed).contains(m_window->scheduler()->info(failed).error));
    QVERIFY(!m_window->jobsPanel()->retryButtonRect(failed).isEmpty());
    m_window->setModelDirectory(m_bundle);
}

void TestGenerationFlow::noStallWhileTwoJobsRun()
{
    // A watchdog on the GUI thread: the longest gap between timer ticks while two generation jobs
    // run. Generation on the GUI thread would block it for the whole sampling.
    workflow::JobScheduler *scheduler = m_window->scheduler();
    workflow::GenerationInputs inputs;
    inputs.studyKey = QStringLiteral("stall-test");
    inputs.frontalPath = m_study + QStringLiteral("/SIM000001-PA.dcm");
    workflow::GenerationSettings settings;
    settings.steps = 150;
    QList<workflow::JobId> jobs;
    for (Task task : {Task::F2L, Task::F2R}) {
        settings.task = task;
        settings.seed = 9000 + uint64_t(task);
        jobs << scheduler->submit(m_window->generationService()->makeJob(inputs, settings, {}));
    }
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0, longest = 0;
    int ticks = 0;
    QTimer watchdog;
    watchdog.setInterval(5);
    connect(&watchdog, &QTimer::timeout, this, [&] {
        const qint64 now = clock.elapsed();
        longest = std::max(longest, now - last);
        last = now;
        ++ticks;
    });
    watchdog.start();
    QTRY_VERIFY_WITH_TIMEOUT(scheduler->info(jobs[0]).state == JobState::Running || scheduler->info(jobs[1]).state == JobState::Running, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!scheduler->info(jobs[0]).isActive() && !scheduler->info(jobs[1]).isActive(), 300000);
    watchdog.stop();
    qInfo("generation took %lld ms; %d watchdog ticks; longest event-loop gap %lld ms", clock.elapsed(), ticks, longest);
    QCOMPARE(scheduler->info(jobs[0]).state, JobState::Finished);
    QCOMPARE(scheduler->info(jobs[1]).state, JobState::Finished);
    QVERIFY2(longest <= 500, qPrintable(QStringLiteral("the event loop stalled for %1 ms").arg(longest)));
}

// A bundle with finding classifiers: the report dock offers the model's drafts, also when the
// study is opened again and the generation comes from the cache.
void TestGenerationFlow::guidedDraftsReachTheEditor()
{
    const QString bundle = m_temp.filePath(QStringLiteral("tiny-guided"));
    QString error = test::createTinyBundle(bundle);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error = test::addFindingClassifiers(bundle, 4);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QDir(paths::dataDirectory() + QStringLiteral("/drafts")).removeRecursively();

    for (int round = 0; round < 2; ++round) { // round 1: the same study again, from the generation cache
        MainWindow window;
        window.setModelDirectory(bundle);
        window.resize(1500, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy drafted(&window, &MainWindow::reportDrafted);
        window.openPaths({m_study});
        QTRY_VERIFY_WITH_TIMEOUT(!drafted.isEmpty(), 120000);
        QTRY_VERIFY_WITH_TIMEOUT(!window.isGenerating(), 60000);
        const workflow::ReportDraft &draft = window.reportEditor()->draft();
        QVERIFY2(draft.modelDrafts.size() >= 2, qPrintable(QString::number(draft.modelDrafts.size())));
        QCOMPARE(draft.modelDrafts.first(), draft.text); // the model's pick first
        QStringList distinct = draft.modelDrafts;
        QCOMPARE(distinct.removeDuplicates(), qsizetype(0));
        QVERIFY(window.reportEditor()->draftsButton()->isEnabled());
        QCOMPARE(window.draftStore()->load(draft.key)->modelDrafts, draft.modelDrafts);
        QVERIFY(window.reportEditor()->useModelDraft(1, false));
        QCOMPARE(window.draftStore()->load(draft.key)->text, draft.modelDrafts.at(1));
        QVERIFY(window.draftStore()->remove(draft.key).ok()); // round 1 drafts the report again
        if (round == 0) { // the drafts went into the generation cache that round 1 reads
            bool cachedDrafts = false;
            const QDir cache(paths::cacheDirectory() + QStringLiteral("/generation"));
            for (const QString &name : cache.entryList({QStringLiteral("*.json")}, QDir::Files)) {
                QFile file(cache.filePath(name));
                cachedDrafts |= file.open(QIODevice::ReadOnly) && file.readAll().contains("\"reportDrafts\"");
            }
            QVERIFY(cachedDrafts);
        }
    }
}

// The any-to-any panel's preview of a synthetic image and the exported PNG of the same image carry
// the same mark, pixel for pixel: one painter, one wording, one colour.
void TestGenerationFlow::previewAndExportCarryTheSameMark()
{
    const int side = 512; // the export's size for a generated image (no upsampling)
    generation::ImageData data;
    data.width = data.height = side;
    data.pixels.resize(size_t(side) * size_t(side));
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x)
            data.pixels[size_t(y) * size_t(side) + size_t(x)] = float(0.5 + 0.3 * std::sin(x * 0.05) * std::cos(y * 0.03));
    report::ReportProvenance provenance;
    provenance.model = QStringLiteral("radsynth-tiny");
    provenance.version = QStringLiteral("0.0.1");
    provenance.task = QStringLiteral("F2L");
    provenance.seed = 77;

    const QString path = m_temp.filePath(QStringLiteral("marked.png"));
    const Status written = exports::writePng(exports::toExportImage(data), provenance, path);
    QVERIFY2(written.ok(), written.ok() ? "" : written.error().toString().c_str());
    const QImage exported = QImage(path).convertToFormat(QImage::Format_RGB32);
    QCOMPARE(exported.size(), QSize(side, side));
    const QImage preview = AnyToAnyDialog::markedSynthetic(AnyToAnyDialog::toQImage(data), side, provenance);
    QCOMPARE(preview.size(), exported.size());

    // The mark's pixels: where the mark changes a plain mid-gray picture of the same size.
    QImage plain(side, side, QImage::Format_RGB32);
    plain.fill(qRgb(128, 128, 128));
    const QImage mark = exports::withSyntheticMarks(plain, provenance);
    int markPixels = 0, orange = 0, differing = 0;
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) {
            if (mark.pixel(x, y) == plain.pixel(x, y))
                continue;
            ++markPixels;
            orange += preview.pixel(x, y) == qRgb(255, 140, 0);
            differing += preview.pixel(x, y) != exported.pixel(x, y);
        }
    QVERIFY2(markPixels > 5000, qPrintable(QString::number(markPixels))); // frame, box and two lines of text
    QVERIFY2(orange > 2000, qPrintable(QString::number(orange)));
    QCOMPARE(differing, 0);
}

void TestGenerationFlow::cleanupTestCase()
{
    m_window.reset(); // waits for its jobs
}

QTEST_MAIN(TestGenerationFlow)
#include "tst_generationflow.moc"
