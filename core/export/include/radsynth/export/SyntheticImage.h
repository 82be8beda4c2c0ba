#pragma once
// Synthetic images leave RadSynth marked: the words "SYNTHETIC - not for diagnosis" and the
// provenance (model, version, task, seed) are burned into the pixels with a frame, so the mark
// survives any viewer, any screenshot and any conversion that drops the header. The painter is
// imaging::burnSyntheticMark (SyntheticMark.h); these are its lines and its uses.
#include "radsynth/common/Result.h"
#include "radsynth/imaging/Image.h"
#include "radsynth/report/ReportDraft.h"

#include <QImage>
#include <QString>

#include <string>
#include <vector>

namespace radsynth::exports {

// The burned-in warning, also used in PDF pages.
QString syntheticWarning(); // "SYNTHETIC - not for diagnosis" (imaging::kSyntheticWarning)
// "model 1.0, task F2R, seed 42" (empty fields left out).
QString provenanceLine(const report::ReportProvenance &provenance);
// The lines of the burned-in mark: the warning, then "RadSynth <provenanceLine>".
std::vector<std::string> syntheticMarkLines(const report::ReportProvenance &provenance);

// A grayscale MONOCHROME2 copy with the marks burned in. Unsigned gray images without a rescale keep
// their stored values (bit depth kept, MONOCHROME1 inverted to MONOCHROME2); others are rendered to
// 8 bits through the display pipeline first. The copy carries one window (1st..99th percentile of the
// original) so the marks, drawn at the maximum value on a black box, show white.
imaging::Image withSyntheticMarks(const imaging::Image &image, const report::ReportProvenance &provenance);
// An RGB32 copy of a picture with the marks burned in, in the synthetic orange: the marked PNG and
// the workstation's previews of synthetic images (the same pixels for a picture of the same size).
QImage withSyntheticMarks(const QImage &picture, const report::ReportProvenance &provenance);

// Loads a synthetic image given as PNG (8/16-bit, gray or colour) or DICOM (first frame).
Result<imaging::Image> loadImageFile(const QString &path);

// 8-bit RGB PNG of the image (display pipeline applied, in gray) with the marks in orange, and the
// provenance in PNG text chunks.
Status writePng(const imaging::Image &image, const report::ReportProvenance &provenance, const QString &path);

} // namespace radsynth::exports
