#pragma once
// DICOM output of simulated radiographs (CR, 12-bit MONOCHROME2, explicit VR little endian),
// clearly described as simulated, with a synthetic patient identity and new UIDs.
#include "radsynth/common/Result.h"
#include "radsynth/simulation/Simulator.h"

#include <string>

namespace radsynth::simulation {

struct SimulatedStudy {
    std::string patientName;  // "SIMULATED^CASE0001"
    std::string patientId;    // "SIM-0001"
    std::string patientSex;   // "M" / "F"
    int patientAgeYears = 50;
    std::string studyId;
    std::string studyInstanceUid;   // empty: generated
    std::string studyDescription = "SIMULATED chest radiograph";
    std::string accessionNumber;
    std::string studyDate = "20260101", studyTime = "120000";
    // Nonzero: every UID (study, series, instance) derived from it ("2.25." + a 128-bit hash), so
    // the same case seed gives the same objects, byte for byte, on any machine or shard.
    uint64_t uidSeed = 0;
};

// Fills empty UIDs of the study with new ones (dcmGenerateUniqueIdentifier).
void assignUids(SimulatedStudy &study);

// Writes one image as its own series (frontal: series 1 PA, lateral: series 2 LL).
// `comments` goes into ImageComments (findings summary). The file is Part 10 with a meta header.
Status writeDicomImage(const std::string &path, const RenderedView &view, const SimulatedStudy &study,
                       const std::string &comments, double kvp);

} // namespace radsynth::simulation
