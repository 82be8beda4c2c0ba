#include "radsynth/imaging/SyntheticMark.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace radsynth::imaging {

namespace {

// One line of text at (x, top), `height` pixels high or less so it fits in `maxWidth`, on a black box.
// Returns the box's bottom edge.
int burnLine(cv::Mat &pixels, const std::string &text, int x, int top, int height, int maxWidth, const cv::Scalar &value,
             const cv::Scalar &black)
{
    const int font = cv::FONT_HERSHEY_SIMPLEX;
    int baseline = 0;
    const cv::Size unit = cv::getTextSize(text, font, 1.0, 1, &baseline);
    const int pad = std::max(2, height / 4);
    double scale = double(height) / double(std::max(1, unit.height));
    scale = std::min(scale, double(std::max(1, maxWidth - 2 * pad)) / double(std::max(1, unit.width)));
    const int thickness = std::max(1, int(std::lround(scale * 1.6)));
    const cv::Size size = cv::getTextSize(text, font, scale, thickness, &baseline);
    const cv::Rect box = cv::Rect(x - pad, top - pad, size.width + 2 * pad, size.height + baseline + 2 * pad) & cv::Rect(0, 0, pixels.cols, pixels.rows);
    cv::rectangle(pixels, box, black, cv::FILLED);
    cv::putText(pixels, text, cv::Point(x, top + size.height), font, scale, value, thickness, cv::LINE_AA);
    return box.y + box.height;
}

} // namespace

void burnSyntheticMark(void *data, int width, int height, size_t bytesPerLine, MarkPixels layout, const std::vector<std::string> &lines,
                       uint16_t grayValue)
{
    if (!data || width <= 0 || height <= 0)
        return;
    const int type = layout == MarkPixels::Gray16 ? CV_16UC1 : layout == MarkPixels::Gray8 ? CV_8UC1 : CV_8UC4;
    cv::Mat pixels(height, width, type, data, bytesPerLine);
    const cv::Scalar value = layout == MarkPixels::Bgrx8 ? cv::Scalar(kSyntheticOrange.blue, kSyntheticOrange.green, kSyntheticOrange.red, 255)
                                                         : cv::Scalar::all(grayValue);
    // Opaque black (RGB32 keeps 0xff in its unused byte).
    const cv::Scalar black = layout == MarkPixels::Bgrx8 ? cv::Scalar(0, 0, 0, 255) : cv::Scalar::all(0);
    // The frame: not antialiased, so it covers the same pixels whatever lies under it.
    const int frame = std::max(2, std::min(width, height) / 96);
    cv::rectangle(pixels, cv::Rect(0, 0, width, height), value, 2 * frame, cv::LINE_8);
    const int margin = frame + std::max(4, width / 60);
    const int big = std::max(10, width / 28);
    const int small = std::max(8, big * 3 / 5);
    int top = margin;
    for (size_t i = 0; i < lines.size(); ++i) {
        const int bottom = burnLine(pixels, lines[i], margin, top, i == 0 ? big : small, width - 2 * margin, value, black);
        top = bottom + std::max(2, big / 4) + std::max(2, small / 4);
    }
}

} // namespace radsynth::imaging
