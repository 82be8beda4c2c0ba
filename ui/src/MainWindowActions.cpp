// MainWindow: actions, menus and dialogs. Every keyboard shortcut is a QAction here, so the
// shortcut help (ShortcutsDialog) lists exactly what the keys do.
#include "radsynth/common/Version.h"
#include "radsynth/ui/MainWindow.h"
#include "radsynth/ui/ShortcutsDialog.h"
#include "radsynth/ui/StudyBrowser.h"
#include "radsynth/ui/TagBrowserDialog.h"
#include "radsynth/ui/Viewport.h"
#include "radsynth/ui/ViewportState.h"
#include "pacs/QueryRetrieveDialog.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>

namespace radsynth::ui {

QAction *MainWindow::addAction(const QString &name, const QString &text, const QList<QKeySequence> &keys, QMenu *menu)
{
    auto *action = new QAction(text, this);
    action->setObjectName(name);
    action->setShortcuts(keys);
    m_actions.insert(name, action);
    if (menu)
        menu->addAction(action);
    QMainWindow::addAction(action); // shortcuts work while the menu bar is hidden too
    return action;
}

void MainWindow::applyToActive(const std::function<void(Viewport *)> &operation)
{
    Viewport *viewport = activeViewport();
    if (viewport && viewport->hasImage())
        operation(viewport);
}

void MainWindow::createMenus()
{
    // File
    QMenu *file = menuBar()->addMenu(tr("&File"));
    connect(addAction(QStringLiteral("openFile"), tr("Open &file..."), {QKeySequence::Open}, file), &QAction::triggered, this, &MainWindow::chooseOpenFile);
    connect(addAction(QStringLiteral("openFolder"), tr("Open f&older..."), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O)}, file), &QAction::triggered, this, &MainWindow::chooseOpenFolder);
    connect(addAction(QStringLiteral("openDicomdir"), tr("Open &DICOMDIR..."), {QKeySequence(Qt::CTRL | Qt::Key_D)}, file), &QAction::triggered, this, &MainWindow::chooseOpenDicomdir);
    // Query/Retrieve from a PACS (ui/src/pacs); what arrives is opened here.
    connect(addAction(QStringLiteral("queryRetrieve"), tr("&Query/Retrieve..."), {}, file), &QAction::triggered, this, [this] {
        auto *dialog = new QueryRetrieveDialog(m_scheduler, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QueryRetrieveDialog::retrieveFinished, this, [this](const QStringList &files, const QString &) {
            if (!files.isEmpty()) openPaths(files);
        });
        dialog->show();
    });
    m_recentMenu = file->addMenu(tr("&Recent studies"));
    updateRecentMenu();
    file->addSeparator();
    connect(addAction(QStringLiteral("quit"), tr("&Quit"), {QKeySequence(Qt::CTRL | Qt::Key_Q)}, file), &QAction::triggered, this, &QWidget::close);

    // View
    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_layoutGroup = new QActionGroup(this);
    const QStringList layouts = {QStringLiteral("1x1"), QStringLiteral("1x2"), QStringLiteral("1x3"), QStringLiteral("2x2")};
    for (int i = 0; i < layouts.size(); ++i) {
        const QString layout = layouts[i];
        QAction *action = addAction(QStringLiteral("layout") + layout, tr("Layout %1").arg(layout), {QKeySequence(Qt::CTRL | (Qt::Key_1 + i))}, view);
        action->setCheckable(true);
        m_layoutGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, layout] { setLayoutName(layout); });
    }
    view->addSeparator();
    QAction *link = addAction(QStringLiteral("linkViewports"), tr("&Link zoom, pan and window"), {QKeySequence(Qt::Key_L)}, view);
    link->setCheckable(true);
    connect(link, &QAction::toggled, this, [this](bool on) {
        m_linker->setEnabled(on);
        m_settings.setLinkViewports(on);
        if (on) // start from the active viewport's view
            for (int i = 0; i < visibleViewportCount(); ++i)
                if (i != m_active)
                    viewport(i)->state()->copyFrom(*activeViewport()->state(), m_linker->linkedParts());
        statusBar()->showMessage(on ? tr("Viewports linked") : tr("Viewports unlinked"), 3000);
    });
    QAction *overlays = addAction(QStringLiteral("toggleOverlays"), tr("Show &overlays"), {QKeySequence(Qt::Key_O)}, view);
    overlays->setCheckable(true);
    connect(overlays, &QAction::toggled, this, [this](bool on) {
        for (Viewport *viewport : m_viewports)
            viewport->state()->setOverlaysVisible(on);
        m_settings.setOverlaysVisible(on);
    });
    view->addSeparator();
    QAction *browserToggle = m_browserDock->toggleViewAction();
    browserToggle->setShortcut(QKeySequence(Qt::Key_F9));
    browserToggle->setObjectName(QStringLiteral("toggleStudies"));
    view->addAction(browserToggle);
    QAction *problemsToggle = m_problemDock->toggleViewAction();
    problemsToggle->setShortcut(QKeySequence(Qt::Key_F10));
    problemsToggle->setObjectName(QStringLiteral("toggleProblems"));
    view->addAction(problemsToggle);
    view->addSeparator();
    QMenu *language = view->addMenu(tr("Language"));
    auto *languageGroup = new QActionGroup(this);
    QList<QPair<QString, QString>> languages = {{QString(), tr("System default")}};
    languages += Settings::availableLanguages();
    for (const auto &[code, name] : languages) {
        QAction *action = language->addAction(name);
        action->setCheckable(true);
        action->setChecked(code == m_settings.language());
        languageGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, code = code] {
            m_settings.setLanguage(code);
            statusBar()->showMessage(tr("The language changes when RadSynth is started again."), 6000);
        });
    }

    // Image (acts on the active viewport)
    QMenu *image = menuBar()->addMenu(tr("&Image"));
    for (int i = 0; i < 5; ++i) {
        QAction *preset = addAction(QStringLiteral("windowPreset%1").arg(i + 1), tr("Window preset %1").arg(i + 1), {QKeySequence(Qt::Key_1 + i)}, image);
        connect(preset, &QAction::triggered, this, [this, i] {
            applyToActive([this, i](Viewport *v) {
                if (v->applyWindowPreset(i))
                    statusBar()->showMessage(tr("Window: %1").arg(QString::fromStdString(v->windowPresets().at(i).name)), 3000);
            });
        });
    }
    image->addSeparator();
    auto connectViewport = [this, image](const QString &name, const QString &text, const QList<QKeySequence> &keys, std::function<void(Viewport *)> operation) {
        connect(addAction(name, text, keys, image), &QAction::triggered, this, [this, operation] { applyToActive(operation); });
    };
    connectViewport(QStringLiteral("invert"), tr("&Invert"), {QKeySequence(Qt::Key_I)}, [](Viewport *v) { v->state()->setInvert(!v->state()->invert()); });
    connectViewport(QStringLiteral("flipHorizontal"), tr("Flip &horizontally"), {QKeySequence(Qt::Key_H)}, [](Viewport *v) { v->state()->setFlipHorizontal(!v->state()->flipHorizontal()); });
    connectViewport(QStringLiteral("flipVertical"), tr("Flip &vertically"), {QKeySequence(Qt::Key_V)}, [](Viewport *v) { v->state()->setFlipVertical(!v->state()->flipVertical()); });
    connectViewport(QStringLiteral("rotateClockwise"), tr("&Rotate 90° clockwise"), {QKeySequence(Qt::Key_R)}, [](Viewport *v) { v->state()->rotateClockwise(); });
    connectViewport(QStringLiteral("rotateCounterClockwise"), tr("Rotate 90° &counter-clockwise"), {QKeySequence(Qt::SHIFT | Qt::Key_R)}, [](Viewport *v) { v->state()->rotateCounterClockwise(); });
    image->addSeparator();
    connectViewport(QStringLiteral("fit"), tr("&Fit to viewport"), {QKeySequence(Qt::Key_F)}, [](Viewport *v) {
        v->state()->setFitToWindow(true);
        v->state()->setPan(QPointF());
    });
    connectViewport(QStringLiteral("actualSize"), tr("&Actual pixels (1:1)"), {QKeySequence(Qt::Key_A)}, [](Viewport *v) { v->setActualSize(); });
    connectViewport(QStringLiteral("zoomIn"), tr("Zoom in"), {QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal)}, [](Viewport *v) { v->zoomBy(1.25); });
    connectViewport(QStringLiteral("zoomOut"), tr("Zoom out"), {QKeySequence(Qt::Key_Minus)}, [](Viewport *v) { v->zoomBy(0.8); });
    connectViewport(QStringLiteral("reset"), tr("R&eset view"), {QKeySequence(Qt::Key_0), QKeySequence(Qt::Key_Home)}, [](Viewport *v) { v->state()->reset(); });
    image->addSeparator();
    connectViewport(QStringLiteral("nextFrame"), tr("Next image or frame"), {QKeySequence(Qt::Key_PageDown), QKeySequence(Qt::Key_Down)}, [](Viewport *v) { v->state()->setFrame(v->state()->frame() + 1); });
    connectViewport(QStringLiteral("previousFrame"), tr("Previous image or frame"), {QKeySequence(Qt::Key_PageUp), QKeySequence(Qt::Key_Up)}, [](Viewport *v) { v->state()->setFrame(v->state()->frame() - 1); });
    image->addSeparator();
    QAction *measure = addAction(QStringLiteral("measure"), tr("&Measure distance"), {QKeySequence(Qt::Key_M)}, image);
    measure->setCheckable(true);
    connect(measure, &QAction::toggled, this, [this](bool on) {
        for (Viewport *viewport : m_viewports)
            viewport->state()->setMeasureMode(on);
        statusBar()->showMessage(on ? tr("Measure: drag on the image; Esc leaves measure mode") : QString(), 5000);
    });
    for (Viewport *viewport : m_viewports)
        connect(viewport->state(), &ViewportState::changed, measure, [measure, viewport](ViewportState::Changes changes) {
            if ((changes & ViewportState::MeasureModeChange) && !viewport->state()->measureMode())
                measure->setChecked(false);
        });
    connectViewport(QStringLiteral("clearMeasurements"), tr("&Clear measurements"), {QKeySequence(Qt::Key_Delete)}, [](Viewport *v) {
        v->measurements().clear();
        v->update();
    });

    createGenerateMenu();

    // Tools, Help
    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    connect(addAction(QStringLiteral("tagBrowser"), tr("DICOM &tags..."), {QKeySequence(Qt::CTRL | Qt::Key_T)}, tools), &QAction::triggered, this, &MainWindow::showTagBrowser);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    connect(addAction(QStringLiteral("shortcuts"), tr("&Keyboard shortcuts"), {QKeySequence(Qt::Key_F1)}, help), &QAction::triggered, this, &MainWindow::showShortcuts);
    connect(addAction(QStringLiteral("about"), tr("&About RadSynth"), {}, help), &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::updateRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList recent = m_settings.recentStudies();
    for (const QString &path : recent) {
        QAction *action = m_recentMenu->addAction(path);
        connect(action, &QAction::triggered, this, [this, path] { openPaths({path}); });
    }
    if (recent.isEmpty())
        m_recentMenu->addAction(tr("(none)"))->setEnabled(false);
    m_recentMenu->addSeparator();
    connect(m_recentMenu->addAction(tr("Clear recent studies")), &QAction::triggered, this, [this] {
        m_settings.clearRecentStudies();
        updateRecentMenu();
    });
}

void MainWindow::chooseOpenFile()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Open DICOM files"), QString(), tr("DICOM files (*.dcm *.DCM *.dicom *);;All files (*)"));
    openPaths(files);
}

void MainWindow::chooseOpenFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open a folder of DICOM files"));
    if (!folder.isEmpty())
        openPaths({folder});
}

void MainWindow::chooseOpenDicomdir()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Open a DICOMDIR"), QString(), tr("DICOMDIR (DICOMDIR dicomdir);;All files (*)"));
    if (!file.isEmpty())
        openPaths({file});
}

void MainWindow::showShortcuts()
{
    ShortcutsDialog dialog(allActions(), this);
    dialog.exec();
}

void MainWindow::showTagBrowser()
{
    QString path = m_browser->selectedInstancePath();
    if (path.isEmpty()) {
        const auto &content = m_content[size_t(m_active)];
        const int frame = activeViewport()->state()->frame();
        if (frame >= 0 && frame < int(content.sequence.size()))
            path = content.sequence[size_t(frame)].first;
    }
    if (path.isEmpty()) {
        statusBar()->showMessage(tr("Select a series or show an image first."), 4000);
        return;
    }
    if (!m_tagBrowser)
        m_tagBrowser = new TagBrowserDialog(m_scheduler, this);
    m_tagBrowser->loadFile(path);
    m_tagBrowser->show();
    m_tagBrowser->raise();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About RadSynth"),
        tr("<b>RadSynth %1</b><br>A chest X-ray workstation: read studies, draft reports and generate "
           "images with an any-to-any model.<br>Not for primary diagnosis.").arg(QString::fromLatin1(kVersion)));
}

} // namespace radsynth::ui
