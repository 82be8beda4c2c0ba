// MainWindow: generation in the workstation. Jobs run on the scheduler's thread pool through the
// generation service (one shared model, cached results); their results come back to the GUI thread
// as queued calls. The GUI thread only places images and text.
#include "radsynth/common/Paths.h"
#include "radsynth/dicom/StudyModel.h"
#include "radsynth/ui/AnyToAnyDialog.h"
#include "radsynth/ui/JobsPanel.h"
#include "radsynth/ui/MainWindow.h"
#include "radsynth/ui/StudyBrowser.h"
#include "radsynth/ui/Viewport.h"
#include "radsynth/ui/ViewportState.h"
#include "radsynth/ui/report/RecoveryDialog.h"
#include "radsynth/ui/report/ReportEditor.h"
#include "radsynth/workflow/GenerationService.h"
#include "radsynth/workflow/ReportDraftStore.h"

#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>

#include <spdlog/spdlog.h>

namespace radsynth::ui {

namespace {
// The study's part of the overlay (who and when), for the views the model makes.
OverlayInfo studyOverlay(const SeriesRef &ref, const dicom::Instance *instance)
{
    OverlayInfo info = overlayInfo(ref, instance);
    info.seriesDescription.clear();
    info.view.clear();
    info.laterality.clear();
    return info;
}

// The lateral as displayed (enlarged to the input's size when it has one) and the size the model drew it at.
std::shared_ptr<const imaging::Image> lateralImage(const generation::Generation &result, int &modelSide)
{
    for (const generation::GeneratedImage &image : result.images)
        if (image.view == generation::View::Lateral && image.variant == 0) {
            modelSide = image.image.width;
            const generation::ImageData &data = image.upsampled.empty() ? image.image : image.upsampled;
            return std::make_shared<const imaging::Image>(workflow::GenerationService::toImage(data));
        }
    return nullptr;
}
} // namespace

void MainWindow::createGenerationDocks()
{
    m_reportEditor = new ReportEditor(m_drafts.get(), this);
    m_reportEditor->setObjectName(QStringLiteral("reportEditor"));
    // Its toolbar and findings list ask for ~700 px; the dock may be narrower (the toolbar folds).
    m_reportEditor->setMinimumWidth(320);
    m_reportDock = new QDockWidget(tr("Report"), this);
    m_reportDock->setObjectName(QStringLiteral("reportDock"));
    m_reportDock->setWidget(m_reportEditor);
    addDockWidget(Qt::RightDockWidgetArea, m_reportDock);
    connect(m_reportEditor, &ReportEditor::saveFailed, this, [this](const QString &message) {
        statusBar()->showMessage(tr("The report draft was NOT saved: %1").arg(message));
    });

    m_jobsPanel = new JobsPanel(m_scheduler, this);
    m_jobsDock = new QDockWidget(tr("Jobs"), this);
    m_jobsDock->setObjectName(QStringLiteral("jobsDock"));
    m_jobsDock->setWidget(m_jobsPanel);
    addDockWidget(Qt::LeftDockWidgetArea, m_jobsDock);
    connect(m_scheduler, &workflow::JobScheduler::jobFailed, this, &MainWindow::onJobFailed);
    connect(m_scheduler, &workflow::JobScheduler::jobCancelled, this, [this](workflow::JobId id) {
        if (id == m_synthetic.reportJob)
            m_reportEditor->setDraftingProblem(tr("drafting was cancelled (Jobs: Retry drafts it again)."));
    });
    connect(m_scheduler, &workflow::JobScheduler::jobStarted, this, [this](workflow::JobId id) {
        if (id == m_synthetic.reportJob)
            m_reportEditor->setDraftingProblem(QString()); // retried: drafting again
    });
    connect(m_scheduler, &workflow::JobScheduler::jobFinished, this, [this](workflow::JobId id) {
        if (m_scheduler->info(id).kind == workflow::JobKind::Generation && !isGenerating())
            statusBar()->showMessage(tr("Generation finished."), 6000);
    });
}

void MainWindow::createGenerateMenu()
{
    QMenu *generate = menuBar()->addMenu(tr("&Generate"));
    connect(addAction(QStringLiteral("generateStudy"), tr("Synthesize &lateral and draft report"), {QKeySequence(Qt::CTRL | Qt::Key_G)}, generate),
            &QAction::triggered, this, [this] { generateForShownStudy(); });
    connect(addAction(QStringLiteral("anyToAny"), tr("&Any-to-any..."), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G)}, generate),
            &QAction::triggered, this, [this] {
                AnyToAnyDialog *dialog = anyToAnyDialog();
                dialog->show();
                dialog->raise();
            });
    generate->addSeparator();
    QAction *automatic = addAction(QStringLiteral("autoGenerate"), tr("Generate &automatically on open"), {}, generate);
    automatic->setCheckable(true);
    automatic->setChecked(m_autoGenerate);
    connect(automatic, &QAction::toggled, this, [this](bool on) {
        m_autoGenerate = on;
        m_settings.setAutoGenerate(on);
    });
    connect(addAction(QStringLiteral("recoverDrafts"), tr("&Recover report drafts..."), {}, generate), &QAction::triggered, this, [this] {
        if (m_drafts->unsignedDrafts().isEmpty()) {
            statusBar()->showMessage(tr("No unsigned report drafts to recover."), 5000);
            return;
        }
        if (auto draft = RecoveryDialog::offer(*m_drafts, this)) {
            m_reportEditor->setDraft(*draft);
            showReportDock();
        }
    });
    createExportActions(generate);
    generate->addSeparator();
    QAction *jobsToggle = m_jobsDock->toggleViewAction();
    jobsToggle->setObjectName(QStringLiteral("toggleJobs"));
    jobsToggle->setShortcut(QKeySequence(Qt::Key_F11));
    generate->addAction(jobsToggle);
    QAction *reportToggle = m_reportDock->toggleViewAction();
    reportToggle->setObjectName(QStringLiteral("toggleReport"));
    reportToggle->setShortcut(QKeySequence(Qt::Key_F12));
    generate->addAction(reportToggle);
}

void MainWindow::setModelDirectory(const QString &directory)
{
    // Jobs hold pointers to the generation service: stop them (loading goes on) before it goes.
    for (const workflow::JobInfo &info : m_scheduler->jobs())
        if (info.kind != workflow::JobKind::Loading)
            m_scheduler->cancel(info.id);
    m_scheduler->waitForIdle(30000);
    m_modelDirectory = directory;
    m_generation = std::make_unique<workflow::GenerationService>(directory.isEmpty() ? m_settings.modelDirectory() : directory);
    if (m_anyToAny)
        m_anyToAny->setService(m_generation.get());
    m_jobsPanel->setNotice(QString());
}

QString MainWindow::modelDirectory() const { return m_generation->bundleDirectory(); }

bool MainWindow::isGenerating() const
{
    for (const workflow::JobInfo &info : m_scheduler->jobs())
        if (info.isActive() && info.kind != workflow::JobKind::Loading) // loading: isBusy()
            return true;
    return false;
}

bool MainWindow::modelInstalled(QString *why) const
{
    const QString directory = m_generation->bundleDirectory();
    if (QFileInfo::exists(directory + QStringLiteral("/manifest.json")))
        return true;
    if (why)
        *why = tr("Generation skipped: no model bundle in %1 (the default model is not installed). "
                  "Images and reports can still be read.").arg(QDir::toNativeSeparators(directory));
    return false;
}

AnyToAnyDialog *MainWindow::anyToAnyDialog()
{
    if (!m_anyToAny) {
        m_anyToAny = new AnyToAnyDialog(m_generation.get(), m_scheduler, this);
        m_anyToAny->setAttribute(Qt::WA_DeleteOnClose, false);
    }
    m_anyToAny->setStudy(m_synthetic.studyUid, m_synthetic.frontalPath, m_synthetic.lateralPath);
    return m_anyToAny;
}

bool MainWindow::generateForShownStudy()
{
    QString key = m_content[size_t(m_active)].seriesKey;
    SeriesRef shown = m_browser->series(key);
    if (!shown.valid())
        shown = m_browser->series(key = m_content[0].seriesKey);
    if (!shown.valid()) {
        statusBar()->showMessage(tr("Open a study with a frontal view first."), 6000);
        return false;
    }
    QStringList keys;
    for (const QString &candidate : m_browser->imageSeriesKeys())
        if (m_browser->series(candidate).study == shown.study)
            keys << candidate;
    return startStudyGeneration(keys, true);
}

bool MainWindow::startStudyGeneration(const QStringList &keys, bool force)
{
    // The first study with a frontal view, and its lateral when there is one.
    QString frontalKey, lateralKey;
    const dicom::Study *study = nullptr;
    for (const QString &key : keys) {
        const SeriesRef ref = m_browser->series(key);
        const auto images = ref.images();
        if (!images.empty() && images.front()->view.view == dicom::View::Frontal) {
            frontalKey = key;
            study = ref.study;
            break;
        }
    }
    if (!study)
        return false;
    for (const QString &key : keys) {
        const SeriesRef ref = m_browser->series(key);
        const auto images = ref.images();
        if (ref.study == study && !images.empty() && images.front()->view.view == dicom::View::Lateral) {
            lateralKey = key;
            break;
        }
    }
    if (!force && (!m_autoGenerate || !lateralKey.isEmpty()))
        return false;
    QString why;
    if (!modelInstalled(&why)) {
        statusBar()->showMessage(why);
        m_jobsPanel->setNotice(why);
        spdlog::warn("generation skipped: no model bundle");
        return false;
    }

    const SeriesRef frontal = m_browser->series(frontalKey);
    const dicom::Instance *frontalInstance = frontal.images().front();
    SyntheticStudy next;
    next.studyUid = QString::fromStdString(study->studyInstanceUid);
    next.frontalPath = QString::fromStdString(frontalInstance->path);
    next.frontalInfo = studyOverlay(frontal, frontalInstance);
    next.studyLabel = studyLabel(next.studyUid, next.frontalInfo);
    if (!lateralKey.isEmpty())
        next.lateralPath = QString::fromStdString(m_browser->series(lateralKey).images().front()->path);

    // Cancel what still runs for the previous study: its results would land in the wrong place.
    for (workflow::JobId id : {m_synthetic.lateralJob, m_synthetic.reportJob, m_synthetic.inputCheckJob})
        if (id)
            m_scheduler->cancel(id);

    // frontal | synthetic lateral | real lateral
    setLayoutName(lateralKey.isEmpty() ? QStringLiteral("1x2") : QStringLiteral("1x3"));
    for (int i = 0; i < kViewportCount; ++i) {
        m_content[size_t(i)] = ViewportContent();
        m_viewports[size_t(i)]->setSynthetic(false);
        m_viewports[size_t(i)]->setPlaceholderText(QString());
        m_viewports[size_t(i)]->clearImage();
    }
    showSeries(0, frontalKey);
    next.viewport = 1;
    m_content[1].seriesKey = QStringLiteral("synthetic:") + next.studyUid;
    Viewport *synthetic = m_viewports[1];
    synthetic->setSynthetic(true, tr("synthesizing..."));
    synthetic->setPlaceholderText(tr("Synthesizing the lateral view (see Jobs)..."));
    if (!lateralKey.isEmpty())
        showSeries(2, lateralKey);
    setActiveViewport(0);
    m_synthetic = next;
    m_synthetic.detail = tr("synthesizing...");
    startInputCheck(next.studyUid, next.frontalPath); // out-of-distribution check first (MainWindowOod.cpp)
    if (m_anyToAny)
        m_anyToAny->setStudy(next.studyUid, next.frontalPath, next.lateralPath);

    workflow::GenerationInputs inputs;
    inputs.studyKey = next.studyUid;
    inputs.frontalPath = next.frontalPath;
    workflow::GenerationSettings settings;
    settings.task = generation::Task::F2L;
    const QString studyUid = next.studyUid;
    m_synthetic.lateralJob = m_scheduler->submit(
        m_generation->makeJob(inputs, settings, [this, studyUid](const generation::Generation &result) {
            // Worker thread: convert here, place on the GUI thread. The window waits for its jobs
            // before it goes, so `this` outlives the call.
            int modelSide = 0;
            auto image = lateralImage(result, modelSide);
            // The model identity is "name version (manifest hash)": the hash stays in the provenance.
            const QString model = QString::fromStdString(result.model).section(QStringLiteral(" ("), 0, 0);
            const QString detail = tr("%1, seed %2").arg(QString::fromStdString(result.task)).arg(result.seed) + QLatin1Char('\n') + model;
            // For Export... and Send to PACS...: the one provenance (the input check is added when it
            // arrives, as for the report draft).
            const workflow::ReportProvenance provenance = m_generation->provenance(result);
            QMetaObject::invokeMethod(this, [this, studyUid, image, detail, provenance, modelSide] {
                if (studyUid == m_synthetic.studyUid)
                    m_synthetic.lateralProvenance = provenance;
                showSyntheticLateral(studyUid, image, detail, modelSide);
            }, Qt::QueuedConnection);
        }),
        workflow::Priority::High);
    // The report reads every view the study has: both (FL2R) when it has a real lateral (the
    // service's task planning).
    workflow::Modalities have, want;
    have.frontal = true;
    have.lateral = !next.lateralPath.isEmpty();
    want.report = true;
    settings.task = workflow::planTasks(have, want).tasks.value(0, generation::Task::F2R);
    inputs.lateralPath = next.lateralPath;
    const QString label = next.studyLabel;
    m_synthetic.reportJob = m_scheduler->submit(
        m_generation->makeJob(inputs, settings, [this, studyUid, label](const generation::Generation &result) {
            const QString text = QString::fromStdString(result.report);
            const workflow::ReportProvenance provenance = m_generation->provenance(result);
            const QStringList drafts = workflow::GenerationService::rankedReportDrafts(result);
            const QStringList composed = m_generation->composedSentences(result);
            QMetaObject::invokeMethod(
                this, [this, studyUid, label, text, provenance, drafts, composed] {
                    showGeneratedReport(studyUid, label, text, provenance, drafts, composed);
                },
                Qt::QueuedConnection);
        }),
        workflow::Priority::Normal);
    // The report panel belongs to this study from now on: its report as the radiologist left it, or
    // a "drafting" state, never the previous study's report. Shown now, so the viewports do not
    // shrink under the reader's eyes when the draft arrives.
    m_reportEditor->flushSaves();
    if (const auto reviewed = reviewedReport(workflow::ReportDraftStore::keyFor(studyUid)))
        m_reportEditor->setDraft(*reviewed);
    else
        m_reportEditor->showDrafting(label);
    showReportDock();
    m_jobsPanel->setNotice(QString());
    m_jobsDock->show();
    statusBar()->showMessage(tr("Synthesizing the lateral view and drafting the report in the background..."), 8000);
    spdlog::info("generation started: F2L and {}", generation::toString(settings.task));
    return true;
}

QString MainWindow::studyLabel(const QString &studyUid, const OverlayInfo &info)
{
    const QString label = QStringList{info.studyDescription, Overlay::formatDate(info.studyDate)}.join(QStringLiteral(" ")).trimmed();
    return label.isEmpty() ? tr("Study %1").arg(workflow::ReportDraftStore::keyFor(studyUid).left(8)) : label;
}

void MainWindow::showReportOfOpenedStudy(const QStringList &keys)
{
    // A study opened without drafting (automatic generation off, a study with its own lateral, no
    // model): the report panel shows its stored report, or says it has none.
    // Never the previous study's report: edits there would be saved to the other study.
    for (const QString &key : keys) {
        const SeriesRef ref = m_browser->series(key);
        const auto images = ref.images();
        if (!ref.study || images.empty())
            continue;
        const QString studyUid = QString::fromStdString(ref.study->studyInstanceUid);
        const QString draftKey = workflow::ReportDraftStore::keyFor(studyUid);
        if (m_reportEditor->draft().key == draftKey)
            return; // its report is already in the panel
        m_reportEditor->flushSaves();
        if (m_drafts->exists(draftKey)) {
            // Any stored report of it: signed, edited, or a generated draft not yet reviewed.
            auto stored = m_drafts->load(draftKey);
            if (stored.ok()) {
                m_reportEditor->setDraft(*stored);
                return;
            }
            spdlog::warn("report of the opened study could not be read: {}", stored.error().toString());
        }
        m_reportEditor->showNoReport(studyLabel(studyUid, studyOverlay(ref, images.front())));
        return;
    }
}

void MainWindow::showSyntheticLateral(const QString &studyUid, std::shared_ptr<const imaging::Image> image, const QString &detail, int modelSide)
{
    if (studyUid != m_synthetic.studyUid || m_synthetic.viewport < 0)
        return; // another study was opened meanwhile
    Viewport *viewport = m_viewports[size_t(m_synthetic.viewport)];
    if (!image) {
        viewport->setPlaceholderText(tr("The model returned no lateral image."));
        return;
    }
    OverlayInfo info = m_synthetic.frontalInfo;
    info.seriesDescription = tr("Synthetic lateral");
    info.view = tr("lateral (synthesized)");
    if (modelSide > 0)
        info.generatedAt = image->width > modelSide ? tr("Drawn at %1 px, enlarged").arg(modelSide) : tr("Drawn at %1 px").arg(modelSide);
    m_synthetic.detail = detail;
    viewport->setSynthetic(true, withInputCheck(detail));
    viewport->setImage(std::move(image), info, false);
    // Start from the frontal's zoom and pan when the viewports are linked.
    if (m_linker->isEnabled())
        viewport->state()->copyFrom(*m_viewports[0]->state(), m_linker->linkedParts() & ~ViewportState::Changes(ViewportState::WindowChange));
    Q_EMIT syntheticShown(m_synthetic.viewport);
}

void MainWindow::showGeneratedReport(const QString &studyUid, const QString &studyLabel, const QString &text,
                                     const workflow::ReportProvenance &provenance,
                                     const QStringList &modelDrafts, const QStringList &composedSentences)
{
    if (studyUid != m_synthetic.studyUid)
        return;
    const QString key = workflow::ReportDraftStore::keyFor(studyUid);
    m_reportEditor->flushSaves(); // an edit still on its way to the disk counts
    // The panel went to another study meanwhile (opened without drafting): the draft is kept in
    // the store, not shown over that study's report.
    const bool panelHasThisStudy = m_reportEditor->isDrafting() || m_reportEditor->draft().key == key;
    // Never overwrite what the radiologist already edited or signed: show that instead.
    if (const auto reviewed = reviewedReport(key)) {
        if (!panelHasThisStudy) {
            Q_EMIT reportDrafted(key);
            return;
        }
        m_reportEditor->setDraft(*reviewed);
        showReportDock();
        statusBar()->showMessage(tr("This study already has an edited report; the new draft was not applied."), 8000);
        Q_EMIT reportDrafted(key);
        return;
    }
    workflow::ReportDraft draft;
    draft.key = key;
    draft.studyLabel = studyLabel;
    draft.text = text;
    draft.state = workflow::ReportState::GeneratedDraft;
    draft.modelDrafts = modelDrafts;
    draft.composedSentences = composedSentences;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    draft.provenance = provenance;
    draft.provenance.inputCheck = m_synthetic.inputCheckProvenance; // the check's job reports on its own
    draft.provenance.inputFlagged = !m_synthetic.inputCheckBanner.isEmpty();
    draft.modifiedAt = now;
    draft.history.append({now, workflow::ReportState::GeneratedDraft, text, QString(), QStringLiteral("generated")});
    if (!panelHasThisStudy) {
        const Status saved = m_drafts->save(draft);
        statusBar()->showMessage(saved.ok() ? tr("The draft report of %1 is ready: Generate > Recover report drafts opens it.").arg(studyLabel)
                                            : tr("The draft report of %1 could not be saved: %2").arg(studyLabel, QString::fromStdString(saved.error().toString())),
                                 10000);
        Q_EMIT reportDrafted(key);
        return;
    }
    m_reportEditor->setAndSaveDraft(draft); // written on the editor's writer thread; a failure shows NOT SAVED there
    showReportDock();
    Q_EMIT reportDrafted(key);
}

std::optional<workflow::ReportDraft> MainWindow::reviewedReport(const QString &key) const
{
    if (!m_drafts->exists(key))
        return std::nullopt;
    auto existing = m_drafts->load(key);
    if (!existing.ok() || existing->state == workflow::ReportState::GeneratedDraft)
        return std::nullopt;
    return *existing;
}

void MainWindow::showReportDock()
{
    const bool wasHidden = m_reportDock->isHidden();
    m_reportDock->show();
    m_reportDock->raise();
    if (wasHidden) // at a reading width; the viewports keep the rest
        resizeDocks({m_reportDock}, {std::clamp(width() / 3, 360, 560)}, Qt::Horizontal);
}

void MainWindow::onJobFailed(workflow::JobId id, const QString &message)
{
    const workflow::JobInfo info = m_scheduler->info(id);
    statusBar()->showMessage(tr("%1 failed: %2").arg(info.title, message));
    m_jobsDock->show();
    if (m_synthetic.viewport >= 0 && id == m_synthetic.lateralJob)
        m_viewports[size_t(m_synthetic.viewport)]->setPlaceholderText(tr("Synthesis failed (see Jobs): %1").arg(message));
    if (id == m_synthetic.reportJob)
        m_reportEditor->setDraftingProblem(tr("drafting failed (see Jobs): %1").arg(message));
}

} // namespace radsynth::ui
