// The paper's image preprocessing: read PNG (8/16-bit), JPEG or DICOM; DICOM through its Modality
// LUT, VOI window and MONOCHROME1 polarity; robust percentile normalisation to 0..1; padding to a
// square with the border value; area resize to R x R; 16-bit output. Also the view heuristic.
#include "DatasetsInternal.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#ifdef RADSYNTH_DATASETS_HAVE_DICOM
#include "radsynth/dicom/Loader.h"
#else
#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmimgle/dcmimage.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>
#include <mutex>
#endif

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cmath>

namespace radsynth::datasets {
namespace {

bool looksLikeDicom(const std::string &path)
{
    const QString lower = QString::fromStdString(path).toLower();
    if (lower.endsWith(QLatin1String(".dcm")) || lower.endsWith(QLatin1String(".dicom")))
        return true;
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray head = file.read(132);
    return head.size() == 132 && head.mid(128, 4) == "DICM";
}

#ifdef RADSYNTH_DATASETS_HAVE_DICOM
// Modality LUT, then the file's VOI LUT or first window (raw modality values when it has none:
// the percentile normalisation then plays the window's part), then MONOCHROME1 inversion.
Result<cv::Mat> readDicom(const std::string &path)
{
    auto decoded = dicom::decodeFrame(path, 0);
    if (!decoded)
        return decoded.error();
    const imaging::Image &image = *decoded;
    if (image.empty())
        return makeError("the DICOM file has no image", path);
    cv::Mat out(image.height, image.width, CV_32F);
    if (image.isColor()) {
        cv::Mat rgb(image.height, image.width, CV_8UC3, const_cast<uint8_t *>(image.rgb.data()));
        cv::Mat gray;
        cv::cvtColor(rgb, gray, cv::COLOR_RGB2GRAY);
        gray.convertTo(out, CV_32F, 1.0 / 255.0);
        return out;
    }
    const bool hasWindow = !image.windows.empty() && image.windows.front().width > 0.0;
    float *values = out.ptr<float>();
    for (size_t i = 0; i < image.pixelCount(); ++i) {
        const double modality = image.modalityValue(image.stored[i]);
        double v = modality;
        if (image.voiLut && !image.voiLut->table.empty()) {
            const auto &table = image.voiLut->table;
            const long index = std::clamp(long(std::lround(modality)) - long(image.voiLut->firstMapped), 0L, long(table.size()) - 1);
            v = double(table[size_t(index)]) / double((1u << std::clamp(image.voiLut->bits, 1, 16)) - 1u);
        } else if (hasWindow) {
            const auto &window = image.windows.front();
            v = std::clamp((modality - (window.center - 0.5 - (window.width - 1.0) / 2.0)) / std::max(1.0, window.width - 1.0), 0.0, 1.0);
        }
        values[i] = float(image.monochrome1 ? -v : v);
    }
    return out;
}
#else
// Without radsynth_dicom: DCMTK's DicomImage, whose output already has display polarity
// (MONOCHROME1 inverted) and applies the file's first VOI window when there is one.
Result<cv::Mat> readDicom(const std::string &path)
{
    static std::once_flag codecs;
    std::call_once(codecs, [] {
        DJDecoderRegistration::registerCodecs();
        DJLSDecoderRegistration::registerCodecs();
        DcmRLEDecoderRegistration::registerCodecs();
    });
    DicomImage image(path.c_str(), CIF_UsePartialAccessToPixelData);
    if (image.getStatus() != EIS_Normal)
        return makeError(std::string("cannot decode the DICOM image (") + DicomImage::getString(image.getStatus()) + ")", path);
    if (!image.isMonochrome())
        image.getOutputData(8); // colour images are converted below through a monochrome copy
    std::unique_ptr<DicomImage> mono(image.isMonochrome() ? nullptr : image.createMonochromeImage());
    DicomImage &gray = mono ? *mono : image;
    if (gray.getWindowCount() > 0)
        gray.setWindow(0);
    else
        gray.setMinMaxWindow();
    const int width = int(gray.getWidth()), height = int(gray.getHeight());
    const void *data = gray.getOutputData(16);
    if (!data || width <= 0 || height <= 0)
        return makeError("cannot decode the DICOM pixel data", path);
    cv::Mat out;
    cv::Mat(height, width, CV_16U, const_cast<void *>(data)).convertTo(out, CV_32F, 1.0 / 65535.0);
    return out;
}
#endif

// Any supported file as a single-channel float image in display polarity (not yet normalised).
Result<cv::Mat> readImage(const std::string &path)
{
    if (!QFileInfo::exists(QString::fromStdString(path)))
        return makeError("image file not found", path);
    if (looksLikeDicom(path))
        return readDicom(path);
    cv::Mat image;
    try {
        image = cv::imread(path, cv::IMREAD_ANYDEPTH); // grayscale, 8 or 16 bits as stored
    } catch (const cv::Exception &error) {
        return makeError(std::string("cannot decode the image (") + error.what() + ")", path);
    }
    if (image.empty())
        return makeError("cannot decode the image (corrupt or not PNG/JPEG/DICOM)", path);
    cv::Mat out;
    image.convertTo(out, CV_32F);
    return out;
}

// The value at `fraction` of the sorted values (sub-sampled to at most about a million pixels).
std::pair<float, float> percentiles(const cv::Mat &image, double low, double high)
{
    const size_t total = image.total();
    const size_t stride = std::max<size_t>(1, total / 1000000);
    std::vector<float> values;
    values.reserve(total / stride + 1);
    const float *data = image.ptr<float>();
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

// Robust normalisation to 0..1: the 0.5th percentile maps to 0, the 99.5th to 1, clipped.
void normalise(cv::Mat &image)
{
    auto [lo, hi] = percentiles(image, 0.005, 0.995);
    if (!(hi > lo)) { // flat (or nearly flat) image: fall back on the full range
        double minValue = 0, maxValue = 0;
        cv::minMaxLoc(image, &minValue, &maxValue);
        lo = float(minValue);
        hi = float(maxValue);
    }
    if (hi > lo)
        image = (image - lo) / (hi - lo);
    else
        image = cv::Mat::zeros(image.size(), CV_32F);
    cv::min(image, 1.0, image);
    cv::max(image, 0.0, image);
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

Result<std::vector<uint16_t>> loadPreprocessed(const std::string &imagePath, int resolution)
{
    if (resolution < 8 || resolution > 2048)
        return makeError("resolution must be between 8 and 2048 pixels", imagePath);
    auto read = readImage(imagePath);
    if (!read)
        return read.error();
    cv::Mat image = std::move(*read);
    normalise(image);
    image = padToSquare(image);
    cv::Mat resized;
    cv::resize(image, resized, cv::Size(resolution, resolution), 0, 0, cv::INTER_AREA);
    std::vector<uint16_t> out(size_t(resolution) * size_t(resolution));
    for (int y = 0; y < resolution; ++y) {
        const float *row = resized.ptr<float>(y);
        for (int x = 0; x < resolution; ++x)
            out[size_t(y) * size_t(resolution) + size_t(x)] = uint16_t(std::lround(std::clamp(row[x], 0.0f, 1.0f) * 65535.0f));
    }
    return out;
}

namespace detail {

double mirrorSymmetry(const std::string &imagePath)
{
    cv::Mat image;
    if (!looksLikeDicom(imagePath)) {
        try {
            image = cv::imread(imagePath, cv::IMREAD_REDUCED_GRAYSCALE_4);
        } catch (const cv::Exception &) {
            return -2.0;
        }
        if (image.empty())
            return -2.0;
        image.convertTo(image, CV_32F);
    } else {
        auto read = readImage(imagePath);
        if (!read)
            return -2.0;
        image = std::move(*read);
    }
    normalise(image);
    cv::Mat small;
    cv::resize(image, small, cv::Size(64, 64), 0, 0, cv::INTER_AREA);
    cv::Mat mirrored;
    cv::flip(small, mirrored, 1);
    // The patient is rarely centred on the film: the mirror axis may sit up to 10 pixels (of 64)
    // off the middle, so the best correlation over those shifts counts.
    double best = -1.0;
    for (int shift = -10; shift <= 10; ++shift) {
        const int width = 64 - std::abs(shift);
        const cv::Mat a = small(cv::Rect(std::max(0, shift), 0, width, 64));
        const cv::Mat b = mirrored(cv::Rect(std::max(0, -shift), 0, width, 64));
        cv::Scalar meanA, deviationA, meanB, deviationB;
        cv::meanStdDev(a, meanA, deviationA);
        cv::meanStdDev(b, meanB, deviationB);
        if (deviationA[0] <= 1e-6 || deviationB[0] <= 1e-6)
            continue;
        const double correlation = cv::Mat(a - meanA[0]).dot(cv::Mat(b - meanB[0])) / (deviationA[0] * deviationB[0] * double(a.total()));
        best = std::max(best, correlation);
    }
    return best;
}

} // namespace detail
} // namespace radsynth::datasets
