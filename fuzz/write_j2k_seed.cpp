// Writes the JPEG 2000 seed of the DICOM corpus (DCMTK's tools cannot encode JPEG 2000; the test
// fixtures write it through GDCM): an 8x8 16-bit image and a 4x4 8-bit image of two
// frames (the fixtures are grayscale), invented content.
// Usage: radsynth-write-j2k-seed OUT_DIR (called by fuzz/make-dicom-seeds.sh when built).
#include "DicomFixtures.h"

#include <cstdio>
#include <string>

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUT_DIR\n", argv[0]);
        return 2;
    }
    using namespace radsynth::testing;
    const std::string out = argv[1];
    FixtureSpec gray;
    gray.width = 8;
    gray.height = 8;
    gray.syntax = Syntax::Jpeg2000Lossless;
    gray.patientName = "Seed^Fuzz";
    gray.patientId = "SEED-1";
    FixtureSpec frames = gray;
    frames.width = frames.height = 4;
    frames.bitsAllocated = frames.bitsStored = 8;
    frames.frames = 2;
    for (const auto &[name, spec] : {std::pair{"seed-j2k-gray16.dcm", gray}, std::pair{"seed-j2k-gray8-two-frames.dcm", frames}}) {
        const std::string problem = writeFixture(out + "/" + name, spec);
        if (!problem.empty()) {
            std::fprintf(stderr, "%s: %s\n", name, problem.c_str());
            return 1;
        }
    }
    return 0;
}
