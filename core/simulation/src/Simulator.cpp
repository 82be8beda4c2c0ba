// One simulated case: patient from the seed, phantom, both projections, detector; measurements.
#include "Random.h"
#include "radsynth/simulation/Simulator.h"
#include "radsynth/simulation/CtEngine.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace radsynth::simulation {

const char *toString(View view) { return view == View::Frontal ? "frontal" : "lateral"; }

PatientParameters randomPatient(uint64_t seed)
{
    Random r(Random::derive(seed, 3));
    PatientParameters p;
    p.seed = seed;
    p.female = r.chance(0.5);
    p.ageYears = std::round(r.uniform(22, 88));
    p.size = r.clampedNormal(1.0, 0.05, 0.88, 1.12);
    p.width = r.clampedNormal(1.0, 0.05, 0.88, 1.12);
    p.depth = r.clampedNormal(1.0 + (p.ageYears - 50) * 0.002, 0.06, 0.85, 1.2);
    p.fat = r.clampedNormal(1.0, 0.3, 0.4, 1.9);
    p.inspiration = r.clampedNormal(0.98, 0.06, 0.8, 1.12);
    p.heartSize = r.clampedNormal(1.0, 0.045, 0.9, 1.1);
    p.breastSize = p.female ? r.uniform(0.2, 1.1) : 0.0;
    p.rotationDeg = r.clampedNormal(0, 2.0, -6, 6);
    p.lateralRotationDeg = r.clampedNormal(0, 3.0, -8, 8);
    p.tiltDeg = r.clampedNormal(0, 1.5, -4, 4);
    p.shiftXcm = r.clampedNormal(0, 0.8, -2.5, 2.5);
    p.shiftZcm = r.clampedNormal(0, 0.8, -2.5, 2.5);
    p.exposure = r.uniform(0.6, 1.6);
    p.kvp = std::round(r.uniform(110, 125));
    p.boneDensity = std::clamp(1.08 - std::max(0.0, p.ageYears - 45) * 0.005, 0.8, 1.1);
    return p;
}

std::string PatientParameters::toJson() const
{
    char buffer[768];
    std::snprintf(buffer, sizeof buffer,
                  "{\"seed\":%llu,\"sex\":\"%s\",\"age\":%.0f,\"size\":%.4f,\"width\":%.4f,\"depth\":%.4f,\"fat\":%.4f,"
                  "\"inspiration\":%.4f,\"heart_size\":%.4f,\"breast_size\":%.4f,\"rotation_deg\":%.3f,"
                  "\"lateral_rotation_deg\":%.3f,\"tilt_deg\":%.3f,\"shift_x_cm\":%.3f,\"shift_z_cm\":%.3f,"
                  "\"exposure\":%.4f,\"kvp\":%.0f,\"bone_density\":%.4f}",
                  static_cast<unsigned long long>(seed), female ? "F" : "M", ageYears, size, width, depth, fat, inspiration,
                  heartSize, breastSize, rotationDeg, lateralRotationDeg, tiltDeg, shiftXcm, shiftZcm, exposure, kvp, boneDensity);
    return buffer;
}

imaging::Image RenderedView::toImage() const
{
    imaging::Image image;
    image.width = width;
    image.height = height;
    image.bitsStored = 12;
    image.stored = pixels;
    image.spacing = {pixelSpacingMm, pixelSpacingMm, imaging::Calibration::AtDetector};
    image.windows.push_back({2048.0, 4096.0, "Full"});
    return image;
}

namespace {
RenderedView render(const Phantom &phantom, View view, int size, uint64_t noiseSeed)
{
    const ViewGeometry g = standardGeometry(phantom, view, size);
    const Projection p = project(phantom, g, view);
    DetectorSettings settings;
    settings.exposure = phantom.patient.exposure;
    settings.noiseSeed = noiseSeed;
    RenderedView out;
    out.view = view;
    out.width = p.width;
    out.height = p.height;
    out.pixelSpacingMm = g.pixelCm * 10.0;
    const double distance = (Vec3{0, 0, g.detectorCenter.z} - g.source).dot(g.normal);
    out.magnification = (g.detectorCenter - g.source).dot(g.normal) / distance;
    out.pixels = detect(p, g.pixelCm, settings);
    out.lungMask.resize(p.lungChord.size());
    out.heartMask.resize(p.heartChord.size());
    for (size_t i = 0; i < p.lungChord.size(); ++i) {
        out.lungMask[i] = p.lungChord[i] > 1.0f ? 255 : 0;
        out.heartMask[i] = p.heartChord[i] > 0.5f ? 255 : 0;
    }
    return out;
}
} // namespace

SimulatedCase simulateCase(uint64_t seed, const Findings &findings, const SimulationOptions &options)
{
    if (options.ct)
        return simulateCtCase(*options.ct, seed, findings, options);
    SimulatedCase c;
    c.seed = seed;
    c.patient = randomPatient(seed);
    c.findings = findings;
    const Phantom phantom = buildPhantom(c.patient, findings, Random::derive(seed, 5));
    c.landmarks = phantom.landmarks;
    c.frontal = render(phantom, View::Frontal, options.size, Random::derive(seed, 21));
    if (options.lateral)
        c.lateral = render(phantom, View::Lateral, options.size, Random::derive(seed, 22));
    return c;
}

double cardiothoracicRatio(const RenderedView &v)
{
    int heartWidth = 0, thoraxWidth = 0;
    for (int y = 0; y < v.height; ++y) {
        int h0 = v.width, h1 = -1, l0 = v.width, l1 = -1;
        for (int x = 0; x < v.width; ++x) {
            const size_t i = size_t(y) * v.width + x;
            if (v.heartMask[i]) { h0 = std::min(h0, x); h1 = std::max(h1, x); }
            if (v.lungMask[i]) { l0 = std::min(l0, x); l1 = std::max(l1, x); }
        }
        if (h1 >= h0)
            heartWidth = std::max(heartWidth, h1 - h0 + 1);
        if (l1 >= l0)
            thoraxWidth = std::max(thoraxWidth, l1 - l0 + 1);
    }
    return thoraxWidth > 0 ? double(heartWidth) / thoraxWidth : 0.0;
}

RegionRatios measureRegionRatios(const std::vector<float> &image, const std::vector<uint8_t> &mask, int W, int H)
{
    RegionRatios r;
    // Lung rows: the vertical extent of the mask; the middle third is used for the mediastinum.
    int top = H, bottom = -1;
    for (int y = 0; y < H; ++y)
        for (int x = 0; x < W; ++x)
            if (mask[size_t(y) * W + x]) { top = std::min(top, y); bottom = std::max(bottom, y); }
    if (bottom - top < H / 5)
        return r;
    double lungSum = 0, medSum = 0, softSum = 0;
    size_t lungN = 0, medN = 0, softN = 0;
    for (int y = top; y <= bottom; ++y) {
        const bool middle = y >= top + (bottom - top) / 3 && y <= top + 2 * (bottom - top) / 3;
        int first = -1, last = -1;
        std::vector<int> cols;
        for (int x = 0; x < W; ++x)
            if (mask[size_t(y) * W + x]) {
                lungSum += image[size_t(y) * W + x];
                ++lungN;
                if (first < 0) first = x;
                last = x;
            }
        if (!middle || first < 0)
            continue;
        // Mediastinum: the central gap between the two lungs on this row (middle 60% of it).
        const int cx = W / 2;
        int gapL = -1, gapR = -1;
        for (int x = cx; x >= first; --x) if (mask[size_t(y) * W + x]) { gapL = x; break; }
        for (int x = cx; x <= last; ++x) if (mask[size_t(y) * W + x]) { gapR = x; break; }
        if (gapL >= 0 && gapR > gapL + 4) {
            const int span = gapR - gapL;
            for (int x = gapL + span / 5; x <= gapR - span / 5; ++x) { medSum += image[size_t(y) * W + x]; ++medN; }
        }
        // Soft tissue: a band lateral to each lung, 2-6% of the width beyond the lung edge.
        for (int k = int(0.02 * W); k <= int(0.06 * W); ++k) {
            if (first - k >= 0) { softSum += image[size_t(y) * W + first - k]; ++softN; }
            if (last + k < W) { softSum += image[size_t(y) * W + last + k]; ++softN; }
        }
    }
    if (lungN == 0 || medN == 0 || softN == 0)
        return r;
    r.valid = true;
    r.lungToMediastinum = (lungSum / lungN) / std::max(1e-6, medSum / medN);
    r.lungToSoftTissue = (lungSum / lungN) / std::max(1e-6, softSum / softN);
    return r;
}

} // namespace radsynth::simulation
