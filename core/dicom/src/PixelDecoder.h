#pragma once
// Shared by the DCMTK pixel path (PixelDecoder.cpp) and the GDCM JPEG 2000 path (Jpeg2000Decoder.cpp).
#include "radsynth/common/Result.h"
#include "radsynth/imaging/Image.h"
#include "radsynth/imaging/ModelInput.h"

#include <cstddef>
#include <cstdint>
#include <string>

class DcmDataset;

namespace radsynth::dicom::detail {

struct PixelGeometry {
    int rows = 0;
    int columns = 0;
    int frames = 1;
    int bitsAllocated = 0;
    int bitsStored = 0;
    int highBit = -1;
    int samplesPerPixel = 1;
    bool isSigned = false;
    int planarConfiguration = 0;
    std::string photometric;
    size_t pixelCount() const { return size_t(rows) * size_t(columns); }
    size_t bytesPerFrame() const { return pixelCount() * size_t(samplesPerPixel) * size_t(bitsAllocated / 8); }
};

// Stored values of one grayscale frame from a native-order buffer (8, 16 or 32 bits allocated):
// shifts by the high bit, masks to Bits Stored, sign-extends signed pixels. 32-bit pixels are
// mapped linearly onto 16 bits with the rescale adjusted, so modality values are preserved.
Status storeGrayFrame(const uint8_t *data, size_t size, const PixelGeometry &geometry, imaging::Image &image);
// Same for a 16-bit frame already decoded into image.stored (no copy).
void finishGray16InPlace(const PixelGeometry &geometry, imaging::Image &image);
// RGB 8-bit interleaved from a decoded RGB buffer (8 or 16 bits, either planar configuration).
Status storeRgbFrame(const uint8_t *data, size_t size, const PixelGeometry &geometry, imaging::Image &image);

// JPEG 2000 through GDCM (DCMTK 3.6.7 has no decoder for it). Fills image pixels only.
Status decodeJpeg2000Frame(const std::string &path, int frame, const PixelGeometry &geometry, imaging::Image &image);

// A single-frame grayscale JPEG 2000 frame at reduced resolution through OpenJPEG (its resolution
// levels: 1/2, 1/4, ... of the size, the coarsest whose longer side is at most maxSide). Fills the
// image's size and stored values only (Jpeg2000Preview.cpp).
Status decodeJpeg2000Reduced(DcmDataset &dataset, const std::string &transferSyntax, const PixelGeometry &geometry, int maxSide,
                             imaging::Image &image);

// The one image-size limit (imaging::kMaxImagePixels, checked from Rows/Columns before decoding).
constexpr size_t kMaxPixelsPerFrame = size_t(imaging::kMaxImagePixels);

} // namespace radsynth::dicom::detail
