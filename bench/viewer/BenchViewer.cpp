// bench-viewer: how fast the viewport follows interaction on a large chest radiograph.
// Prints the median time of (a) a window/level change (display pipeline + texture upload + render)
// and (b) a zoom/pan change (render only), each measured to a finished frame read back with
// grabFramebuffer(), plus the time to show a new image (presets need two histogram passes).
// Without a display it re-runs itself under xvfb-run.
#include "radsynth/imaging/Image.h"
#include "radsynth/ui/Viewport.h"
#include "radsynth/ui/VtkImageView.h"

#include <QApplication>
#include <QElapsedTimer>

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

    QElapsedTimer timer;
    timer.start();
    viewport.setImage(image, radsynth::ui::OverlayInfo());
    viewport.grabFramebuffer();
    const double showMs = timer.nsecsElapsed() / 1e6;

    std::vector<double> windowMs, zoomMs;
    for (int i = 0; i < 30; ++i) {
        timer.restart();
        viewport.state()->setWindow(2000.0 + i * 10.0, 3000.0 - i * 20.0);
        viewport.grabFramebuffer();
        windowMs.push_back(timer.nsecsElapsed() / 1e6);
    }
    for (int i = 0; i < 30; ++i) {
        timer.restart();
        viewport.state()->setZoom(0.4 + i * 0.02);
        viewport.state()->setPan(QPointF(i * 3.0, -i * 2.0));
        viewport.grabFramebuffer();
        zoomMs.push_back(timer.nsecsElapsed() / 1e6);
    }
    std::printf("image %dx%d, 12 bits stored; viewport 1200x900\n", width, height);
    std::printf("show a new image (presets + first frame): %.1f ms\n", showMs);
    std::printf("window/level change to frame: median %.1f ms (%.1f frames/s)\n", median(windowMs), 1000.0 / median(windowMs));
    std::printf("zoom/pan change to frame:     median %.1f ms (%.1f frames/s)\n", median(zoomMs), 1000.0 / median(zoomMs));
    return 0;
}
