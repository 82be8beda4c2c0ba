#pragma once
// The 3D parametric thorax: patient parameters drawn from a seed, and the phantom as a list of
// objects. Each object is an intersection of quadric regions with a linear attenuation (1/cm at
// the ~60 keV effective energy of a chest exposure) and a priority: where objects overlap, the one
// with the highest priority owns the space (so a heart displaces lung, fluid replaces lung air).
#include "radsynth/simulation/Findings.h"
#include "radsynth/simulation/Geometry.h"

#include <cstdint>
#include <string>
#include <vector>

namespace radsynth::simulation {

struct PatientParameters {
    uint64_t seed = 0;
    bool female = false;
    double ageYears = 50.0;
    double size = 1.0;          // overall scale (height of the thorax)
    double width = 1.0;         // transverse scale of the thorax
    double depth = 1.0;         // antero-posterior scale
    double fat = 1.0;           // chest wall thickness scale
    double inspiration = 1.0;   // 0.7 shallow .. 1.15 hyperinflated: scales lung height
    double heartSize = 1.0;     // normal variation of the transverse heart diameter
    double breastSize = 0.0;    // 0 none .. 1.5 large
    double rotationDeg = 0.0;   // frontal: rotation about the long axis (positioning error)
    double lateralRotationDeg = 0.0;
    double tiltDeg = 0.0;       // frontal: lordotic tilt
    double shiftXcm = 0.0;      // positioning: offset of the thorax on the detector
    double shiftZcm = 0.0;
    double exposure = 1.0;      // relative dose (quantum noise)
    double kvp = 120.0;         // shown in the DICOM header; contrast follows `exposure` only
    double boneDensity = 1.0;   // falls with age

    std::string toJson() const;
};
PatientParameters randomPatient(uint64_t seed);

// What an object stands for (ground-truth masks and tests).
enum class Structure : uint8_t {
    Body, Lung, Heart, Mediastinum, Vessel, Airway, Bone, Abdomen, Finding, Device, Breast, Other
};

struct PhantomObject {
    std::string name;
    Structure structure = Structure::Other;
    double mu = 0.2;            // linear attenuation, 1/cm
    int priority = 0;           // higher wins where objects overlap
    std::vector<Quadric> terms; // the object is the intersection of these regions (1..4)
    int clipTo = -1;            // also intersected with this object's region (index, lower index)
    bool visible = true;        // false: only a clipping region for other objects
    uint8_t views = 3;          // bit 0 frontal, bit 1 lateral
    Box3 bounds;                // contains the object (for culling)
    // Tube segments: every point lies within capsuleRadius of the segment capsuleA-capsuleB
    // (the projector culls rays by the projected capsule, much tighter than the box).
    bool hasCapsule = false;
    Vec3 capsuleA, capsuleB;
    double capsuleRadius = 0.0;
};

// Named positions of the built anatomy (cm), used by findings and tests.
struct Landmarks {
    double thoraxHalfWidth = 14.0; // inner, at the domes
    double thoraxHalfDepth = 10.0;
    double domeZ[2] = {0, 0};      // [0] right, [1] left: top of each diaphragm dome
    double apexZ = 0;              // lung apices
    double carinaZ = 0;
    Vec3 lungCenter[2];            // ellipsoid centres, [0] right, [1] left
    Vec3 lungRadii[2];
    Vec3 hilum[2];
    Vec3 heartCenter;
    double heartLeftX = 0, heartRightX = 0; // transverse extent of the heart (cm)
    double heartTopZ = 0, heartBottomZ = 0;
    double spineY = 0;             // vertebral body centre, antero-posterior
    double sternumY = 0;
    double bodyHalfWidth = 16.0, bodyHalfDepth = 11.0;
    int lungObject[2] = {-1, -1};      // region of each lung
    int parenchymaObject[2] = {-1, -1}; // aerated lung (differs from lung with a pneumothorax)
    std::vector<std::vector<Vec3>> ribPaths[2]; // centre lines of the ribs, per side
};

struct Phantom {
    PatientParameters patient;
    Findings findings;
    Landmarks landmarks;
    std::vector<PhantomObject> objects;

    int add(PhantomObject object); // returns its index
};

// Builds the phantom of `patient` with `findings` (findings details drawn from findingSeed).
Phantom buildPhantom(const PatientParameters &patient, const Findings &findings, uint64_t findingSeed);

} // namespace radsynth::simulation
