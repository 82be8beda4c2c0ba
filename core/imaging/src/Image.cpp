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

namespace {
WindowLevel percentileFromCounts(const Image &image, const std::vector<uint32_t> &counts, double lowFraction, double highFraction)
{
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

WindowLevel fullRangeFromCounts(const Image &image, const std::vector<uint32_t> &counts)
{
    double lo = std::numeric_limits<double>::max();
    double hi = std::numeric_limits<double>::lowest();
    for (size_t code = 0; code < counts.size(); ++code) {
        if (!counts[code])
            continue;
        const double v = image.modalityValue(uint16_t(code));
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    return WindowLevel{(lo + hi) / 2.0, std::max(1.0, hi - lo), "Full range"};
}
} // namespace

WindowLevel autoWindow(const Image &image)
{
    const auto [lo, hi] = image.modalityRange();
    return WindowLevel{(lo + hi) / 2.0, std::max(1.0, hi - lo), "Full range"};
}

WindowLevel percentileWindow(const Image &image, double lowFraction, double highFraction)
{
    if (image.stored.empty())
        return WindowLevel{0.0, 1.0, "Auto"};
    return percentileFromCounts(image, histogram(image), lowFraction, highFraction);
}

WindowStatistics windowStatistics(const Image &image, double lowFraction, double highFraction)
{
    if (image.stored.empty())
        return {WindowLevel{0.0, 1.0, "Auto"}, WindowLevel{0.0, 1.0, "Full range"}};
    const auto counts = histogram(image);
    return {percentileFromCounts(image, counts, lowFraction, highFraction), fullRangeFromCounts(image, counts)};
}

DisplayLut makeDisplayLut(const Image &image, const DisplayOptions &options)
{
    DisplayLut result;
    result.mask = maskFor(image);
    const bool invert = image.monochrome1 != options.invert;
    const size_t n = lutSize(image);
    std::vector<uint8_t> &lut = result.table;
    lut.resize(n);

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
    return result;
}

void renderGray8Into(const Image &image, const DisplayLut &lut, uint8_t *destination, bool bottomUp, int channels)
{
    if (image.isColor() || image.stored.size() != image.pixelCount() || lut.table.empty() || (channels != 1 && channels != 4))
        return;
    const size_t width = size_t(image.width), n = lut.table.size();
    const uint8_t *table = lut.table.data();
    const uint16_t mask = lut.mask;
    for (int y = 0; y < image.height; ++y) {
        const uint16_t *src = image.stored.data() + size_t(y) * width;
        uint8_t *dst = destination + size_t(bottomUp ? image.height - 1 - y : y) * width * size_t(channels);
        if (channels == 1) {
            for (size_t x = 0; x < width; ++x) {
                const size_t code = size_t(src[x] & mask);
                dst[x] = table[code < n ? code : n - 1];
            }
        } else {
            for (size_t x = 0; x < width; ++x, dst += 4) {
                const size_t code = size_t(src[x] & mask);
                const uint8_t gray = table[code < n ? code : n - 1];
                dst[0] = gray;
                dst[1] = gray;
                dst[2] = gray;
                dst[3] = 255;
            }
        }
    }
}

std::vector<uint8_t> renderGray8(const Image &image, const DisplayOptions &options)
{
    std::vector<uint8_t> out(image.pixelCount(), 0);
    if (image.isColor() || image.stored.size() != image.pixelCount())
        return out;
    renderGray8Into(image, makeDisplayLut(image, options), out.data());
    return out;
}

Image reducedForDisplay(const Image &image, int factor)
{
    factor = std::max(1, factor);
    Image out;
    out.samplesPerPixel = image.samplesPerPixel;
    out.bitsStored = image.bitsStored;
    out.isSigned = image.isSigned;
    out.monochrome1 = image.monochrome1;
    out.rescaleSlope = image.rescaleSlope;
    out.rescaleIntercept = image.rescaleIntercept;
    out.windows = image.windows;
    out.voiLut = image.voiLut;
    out.spacing = image.spacing;
    out.spacing.rowMm *= factor;
    out.spacing.columnMm *= factor;
    if (image.empty())
        return out;
    out.width = (image.width + factor - 1) / factor;
    out.height = (image.height + factor - 1) / factor;
    const size_t inWidth = size_t(image.width);
    const size_t outCount = size_t(out.width) * size_t(out.height);
    if (image.isColor()) {
        if (image.rgb.size() != image.pixelCount() * 3)
            return Image{};
        out.rgb.assign(outCount * 3, 0);
    } else {
        if (image.stored.size() != image.pixelCount())
            return Image{};
        out.stored.assign(outCount, 0);
    }
    // Signed stored codes average as signed numbers; everything else as unsigned, masked to the
    // stored bits as the display pipeline reads them. Sums run per output row, block by block.
    const uint16_t mask = maskFor(image);
    const int channels = image.isColor() ? 3 : 1;
    std::vector<int64_t> sums(size_t(out.width) * size_t(channels));
    const auto mean = [](int64_t sum, int64_t count) { // rounded half away from zero
        return sum >= 0 ? (sum + count / 2) / count : -((-sum + count / 2) / count);
    };
    if (!image.isColor() && !image.isSigned) {
        // The common case (unsigned gray), kept simple enough for the compiler to vectorise:
        // 32-bit sums (64 x 64 x 65,535 fits), whole blocks first, the partial block last.
        std::vector<uint32_t> rowSums(size_t(out.width));
        const size_t wholeBlocks = inWidth / size_t(factor);
        for (int by = 0; by < out.height; ++by) {
            std::fill(rowSums.begin(), rowSums.end(), 0u);
            const int y0 = by * factor, y1 = std::min(image.height, y0 + factor);
            for (int y = y0; y < y1; ++y) {
                const uint16_t *row = image.stored.data() + size_t(y) * inWidth;
                if (factor == 2) {
                    for (size_t bx = 0; bx < wholeBlocks; ++bx)
                        rowSums[bx] += uint32_t(row[2 * bx] & mask) + uint32_t(row[2 * bx + 1] & mask);
                } else {
                    for (size_t bx = 0; bx < wholeBlocks; ++bx) {
                        uint32_t sum = 0;
                        for (int k = 0; k < factor; ++k)
                            sum += row[bx * size_t(factor) + size_t(k)] & mask;
                        rowSums[bx] += sum;
                    }
                }
                for (size_t x = wholeBlocks * size_t(factor); x < inWidth; ++x)
                    rowSums[wholeBlocks] += row[x] & mask;
            }
            const uint32_t rows = uint32_t(y1 - y0);
            uint16_t *target = out.stored.data() + size_t(by) * size_t(out.width);
            for (int bx = 0; bx < out.width; ++bx) {
                const uint32_t columns = uint32_t(std::min(inWidth, size_t(bx + 1) * size_t(factor)) - size_t(bx) * size_t(factor));
                const uint32_t count = rows * columns;
                target[bx] = uint16_t((rowSums[size_t(bx)] + count / 2) / count);
            }
        }
        return out;
    }
    for (int by = 0; by < out.height; ++by) {
        std::fill(sums.begin(), sums.end(), 0);
        const int y0 = by * factor, y1 = std::min(image.height, y0 + factor);
        for (int y = y0; y < y1; ++y) {
            for (int bx = 0; bx < out.width; ++bx) {
                const size_t x0 = size_t(bx) * size_t(factor), x1 = std::min(inWidth, x0 + size_t(factor));
                if (image.isColor()) {
                    const uint8_t *row = image.rgb.data() + size_t(y) * inWidth * 3;
                    int64_t r = 0, g = 0, b = 0;
                    for (size_t x = x0; x < x1; ++x) {
                        r += row[x * 3];
                        g += row[x * 3 + 1];
                        b += row[x * 3 + 2];
                    }
                    sums[size_t(bx) * 3] += r;
                    sums[size_t(bx) * 3 + 1] += g;
                    sums[size_t(bx) * 3 + 2] += b;
                } else {
                    const uint16_t *row = image.stored.data() + size_t(y) * inWidth;
                    int64_t sum = 0;
                    if (image.isSigned)
                        for (size_t x = x0; x < x1; ++x)
                            sum += int16_t(row[x]);
                    else
                        for (size_t x = x0; x < x1; ++x)
                            sum += row[x] & mask;
                    sums[size_t(bx)] += sum;
                }
            }
        }
        const int rows = y1 - y0;
        for (int bx = 0; bx < out.width; ++bx) {
            const int64_t count = int64_t(rows) * int64_t(std::min(inWidth, size_t(bx + 1) * size_t(factor)) - size_t(bx) * size_t(factor));
            const size_t o = size_t(by) * size_t(out.width) + size_t(bx);
            if (image.isColor()) {
                for (int c = 0; c < 3; ++c)
                    out.rgb[o * 3 + size_t(c)] = uint8_t(mean(sums[size_t(bx) * 3 + size_t(c)], count));
            } else {
                out.stored[o] = uint16_t(mean(sums[size_t(bx)], count));
            }
        }
    }
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
