// gui_screenshots: renders the documentation screenshots of the workstation (docs/WORKSTATION.md)
// with a given model bundle, under Xvfb:
//   screenshot-review.png    the review workflow: frontal | synthesized lateral | report editor
//   screenshot-compare.png   the comparison workflow: frontal | synthesized lateral | real lateral
//   screenshot-anytoany.png  the any-to-any panel with variants, variation map, difference view
//   screenshot-drafts.png    the report editor's Drafts menu: the model's other drafts by their findings
//   screenshot-composed.png  the report dock with a draft whose composed sentences are marked
//   gui_screenshots --model DIR --sample DIR --study DIR_WITH_LATERAL --out DIR
// Settings, cache and drafts go to a temporary folder (never the user's).
#include "radsynth/ui/AnyToAnyDialog.h"
#include "radsynth/ui/MainWindow.h"
#include "radsynth/ui/Settings.h"
#include "radsynth/ui/StudyBrowser.h"
#include "radsynth/ui/Viewport.h"
#include "radsynth/ui/VtkImageView.h"
#include "radsynth/ui/report/ReportEditor.h"
#include "radsynth/workflow/JobScheduler.h"

#include <QApplication>
#include <QCheckBox>
#include <QDockWidget>
#include <QCommandLineParser>
#include <QDir>
#include <QMenu>
#include <QScreen>
#include <QToolButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace radsynth::ui;

namespace {
bool waitGenerated(MainWindow &window)
{
    const bool done = QTest::qWaitFor([&] { return !window.isBusy() && !window.isGenerating() && window.viewportsAtRest(); }, 600000);
    QTest::qWait(800); // queued results placed, frames painted
    return done;
}

bool save(QWidget *widget, const QString &path)
{
    const QImage image = widget->grab().toImage();
    const bool ok = !image.isNull() && image.save(path);
    std::printf("%s %s (%dx%d)\n", ok ? "wrote" : "FAILED", qPrintable(path), image.width(), image.height());
    return ok;
}
} // namespace

int main(int argc, char **argv)
{
    QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_CACHE_HOME", home.filePath(QStringLiteral("cache")).toUtf8());
    qputenv("RADSYNTH_DATA_DIR", home.filePath(QStringLiteral("data")).toUtf8());
    VtkImageView::setDefaultSurfaceFormat();
    QApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("radsynth-screenshots"));
    QCommandLineParser parser;
    parser.addOptions({{QStringLiteral("model"), QStringLiteral("bundle"), QStringLiteral("DIR")},
                       {QStringLiteral("sample"), QStringLiteral("study with a frontal only"), QStringLiteral("DIR")},
                       {QStringLiteral("study"), QStringLiteral("study with frontal and lateral"), QStringLiteral("DIR")},
                       {QStringLiteral("out"), QStringLiteral("output folder"), QStringLiteral("DIR")}});
    parser.process(app);
    const QString out = parser.value(QStringLiteral("out"));
    QDir().mkpath(out);
    Settings().setAutoGenerate(true);
    Settings().setLinkViewports(true);

    MainWindow window;
    window.setModelDirectory(QFileInfo(parser.value(QStringLiteral("model"))).absoluteFilePath());
    window.resize(1800, 1000);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    int failures = 0;

    // Review: the sample study (frontal only) generates on open.
    window.openPaths({QFileInfo(parser.value(QStringLiteral("sample"))).absoluteFilePath()});
    QTest::qWaitFor([&] { return window.isGenerating(); }, 30000);
    // While the model works: the report panel already belongs to this study ("DRAFTING"), beside
    // the frontal.
    QTest::qWaitFor([&] { return window.viewport(0)->hasImage() || !window.reportEditor()->isDrafting(); }, 10000);
    QTest::qWait(50);
    if (window.reportEditor()->isDrafting())
        failures += !save(&window, out + QStringLiteral("/screenshot-drafting.png"));
    failures += !waitGenerated(window);
    failures += !save(&window, out + QStringLiteral("/screenshot-review.png"));

    // The Drafts menu open over the report (a popup: grabbed from the screen, not the widget).
    if (ReportEditor *editor = window.reportEditor(); editor->draftsButton()->isVisible()) {
        QToolButton *button = editor->draftsButton();
        editor->draftsMenu()->popup(button->mapToGlobal(QPoint(0, button->height())));
        QTest::qWait(600);
        const QRect dock(window.reportDock()->mapToGlobal(QPoint(0, 0)), window.reportDock()->size());
        const QRect area = dock.united(editor->draftsMenu()->geometry());
        const QImage image = QGuiApplication::primaryScreen()->grabWindow(0, area.x(), area.y(), area.width(), area.height()).toImage();
        const QString path = out + QStringLiteral("/screenshot-drafts.png");
        const bool ok = !image.isNull() && image.save(path);
        std::printf("%s %s (%dx%d)\n", ok ? "wrote" : "FAILED", qPrintable(path), image.width(), image.height());
        failures += !ok;
        editor->draftsMenu()->hide();
    } else {
        std::printf("FAILED: the report editor offers no other drafts (a bundle with finding-guided drafting is needed)\n");
        ++failures;
    }

    // The model's composed sentences marked in a draft that has some (the first such one of the
    // Drafts menu), then the model's pick again.
    if (ReportEditor *editor = window.reportEditor(); !editor->draft().composedSentences.isEmpty()) {
        const int drafts = int(editor->draft().modelDrafts.size());
        for (int i = 0; i < drafts && editor->composedSpans().empty(); ++i)
            editor->useModelDraft(i, false);
        QTest::qWait(500);
        failures += !save(window.reportDock(), out + QStringLiteral("/screenshot-composed.png"));
        editor->useModelDraft(0, false);
    } else {
        std::printf("FAILED: no draft has a composed sentence (a bundle with training sentences is needed)\n");
        ++failures;
    }

    // Comparison: a study with a real lateral; Generate > Synthesize lateral gives frontal | synthetic | real.
    const QString study = QFileInfo(parser.value(QStringLiteral("study"))).absoluteFilePath();
    window.openPaths({study});
    QTest::qWaitFor([&] { return !window.isBusy(); }, 60000);
    QTest::qWait(300);
    for (const QString &key : window.studyBrowser()->imageSeriesKeys()) {
        const auto images = window.studyBrowser()->series(key).images();
        if (!images.empty() && QString::fromStdString(images.front()->path).startsWith(study) && images.front()->view.view == radsynth::dicom::View::Frontal)
            window.showSeries(0, key);
    }
    QTest::qWaitFor([&] { return !window.isBusy(); }, 60000);
    window.setActiveViewport(0);
    if (!window.generateForShownStudy())
        ++failures;
    failures += !waitGenerated(window);
    window.reportDock()->hide(); // side by side: the three views get the room
    QTest::qWait(800);
    failures += !save(&window, out + QStringLiteral("/screenshot-compare.png"));
    window.reportDock()->show();

    // Any-to-any: four variants of the lateral from the frontal, compared with the real lateral.
    AnyToAnyDialog *dialog = window.anyToAnyDialog();
    dialog->frontalInput()->setChecked(true);
    dialog->lateralOutput()->setChecked(true);
    dialog->reportOutputCheck()->setChecked(true);
    dialog->variantsBox()->setValue(4);
    dialog->seedBox()->setValue(11);
    dialog->resize(1400, 860);
    dialog->show();
    QTest::qWaitForWindowExposed(dialog);
    bool ready = false;
    QObject::connect(dialog, &AnyToAnyDialog::resultsReady, [&] { ready = true; });
    dialog->generate();
    QTest::qWaitFor([&] { return ready; }, 600000);
    QTest::qWait(500);
    failures += !save(dialog, out + QStringLiteral("/screenshot-anytoany.png"));
    return failures ? 1 : 0;
}
