#include "radsynth/export/SyntheticImage.h"

#include "radsynth/common/SafeWrite.h"
#include "radsynth/dicom/Loader.h"

#include <QBuffer>
#include <QFileInfo>
#include <QImage>
#include <QImageWriter>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace radsynth::exports {

QString syntheticWarning() { return QStringLiteral("SYNTHETIC - not for diagnosis"); }

QString provenanceLine(const report::ReportProvenance &provenance)
{
    QStringList parts;
    QString model = provenance.model;
    if (!provenance.version.isEmpty())
        model += (model.isEmpty() ? QString() : QStringLiteral(" ")) + provenance.version;
    if (!model.isEmpty())
        parts << model;
    if (!provenance.task.isEmpty())
        parts << QStringLiteral("task %1").arg(provenance.task);
    parts << QStringLiteral("seed %1").arg(provenance.seed);
    return parts.join(QStringLiteral(", "));
}

namespace {

// Draws one line of text at (x, baseline) scaled to `height` pixels, on a black box.
void burnLine(cv::Mat &pixels, const std::string &text, int x, int top, int height, double value)
{
    const int font = cv::FONT_HERSHEY_SIMPLEX;
    int baseline = 0;
    const cv::Size unit = cv::getTextSize(text, font, 1.0, 1, &baseline);
    const double scale = double(height) / double(std::max(1, unit.height));
    const int thickness = std::max(1, int(std::lround(scale * 1.6)));
    const cv::Size size = cv::getTextSize(text, font, scale, thickness, &baseline);
    const int pad = std::max(2, height / 4);
    cv::rectangle(pixels, cv::Rect(x - pad, top - pad, size.width + 2 * pad, size.height + baseline + 2 * pad) & cv::Rect(0, 0, pixels.cols, pixels.rows),
                  cv::Scalar(0), cv::FILLED);
    cv::putText(pixels, text, cv::Point(x, top + size.height), font, scale, cv::Scalar(value), thickness, cv::LINE_AA);
}

} // namespace

imaging::Image withSyntheticMarks(const imaging::Image &image, const report::ReportProvenance &provenance)
{
    imaging::Image out;
    if (image.empty())
        return out;
    out.width = image.width;
    out.height = image.height;
    out.spacing = image.spacing;
    const bool keepStored = !image.isColor() && !image.isSigned && image.rescaleSlope == 1.0 && image.rescaleIntercept == 0.0 &&
                            image.bitsStored >= 8 && image.bitsStored <= 16 && !image.voiLut;
    if (keepStored) {
        out.bitsStored = image.bitsStored;
        const uint32_t maxValue = (1u << image.bitsStored) - 1u;
        out.stored.resize(image.pixelCount());
        for (size_t i = 0; i < out.stored.size(); ++i) {
            const uint32_t v = std::min<uint32_t>(image.stored[i], maxValue);
            out.stored[i] = uint16_t(image.monochrome1 ? maxValue - v : v);
        }
        imaging::WindowLevel window = imaging::percentileWindow(out);
        if (!image.windows.empty() && !image.monochrome1)
            window = image.windows.front();
        window.name = "Synthetic";
        out.windows = {window};
    } else {
        const std::vector<uint8_t> gray = imaging::renderGray8(image);
        out.bitsStored = 8;
        out.stored.assign(gray.begin(), gray.end());
        out.windows = {imaging::WindowLevel{127.5, 256.0, "Synthetic"}};
    }
    const double maxValue = double((1u << out.bitsStored) - 1u);
    cv::Mat pixels(out.height, out.width, CV_16UC1, out.stored.data());
    const int margin = std::max(4, out.width / 60);
    const int big = std::max(10, out.width / 28);
    const int small = std::max(8, big * 3 / 5);
    burnLine(pixels, syntheticWarning().toStdString(), margin, margin, big, maxValue);
    burnLine(pixels, QStringLiteral("RadSynth %1").arg(provenanceLine(provenance)).toStdString(), margin,
             margin + big + big / 2 + std::max(2, big / 4), small, maxValue);
    return out;
}

Result<imaging::Image> loadImageFile(const QString &path)
{
    return dicom::loadRadiograph(path.toStdString()); // DICOM by its magic, PNG/JPEG/TIFF otherwise
}

Status writePng(const imaging::Image &image, const report::ReportProvenance &provenance, const QString &path)
{
    if (image.empty())
        return makeError("no image to export", path.toStdString());
    const imaging::Image marked = withSyntheticMarks(image, provenance);
    const std::vector<uint8_t> gray = imaging::renderGray8(marked);
    QImage qimage(marked.width, marked.height, QImage::Format_Grayscale8);
    for (int y = 0; y < marked.height; ++y)
        std::copy_n(gray.data() + size_t(y) * size_t(marked.width), marked.width, qimage.scanLine(y));
    qimage.setText(QStringLiteral("Software"), QStringLiteral("RadSynth"));
    qimage.setText(QStringLiteral("Description"), syntheticWarning());
    qimage.setText(QStringLiteral("Comment"), provenanceLine(provenance));
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "png");
    if (!writer.write(qimage))
        return makeError("cannot encode the PNG: " + writer.errorString().toStdString(), path.toStdString());
    return files::writeAtomically(path, buffer.data(), "the PNG");
}

} // namespace radsynth::exports
