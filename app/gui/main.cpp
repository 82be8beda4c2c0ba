// radsynth: the workstation GUI. Argument parsing and wiring only; everything lives in ui/ and core/.
//   radsynth [--demo [DIR]] [--model DIR] [--no-generate] [--screenshot FILE] [--quit-after MS] [--layout L] [paths...]
// --demo opens the bundled sample study and synthesizes its lateral view and draft report with the
// default model (models/default) even when automatic generation is off in the settings.
#include "radsynth/common/Log.h"
#include "radsynth/common/Paths.h"
#include "radsynth/common/Version.h"
#include "radsynth/generation/CpuRuntime.h"
#include "radsynth/ui/MainWindow.h"
#include "radsynth/ui/Settings.h"
#include "radsynth/ui/VtkImageView.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QImage>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QSurfaceFormat>
#include <QTimer>

#include <spdlog/spdlog.h>

#include <cstdio>
#include <memory>

namespace {
// --help and --version need no display: answered before QApplication (which aborts without one).
bool onlyHelpOrVersion(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "-h" || arg == "--help" || arg == "-?" || arg == "--help-all" || arg == "-v" || arg == "--version")
            return true;
    }
    return false;
}

// The workstation needs a display: without one Qt aborts in QApplication ("could not connect to
// display"). Checked first, so the user reads why instead of a core dump.
QString whyNoDisplay()
{
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    const bool x11 = platform.isEmpty() || platform.startsWith("xcb");
    const bool wayland = platform.startsWith("wayland");
    if (x11 && qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        return QStringLiteral("no display (DISPLAY is not set)");
    if (wayland && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        return QStringLiteral("no Wayland display (WAYLAND_DISPLAY is not set)");
    return {};
}

// The image viewer draws with VTK through OpenGL 3.2 (core profile). Without such a context the GL
// widgets fail one by one and VTK dereferences a null context; this checks once, up front.
QString whyNoOpenGl()
{
    QOpenGLContext context;
    context.setFormat(QSurfaceFormat::defaultFormat());
    if (!context.create())
        return QStringLiteral("no OpenGL context can be created on the '%1' display platform").arg(QGuiApplication::platformName());
    QOffscreenSurface surface;
    surface.setFormat(context.format());
    surface.create();
    if (!context.makeCurrent(&surface))
        return QStringLiteral("an OpenGL context was created but cannot be used on the '%1' display platform").arg(QGuiApplication::platformName());
    const QSurfaceFormat format = context.format();
    context.doneCurrent();
    if (format.version() < qMakePair(3, 2))
        return QStringLiteral("OpenGL %1.%2 only; the viewer needs 3.2").arg(format.majorVersion()).arg(format.minorVersion());
    return {};
}

int cannotStart(const QString &why)
{
    std::fprintf(stderr,
                 "radsynth: cannot start the workstation: %s.\n"
                 "The viewer draws with OpenGL 3.2 (VTK). Run it on a desktop with OpenGL, or under X11/Xvfb with Mesa's\n"
                 "software renderer (xvfb-run -a radsynth, LIBGL_ALWAYS_SOFTWARE=1). The command-line tools (radsynth-cli)\n"
                 "need neither a display nor OpenGL.\n",
                 qPrintable(why));
    return 3;
}
} // namespace

int main(int argc, char **argv)
{
    const bool helpOrVersion = onlyHelpOrVersion(argc, argv);
    std::unique_ptr<QCoreApplication> application;
    if (helpOrVersion) {
        application = std::make_unique<QCoreApplication>(argc, argv);
    } else {
    if (const QString why = whyNoDisplay(); !why.isEmpty())
        return cannotStart(why);
    // Before any thread starts: generation's buffers stay in the heap between sampling steps.
    radsynth::generation::tuneAllocatorForTensors();
    // The VTK bridge needs a GL 3.2 core context: set the default format before QApplication.
    radsynth::ui::VtkImageView::setDefaultSurfaceFormat();
    QApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    application = std::make_unique<QApplication>(argc, argv);
    }
    QCoreApplication &app = *application;
    QCoreApplication::setApplicationName(QString::fromLatin1(radsynth::kApplicationName));
    QCoreApplication::setOrganizationName(QString::fromLatin1(radsynth::kOrganizationName));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(radsynth::kVersion));
    if (!helpOrVersion) {
        if (const QString why = whyNoOpenGl(); !why.isEmpty())
            return cannotStart(why);
        QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/radsynth.svg")));
        QApplication::setDesktopFileName(QStringLiteral("org.radsynth.RadSynth"));
        radsynth::log::initialize();
        spdlog::info("RadSynth {} starting", radsynth::kVersion);
    }

    const radsynth::ui::Settings settings;
    const QString language = radsynth::ui::Settings::effectiveLanguage(settings.language());
    radsynth::ui::Settings::installTranslator(language);

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "RadSynth chest X-ray workstation"));
    parser.addHelpOption();
    parser.addVersionOption();
    // `--demo DIR` opens DIR; `--demo` alone opens the bundled sample study.
    const QCommandLineOption demo(QStringLiteral("demo"),
        QCoreApplication::translate("main", "Open the demo study in DIR (default: the bundled sample study)."));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QCoreApplication::translate("main", "Save a picture of the window to FILE once everything is loaded, then exit."), QStringLiteral("FILE"));
    const QCommandLineOption quitAfter(QStringLiteral("quit-after"),
        QCoreApplication::translate("main", "Exit after MS milliseconds."), QStringLiteral("MS"));
    const QCommandLineOption layout(QStringLiteral("layout"),
        QCoreApplication::translate("main", "Viewport layout: 1x1, 1x2, 1x3 or 2x2."), QStringLiteral("LAYOUT"));
    const QCommandLineOption model(QStringLiteral("model"),
        QCoreApplication::translate("main", "Model bundle folder for generation (default: the bundled default model)."), QStringLiteral("DIR"));
    const QCommandLineOption noGenerate(QStringLiteral("no-generate"),
        QCoreApplication::translate("main", "Do not generate automatically when a study is opened."));
    const QCommandLineOption windowSize(QStringLiteral("window-size"),
        QCoreApplication::translate("main", "Window size, e.g. 1600x1000 (screenshots)."), QStringLiteral("WxH"));
    parser.addOptions({demo, screenshot, quitAfter, layout, model, noGenerate, windowSize});
    parser.addPositionalArgument(QStringLiteral("paths"), QCoreApplication::translate("main", "DICOM files, folders or DICOMDIRs to open."), QStringLiteral("[paths...]"));
    parser.process(app);

    QStringList paths = parser.positionalArguments();
    if (parser.isSet(demo) && paths.isEmpty())
        paths << radsynth::paths::sampleStudyDirectory();
    for (QString &path : paths)
        path = QFileInfo(path).absoluteFilePath();

    radsynth::ui::MainWindow window;
    if (parser.isSet(layout))
        window.setLayoutName(parser.value(layout));
    if (parser.isSet(model))
        window.setModelDirectory(QFileInfo(parser.value(model)).absoluteFilePath());
    if (parser.isSet(demo))
        window.setAutoGenerate(true);
    if (parser.isSet(noGenerate))
        window.setAutoGenerate(false);
    if (parser.isSet(windowSize)) {
        const QStringList size = parser.value(windowSize).split(QLatin1Char('x'));
        if (size.size() == 2 && size[0].toInt() > 0 && size[1].toInt() > 0)
            window.resize(size[0].toInt(), size[1].toInt());
    }
    window.show();
    window.openPaths(paths);

    if (parser.isSet(quitAfter)) {
        bool ok = false;
        const int ms = parser.value(quitAfter).toInt(&ok);
        if (!ok || ms < 0) {
            std::fprintf(stderr, "radsynth: --quit-after needs a number of milliseconds\n");
            return 2;
        }
        QTimer::singleShot(ms, &app, &QApplication::quit);
    }

    int status = 0;
    if (parser.isSet(screenshot)) {
        const QString file = QFileInfo(parser.value(screenshot)).absoluteFilePath();
        // Wait until loading, decoding, thumbnails and generation are done, then let a few frames paint.
        auto *poll = new QTimer(&app);
        poll->setInterval(200);
        int quietTicks = 0;
        QObject::connect(poll, &QTimer::timeout, &app, [&, file] {
            quietTicks = window.isBusy() || window.isGenerating() || !window.viewportsAtRest() ? 0 : quietTicks + 1;
            if (quietTicks < 3)
                return;
            poll->stop();
            const QImage picture = window.grab().toImage();
            QDir().mkpath(QFileInfo(file).absolutePath());
            if (picture.isNull() || !picture.save(file)) {
                std::fprintf(stderr, "radsynth: cannot write the screenshot %s\n", qPrintable(file));
                status = 1;
            } else {
                spdlog::info("Screenshot saved ({}x{})", picture.width(), picture.height());
            }
            app.quit();
        });
        poll->start();
    }
    const int result = app.exec();
    return status ? status : result;
}
