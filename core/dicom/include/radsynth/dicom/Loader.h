#pragma once
// Loading DICOM (DCMTK; JPEG 2000 through GDCM): files, folders (recursive), DICOMDIR.
// Never throws, never crashes on untrusted input; a bad file becomes a LoadProblem and the
// rest of the folder still loads.
#include "radsynth/common/Result.h"
#include "radsynth/dicom/StudyModel.h"
#include "radsynth/imaging/ModelInput.h"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace radsynth::dicom {

struct ScanOptions {
    bool recursive = true;
    std::function<void(size_t done, size_t total)> progress; // may be empty
    const std::atomic_bool *cancel = nullptr;               // may be null
};

// True for a file found in a folder that is documentation next to the images (a README, a
// teaching case's report.txt or case.json, PNG/JPEG previews, a PDF export) and not a DICOM file
// (no "DICM" at byte 128). scan() still lists it among the problems (it could not be read as
// DICOM); the workstation and the command line leave it out of what they report as load
// problems. A DICOM file loads whatever its name.
bool isDocumentationFile(const std::string &path);

// Scan files, folders and DICOMDIRs; headers only (pixel data is not decoded here).
StudyCollection scan(const std::vector<std::string> &paths, const ScanOptions &options = {});

// Decode one frame of an image instance through the full pixel pipeline.
Result<imaging::Image> decodeFrame(const std::string &path, int frame = 0);
// A quick first look at a large frame: a single-frame grayscale JPEG 2000 image decoded from the
// coarse resolution levels of its code stream only (its longer side at most maxSide, halved until
// it fits), with decodeFrame's display attributes and the pixel spacing scaled to match. A small
// part of the full decode's time. Fails for every other image (the caller then waits for
// decodeFrame, which stays the picture the user reads).
Result<imaging::Image> decodeFramePreview(const std::string &path, int frame, int maxSide);
// Whether decodeFramePreview can do anything for this transfer syntax (JPEG 2000).
bool hasReducedResolutionDecode(const std::string &transferSyntaxUid);

// The one DICOM-file check: a Part 10 file, "DICM" at byte 128 (whatever the file's name).
bool isDicomFile(const std::string &path);

// Any radiograph file as an Image: DICOM (isDicomFile) through decodeFrame, PNG/JPEG (8 or 16
// bits) through imaging::readImageFile; a file neither reads as an image is tried as a DICOM
// data set without the Part 10 preamble before it is refused.
Result<imaging::Image> loadRadiograph(const std::string &path);

// The model input of a radiograph file: loadRadiograph() then imaging::prepareModelInput(), the
// preparation the training data had. Every door to the model reads files through this.
Result<imaging::ModelInput> loadModelInput(const std::string &path, int resolution);

// Every attribute of a file as (tag, keyword, VR, value) rows for the tag browser.
struct TagRow {
    std::string tag;     // "(0010,0010)"
    std::string keyword; // "PatientName"
    std::string vr;
    std::string value;
    int depth = 0;       // nesting inside sequences
};
Result<std::vector<TagRow>> readTags(const std::string &path);

// Register DCMTK's decoders (JPEG, JPEG-LS, RLE) once per process; called by scan/decodeFrame.
void registerCodecs();

} // namespace radsynth::dicom
