#pragma once
// Images made in memory for the viewer tests (no files needed).
#include "radsynth/imaging/Image.h"

#include <QImage>
#include <QRect>

#include <cmath>
#include <memory>
#include <vector>

namespace radsynth::test {

// A chest-like test pattern: a horizontal ramp with a bright disc, 0.2 mm pixels at the detector.
inline std::shared_ptr<const imaging::Image> patternImage(int width = 400, int height = 300)
{
    std::vector<float> values(size_t(width) * size_t(height));
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const double dx = x - width * 0.7, dy = y - height * 0.5;
            const bool disc = dx * dx + dy * dy < (height * 0.2) * (height * 0.2);
            values[size_t(y) * size_t(width) + size_t(x)] = disc ? 0.95f : float(x) / float(width - 1) * 0.8f;
        }
    imaging::PixelSpacing spacing;
    spacing.rowMm = spacing.columnMm = 0.2;
    spacing.calibration = imaging::Calibration::AtDetector;
    imaging::Image image = imaging::fromUnitFloat(values.data(), width, height, spacing);
    image.windows.assign(1, imaging::WindowLevel{2048.0, 4096.0, "File window"});
    return std::make_shared<const imaging::Image>(std::move(image));
}

// Mean gray level of a region of a grabbed frame.
inline double meanGray(const QImage &frame, const QRect &region)
{
    const QImage gray = frame.convertToFormat(QImage::Format_Grayscale8);
    double sum = 0.0;
    int count = 0;
    const QRect r = region.intersected(gray.rect());
    for (int y = r.top(); y <= r.bottom(); ++y) {
        const uchar *line = gray.constScanLine(y);
        for (int x = r.left(); x <= r.right(); ++x) {
            sum += line[x];
            ++count;
        }
    }
    return count ? sum / count : 0.0;
}

inline double meanAbsoluteDifference(const QImage &a, const QImage &b)
{
    if (a.size() != b.size())
        return 255.0;
    const QImage ga = a.convertToFormat(QImage::Format_Grayscale8), gb = b.convertToFormat(QImage::Format_Grayscale8);
    double sum = 0.0;
    for (int y = 0; y < ga.height(); ++y) {
        const uchar *la = ga.constScanLine(y), *lb = gb.constScanLine(y);
        for (int x = 0; x < ga.width(); ++x)
            sum += std::abs(int(la[x]) - int(lb[x]));
    }
    return sum / double(ga.width() * ga.height());
}

} // namespace radsynth::test
