#pragma once
// The workstation's main window: study browser (dock), viewports in layouts 1x1 / 1x2 / 1x3 /
// 2x2, linking, load problems (dock, non-blocking), tag browser, shortcut help, recent studies.
// Loading and decoding run off the GUI thread (QtConcurrent); the GUI thread only renders.
#include "radsynth/ui/Settings.h"
#include "radsynth/ui/TagBrowserDialog.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <QStringList>

#include <array>
#include <atomic>
#include <functional>
#include <memory>
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

namespace radsynth::ui {

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

Q_SIGNALS:
    void idle(); // emitted when the last background job finished

protected:
    void closeEvent(QCloseEvent *event) override;

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

    struct ViewportContent {
        QString seriesKey;
        std::vector<std::pair<QString, int>> sequence; // (file, frame) in browsing order
        int generation = 0;
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
    std::shared_ptr<std::atomic_bool> m_cancelFlag;
    std::shared_ptr<std::atomic<size_t>> m_progressDone, m_progressTotal;
    int m_runningScans = 0;
    int m_runningDecodes = 0;
};

} // namespace radsynth::ui
