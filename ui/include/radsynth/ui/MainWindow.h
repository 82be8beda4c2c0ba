#pragma once
// The workstation's main window: study browser (dock), viewports in layouts 1x1 / 1x2 / 1x3 /
// 2x2, linking, load problems (dock, non-blocking), tag browser, shortcut help, recent studies.
// Loading runs as a job on the job scheduler (jobs panel: progress, cancel), frame decoding off the
// GUI thread (QtConcurrent: one per frame shown, too many to list); the GUI thread only renders.
//
// Generation (MainWindowGeneration.cpp): opening a study whose frontal has no lateral starts
// frontal->lateral and frontal->report jobs on the job scheduler with the model bundle (the
// bundled default model unless the settings name another); the synthesized lateral appears in a
// synthetic viewport next to the frontal (frontal | synthetic lateral | real lateral), the report
// arrives as a draft in the report editor (right dock, autosaved), and the jobs dock shows every
// job's progress, times, cancel and retry. Generate > Any-to-any... opens the any-to-any panel.
#include "radsynth/ui/Overlay.h"
#include "radsynth/ui/Settings.h"
#include "radsynth/ui/TagBrowserDialog.h"
#include "radsynth/workflow/JobScheduler.h"
#include "radsynth/workflow/ReportDraftStore.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <QStringList>

#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

class QActionGroup;
class QDockWidget;
class QGridLayout;
class QLabel;
class QListWidget;
class QMenu;
class QProgressBar;
class QToolButton;

namespace radsynth::dicom {
struct StudyCollection;
}
namespace radsynth::generation {
struct Generation;
}
namespace radsynth::imaging {
struct Image;
}
namespace radsynth::workflow {
class GenerationService;
struct OodResult;
class ReportDraftStore;
}

namespace radsynth::ui {

class AnyToAnyDialog;
class ExportController;
struct ExportContent;
class JobsPanel;
class ReportEditor;
class StudyBrowser;
class ThumbnailProvider;
class Viewport;
class ViewportLinker;
struct SeriesRef;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    static constexpr int kViewportCount = 4;

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Open files, folders or DICOMDIRs (scanned off the GUI thread); fills empty viewports.
    void openPaths(const QStringList &paths);
    // Show a series (a StudyBrowser key) in a viewport.
    bool showSeries(int viewportIndex, const QString &seriesKey);

    void setLayoutName(const QString &layout); // "1x1", "1x2", "1x3", "2x2"
    QString layoutName() const { return m_layout; }
    int visibleViewportCount() const;
    Viewport *viewport(int index) const { return m_viewports.at(size_t(index)); }
    Viewport *activeViewport() const { return m_viewports.at(size_t(m_active)); }
    void setActiveViewport(int index);
    ViewportLinker *linker() const { return m_linker; }
    StudyBrowser *studyBrowser() const { return m_browser; }
    QListWidget *problemList() const { return m_problems; }
    QAction *action(const QString &name) const { return m_actions.value(name); }
    QList<QAction *> allActions() const;
    TagBrowserDialog *tagBrowser() const { return m_tagBrowser; }

    // True while a scan, a decode or a thumbnail is still running.
    bool isBusy() const;
    // Every viewport with an image shows its full-resolution rendering (none still on its
    // display-resolution level): what screenshots wait for.
    bool viewportsAtRest() const;

    // ---- generation (MainWindowGeneration.cpp) ----
    workflow::JobScheduler *scheduler() const { return m_scheduler; }
    workflow::GenerationService *generationService() const { return m_generation.get(); }
    // The draft store, once every save the report editor started is on disk.
    workflow::ReportDraftStore *draftStore();
    ReportEditor *reportEditor() const { return m_reportEditor; }
    JobsPanel *jobsPanel() const { return m_jobsPanel; }
    QDockWidget *reportDock() const { return m_reportDock; }
    QDockWidget *jobsDock() const { return m_jobsDock; }
    // The any-to-any panel (created on first use), set to the shown study.
    AnyToAnyDialog *anyToAnyDialog();
    // Model bundle folder for this window ("" = the settings' choice, else models/default).
    void setModelDirectory(const QString &directory);
    QString modelDirectory() const;
    // Auto-generation for this session (initially the setting).
    void setAutoGenerate(bool on) { m_autoGenerate = on; }
    bool autoGenerate() const { return m_autoGenerate; }
    // True while a generation (or any scheduler) job is queued or running.
    bool isGenerating() const;
    // Synthesizes the lateral and drafts the report for the study shown in the active viewport
    // (also when it has a real lateral: frontal | synthetic | real). False with a status message
    // when there is no frontal or no model.
    bool generateForShownStudy();
    // The viewport showing the synthesized lateral, or -1.
    int syntheticViewportIndex() const { return m_synthetic.viewport; }
    QList<workflow::JobId> studyJobs() const { return {m_synthetic.lateralJob, m_synthetic.reportJob}; }
    // The out-of-distribution check of the generation input (MainWindowOod.cpp): the warning shown
    // in the synthetic viewport's banner (empty when the input is not flagged or not checked yet),
    // the line for the report's provenance, and the check's job (0: none, e.g. no ood.json).
    QString inputCheckWarning() const { return m_synthetic.inputCheckBanner; }
    QString inputCheckProvenance() const { return m_synthetic.inputCheckProvenance; }
    QString inputCheckExplanation() const { return m_synthetic.inputCheckExplanation; }
    workflow::JobId inputCheckJob() const { return m_synthetic.inputCheckJob; }

    // ---- export and send (MainWindowExport.cpp) ----
    // Export... (Ctrl+E), Send to PACS..., Sent to PACS... for the shown study's generated results.
    ExportController *exportController() const { return m_exporter; }
    // What there is to export for the shown study: report draft, synthetic lateral, source frontal.
    ExportContent exportContent() const;

Q_SIGNALS:
    void idle(); // emitted when the last background job finished
    void syntheticShown(int viewportIndex);  // a synthesized lateral is on screen
    void reportDrafted(const QString &draftKey); // a generated report is in the editor
    void inputChecked(const QString &studyUid);   // the out-of-distribution check's result is shown
    // A large JPEG 2000 image's first look (its coarse resolution levels) is on screen while the
    // full decode runs; the full image replaces it (docs/WORKSTATION.md, "Opening large images").
    void firstLookShown(int viewportIndex);

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    // MainWindowActions.cpp
    void createMenus();
    QAction *addAction(const QString &name, const QString &text, const QList<QKeySequence> &keys, QMenu *menu);
    void updateRecentMenu();
    void showShortcuts();
    void showTagBrowser();
    void showAbout();
    void chooseOpenFile();
    void chooseOpenFolder();
    void chooseOpenDicomdir();
    void applyToActive(const std::function<void(Viewport *)> &operation);

    // MainWindow.cpp
    void createCentralArea();
    void createDocks();
    void onScanFinished(std::shared_ptr<const dicom::StudyCollection> collection, const QStringList &paths);
    void decode(int viewportIndex, int sequenceIndex, bool keepView);
    void addProblem(const QString &path, const QString &reason);
    void finishJob();
    void placeNewSeries(const QStringList &keys);
    // The report panel follows a study opened without drafting (its reviewed report, or "no report").
    void showReportOfOpenedStudy(const QStringList &keys);
    // "description date", or "Study <key>" when the study has neither.
    static QString studyLabel(const QString &studyUid, const OverlayInfo &info);

    // MainWindowGeneration.cpp
    void createGenerationDocks();
    void createGenerateMenu();
    bool startStudyGeneration(const QStringList &keys, bool force);
    void showSyntheticLateral(const QString &studyUid, std::shared_ptr<const imaging::Image> image, const QString &detail, int modelSide);
    void showGeneratedReport(const QString &studyUid, const QString &studyLabel, const QString &text,
                             const workflow::ReportProvenance &provenance,
                             const QStringList &modelDrafts, const QStringList &composedSentences = {});
    void onJobFailed(workflow::JobId id, const QString &message);
    void showReportDock();
    // The study's report as the radiologist left it (edited or signed), if there is one: a new
    // generation never replaces it.
    std::optional<workflow::ReportDraft> reviewedReport(const QString &key) const;
    bool modelInstalled(QString *why) const;
    // MainWindowOod.cpp
    void startInputCheck(const QString &studyUid, const QString &frontalPath);
    void showInputCheck(const QString &studyUid, const QList<workflow::OodResult> &results);
    QString withInputCheck(const QString &detail) const; // banner detail + the warning
    // MainWindowExport.cpp
    void createExportActions(QMenu *generate);

    struct ViewportContent {
        QString seriesKey;
        std::vector<std::pair<QString, int>> sequence; // (file, frame) in browsing order
        int generation = 0;
        int fullShown = 0;  // the generation whose full decode is on screen
        int firstLook = 0;  // the generation whose first look is on screen
    };

    Settings m_settings;
    ThumbnailProvider *m_thumbnails = nullptr;
    StudyBrowser *m_browser = nullptr;
    QListWidget *m_problems = nullptr;
    QDockWidget *m_browserDock = nullptr;
    QDockWidget *m_problemDock = nullptr;
    QGridLayout *m_grid = nullptr;
    std::array<Viewport *, kViewportCount> m_viewports{};
    std::array<ViewportContent, kViewportCount> m_content;
    ViewportLinker *m_linker = nullptr;
    int m_active = 0;
    QString m_layout;
    QHash<QString, QAction *> m_actions;
    QMenu *m_recentMenu = nullptr;
    QActionGroup *m_layoutGroup = nullptr;
    QPointer<TagBrowserDialog> m_tagBrowser;
    QProgressBar *m_progress = nullptr;
    QToolButton *m_cancel = nullptr;
    QLabel *m_cursorLabel = nullptr;
    QList<workflow::JobId> m_scanJobs; // loading jobs still running (openPaths)
    int m_runningDecodes = 0;

    // Generation
    struct SyntheticStudy {
        QString studyUid;
        QString studyLabel;    // description and date, never the patient's name
        QString frontalPath;
        QString lateralPath;   // the real lateral, when the study has one
        OverlayInfo frontalInfo;
        int viewport = -1;
        workflow::JobId lateralJob = 0;
        workflow::JobId reportJob = 0;
        workflow::JobId inputCheckJob = 0;
        QString detail;                // the synthetic banner's detail (task, seed, model)
        QString inputCheckBanner;      // out-of-distribution warning, wrapped for the banner
        QString inputCheckProvenance;  // the line for the report's provenance
        QString inputCheckExplanation; // the two scores and thresholds
        workflow::ReportProvenance lateralProvenance; // of the synthesized lateral shown
    };
    workflow::JobScheduler *m_scheduler = nullptr;
    std::unique_ptr<workflow::GenerationService> m_generation;
    std::unique_ptr<workflow::ReportDraftStore> m_drafts;
    ReportEditor *m_reportEditor = nullptr;
    JobsPanel *m_jobsPanel = nullptr;
    QDockWidget *m_reportDock = nullptr;
    QDockWidget *m_jobsDock = nullptr;
    QPointer<AnyToAnyDialog> m_anyToAny;
    QString m_modelDirectory;
    bool m_autoGenerate = true;
    bool m_docksSized = false; // first show without a saved window state: the viewports get the room
    SyntheticStudy m_synthetic;
    ExportController *m_exporter = nullptr;
};

} // namespace radsynth::ui
