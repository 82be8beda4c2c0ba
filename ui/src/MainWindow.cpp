#include "radsynth/ui/MainWindow.h"

#include "radsynth/common/Log.h"
#include "radsynth/dicom/Loader.h"
#include "radsynth/ui/BackgroundJob.h"
#include "radsynth/ui/StudyBrowser.h"
#include "radsynth/ui/TagBrowserDialog.h"
#include "radsynth/ui/ThumbnailProvider.h"
#include "radsynth/ui/Viewport.h"
#include "radsynth/ui/ViewportState.h"
#include "radsynth/ui/report/ReportEditor.h"
#include "radsynth/workflow/GenerationService.h"
#include "radsynth/workflow/ReportDraftStore.h"

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QStatusBar>
#include <QThread>
#include <QTimer>
#include <QToolButton>
#include <QtConcurrent/QtConcurrentRun>

#include <spdlog/spdlog.h>

#include <algorithm>

namespace radsynth::ui {

using CollectionPointer = std::shared_ptr<const dicom::StudyCollection>;
using DecodeResult = std::shared_ptr<Result<imaging::Image>>;

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setWindowTitle(tr("RadSynth"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/radsynth.svg")));
    setObjectName(QStringLiteral("RadSynthMainWindow"));
    m_scheduler = new workflow::JobScheduler(this);
    m_thumbnails = new ThumbnailProvider(m_scheduler, 96, this);
    m_linker = new ViewportLinker(this);
    m_scheduler->setMaximumConcurrency(m_settings.jobConcurrency());
    m_autoGenerate = m_settings.autoGenerate();
    // LibTorch would take every core; leave one to the GUI thread so it never waits for a core
    // while generation runs (process wide; the jobs already sample one at a time).
    generation::Generator::setThreads(std::max(1, QThread::idealThreadCount() - 1));
    m_generation = std::make_unique<workflow::GenerationService>(m_settings.modelDirectory());
    m_drafts = std::make_unique<workflow::ReportDraftStore>();
    createCentralArea();
    createDocks();
    createMenus();

    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(220);
    m_progress->setVisible(false);
    m_cancel = new QToolButton(this);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setVisible(false);
    m_cursorLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_cursorLabel);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
    connect(m_cancel, &QToolButton::clicked, this, [this] {
        for (workflow::JobId id : std::as_const(m_scanJobs))
            m_scheduler->cancel(id);
    });
    connect(m_thumbnails, &ThumbnailProvider::idle, this, &MainWindow::finishJob);

    auto *progressTimer = new QTimer(this);
    progressTimer->setInterval(150);
    connect(progressTimer, &QTimer::timeout, this, [this] {
        if (m_scanJobs.isEmpty())
            return;
        const workflow::JobInfo scan = m_scheduler->info(m_scanJobs.last());
        if (scan.total <= 0)
            return;
        m_progress->setMaximum(int(std::max<qint64>(1, scan.total)));
        m_progress->setValue(int(scan.done));
    });
    progressTimer->start();

    setLayoutName(m_settings.layout());
    m_linker->setEnabled(m_settings.linkViewports());
    m_actions.value(QStringLiteral("linkViewports"))->setChecked(m_linker->isEnabled());
    const bool overlays = m_settings.overlaysVisible();
    m_actions.value(QStringLiteral("toggleOverlays"))->setChecked(overlays);
    for (Viewport *viewport : m_viewports)
        viewport->state()->setOverlaysVisible(overlays);
    setActiveViewport(0);

    resize(1400, 900);
    restoreGeometry(m_settings.windowGeometry());
    // The report panel is part of the reading layout from the start ("No study open"), as the user
    // last left it: opening a study does not shrink the images (and re-create the viewports'
    // framebuffers) under the reader's eyes. F12 hides and shows it.
    m_docksSized = restoreState(m_settings.windowState());
    statusBar()->showMessage(tr("Open a study with File > Open (Ctrl+O), or drop a series into a viewport."));
}

MainWindow::~MainWindow()
{
    // Jobs hold pointers to the generation service: stop them before it goes.
    m_scheduler->cancelAll();
    m_scheduler->waitForIdle(30000);
    // The editor's writer writes into the draft store, a member that goes before the child widgets.
    delete m_reportEditor;
    m_reportEditor = nullptr;
}

void MainWindow::createCentralArea()
{
    auto *area = new QWidget(this);
    m_grid = new QGridLayout(area);
    m_grid->setContentsMargins(2, 2, 2, 2);
    m_grid->setSpacing(3);
    for (int i = 0; i < kViewportCount; ++i) {
        auto *viewport = new Viewport(area);
        viewport->setObjectName(QStringLiteral("viewport%1").arg(i + 1));
        m_viewports[size_t(i)] = viewport;
        m_linker->addState(viewport->state());
        connect(viewport, &Viewport::activated, this, [this, i] { setActiveViewport(i); });
        connect(viewport, &Viewport::seriesDropped, this, [this, i](const QByteArray &key) { showSeries(i, QString::fromUtf8(key)); });
        connect(viewport, &Viewport::frameRequested, this, [this, i](int frame) {
            if (!m_content[size_t(i)].sequence.empty())
                decode(i, frame, true);
        });
        connect(viewport, &Viewport::cursorTextChanged, this, [this](const QString &text) { m_cursorLabel->setText(text); });
    }
    setCentralWidget(area);
}

void MainWindow::createDocks()
{
    m_browser = new StudyBrowser(m_thumbnails, this);
    m_browserDock = new QDockWidget(tr("Studies"), this);
    m_browserDock->setObjectName(QStringLiteral("studiesDock"));
    m_browserDock->setWidget(m_browser);
    addDockWidget(Qt::LeftDockWidgetArea, m_browserDock);
    connect(m_browser, &StudyBrowser::seriesActivated, this, [this](const QString &key) { showSeries(m_active, key); });

    m_problems = new QListWidget(this);
    m_problems->setObjectName(QStringLiteral("problemList"));
    m_problems->setWordWrap(true);
    m_problemDock = new QDockWidget(tr("Load problems"), this);
    m_problemDock->setObjectName(QStringLiteral("problemsDock"));
    m_problemDock->setWidget(m_problems);
    addDockWidget(Qt::BottomDockWidgetArea, m_problemDock);
    m_problemDock->hide();
    createGenerationDocks();
}

void MainWindow::setLayoutName(const QString &layout)
{
    int rows = 1, columns = 2;
    if (layout == QLatin1String("1x1"))
        columns = 1;
    else if (layout == QLatin1String("1x3"))
        columns = 3;
    else if (layout == QLatin1String("2x2"))
        rows = columns = 2;
    const QString name = QStringLiteral("%1x%2").arg(rows).arg(columns);
    // Each study opens in its layout; when the layout stays, the grid stays as it is (taking the
    // viewports out and in again costs a relayout of the window inside the open).
    if (name == m_layout)
        return;
    m_layout = name;
    for (int i = 0; i < kViewportCount; ++i)
        m_grid->removeWidget(m_viewports[size_t(i)]);
    for (int i = 0; i < kViewportCount; ++i) {
        Viewport *viewport = m_viewports[size_t(i)];
        const bool visible = i < rows * columns;
        if (visible)
            m_grid->addWidget(viewport, i / columns, i % columns);
        viewport->setVisible(visible);
        m_linker->setParticipating(viewport->state(), visible);
    }
    for (int r = 0; r < 2; ++r)
        m_grid->setRowStretch(r, r < rows ? 1 : 0);
    for (int c = 0; c < 3; ++c)
        m_grid->setColumnStretch(c, c < columns ? 1 : 0);
    if (m_active >= rows * columns)
        setActiveViewport(0);
    if (QAction *action = m_actions.value(QStringLiteral("layout") + m_layout))
        action->setChecked(true);
    m_settings.setLayout(m_layout);
}

int MainWindow::visibleViewportCount() const
{
    const QStringList parts = m_layout.split(QLatin1Char('x'));
    return parts.size() == 2 ? parts[0].toInt() * parts[1].toInt() : 1;
}

void MainWindow::setActiveViewport(int index)
{
    if (index < 0 || index >= visibleViewportCount())
        return;
    m_active = index;
    for (int i = 0; i < kViewportCount; ++i)
        m_viewports[size_t(i)]->setActive(i == index && visibleViewportCount() > 1);
}

QList<QAction *> MainWindow::allActions() const
{
    // In menu order, so the shortcut help reads like the menus.
    QList<QAction *> result;
    std::function<void(const QList<QAction *> &)> collect = [&](const QList<QAction *> &actions) {
        for (QAction *action : actions) {
            if (action->menu())
                collect(action->menu()->actions());
            else if (!action->isSeparator() && !result.contains(action))
                result << action;
        }
    };
    collect(menuBar()->actions());
    return result;
}

bool MainWindow::isBusy() const
{
    return !m_scanJobs.isEmpty() || m_runningDecodes > 0 || m_thumbnails->pending() > 0;
}

workflow::ReportDraftStore *MainWindow::draftStore()
{
    if (m_reportEditor)
        m_reportEditor->flushSaves();
    return m_drafts.get();
}

bool MainWindow::viewportsAtRest() const
{
    return std::all_of(m_viewports.begin(), m_viewports.end(),
                       [](const Viewport *viewport) { return !viewport->hasImage() || viewport->showsFullResolution(); });
}

void MainWindow::finishJob()
{
    if (!isBusy()) {
        m_progress->setVisible(false);
        m_cancel->setVisible(false);
        Q_EMIT idle();
    }
}

void MainWindow::openPaths(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    for (const QString &path : paths)
        m_settings.addRecentStudy(path);
    updateRecentMenu();
    m_progress->setRange(0, 0);
    m_progress->setVisible(true);
    m_cancel->setVisible(true);
    statusBar()->showMessage(tr("Loading %n item(s) ...", nullptr, int(paths.size())));
    spdlog::info("Scanning {} path(s)", paths.size());

    std::vector<std::string> list;
    for (const QString &path : paths)
        list.push_back(path.toStdString());
    // A loading job (jobs panel, Cancel in the status bar); a cancelled scan shows what it found.
    const QString title = paths.size() == 1 ? tr("Open %1").arg(QFileInfo(paths.front()).fileName()) : tr("Open %n item(s)", nullptr, int(paths.size()));
    m_scanJobs << runJob<CollectionPointer>(
        m_scheduler, this, title, workflow::JobKind::Loading, workflow::Priority::High,
        [list](workflow::JobContext &context) {
            dicom::ScanOptions options;
            options.recursive = true;
            options.cancel = &context.cancelFlag();
            options.progress = [&context](size_t done, size_t total) { context.setProgress(qint64(done), qint64(total)); };
            return std::make_shared<dicom::StudyCollection>(dicom::scan(list, options));
        },
        [this, paths](const workflow::JobInfo &info, std::optional<CollectionPointer> collection) {
            m_scanJobs.removeOne(info.id);
            if (collection && *collection)
                onScanFinished(*collection, paths);
            finishJob();
        });
}

void MainWindow::onScanFinished(CollectionPointer collection, const QStringList &paths)
{
    // Documentation next to the images (a README in a study folder, a teaching case's report.txt,
    // case.json and PNG previews) is not a load problem, even when named explicitly.
    int listed = 0;
    QStringList pictures; // documentation files and pictures (PNG, JPEG) that were not loaded
    for (const dicom::LoadProblem &problem : collection->problems) {
        const QString path = QString::fromStdString(problem.path);
        if (dicom::isDocumentationFile(problem.path)) {
            pictures << QFileInfo(path).fileName();
            continue;
        }
        addProblem(path, QString::fromStdString(problem.reason));
        ++listed;
    }
    for (const dicom::Instance *instance : collection->instances())
        if (!instance->error.empty())
            addProblem(QString::fromStdString(instance->path), QString::fromStdString(instance->error));
    const QStringList keys = m_browser->addCollection(collection);
    spdlog::info("Loaded {} instance(s) in {} image series, {} problem(s)", collection->instanceCount(), keys.size(), collection->problems.size());
    if (collection->instanceCount() == 0 && listed == 0)
        addProblem(paths.join(QStringLiteral(", ")),
                   pictures.isEmpty() ? tr("No DICOM files found")
                                      : tr("No DICOM files found, only pictures or documents (%1). The workstation opens DICOM; "
                                           "radsynth-cli generate --frontal FILE takes a PNG or JPEG radiograph.")
                                            .arg(pictures.mid(0, 3).join(QStringLiteral(", ")) + (pictures.size() > 3 ? QStringLiteral(", ...") : QString())));
    statusBar()->showMessage(tr("Loaded %n image series", nullptr, int(keys.size())) +
                             (m_problems->count() ? tr(", %n load problem(s) listed below", nullptr, m_problems->count()) : QString()), 8000);
    if (!startStudyGeneration(keys, false)) {
        placeNewSeries(keys);
        showReportOfOpenedStudy(keys);
    }
}

void MainWindow::placeNewSeries(const QStringList &keys)
{
    // Hanging: frontal views first, then lateral, then the rest, into empty visible viewports.
    QStringList ordered;
    for (dicom::View wanted : {dicom::View::Frontal, dicom::View::Lateral, dicom::View::Unknown})
        for (const QString &key : keys) {
            const auto images = m_browser->series(key).images();
            if (!images.empty() && images.front()->view.view == wanted)
                ordered << key;
        }
    int next = 0;
    for (const QString &key : std::as_const(ordered)) {
        while (next < visibleViewportCount() && !m_content[size_t(next)].seriesKey.isEmpty())
            ++next;
        if (next >= visibleViewportCount())
            break;
        showSeries(next++, key);
    }
}

bool MainWindow::showSeries(int viewportIndex, const QString &seriesKey)
{
    if (viewportIndex < 0 || viewportIndex >= kViewportCount)
        return false;
    const SeriesRef ref = m_browser->series(seriesKey);
    const auto images = ref.images();
    if (images.empty())
        return false;
    ViewportContent &content = m_content[size_t(viewportIndex)];
    content.seriesKey = seriesKey;
    content.sequence.clear();
    for (const dicom::Instance *instance : images)
        for (int frame = 0; frame < std::max(1, instance->frames); ++frame)
            content.sequence.emplace_back(QString::fromStdString(instance->path), frame);
    Viewport *viewport = m_viewports[size_t(viewportIndex)];
    {
        const QSignalBlocker blocker(viewport); // no frameRequested while the series is set up
        viewport->state()->setFrame(0);
        viewport->state()->setFrameCount(int(content.sequence.size()));
    }
    setActiveViewport(viewportIndex);
    decode(viewportIndex, 0, false);
    return true;
}

void MainWindow::decode(int viewportIndex, int sequenceIndex, bool keepView)
{
    ViewportContent &content = m_content[size_t(viewportIndex)];
    if (sequenceIndex < 0 || sequenceIndex >= int(content.sequence.size()))
        return;
    const auto [path, frame] = content.sequence[size_t(sequenceIndex)];
    const int generation = ++content.generation;
    const QString key = content.seriesKey;
    auto instanceOf = [](const SeriesRef &ref, const QString &file) -> const dicom::Instance * {
        if (ref.series)
            for (const dicom::Instance &candidate : ref.series->instances)
                if (QString::fromStdString(candidate.path) == file)
                    return &candidate;
        return nullptr;
    };
    // Still the picture this decode was for (no other frame or series asked for since)?
    auto current = [this, viewportIndex, generation, key] {
        const ViewportContent &now = m_content[size_t(viewportIndex)];
        return generation == now.generation && key == now.seriesKey;
    };

    // A large JPEG 2000 image opening in this viewport: its coarse resolution levels first, a small
    // part of the full decode's time, replaced by the full image when that is ready.
    const dicom::Instance *instance = instanceOf(m_browser->series(key), path);
    const Viewport *target = m_viewports[size_t(viewportIndex)];
    const int firstLookSide = std::max(512, int(std::lround(std::max(target->width(), target->height()) * target->devicePixelRatioF())));
    if (!keepView && frame == 0 && instance && instance->frames <= 1 && dicom::hasReducedResolutionDecode(instance->transferSyntaxUid) &&
        std::max(instance->rows, instance->columns) > firstLookSide) {
        auto *firstLook = new QFutureWatcher<DecodeResult>(this);
        connect(firstLook, &QFutureWatcher<DecodeResult>::finished, this, [this, firstLook, viewportIndex, generation, key, path = path, current, instanceOf] {
            const DecodeResult result = firstLook->result();
            firstLook->deleteLater();
            ViewportContent &now = m_content[size_t(viewportIndex)];
            if (!current() || now.fullShown == generation || !result->ok())
                return; // the full image came first, or the file has no usable levels: nothing to show early
            const SeriesRef ref = m_browser->series(key);
            now.firstLook = generation;
            m_viewports[size_t(viewportIndex)]->setImage(std::make_shared<const imaging::Image>(std::move(result->value())),
                                                         overlayInfo(ref, instanceOf(ref, path)), false);
            Q_EMIT firstLookShown(viewportIndex);
        });
        firstLook->setFuture(QtConcurrent::run([path = path, firstLookSide] {
            return std::make_shared<Result<imaging::Image>>(dicom::decodeFramePreview(path.toStdString(), 0, firstLookSide));
        }));
    }

    ++m_runningDecodes;
    auto *watcher = new QFutureWatcher<DecodeResult>(this);
    connect(watcher, &QFutureWatcher<DecodeResult>::finished, this, [this, watcher, viewportIndex, generation, key, path = path, keepView, current, instanceOf] {
        const DecodeResult result = watcher->result();
        watcher->deleteLater();
        --m_runningDecodes;
        if (current()) {
            ViewportContent &now = m_content[size_t(viewportIndex)];
            if (result->ok()) {
                const SeriesRef ref = m_browser->series(key);
                auto image = std::make_shared<const imaging::Image>(std::move(result->value()));
                now.fullShown = generation;
                // After a first look the user may already have zoomed or changed the window: kept.
                m_viewports[size_t(viewportIndex)]->setImage(image, overlayInfo(ref, instanceOf(ref, path)), keepView || now.firstLook == generation);
            } else {
                addProblem(path, QString::fromStdString(result->error().message));
                if (now.firstLook == generation) {
                    // Never leave a reduced first look on screen as if it were the image.
                    Viewport *viewport = m_viewports[size_t(viewportIndex)];
                    viewport->clearImage();
                    viewport->setPlaceholderText(tr("This image could not be decoded in full (see Load problems)."));
                }
            }
        }
        finishJob();
    });
    watcher->setFuture(QtConcurrent::run([path = path, frame = frame] {
        return std::make_shared<Result<imaging::Image>>(dicom::decodeFrame(path.toStdString(), frame));
    }));
}

void MainWindow::addProblem(const QString &path, const QString &reason)
{
    auto *item = new QListWidgetItem(QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(), reason), m_problems);
    item->setToolTip(path);
    item->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
    m_problemDock->setWindowTitle(tr("Load problems (%1)").arg(m_problems->count()));
    m_problemDock->show();
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (!m_docksSized) {
        m_docksSized = true;
        // Side docks at a reading width; the rest of the window goes to the viewports.
        resizeDocks({m_browserDock, m_reportDock}, {260, std::clamp(width() / 3, 360, 560)}, Qt::Horizontal);
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_scheduler->cancelAll(); // a scan stops at its next file, generation at its next sampler step
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setWindowState(saveState());
    m_settings.setLayout(m_layout);
    m_settings.setLinkViewports(m_linker->isEnabled());
    if (m_reportEditor)
        m_reportEditor->flushSaves(); // the last keystrokes are on disk before the window goes
    QMainWindow::closeEvent(event);
}

} // namespace radsynth::ui
