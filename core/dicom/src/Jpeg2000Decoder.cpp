// JPEG 2000 frames through GDCM (BUILD-NOTES pitfalls 4 and 6): DCMTK 3.6.7 has no J2K decoder.
// Used only for the JPEG 2000 transfer syntaxes. The geometry GDCM reports after decoding wins
// over the header's (GDCM corrects files whose J2K stream disagrees with Bits Stored or
// Pixel Representation), and a single-frame 16-bit image is decoded straight into Image::stored.
#include "PixelDecoder.h"

#include <gdcmImage.h>
#include <gdcmImageReader.h>
#include <gdcmPhotometricInterpretation.h>
#include <gdcmPixelFormat.h>

#include <cstring>
#include <vector>

namespace radsynth::dicom::detail {

Status decodeJpeg2000Frame(const std::string &path, int frame, const PixelGeometry &header, imaging::Image &image)
{
    gdcm::ImageReader reader;
    reader.SetFileName(path.c_str());
    if (!reader.Read())
        return makeError("cannot read the JPEG 2000 file");
    const gdcm::Image &source = reader.GetImage();
    const gdcm::PixelFormat &format = source.GetPixelFormat();

    PixelGeometry g = header;
    g.columns = int(source.GetColumns());
    g.rows = int(source.GetRows());
    g.frames = source.GetNumberOfDimensions() >= 3 ? int(source.GetDimension(2)) : 1;
    g.bitsAllocated = int(format.GetBitsAllocated());
    g.bitsStored = int(format.GetBitsStored());
    g.highBit = int(format.GetHighBit());
    g.samplesPerPixel = int(format.GetSamplesPerPixel());
    g.isSigned = format.GetPixelRepresentation() == 1;
    g.planarConfiguration = int(source.GetPlanarConfiguration());
    if (g.columns != header.columns || g.rows != header.rows)
        return makeError("JPEG 2000 stream size differs from the header");
    if (frame >= g.frames)
        return makeError("frame " + std::to_string(frame + 1) + " does not exist in the JPEG 2000 data");
    if (g.pixelCount() > kMaxPixelsPerFrame || (g.bitsAllocated != 8 && g.bitsAllocated != 16))
        return makeError("unsupported JPEG 2000 pixel format");
    if (g.bitsStored <= 0 || g.bitsStored > g.bitsAllocated)
        g.bitsStored = g.bitsAllocated;
    if (g.highBit < g.bitsStored - 1 || g.highBit >= g.bitsAllocated)
        g.highBit = g.bitsStored - 1;

    const size_t length = source.GetBufferLength();
    const size_t frameBytes = g.bytesPerFrame();
    if (length < frameBytes * size_t(frame + 1))
        return makeError("JPEG 2000 data shorter than expected");

    image.bitsStored = std::min(g.bitsStored, 16);
    image.isSigned = g.isSigned;
    if (g.samplesPerPixel == 1) {
        image.samplesPerPixel = 1;
        if (g.frames == 1 && g.bitsAllocated == 16 && length == g.pixelCount() * 2) {
            image.stored.assign(g.pixelCount(), 0);
            if (!source.GetBuffer(reinterpret_cast<char *>(image.stored.data())))
                return makeError("cannot decode JPEG 2000 pixel data");
            finishGray16InPlace(g, image);
            return okStatus();
        }
        std::vector<char> buffer(length);
        if (!source.GetBuffer(buffer.data()))
            return makeError("cannot decode JPEG 2000 pixel data");
        return storeGrayFrame(reinterpret_cast<const uint8_t *>(buffer.data()) + frameBytes * size_t(frame),
                              frameBytes, g, image);
    }
    if (g.samplesPerPixel != 3)
        return makeError("unsupported JPEG 2000 samples per pixel");
    image.samplesPerPixel = 3;
    std::vector<char> buffer(length);
    if (!source.GetBuffer(buffer.data()))
        return makeError("cannot decode JPEG 2000 pixel data");
    // GDCM returns the reversible / irreversible colour transforms already converted to RGB.
    return storeRgbFrame(reinterpret_cast<const uint8_t *>(buffer.data()) + frameBytes * size_t(frame), frameBytes, g, image);
}

} // namespace radsynth::dicom::detail
