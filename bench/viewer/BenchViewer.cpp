// bench-viewer: how fast the viewport follows interaction on a large chest radiograph.
// Each step is timed to a finished frame read back with grabFramebuffer(); medians of 30 steps.
// Drag and zoom/pan are also timed to the screen (events processed until the frame is painted and
// flushed to the window).
//  - a new image: to its first frame, and to the full-resolution rendering on screen;
//  - a window/level drag with the mouse (real mouse events, events processed between steps), and
//    the time from the release to the full-resolution rendering on screen;
//  - a window change without a drag (a preset key) to its first frame and to full resolution;
//  - a zoom/pan change, and a redraw with nothing changed.
// The same source builds against older viewports (no display-resolution level): their frames are
// always full resolution. Without a display it re-runs itself under xvfb-run.
#include "radsynth/generation/CpuRuntime.h"
#include "radsynth/imaging/Image.h"
#include "radsynth/ui/Viewport.h"
#include "radsynth/ui/VtkImageView.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QMouseEvent>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>
#include <vector>

namespace {
double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// True when the full-resolution rendering is on screen (always, for viewports without levels).
bool showsFullResolution(radsynth::ui::Viewport &viewport)
{
    bool shown = true;
    QMetaObject::invokeMethod(&viewport, "showsFullResolution", Qt::DirectConnection, Q_RETURN_ARG(bool, shown));
    return shown;
}

// Processes events until the full-resolution rendering is on screen, then draws it; returns the
// time since `timer` started.
std::vector<double> readyMs, uploadFrameMs; // of every wait below: until ready, then its first frame

double untilFullResolution(radsynth::ui::Viewport &viewport, const QElapsedTimer &timer)
{
    while (!showsFullResolution(viewport) && timer.elapsed() < 10000) {
        QApplication::processEvents(QEventLoop::AllEvents, 1);
        QThread::usleep(100);
    }
    const double ready = timer.nsecsElapsed() / 1e6;
    viewport.grabFramebuffer();
    const double done = timer.nsecsElapsed() / 1e6;
    readyMs.push_back(ready);
    uploadFrameMs.push_back(done - ready);
    return done;
}

// Processes events until the viewport has drawn a new frame (on screen: painted and flushed).
void untilNextFrame(radsynth::ui::Viewport &viewport)
{
    const int before = viewport.renderCount();
    QElapsedTimer timeout;
    timeout.start();
    while (viewport.renderCount() == before && timeout.elapsed() < 5000)
        QApplication::processEvents(QEventLoop::AllEvents, 1);
}

void sendMouse(QWidget *widget, QEvent::Type type, QPointF position, Qt::MouseButtons buttons)
{
    QMouseEvent event(type, position, widget->mapToGlobal(position), type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton,
                      buttons, Qt::NoModifier);
    QApplication::sendEvent(widget, &event);
}
} // namespace

int main(int argc, char **argv)
{
    if (!std::getenv("DISPLAY") && !std::getenv("RADSYNTH_BENCH_WRAPPED")) {
        setenv("RADSYNTH_BENCH_WRAPPED", "1", 1);
        std::vector<char *> args = {const_cast<char *>("xvfb-run"), const_cast<char *>("-a"), const_cast<char *>("-s"),
                                    const_cast<char *>("-screen 0 1600x1000x24"), argv[0], nullptr};
        execvp("xvfb-run", args.data());
        std::fprintf(stderr, "bench-viewer: no display and no xvfb-run\n");
        return 1;
    }
    // The allocator as the workstation sets it (app/gui/main.cpp): large blocks stay in the heap,
    // so a new rendering does not fault its pages in again.
    radsynth::generation::tuneAllocatorForTensors();
    radsynth::ui::VtkImageView::setDefaultSurfaceFormat();
    QApplication app(argc, argv);

    const int width = 2800, height = 2300;
    std::vector<float> values(size_t(width) * size_t(height));
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            values[size_t(y) * width + x] = float(0.5 + 0.3 * std::sin(x * 0.01) * std::cos(y * 0.013) + 0.15 * double(y) / height);
    radsynth::imaging::PixelSpacing spacing{0.139, 0.139, radsynth::imaging::Calibration::AtDetector};
    auto image = std::make_shared<const radsynth::imaging::Image>(radsynth::imaging::fromUnitFloat(values.data(), width, height, spacing));

    radsynth::ui::Viewport viewport;
    viewport.resize(1200, 900);
    viewport.show();
    QApplication::processEvents();
    viewport.grabFramebuffer();

    // A new image: first frame, then full resolution. Repeated (alternating two images) for a median.
    auto second = std::make_shared<const radsynth::imaging::Image>(*image);
    std::vector<double> showMs, showFullMs;
    QElapsedTimer timer;
    for (int i = 0; i < 7; ++i) {
        timer.restart();
        viewport.setImage(i % 2 ? second : image, radsynth::ui::OverlayInfo());
        viewport.grabFramebuffer();
        showMs.push_back(timer.nsecsElapsed() / 1e6);
        showFullMs.push_back(untilFullResolution(viewport, timer));
    }

    // A window/level drag with the mouse.
    const QPointF centre(600, 450);
    std::vector<double> dragMs;
    sendMouse(&viewport, QEvent::MouseButtonPress, centre, Qt::LeftButton);
    for (int i = 1; i <= 30; ++i) {
        timer.restart();
        sendMouse(&viewport, QEvent::MouseMove, centre + QPointF(3.0 * i, 2.0 * i), Qt::LeftButton);
        viewport.grabFramebuffer();
        dragMs.push_back(timer.nsecsElapsed() / 1e6);
        QApplication::processEvents();
    }
    // The same moves timed to the screen: events are processed until the viewport has drawn a frame,
    // which the window's repaint paints and flushes in the same pass (with a QOpenGLWidget that pass
    // includes the window's OpenGL composition).
    std::vector<double> dragScreenMs;
    for (int i = 31; i <= 60; ++i) {
        timer.restart();
        sendMouse(&viewport, QEvent::MouseMove, centre + QPointF(3.0 * (i - 30), 2.0 * (i - 30)), Qt::LeftButton);
        untilNextFrame(viewport);
        dragScreenMs.push_back(timer.nsecsElapsed() / 1e6);
        QApplication::processEvents();
    }
    std::vector<double> levelRedrawMs; // still dragging: the display-resolution level is on screen
    for (int i = 0; i < 30; ++i) {
        timer.restart();
        viewport.update();
        viewport.grabFramebuffer();
        levelRedrawMs.push_back(timer.nsecsElapsed() / 1e6);
    }
    timer.restart();
    sendMouse(&viewport, QEvent::MouseButtonRelease, centre + QPointF(90, 60), Qt::NoButton);
    const double releaseToFullMs = untilFullResolution(viewport, timer);

    // Window changes without a drag (preset keys): first frame and full resolution.
    std::vector<double> windowMs, windowFullMs;
    for (int i = 0; i < 15; ++i) {
        timer.restart();
        viewport.state()->setWindow(2000.0 + i * 10.0, 3000.0 - i * 20.0);
        viewport.grabFramebuffer();
        windowMs.push_back(timer.nsecsElapsed() / 1e6);
        windowFullMs.push_back(untilFullResolution(viewport, timer));
    }

    std::vector<double> zoomMs;
    for (int i = 0; i < 30; ++i) {
        timer.restart();
        viewport.state()->setZoom(0.4 + i * 0.02);
        viewport.state()->setPan(QPointF(i * 3.0, -i * 2.0));
        viewport.grabFramebuffer();
        zoomMs.push_back(timer.nsecsElapsed() / 1e6);
        QApplication::processEvents();
    }
    std::vector<double> zoomScreenMs;
    for (int i = 0; i < 30; ++i) {
        timer.restart();
        viewport.state()->setZoom(1.0 - i * 0.02);
        viewport.state()->setPan(QPointF(-i * 3.0, i * 2.0));
        untilNextFrame(viewport);
        zoomScreenMs.push_back(timer.nsecsElapsed() / 1e6);
        QApplication::processEvents();
    }
    std::vector<double> redrawMs;
    for (int i = 0; i < 30; ++i) {
        timer.restart();
        viewport.update();
        viewport.grabFramebuffer();
        redrawMs.push_back(timer.nsecsElapsed() / 1e6);
    }
    std::printf("image %dx%d, 12 bits stored; viewport 1200x900 (medians)\n", width, height);
    std::printf("new image, first frame:                 %6.1f ms\n", median(showMs));
    std::printf("new image, full resolution on screen:   %6.1f ms\n", median(showFullMs));
    std::printf("window/level drag, mouse move to frame: %6.1f ms (%.1f frames/s)\n", median(dragMs), 1000.0 / median(dragMs));
    std::printf("  the same, mouse move to screen:       %6.1f ms (%.1f frames/s)\n", median(dragScreenMs), 1000.0 / median(dragScreenMs));
    std::printf("drag released to full resolution:       %6.1f ms\n", releaseToFullMs);
    std::printf("window preset, first frame:             %6.1f ms\n", median(windowMs));
    std::printf("window preset, full resolution:         %6.1f ms\n", median(windowFullMs));
    std::printf("  of which the frame that uploads it:   %6.1f ms\n", median(uploadFrameMs));
    std::printf("zoom/pan change to frame:               %6.1f ms (%.1f frames/s)\n", median(zoomMs), 1000.0 / median(zoomMs));
    std::printf("  the same, to screen:                  %6.1f ms (%.1f frames/s)\n", median(zoomScreenMs), 1000.0 / median(zoomScreenMs));
    std::printf("redraw, nothing changed:                %6.1f ms\n", median(redrawMs));
    std::printf("redraw, nothing changed, during a drag: %6.1f ms\n", median(levelRedrawMs));
    return 0;
}
