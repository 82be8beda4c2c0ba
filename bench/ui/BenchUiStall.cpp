// bench-ui-stall: does the GUI thread keep rendering while the workstation generates?
// Opens the bundled sample study in the main window with an untrained model of the chosen preset
// (timing does not depend on the weights; default: "default", 128 px, the shipped model's size),
// which starts the F2L and F2R jobs, and measures the gaps between the ticks of a 5 ms timer on
// the GUI thread until both jobs end. Prints the longest gap (the goal is under 50 ms; the GUI test
// fails above 500 ms), the 99th percentile, the tick count and the generation time.
//   bench-ui-stall [--preset default|tiny] [--steps N] [--bundle DIR (kept)] [--render]
// --render also asks the frontal viewport for a new frame on every tick (rendering while generating).
// Without a display it re-runs itself under xvfb-run.
#include "../../tests/ui/TinyBundle.h"

#include "radsynth/ui/MainWindow.h"
#include "radsynth/ui/Settings.h"
#include "radsynth/ui/Viewport.h"
#include "radsynth/ui/VtkImageView.h"
#include "radsynth/workflow/JobScheduler.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>
#include <vector>

int main(int argc, char **argv)
{
    if (!std::getenv("DISPLAY") && !std::getenv("RADSYNTH_BENCH_WRAPPED")) {
        setenv("RADSYNTH_BENCH_WRAPPED", "1", 1);
        std::vector<char *> args = {const_cast<char *>("xvfb-run"), const_cast<char *>("-a"), const_cast<char *>("-s"),
                                    const_cast<char *>("-screen 0 1600x1000x24")};
        for (int i = 0; i < argc; ++i)
            args.push_back(argv[i]);
        args.push_back(nullptr);
        execvp("xvfb-run", args.data());
        std::fprintf(stderr, "bench-ui-stall: no display and no xvfb-run\n");
        return 1;
    }
    std::string preset = "default", bundle;
    int steps = 20;
    bool render = false;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--preset") && i + 1 < argc)
            preset = argv[++i];
        else if (!std::strcmp(argv[i], "--steps") && i + 1 < argc)
            steps = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--bundle") && i + 1 < argc)
            bundle = argv[++i];
        else if (!std::strcmp(argv[i], "--render"))
            render = true;
    }
    // Own settings, cache and drafts: never the user's, and no cached result to skip the work.
    QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_CACHE_HOME", home.filePath(QStringLiteral("cache")).toUtf8());
    qputenv("RADSYNTH_DATA_DIR", home.filePath(QStringLiteral("data")).toUtf8());
    radsynth::ui::VtkImageView::setDefaultSurfaceFormat();
    QApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("radsynth-bench-ui"));

    const QString bundleDir = bundle.empty() ? home.filePath(QStringLiteral("bundle")) : QFileInfo(QString::fromStdString(bundle)).absoluteFilePath();
    if (!QFileInfo::exists(bundleDir + QStringLiteral("/manifest.json"))) {
        const QString error = radsynth::test::createTinyBundle(bundleDir, preset.c_str(), 3);
        if (!error.isEmpty()) {
            std::fprintf(stderr, "bench-ui-stall: %s\n", qPrintable(error));
            return 1;
        }
    }
    radsynth::ui::Settings().setAutoGenerate(true);
    radsynth::ui::MainWindow window;
    window.setModelDirectory(bundleDir);
    window.resize(1500, 900);
    window.show();
    (void)steps; // the window uses the default 20 steps

    QElapsedTimer clock;
    std::vector<qint64> gaps;
    std::vector<std::pair<qint64, qint64>> events; // (gap, when it ended)
    qint64 last = -1;
    qint64 frontalShown = -1; // when the frontal's first frame was rendered
    int rendersAtImage = -1;
    bool started = false;
    QTimer watchdog;
    watchdog.setInterval(5);
    QObject::connect(&watchdog, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        if (started && last >= 0) {
            gaps.push_back(now - last);
            events.emplace_back(now - last, now);
        }
        last = now;
        radsynth::ui::Viewport *frontal = window.viewport(0);
        // The tick after the one that first saw the frontal's image: its first frame is painted by then.
        if (started && frontalShown < 0 && frontal->hasImage()) {
            if (rendersAtImage < 0)
                rendersAtImage = 1;
            else
                frontalShown = now;
        }
        if (render)
            window.viewport(0)->update();
        if (!started && window.isGenerating()) {
            started = true;
            clock.restart();
            last = 0;
        } else if (started && !window.isGenerating()) {
            app.quit();
        }
    });
    clock.start();
    watchdog.start();
    window.openPaths({QStringLiteral(RADSYNTH_SOURCE_DIR "/resources/sample-study")});
    QTimer::singleShot(600000, &app, &QApplication::quit);
    app.exec();
    if (gaps.empty()) {
        std::fprintf(stderr, "bench-ui-stall: generation did not run\n");
        return 1;
    }
    const qint64 total = clock.elapsed();
    std::sort(events.rbegin(), events.rend());
    std::sort(gaps.begin(), gaps.end());
    const qint64 longest = gaps.back();
    const qint64 p99 = gaps[std::min(gaps.size() - 1, size_t(double(gaps.size()) * 0.99))];
    // The same, once the frontal is on screen: its first display (decode already off the GUI
    // thread, then presets, 8-bit rendering and the texture upload) is the viewer's cost, not generation's.
    qint64 steady = 0;
    for (const auto &[gap, at] : events)
        if (frontalShown >= 0 && at - gap > frontalShown)
            steady = std::max(steady, gap);
    std::printf("bench-ui-stall: preset %s, F2L + F2R (20 steps each) on %d core(s), render on tick: %s\n", preset.c_str(),
                QThread::idealThreadCount(), render ? "yes" : "no");
    std::printf("  generation (both jobs)   %8lld ms\n", static_cast<long long>(total));
    std::printf("  watchdog ticks (5 ms)    %8zu\n", gaps.size());
    std::printf("  longest event-loop gap   %8lld ms   (goal < 50 ms; the GUI test fails > 500 ms)\n", static_cast<long long>(longest));
    std::printf("  99th percentile gap      %8lld ms\n", static_cast<long long>(p99));
    std::printf("  frontal on screen at     %8lld ms; longest gap after that %lld ms\n", static_cast<long long>(frontalShown), static_cast<long long>(steady));
    std::printf("  longest gaps (ms, ended at ms):");
    for (size_t i = 0; i < std::min<size_t>(5, events.size()); ++i)
        std::printf(" %lld@%lld", static_cast<long long>(events[i].first), static_cast<long long>(events[i].second));
    std::printf("\n");
    return 0;
}
