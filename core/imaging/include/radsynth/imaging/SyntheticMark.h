#pragma once
// The SYNTHETIC mark: its wording, its colour and the one painter that burns it into pixels. Every
// picture of a synthetic image that RadSynth makes carries it: exported DICOM and PNG
// (core/export), the any-to-any panel's previews and thumbnails (ui/); the viewport's on-screen
// banner takes its wording and colour from here.
#include <QtGlobal> // QT_TRANSLATE_NOOP

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace radsynth::imaging {

// The words of the mark. Burned into pixels as they are; the viewport's banner shows them translated
// (lupdate reads this header into the viewport's context).
inline constexpr char kSyntheticWarning[] = QT_TRANSLATE_NOOP("radsynth::ui::Viewport", "SYNTHETIC - not for diagnosis");

struct MarkColour {
    uint8_t red = 0, green = 0, blue = 0;
    constexpr double redF() const { return red / 255.0; }
    constexpr double greenF() const { return green / 255.0; }
    constexpr double blueF() const { return blue / 255.0; }
};
// The synthetic orange: the mark's text and frame, the viewport's banner and frame.
inline constexpr MarkColour kSyntheticOrange{255, 140, 0};

// Where the painter draws: rows of `width` pixels, `bytesPerLine` apart.
enum class MarkPixels {
    Gray16, // one uint16_t per pixel; the mark at `grayValue` (gray pixels cannot carry the orange)
    Gray8,  // one byte per pixel; the mark at `grayValue`
    Bgrx8,  // four bytes per pixel, blue green red unused (QImage::Format_RGB32); the mark orange
};

// Burns the mark in place: a frame around the picture and `lines` (the first large, the others
// smaller) on an opaque black box in the top-left corner, each line shrunk to the picture's width
// when it would not fit. The mark's pixels depend only on the size and the lines, never on the
// picture under them, so the same mark burned into two pictures of one size is the same pixels.
void burnSyntheticMark(void *pixels, int width, int height, size_t bytesPerLine, MarkPixels layout,
                       const std::vector<std::string> &lines, uint16_t grayValue = 255);

} // namespace radsynth::imaging
