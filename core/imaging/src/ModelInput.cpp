// The one preparation of a radiograph for the model (see ModelInput.h). Moved here from the
// datasets library's Preprocess.cpp, which training used alone; the normalisation now divides in
// double precision, so an image and the same image scaled (8-bit x 257 = 16-bit) give the same
// input to the last bit.
#include "radsynth/imaging/ModelInput.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <cmath>

namespace radsynth::imaging {
namespace {

// The value at `fraction` of the sorted values (sub-sampled to at most about a million pixels).
std::pair<float, float> percentiles(const float *data, size_t total, double low, double high)
{
    const size_t stride = std::max<size_t>(1, total / 1000000);
    std::vector<float> values;
    values.reserve(total / stride + 1);
    for (size_t i = 0; i < total; i += stride)
        values.push_back(data[i]);
    auto at = [&](double fraction) {
        const size_t index = std::min(values.size() - 1, size_t(fraction * double(values.size() - 1) + 0.5));
        std::nth_element(values.begin(), values.begin() + long(index), values.end());
        return values[index];
    };
    const float lo = at(low), hi = at(high);
    return {lo, hi};
}

// Median of the outermost rows and columns: the value the padding takes.
float borderValue(const cv::Mat &image)
{
    std::vector<float> values;
    const int w = image.cols, h = image.rows;
    for (int x = 0; x < w; ++x) {
        values.push_back(image.at<float>(0, x));
        values.push_back(image.at<float>(h - 1, x));
    }
    for (int y = 0; y < h; ++y) {
        values.push_back(image.at<float>(y, 0));
        values.push_back(image.at<float>(y, w - 1));
    }
    std::nth_element(values.begin(), values.begin() + long(values.size() / 2), values.end());
    return values[values.size() / 2];
}

cv::Mat padToSquare(const cv::Mat &image)
{
    const int side = std::max(image.cols, image.rows);
    const int left = (side - image.cols) / 2, top = (side - image.rows) / 2;
    if (side == image.cols && side == image.rows)
        return image;
    cv::Mat out;
    cv::copyMakeBorder(image, out, top, side - image.rows - top, left, side - image.cols - left, cv::BORDER_CONSTANT,
                       cv::Scalar(borderValue(image)));
    return out;
}

} // namespace

std::vector<float> displayValues(const Image &image)
{
    std::vector<float> out(image.pixelCount());
    if (image.isColor()) {
        cv::Mat rgb(image.height, image.width, CV_8UC3, const_cast<uint8_t *>(image.rgb.data()));
        cv::Mat gray;
        cv::cvtColor(rgb, gray, cv::COLOR_RGB2GRAY);
        cv::Mat values(image.height, image.width, CV_32F, out.data());
        gray.convertTo(values, CV_32F, 1.0 / 255.0);
        return out;
    }
    const bool hasWindow = !image.windows.empty() && image.windows.front().width > 0.0;
    for (size_t i = 0; i < image.pixelCount(); ++i) {
        const double modality = image.modalityValue(image.stored[i]);
        double v = modality;
        if (image.voiLut && !image.voiLut->table.empty()) {
            const auto &table = image.voiLut->table;
            v = double(table[image.voiLut->indexFor(modality)]) / double((1u << std::clamp(image.voiLut->bits, 1, 16)) - 1u);
        } else if (hasWindow) {
            const auto &window = image.windows.front();
            v = std::clamp((modality - (window.center - 0.5 - (window.width - 1.0) / 2.0)) / std::max(1.0, window.width - 1.0), 0.0, 1.0);
        }
        out[i] = float(image.monochrome1 ? -v : v);
    }
    return out;
}

void normaliseToUnit(float *values, size_t count)
{
    if (count == 0)
        return;
    auto [lo, hi] = percentiles(values, count, 0.005, 0.995);
    if (!(hi > lo)) { // flat (or nearly flat) image: fall back on the full range
        const auto [minimum, maximum] = std::minmax_element(values, values + count);
        lo = *minimum;
        hi = *maximum;
    }
    if (!(hi > lo)) {
        std::fill(values, values + count, 0.0f);
        return;
    }
    // One correctly rounded division of exact differences: the result depends only on the ratio,
    // so a linear rescale of integer values (8-bit x 257 = 16-bit) changes nothing.
    const double low = lo, range = double(hi) - double(lo);
    for (size_t i = 0; i < count; ++i)
        values[i] = float(std::clamp((double(values[i]) - low) / range, 0.0, 1.0));
}

Result<ModelInput> prepareModelInput(const Image &image, int resolution)
{
    if (resolution < 8 || resolution > 2048)
        return makeError("resolution must be between 8 and 2048 pixels");
    if (image.empty() || (image.isColor() ? image.rgb.size() != image.pixelCount() * 3 : image.stored.size() != image.pixelCount()))
        return makeError("the image is empty or its pixel data do not match its size");
    std::vector<float> values = displayValues(image);
    normaliseToUnit(values.data(), values.size());
    const cv::Mat padded = padToSquare(cv::Mat(image.height, image.width, CV_32F, values.data()));
    cv::Mat resized;
    cv::resize(padded, resized, cv::Size(resolution, resolution), 0, 0, cv::INTER_AREA);
    ModelInput out;
    out.side = resolution;
    out.sourceWidth = image.width;
    out.sourceHeight = image.height;
    out.pixels.resize(size_t(resolution) * size_t(resolution));
    for (int y = 0; y < resolution; ++y) {
        const float *row = resized.ptr<float>(y);
        for (int x = 0; x < resolution; ++x)
            out.pixels[size_t(y) * size_t(resolution) + size_t(x)] = uint16_t(std::lround(std::clamp(row[x], 0.0f, 1.0f) * 65535.0f));
    }
    return out;
}

std::string checkImageSize(long long width, long long height)
{
    if (width <= 0 || height <= 0)
        return "the image has no size (" + std::to_string(width) + " x " + std::to_string(height) + ")";
    if (width > kMaxImageSide || height > kMaxImageSide || width * height > kMaxImagePixels)
        return "the image is too large to open (" + std::to_string(width) + " x " + std::to_string(height) + " pixels; at most " +
               std::to_string(kMaxImageSide) + " a side and " + std::to_string(kMaxImagePixels / (1024 * 1024)) +
               " Mi pixels): not a radiograph, or a decompression bomb";
    return {};
}

Result<FileImageSize> readImageFileSize(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return makeError("cannot open the image file", path);
    auto byte = [&in]() -> int {
        const int c = in.get();
        return c == std::char_traits<char>::eof() ? -1 : c;
    };
    unsigned char head[24] = {};
    in.read(reinterpret_cast<char *>(head), sizeof head);
    const std::streamsize got = in.gcount();
    static const unsigned char pngSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (got >= 24 && std::equal(pngSignature, pngSignature + 8, head)) {
        if (std::memcmp(head + 12, "IHDR", 4) != 0)
            return makeError("damaged PNG file (no IHDR header)", path);
        auto be32 = [&head](int at) { return (long long)head[at] << 24 | (long long)head[at + 1] << 16 | (long long)head[at + 2] << 8 | head[at + 3]; };
        return FileImageSize{be32(16), be32(20)};
    }
    if (got >= 2 && head[0] == 0xFF && head[1] == 0xD8) { // JPEG: walk the markers to the frame header (SOFn)
        in.clear();
        in.seekg(2);
        for (int markers = 0; markers < 10000; ++markers) {
            int c = byte();
            while (c == 0xFF)
                c = byte();
            if (c < 0)
                break;
            const int marker = c;
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
                continue; // no length
            const int hi = byte(), lo = byte();
            if (hi < 0 || lo < 0)
                break;
            const int length = hi << 8 | lo;
            if (length < 2)
                break;
            const bool frameHeader = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (frameHeader) {
                byte(); // precision
                const int h1 = byte(), h2 = byte(), w1 = byte(), w2 = byte();
                if (w2 < 0)
                    break;
                return FileImageSize{w1 << 8 | w2, h1 << 8 | h2};
            }
            in.seekg(length - 2, std::ios::cur);
            if (!in)
                break;
        }
        return makeError("damaged JPEG file (no frame header)", path);
    }
    return makeError("not a PNG or JPEG file (images are opened from DICOM, PNG or JPEG)", path);
}

Result<Image> readImageFile(const std::string &path)
{
    // The size first, from the header: nothing is decoded for an image above the limits.
    const auto declared = readImageFileSize(path);
    if (!declared)
        return declared.error();
    if (const std::string problem = checkImageSize(declared->width, declared->height); !problem.empty())
        return makeError(problem, path);
    cv::Mat file;
    try {
        file = cv::imread(path, cv::IMREAD_ANYDEPTH); // gray, 8 or 16 bits as stored
    } catch (const cv::Exception &error) {
        return makeError(std::string("cannot decode the image (") + error.what() + ")", path);
    }
    if (file.empty())
        return makeError("cannot decode the image (corrupt or not PNG/JPEG/DICOM)", path);
    if (file.depth() != CV_8U && file.depth() != CV_16U)
        file.convertTo(file, CV_16U);
    Image image;
    image.width = file.cols;
    image.height = file.rows;
    image.bitsStored = file.depth() == CV_8U ? 8 : 16;
    image.stored.resize(image.pixelCount());
    for (int y = 0; y < file.rows; ++y)
        for (int x = 0; x < file.cols; ++x)
            image.stored[size_t(y) * size_t(file.cols) + size_t(x)] = file.depth() == CV_8U ? file.at<uint8_t>(y, x) : file.at<uint16_t>(y, x);
    return image;
}

} // namespace radsynth::imaging
