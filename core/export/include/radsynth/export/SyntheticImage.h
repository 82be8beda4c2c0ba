#pragma once
// Synthetic images leave RadSynth marked: the words "SYNTHETIC - not for diagnosis" and the
// provenance (model, version, task, seed) are burned into the pixels, so the mark survives any
// viewer, any screenshot and any conversion that drops the header.
#include "radsynth/common/Result.h"
#include "radsynth/imaging/Image.h"
#include "radsynth/report/ReportDraft.h"

#include <QString>

namespace radsynth::exports {

// The burned-in warning, also used in PDF pages.
QString syntheticWarning(); // "SYNTHETIC - not for diagnosis"
// "model 1.0, task F2R, seed 42" (empty fields left out).
QString provenanceLine(const report::ReportProvenance &provenance);

// A grayscale MONOCHROME2 copy with the marks burned in. Unsigned gray images without a rescale keep
// their stored values (bit depth kept, MONOCHROME1 inverted to MONOCHROME2); others are rendered to
// 8 bits through the display pipeline first. The copy carries one window (1st..99th percentile of the
// original) so the marks, drawn at the maximum value on a black box, show white.
imaging::Image withSyntheticMarks(const imaging::Image &image, const report::ReportProvenance &provenance);

// Loads a synthetic image given as PNG (8/16-bit, gray or colour) or DICOM (first frame).
Result<imaging::Image> loadImageFile(const QString &path);

// 8-bit PNG of the marked image (display pipeline applied), with the provenance in PNG text chunks.
Status writePng(const imaging::Image &image, const report::ReportProvenance &provenance, const QString &path);

} // namespace radsynth::exports
