#include "radsynth/imaging/Image.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace radsynth::imaging {

const char *toString(Calibration calibration)
{
    switch (calibration) {
    case Calibration::AtDetector: return "at detector";
    case Calibration::Calibrated: return "calibrated";
    case Calibration::Unknown: break;
    }
    return "unknown";
}

namespace {
// Number of distinct stored codes that need a LUT entry.
size_t lutSize(const Image &image)
{
    const int bits = std::clamp(image.bitsStored, 1, 16);
    return image.isSigned ? size_t(65536) : (size_t(1) << bits);
}

uint16_t maskFor(const Image &image)
{
    if (image.isSigned)
        return 0xFFFF;
    const int bits = std::clamp(image.bitsStored, 1, 16);
    return bits >= 16 ? uint16_t(0xFFFF) : uint16_t((1u << bits) - 1u);
}

std::vector<uint32_t> histogram(const Image &image)
{
    std::vector<uint32_t> counts(65536, 0);
    for (uint16_t v : image.stored)
        ++counts[v];
    return counts;
}
} // namespace

size_t VoiLut::indexFor(double modalityValue) const
{
    // Not lround() then a subtraction: lround of 1e300 is LONG_MIN on x86, and LONG_MIN minus
    // the first mapped value overflowed (UBSan, issue 24 finding 6).
    const double offset = std::round(modalityValue) - double(firstMapped);
    if (!(offset > 0.0)) // also NaN (an infinite slope times zero)
        return 0;
    const size_t last = table.size() - 1;
    return offset >= double(last) ? last : size_t(offset);
}

std::pair<double, double> Image::modalityRange() const
{
    if (stored.empty())
        return {0.0, 0.0};
    double lo = std::numeric_limits<double>::max();
    double hi = std::numeric_limits<double>::lowest();
    const auto counts = histogram(*this);
    for (size_t code = 0; code < counts.size(); ++code) {
        if (!counts[code])
            continue;
        const double v = modalityValue(uint16_t(code));
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    return {lo, hi};
}

WindowLevel autoWindow(const Image &image)
{
    const auto [lo, hi] = image.modalityRange();
    return WindowLevel{(lo + hi) / 2.0, std::max(1.0, hi - lo), "Full range"};
}

WindowLevel percentileWindow(const Image &image, double lowFraction, double highFraction)
{
    if (image.stored.empty())
        return WindowLevel{0.0, 1.0, "Auto"};
    const auto counts = histogram(image);
    // Order codes by modality value (slope may be negative, signed codes wrap).
    std::vector<std::pair<double, uint32_t>> values;
    for (size_t code = 0; code < counts.size(); ++code)
        if (counts[code])
            values.emplace_back(image.modalityValue(uint16_t(code)), counts[code]);
    std::sort(values.begin(), values.end());
    const double total = double(image.stored.size());
    double cumulative = 0.0, lo = values.front().first, hi = values.back().first;
    bool loSet = false;
    for (const auto &[value, count] : values) {
        cumulative += count;
        if (!loSet && cumulative >= lowFraction * total) {
            lo = value;
            loSet = true;
        }
        if (cumulative >= highFraction * total) {
            hi = value;
            break;
        }
    }
    return WindowLevel{(lo + hi) / 2.0, std::max(1.0, hi - lo), "Auto"};
}

std::vector<uint8_t> renderGray8(const Image &image, const DisplayOptions &options)
{
    std::vector<uint8_t> out(image.pixelCount(), 0);
    if (image.isColor() || image.stored.size() != image.pixelCount())
        return out;

    const bool invert = image.monochrome1 != options.invert;
    const size_t n = lutSize(image);
    std::vector<uint8_t> lut(n);

    const bool useVoiLut = !options.window && image.voiLut && !image.voiLut->table.empty();
    if (useVoiLut) {
        const VoiLut &voi = *image.voiLut;
        const double outMax = double((1u << std::clamp(voi.bits, 1, 16)) - 1u);
        for (size_t code = 0; code < n; ++code) {
            double y = std::clamp(double(voi.table[voi.indexFor(image.modalityValue(uint16_t(code)))]) / outMax, 0.0, 1.0);
            if (invert)
                y = 1.0 - y;
            lut[code] = uint8_t(std::lround(y * 255.0));
        }
    } else {
        WindowLevel w = options.window ? *options.window
                        : !image.windows.empty() ? image.windows.front()
                                                 : percentileWindow(image);
        // DICOM PS3.3 C.11.2.1.2 linear VOI function.
        const double c = w.center - 0.5, width = std::max(1.0, w.width) - 1.0;
        for (size_t code = 0; code < n; ++code) {
            const double x = image.modalityValue(uint16_t(code));
            double y;
            if (width <= 0.0)
                y = x <= c ? 0.0 : 1.0;
            else
                y = std::clamp((x - c) / width + 0.5, 0.0, 1.0);
            if (invert)
                y = 1.0 - y;
            lut[code] = uint8_t(std::lround(y * 255.0));
        }
    }
    const uint16_t mask = maskFor(image);
    const uint16_t *src = image.stored.data();
    uint8_t *dst = out.data();
    const size_t count = image.pixelCount();
    for (size_t i = 0; i < count; ++i)
        dst[i] = lut[size_t(src[i] & mask) < n ? size_t(src[i] & mask) : n - 1];
    return out;
}

std::vector<uint8_t> renderRgb8(const Image &image, const DisplayOptions &options)
{
    if (image.isColor()) {
        if (!options.invert)
            return image.rgb;
        std::vector<uint8_t> out(image.rgb.size());
        std::transform(image.rgb.begin(), image.rgb.end(), out.begin(), [](uint8_t v) { return uint8_t(255 - v); });
        return out;
    }
    const auto gray = renderGray8(image, options);
    std::vector<uint8_t> out(gray.size() * 3);
    for (size_t i = 0; i < gray.size(); ++i)
        out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = gray[i];
    return out;
}

Image fromUnitFloat(const float *values, int width, int height, PixelSpacing spacing)
{
    Image image;
    image.width = width;
    image.height = height;
    image.bitsStored = 12;
    image.spacing = spacing;
    image.stored.resize(size_t(width) * size_t(height));
    for (size_t i = 0; i < image.stored.size(); ++i) {
        const float v = std::isfinite(values[i]) ? std::clamp(values[i], 0.0f, 1.0f) : 0.0f;
        image.stored[i] = uint16_t(std::lround(v * 4095.0f));
    }
    image.windows.push_back(WindowLevel{2048.0, 4096.0, "Full range"});
    return image;
}

} // namespace radsynth::imaging
