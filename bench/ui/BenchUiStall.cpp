// bench-ui-stall: does the GUI thread keep rendering while the workstation generates?
// Shows the main window and, once it is on screen (1 s later), opens the bundled sample study in it
// with an untrained model of the chosen preset
// (timing does not depend on the weights; default: "default", 128 px, the shipped model's size),
// which starts the F2L and F2R jobs, and measures the gaps between the ticks of a 5 ms timer on
// the GUI thread from the open until both jobs end (the frontal's first frame included). Prints the longest gap (the goal is under 50 ms; the GUI test
// fails above 500 ms), the 99th percentile, the tick count, the GUI thread's processor time and the
// generation time; for the five longest gaps, how much of each the GUI thread spent working (the
// rest it waited: preempted, or blocked on the X server, the allocator or the renderer's threads).
//   bench-ui-stall [--preset default|tiny] [--steps N] [--bundle DIR (kept)] [--render] [--history N]
// --render also asks the frontal viewport for a new frame on every tick (rendering while generating).
// --history N: N finished jobs in the session before the open, as after a day's studies (about five
// jobs a study: the open, its thumbnail, the input check, F2L, F2R).
// Where the time goes: while the GUI thread has not ticked for 30 ms, a sampler thread interrupts it
// every 10 ms (SIGPROF) and records its stack; each gap over 50 ms is printed with the functions the
// GUI thread was in (the innermost RadSynth frame and the innermost frame, by sample count).
// Without a display it re-runs itself under xvfb-run.
#include "../../tests/ui/TinyBundle.h"

#include "radsynth/generation/CpuRuntime.h"
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

#include <chrono>

#include <cxxabi.h>
#include <dlfcn.h>
#include <execinfo.h>
#include <pthread.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <map>
#include <thread>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>
#include <vector>

namespace stall {
// Stacks of the GUI thread taken during gaps (filled by the signal handler, read after the run).
constexpr int kDepth = 64;
constexpr int kSlots = 8192;
void *frames[kSlots][kDepth];
int depths[kSlots];
qint64 times[kSlots];
std::atomic<int> count{0};
std::atomic<qint64> sampleTime{0};

void onSample(int)
{
    const int slot = count.load(std::memory_order_relaxed);
    if (slot >= kSlots)
        return;
    depths[slot] = backtrace(frames[slot], kDepth);
    times[slot] = sampleTime.load(std::memory_order_relaxed);
    count.store(slot + 1, std::memory_order_release);
}

std::string nameOf(void *address)
{
    Dl_info info;
    if (!dladdr(address, &info) || !info.dli_sname)
        return {};
    int status = 0;
    char *demangled = abi::__cxa_demangle(info.dli_sname, nullptr, nullptr, &status);
    std::string name = status == 0 && demangled ? demangled : info.dli_sname;
    std::free(demangled);
    const size_t paren = name.find('(');
    return paren == std::string::npos ? name : name.substr(0, paren); // without the argument list
}

// The innermost frame that is RadSynth's own code, or "" (frame 0 and 1 are the handler).
std::string innermostOwn(int slot)
{
    for (int i = 2; i < depths[slot]; ++i) {
        const std::string name = nameOf(frames[slot][i]);
        if (name.rfind("radsynth::", 0) == 0)
            return name;
    }
    return "(no RadSynth frame: event loop / window system)";
}

std::string innermost(int slot)
{
    for (int i = 2; i < depths[slot]; ++i) {
        const std::string name = nameOf(frames[slot][i]);
        if (!name.empty())
            return name;
    }
    return "?";
}
} // namespace stall

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
    int history = 0;
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
        else if (!std::strcmp(argv[i], "--history") && i + 1 < argc)
            history = std::max(0, std::atoi(argv[++i]));
    }
    // Own settings, cache and drafts: never the user's, and no cached result to skip the work.
    QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_CACHE_HOME", home.filePath(QStringLiteral("cache")).toUtf8());
    qputenv("RADSYNTH_DATA_DIR", home.filePath(QStringLiteral("data")).toUtf8());
    // The allocator as the workstation sets it (app/gui/main.cpp), before any thread starts.
    radsynth::generation::tuneAllocatorForTensors();
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
    // A day's finished jobs (quick ones: what they did does not matter, only that they are listed).
    for (int i = 0; i < history; ++i)
        window.scheduler()->submit(std::make_shared<radsynth::workflow::FunctionJob>(
            QStringLiteral("Earlier job %1").arg(i + 1), i % 5 < 2 ? radsynth::workflow::JobKind::Loading : radsynth::workflow::JobKind::Generation,
            [](radsynth::workflow::JobContext &context) -> radsynth::Status {
                context.setProgress(1, 1);
                return radsynth::okStatus();
            }));
    if (history > 0 && !window.scheduler()->waitForIdle(60000)) {
        std::fprintf(stderr, "bench-ui-stall: the history jobs did not end\n");
        return 1;
    }
    // Users open studies in a window that is already on screen: its first paint is not part of the
    // run (1 s to appear and settle).
    {
        QElapsedTimer settle;
        settle.start();
        while (settle.elapsed() < 1000)
            QApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    (void)steps; // the window uses the default 20 steps

    // The GUI thread's own processor time (its work, not time spent waiting), in microseconds.
    auto threadCpuUs = [] {
        rusage usage = {};
        getrusage(RUSAGE_THREAD, &usage);
        return qint64(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000000 + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
    };
    auto threadCpuMs = [&] { return threadCpuUs() / 1000; };
    QElapsedTimer clock;
    std::vector<qint64> gaps;
    std::vector<std::pair<qint64, qint64>> events; // (gap, when it ended)
    std::map<qint64, qint64> cpuInGap;              // when a gap ended -> the GUI thread's processor time in it (us)
    qint64 last = -1;
    qint64 cpuAtLastTick = 0;
    qint64 frontalShown = -1; // when the frontal's first frame was rendered
    int rendersAtImage = -1;
    bool started = false;       // the run: from the study's open until both jobs end
    bool generationSeen = false; // the jobs have started
    QTimer watchdog;
    watchdog.setInterval(5);
    QObject::connect(&watchdog, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        const qint64 cpu = threadCpuUs();
        if (started && last >= 0) {
            gaps.push_back(now - last);
            events.emplace_back(now - last, now);
            cpuInGap[now] = cpu - cpuAtLastTick;
        }
        last = now;
        cpuAtLastTick = cpu;
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
        if (started && !generationSeen && window.isGenerating())
            generationSeen = true;
        else if (generationSeen && !window.isGenerating())
            app.quit();
    });
    // The sampler: interrupts the GUI thread while it has not ticked for 30 ms.
    std::atomic<qint64> lastTick{0};
    std::atomic<bool> sampling{true};
    QObject::connect(&watchdog, &QTimer::timeout, [&] { lastTick.store(started ? clock.elapsed() : -1); });
    void *warmUp[4];
    backtrace(warmUp, 4); // loads the unwinder outside the signal handler
    struct sigaction action = {};
    action.sa_handler = stall::onSample;
    action.sa_flags = SA_RESTART;
    sigaction(SIGPROF, &action, nullptr);
    const pthread_t guiThread = pthread_self();
    std::thread sampler([&] {
        while (sampling.load()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            const qint64 tick = lastTick.load();
            if (!started || tick < 0)
                continue;
            const qint64 now = clock.elapsed();
            if (now - tick > 30) {
                stall::sampleTime.store(now);
                pthread_kill(guiThread, SIGPROF);
            }
        }
    });
    qint64 cpuAtStart = -1;
    QObject::connect(&watchdog, &QTimer::timeout, [&] {
        if (started && cpuAtStart < 0)
            cpuAtStart = threadCpuMs();
    });
    watchdog.start();
    // The run starts with the open: the frontal's first frame and the jobs' start are part of it.
    clock.start();
    last = 0;
    cpuAtLastTick = threadCpuUs();
    started = true;
    window.openPaths({QStringLiteral(RADSYNTH_SOURCE_DIR "/resources/sample-study")});
    QTimer::singleShot(600000, &app, &QApplication::quit);
    app.exec();
    const qint64 guiCpu = threadCpuMs() - std::max<qint64>(cpuAtStart, 0);
    sampling.store(false);
    sampler.join();
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
    std::printf("bench-ui-stall: preset %s, F2L + F2R (20 steps each) on %d core(s), render on tick: %s, %d earlier job(s) listed\n", preset.c_str(),
                QThread::idealThreadCount(), render ? "yes" : "no", history);
    std::printf("  open + generation (both jobs) %3lld ms\n", static_cast<long long>(total));
    std::printf("  watchdog ticks (5 ms)    %8zu\n", gaps.size());
    std::printf("  GUI thread busy          %8lld ms   (processor time)\n", static_cast<long long>(guiCpu));
    std::printf("  longest event-loop gap   %8lld ms   (goal < 50 ms; the GUI test fails > 500 ms)\n", static_cast<long long>(longest));
    std::printf("  99th percentile gap      %8lld ms\n", static_cast<long long>(p99));
    std::printf("  frontal on screen at     %8lld ms; longest gap after that %lld ms\n", static_cast<long long>(frontalShown), static_cast<long long>(steady));
    std::printf("  longest gaps (ms, ended at ms):");
    for (size_t i = 0; i < std::min<size_t>(5, events.size()); ++i)
        std::printf(" %lld@%lld", static_cast<long long>(events[i].first), static_cast<long long>(events[i].second));
    std::printf("\n");
    // Work or waiting: the rest of a gap the GUI thread spent off the processor (preempted by
    // other threads, or blocked: the X server's replies, the allocator's lock, the renderer's threads).
    std::printf("  ... of which the GUI thread worked (ms):");
    for (size_t i = 0; i < std::min<size_t>(5, events.size()); ++i)
        std::printf(" %.1f", double(cpuInGap[events[i].second]) / 1000.0);
    std::printf("\n");
    // What the GUI thread was doing in each gap over 50 ms.
    const int samples = stall::count.load(std::memory_order_acquire);
    for (const auto &[gap, at] : events) {
        if (gap <= 50)
            break;
        std::map<std::string, int> own, inner;
        for (int slot = 0; slot < samples; ++slot)
            if (stall::times[slot] > at - gap && stall::times[slot] <= at) {
                ++own[stall::innermostOwn(slot)];
                ++inner[stall::innermost(slot)];
            }
        std::printf("  gap %lld ms ending at %lld ms:\n", static_cast<long long>(gap), static_cast<long long>(at));
        for (const auto *table : {&own, &inner}) {
            std::vector<std::pair<int, std::string>> sorted;
            for (const auto &[name, n] : *table)
                sorted.emplace_back(n, name);
            std::sort(sorted.rbegin(), sorted.rend());
            std::printf("    %s:", table == &own ? "in" : "innermost");
            for (size_t i = 0; i < std::min<size_t>(3, sorted.size()); ++i)
                std::printf(" %s (%d)%s", sorted[i].second.c_str(), sorted[i].first, i + 1 < std::min<size_t>(3, sorted.size()) ? ";" : "");
            std::printf("\n");
        }
    }
    return 0;
}
