#pragma once
// Reads what the study browser needs from one loaded file (no pixel decoding): the patient,
// study and series it belongs to, and the instance's own description.
#include "DcmtkSupport.h"

#include "radsynth/dicom/StudyModel.h"
#include "radsynth/imaging/Image.h"

#include <string>
#include <vector>

namespace radsynth::dicom::detail {

struct HeaderRecord {
    Patient patient; // studies left empty
    Study study;     // series left empty
    Series series;   // instances left empty
    Instance instance;
};

HeaderRecord readHeader(DcmFileFormat &file, const std::string &path);

// True for a DICOMDIR (Media Storage Directory): it lists files rather than holding an image.
bool isDicomDir(DcmFileFormat &file);

// Pixel spacing with its calibration: PixelSpacing is calibrated (or copied from the detector
// when it equals ImagerPixelSpacing and no calibration type is stated), ImagerPixelSpacing is at
// the detector, otherwise unknown.
imaging::PixelSpacing readSpacing(DcmItem &dataset);

// The file's window presets (Window Center / Width, multi-valued, with explanations).
std::vector<imaging::WindowLevel> readWindows(DcmItem &dataset);

// Empty when the transfer syntax can be decoded (DCMTK codecs, or GDCM for JPEG 2000).
std::string unsupportedTransferSyntaxReason(const std::string &transferSyntaxUid);

} // namespace radsynth::dicom::detail
