#pragma once
// Findings of a simulated case: the 14 CheXpert observations with side, severity and location.
// They are ground truth: the phantom builder turns each into 3D objects, so every finding shows
// consistently in the frontal and the lateral projection.
#include "radsynth/common/Result.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace radsynth::simulation {

// Same order as generation::kObservationNames (the CheXpert order), whose names toString() returns.
enum class Observation : uint8_t {
    NoFinding = 0,
    EnlargedCardiomediastinum,
    Cardiomegaly,
    LungOpacity,
    LungLesion,
    Edema,
    Consolidation,
    Pneumonia,
    Atelectasis,
    Pneumothorax,
    PleuralEffusion,
    PleuralOther,
    Fracture,
    SupportDevices,
};
inline constexpr int kObservationCount = 14;
const char *toString(Observation observation);
bool observationFromString(const std::string &name, Observation *out);

enum class Side : uint8_t { None, Left, Right, Bilateral };
const char *toString(Side side);
enum class Severity : uint8_t { None, Small, Moderate, Large };
const char *toString(Severity severity);
enum class Zone : uint8_t { Any, Upper, Middle, Lower };
const char *toString(Zone zone);
// Support device kinds (Observation::SupportDevices).
enum class Device : uint8_t { None, Pacemaker, EndotrachealTube, CentralLine, NasogastricTube, SternotomyWires };
const char *toString(Device device);

struct Finding {
    Observation observation = Observation::NoFinding;
    Side side = Side::None;
    Severity severity = Severity::None;
    Zone zone = Zone::Any;
    Device device = Device::None;
    // Free modifiers: "mass" or "calcified" (lesion), "plaque" (pleural other), "healed" (fracture).
    std::string modifier;
};

struct Findings {
    std::vector<Finding> items; // empty: no finding

    bool normal() const;
    bool has(Observation observation) const;
    const Finding *find(Observation observation) const;
    // CheXpert-style labels: 1 positive, 0 absent (no uncertain labels in simulated ground truth).
    std::array<int8_t, kObservationCount> labels() const;
    // Compact form "cardiomegaly;pleural_effusion:left:moderate;support_devices:pacemaker".
    std::string toSpec() const;
    // Structured JSON array, e.g. [{"observation":"pleural_effusion","side":"left","severity":"moderate"}].
    std::string toJson() const;
};

// Parses the compact form used by `radsynth-cli simulate --findings`. Tokens after the observation
// name may come in any order: a side (left/right/bilateral), a severity (small/mild, moderate,
// large/severe), a zone (upper/middle/lower), a device (pacemaker, et_tube, central_line, ng_tube,
// sternotomy) or a modifier (mass, calcified, plaque, healed).
Result<Findings> parseFindings(const std::string &spec);

// Draws a random findings set for dataset generation (about `normalFraction` of cases normal).
Findings randomFindings(uint64_t seed, double normalFraction = 0.35);

// A plain report written from the findings (used until the real-sentence composer is plugged in).
std::string simpleReport(const Findings &findings);

} // namespace radsynth::simulation
