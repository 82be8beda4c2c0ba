#pragma once
// The one preparation of a radiograph for the model, exactly as the training data are prepared
// (the paper's): display values (Modality LUT, the file's VOI LUT or first window, MONOCHROME1
// polarity; colour as luma), robust percentile normalisation to 0..1 (0.5th -> 0, 99.5th -> 1,
// clipped), padding to a square with the median of the border pixels, area resize to R x R,
// 16-bit quantisation. Training caches, the evaluation, the generation service (GUI, demo,
// generate), teaching and the out-of-distribution check all go through prepareModelInput(), so
// the same image gives the same model input whichever door it came through.
// Files: dicom::loadModelInput() (DICOM through the loader, PNG/JPEG through readImageFile()).
#include "radsynth/common/Result.h"
#include "radsynth/imaging/Image.h"

#include <cstdint>
#include <string>
#include <vector>

namespace radsynth::imaging {

struct ModelInput {
    int side = 0;                 // R: the image is R x R
    std::vector<uint16_t> pixels; // R*R, row major, 0..65535 = intensity 0..1 (display polarity)
    int sourceWidth = 0;          // the radiograph's size before padding and resizing
    int sourceHeight = 0;
    int sourceSide() const { return sourceWidth > sourceHeight ? sourceWidth : sourceHeight; }
};

// `image` (gray or RGB) -> the model input at `resolution` (8..2048).
Result<ModelInput> prepareModelInput(const Image &image, int resolution);

// Display values of a gray or RGB image, not normalised: Modality LUT, then the VOI LUT or the
// first window when the image has one (raw modality values when it has none: the percentile
// normalisation then plays the window's part), then MONOCHROME1 inversion (negated). RGB: luma 0..1.
std::vector<float> displayValues(const Image &image);
// Percentile normalisation in place (0.5th percentile -> 0, 99.5th -> 1, clipped; a flat image
// falls back on its full range, or zeros).
void normaliseToUnit(float *values, size_t count);

// The largest image RadSynth opens, checked before any pixel is decoded (PNG/JPEG: from the file
// header; DICOM: from Rows/Columns): 16384 pixels a side and 64 Mi pixels (8192 x 8192). The largest
// chest detectors are about 4300 x 4300 (43 cm at 0.1 mm), so this leaves room for any radiograph
// and refuses decompression bombs (a 16000 x 16000 PNG of a few hundred KB would need 512 MB).
constexpr long long kMaxImageSide = 16384;
constexpr long long kMaxImagePixels = 8192LL * 8192LL;
// Empty when width x height is within the limits; otherwise the reason, in words.
std::string checkImageSize(long long width, long long height);

// The width and height a PNG or JPEG file declares in its header (nothing decoded).
struct FileImageSize {
    long long width = 0;
    long long height = 0;
};
Result<FileImageSize> readImageFileSize(const std::string &path);

// A PNG or JPEG file (8 or 16 bits; colour converted to gray) as an Image with its stored values
// and no window; refused before decoding when its header declares more than the limits above.
// DICOM files are read by dicom::decodeFrame, not here.
Result<Image> readImageFile(const std::string &path);

} // namespace radsynth::imaging
