#include "radsynth/export/SyntheticImage.h"

#include "radsynth/common/SafeWrite.h"
#include "radsynth/dicom/Loader.h"
#include "radsynth/imaging/SyntheticMark.h"

#include <QBuffer>
#include <QFileInfo>
#include <QImage>
#include <QImageWriter>

#include <algorithm>
#include <cmath>

namespace radsynth::exports {

QString syntheticWarning() { return QString::fromLatin1(imaging::kSyntheticWarning); }

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

std::vector<std::string> syntheticMarkLines(const report::ReportProvenance &provenance)
{
    return {imaging::kSyntheticWarning, QStringLiteral("RadSynth %1").arg(provenanceLine(provenance)).toStdString()};
}

namespace {

// The gray MONOCHROME2 picture the marks are burned into (see withSyntheticMarks), not yet marked.
imaging::Image markCanvas(const imaging::Image &image)
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
    return out;
}

} // namespace

imaging::Image withSyntheticMarks(const imaging::Image &image, const report::ReportProvenance &provenance)
{
    imaging::Image out = markCanvas(image);
    if (out.empty())
        return out;
    imaging::burnSyntheticMark(out.stored.data(), out.width, out.height, size_t(out.width) * sizeof(uint16_t), imaging::MarkPixels::Gray16,
                               syntheticMarkLines(provenance), uint16_t((1u << out.bitsStored) - 1u));
    return out;
}

QImage withSyntheticMarks(const QImage &picture, const report::ReportProvenance &provenance)
{
    QImage marked = picture.convertToFormat(QImage::Format_RGB32);
    imaging::burnSyntheticMark(marked.bits(), marked.width(), marked.height(), size_t(marked.bytesPerLine()), imaging::MarkPixels::Bgrx8,
                               syntheticMarkLines(provenance));
    return marked;
}

Result<imaging::Image> loadImageFile(const QString &path)
{
    return dicom::loadRadiograph(path.toStdString()); // DICOM by its magic, PNG/JPEG/TIFF otherwise
}

Status writePng(const imaging::Image &image, const report::ReportProvenance &provenance, const QString &path)
{
    if (image.empty())
        return makeError("no image to export", path.toStdString());
    // The picture in gray, the mark in the synthetic orange (a PNG can carry the colour).
    const imaging::Image canvas = markCanvas(image);
    const std::vector<uint8_t> gray = imaging::renderGray8(canvas);
    QImage picture(canvas.width, canvas.height, QImage::Format_Grayscale8);
    for (int y = 0; y < canvas.height; ++y)
        std::copy_n(gray.data() + size_t(y) * size_t(canvas.width), canvas.width, picture.scanLine(y));
    QImage qimage = withSyntheticMarks(picture, provenance).convertToFormat(QImage::Format_RGB888);
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
