#pragma once
// Projection (Beer-Lambert line integrals from a point source), detector and processing, and the
// simulation of one case: the PA frontal and left lateral radiographs of the same phantom.
#include "radsynth/imaging/Image.h"
#include "radsynth/simulation/Findings.h"
#include "radsynth/simulation/Phantom.h"

#include <cstdint>
#include <string>
#include <vector>

namespace radsynth::simulation {

enum class View { Frontal, Lateral };
const char *toString(View view);

struct ViewGeometry {
    Vec3 source;
    Vec3 detectorCenter;
    Vec3 normal;        // from the source towards the detector
    Vec3 u, v;          // detector axes: columns (image right), rows (image down)
    int width = 256, height = 256;
    double pixelCm = 0.168; // detector pixel pitch
};
// Standard geometry: SID 180 cm, 43 cm field; patient rotation and positioning from the parameters.
ViewGeometry standardGeometry(const Phantom &phantom, View view, int size);

struct Projection {
    int width = 0, height = 0;
    std::vector<float> lineIntegral; // sum of mu * length along each ray
    std::vector<float> lungChord;    // cm of aerated or collapsed lung along each ray
    std::vector<float> heartChord;   // cm of heart along each ray
};
Projection project(const Phantom &phantom, const ViewGeometry &geometry, View view);

struct DetectorSettings {
    double scatterFraction = 0.08;  // scatter = fraction * low-pass(primary) (with a grid)
    double blurMm = 0.35;           // detector blur (sigma)
    double photonsPerMm2 = 7.0e6;   // unattenuated fluence at exposure 1
    double exposure = 1.0;
    uint64_t noiseSeed = 1;
    double electronicNoise = 0.0;   // read-out noise, as a fraction of the unattenuated signal (0: none)
};
// Detector and processing: scatter, blur, quantum noise, log, range compression and a sigmoid
// tone curve; 12-bit output (0..4095, MONOCHROME2: bright = attenuating).
std::vector<uint16_t> detect(const Projection &projection, double pixelCm, const DetectorSettings &settings);

struct RenderedView {
    View view = View::Frontal;
    int width = 0, height = 0;
    double pixelSpacingMm = 0.0;  // at the detector (ImagerPixelSpacing)
    double magnification = 1.0;  // SID / source-to-thorax-centre distance
    std::vector<uint16_t> pixels; // 12-bit
    std::vector<uint8_t> lungMask, heartMask; // ground-truth masks (255 inside)
    imaging::Image toImage() const;
};

struct CtLibrary;

struct SimulationOptions {
    int size = 256;
    bool lateral = true;
    // The CT engine (CtEngine.h) when set: the case is projected from one of the library's real
    // CT volumes; otherwise from the geometric phantom.
    const CtLibrary *ct = nullptr;
};

struct SimulatedCase {
    uint64_t seed = 0;
    PatientParameters patient;
    Findings findings;
    Landmarks landmarks;
    RenderedView frontal, lateral; // lateral is empty when not requested
    std::string engine = "phantom"; // "phantom" or "ct"
    std::string ctPatient;          // CT engine: the CT volume (patient) the case was projected from
    std::string ctCondition;        // CT engine: what that patient had (their collection's description)
};

// Renders the case of `seed` with `findings`: same seed and findings -> identical images.
SimulatedCase simulateCase(uint64_t seed, const Findings &findings, const SimulationOptions &options = {});

// Ground-truth measurements on a rendered frontal.
// Cardiothoracic ratio: widest heart (heart mask) over widest inner thorax (lung mask extent).
double cardiothoracicRatio(const RenderedView &frontal);

// Intensity ratios from a lung mask: mean lung intensity over the mean of the mediastinum (between
// the lungs, middle third of the lung height) and of the soft tissue (a band lateral to each lung).
struct RegionRatios {
    bool valid = false;
    double lungToMediastinum = 0.0;
    double lungToSoftTissue = 0.0;
};
RegionRatios measureRegionRatios(const std::vector<float> &image, const std::vector<uint8_t> &lungMask, int width, int height);

} // namespace radsynth::simulation
