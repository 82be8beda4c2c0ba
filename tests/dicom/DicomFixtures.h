#pragma once
// DICOM test fixtures written with DCMTK's own API (encoders included), so the loader is checked
// against files it did not write itself. Shared by tests/dicom and tests/common.
#include <cstdint>
#include <string>
#include <vector>

namespace radsynth::testing {

enum class Syntax {
    ExplicitLittle, ImplicitLittle, ExplicitBig, Deflated,
    JpegLossless,   // 1.2.840.10008.1.2.4.70 (process 14, SV1)
    JpegLsLossless, // 1.2.840.10008.1.2.4.80
    Rle,            // 1.2.840.10008.1.2.5
    JpegBaseline,   // 1.2.840.10008.1.2.4.50, lossy, 8 bit
    JpegExtended,   // 1.2.840.10008.1.2.4.51, lossy, 12 bit
    Jpeg2000Lossless, // 1.2.840.10008.1.2.4.90, written through GDCM
};
const char *toString(Syntax syntax);
bool isLossless(Syntax syntax);

struct FixtureSpec {
    int width = 40;
    int height = 30;
    int frames = 1;
    int bitsAllocated = 16;
    int bitsStored = 12;
    bool isSigned = false;
    std::string photometric = "MONOCHROME2";
    Syntax syntax = Syntax::ExplicitLittle;
    std::string modality = "CR";
    bool rescale = false;
    double slope = 1.0;
    double intercept = 0.0;
    std::string windowCenter;      // e.g. "2048\\1000"
    std::string windowWidth;
    std::string windowExplanation; // e.g. "NORMAL\\HARDER"
    std::vector<uint16_t> voiLut;  // VOI LUT Sequence data when not empty
    int voiLutFirstMapped = 0;
    std::string pixelSpacing;      // "0.15\\0.15"
    std::string imagerPixelSpacing;
    std::string viewPosition;
    std::string patientOrientation;
    std::string seriesDescription;
    std::string patientName = "Fixture^Patient";
    std::string patientId = "FIX-0001";
    std::string birthDate = "19700101";
    std::string studyUid;  // generated when empty
    std::string seriesUid; // generated when empty
    int instanceNumber = 1;
    bool omitPixelData = false;
};

// The stored value pattern a fixture holds (row-major, per frame), as the loader should return
// it: masked to Bits Stored, and for signed pixels the 16-bit two's complement.
std::vector<uint16_t> expectedStored(const FixtureSpec &spec, int frame);

// Writes the fixture; returns "" on success or the reason.
std::string writeFixture(const std::string &path, const FixtureSpec &spec);

// A Basic Text SR with a title and two text items.
std::string writeTextSr(const std::string &path, const std::string &finding, const std::string &impression,
                        const std::string &patientName, const std::string &patientId);

// An image whose encapsulated pixel data uses a transfer syntax nothing here decodes (MPEG2).
std::string writeUnsupportedSyntax(const std::string &path);

// A DICOMDIR (written with DcmDicomDir) in `root` referencing the given files (relative paths
// made of upper-case components of at most 8 characters).
std::string writeDicomDir(const std::string &root, const std::vector<std::string> &relativeFiles);

} // namespace radsynth::testing
