#pragma once
// The one image type shared by the loader, the viewer, the simulator bridge and exports.
// Pixels are kept as the file stores them (at most 16 bits) plus the Modality LUT, so an open
// image costs about its pixel data; display values are computed through a lookup table.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace radsynth::imaging {

enum class Calibration { Unknown, AtDetector, Calibrated };
const char *toString(Calibration calibration);

struct PixelSpacing {
    double rowMm = 0.0;    // distance between rows (vertical)
    double columnMm = 0.0; // distance between columns (horizontal)
    Calibration calibration = Calibration::Unknown;
    bool valid() const { return rowMm > 0.0 && columnMm > 0.0; }
};

struct WindowLevel {
    double center = 0.0;
    double width = 1.0;
    std::string name; // "File 1", "Lung", ...
};

// A VOI LUT table from the file (applied to modality values instead of a linear window).
struct VoiLut {
    int firstMapped = 0;           // first modality value mapped
    int bits = 16;                 // bits per output entry
    std::vector<uint16_t> table;
    std::string explanation;
    // The entry for a modality value (rounded; values outside the table take its first or last
    // entry). Clamped in floating point: a value no integer holds (a rescale slope of 1e300)
    // still gives an entry. The table must not be empty.
    size_t indexFor(double modalityValue) const;
};

struct Image {
    int width = 0;
    int height = 0;
    int samplesPerPixel = 1;       // 1: grayscale in `stored`; 3: RGB 8-bit interleaved in `rgb`
    int bitsStored = 16;
    bool isSigned = false;         // stored values are two's complement (reinterpret as int16)
    bool monochrome1 = false;      // MONOCHROME1: low values are white; display inverts
    double rescaleSlope = 1.0;     // Modality LUT (linear)
    double rescaleIntercept = 0.0;
    std::vector<uint16_t> stored;  // width*height stored values, row-major
    std::vector<uint8_t> rgb;      // width*height*3, only for samplesPerPixel == 3
    std::vector<WindowLevel> windows; // the file's own presets first
    std::optional<VoiLut> voiLut;
    PixelSpacing spacing;

    bool empty() const { return width <= 0 || height <= 0; }
    bool isColor() const { return samplesPerPixel == 3; }
    size_t pixelCount() const { return size_t(width) * size_t(height); }
    size_t memoryBytes() const { return stored.size() * sizeof(uint16_t) + rgb.size(); }

    // Modality value (after rescale) of a stored sample.
    double modalityValue(uint16_t storedValue) const
    {
        const double raw = isSigned ? double(int16_t(storedValue)) : double(storedValue);
        return raw * rescaleSlope + rescaleIntercept;
    }
    double modalityValueAt(int x, int y) const { return modalityValue(stored[size_t(y) * size_t(width) + size_t(x)]); }
    // Range of modality values present in the image.
    std::pair<double, double> modalityRange() const;
};

// A full-range window when the file has none (min..max of modality values).
WindowLevel autoWindow(const Image &image);
// A robust window from the 1st..99th percentile of the histogram (good default for radiographs).
WindowLevel percentileWindow(const Image &image, double lowFraction = 0.01, double highFraction = 0.99);

struct DisplayOptions {
    std::optional<WindowLevel> window; // none: use the VOI LUT if present, else the file's first window, else percentile
    bool invert = false;               // in addition to MONOCHROME1 polarity
};

// Display pipeline: stored -> Modality LUT -> VOI (window or LUT) -> polarity -> 8-bit.
// Runs through a lookup table over stored values (65,536 entries at most), so it is fast.
std::vector<uint8_t> renderGray8(const Image &image, const DisplayOptions &options = {});

// The same pipeline in two steps, for viewers that render many times: the lookup table for one set
// of options (stored code -> 8-bit gray), then its application into a caller's buffer
// (width*height*channels bytes). bottomUp writes the last image row first (OpenGL and VTK order).
// channels 4 writes each gray byte as opaque RGBA (R = G = B = gray, A = 255): VTK and OpenGL take
// such a picture as it is, and convert a one-component one to RGBA first (on the GUI thread).
// renderGray8Into(image, makeDisplayLut(image, options), ...) gives renderGray8's bytes exactly.
struct DisplayLut {
    std::vector<uint8_t> table; // indexed by (stored & mask), clamped to the table's end
    uint16_t mask = 0xFFFF;
};
DisplayLut makeDisplayLut(const Image &image, const DisplayOptions &options = {});
void renderGray8Into(const Image &image, const DisplayLut &lut, uint8_t *destination, bool bottomUp = false, int channels = 1);

// The viewer's default windows from one pass over the pixels: the percentile window (as
// percentileWindow) and the full range (as autoWindow).
struct WindowStatistics {
    WindowLevel percentile;
    WindowLevel fullRange;
};
WindowStatistics windowStatistics(const Image &image, double lowFraction = 0.01, double highFraction = 0.99);

// A smaller copy for display while the full-resolution rendering is not ready (a level of an image
// pyramid): each pixel is the mean of a factor x factor block of stored values (partial blocks at
// the right and bottom edges average what they hold); the Modality LUT, VOI, polarity and windows
// are kept, the pixel spacing is multiplied by the factor. factor 1 returns a copy.
Image reducedForDisplay(const Image &image, int factor);
// RGB images are returned as is; gray images are rendered and expanded to RGB.
std::vector<uint8_t> renderRgb8(const Image &image, const DisplayOptions &options = {});

// Build an Image from floating-point values in [0,1] (simulator / model output) as 12-bit stored values.
Image fromUnitFloat(const float *values, int width, int height, PixelSpacing spacing = {});

} // namespace radsynth::imaging
