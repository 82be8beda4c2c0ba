#pragma once
// Internal: builds a Phantom from primitives. Anatomy.cpp holds the normal anatomy,
// FindingsModel.cpp turns findings into modifiers of the anatomy and into 3D objects.
#include "Random.h"
#include "radsynth/simulation/Phantom.h"

#include <string>
#include <vector>

namespace radsynth::simulation {

// Priorities: higher wins where objects overlap.
namespace prio {
inline constexpr int Breast = 1, Body = 2, Lung = 10, Parenchyma = 11, Fissure = 12, Vessel = 14, LungFinding = 16,
                     Nodule = 18, Effusion = 19, Mediastinum = 20, Heart = 21, GreatVessel = 22, Airway = 24,
                     Abdomen = 25, GastricAir = 26, BoneCortex = 40, BoneMarrow = 41, Device = 60, DeviceLumen = 61;
}

// Attenuation at the effective energy (1/cm), CXR-FACTS.md.
namespace mu {
inline constexpr double Air = 0.0, Lung = 0.05, Fat = 0.18, Soft = 0.20, Blood = 0.21, Fluid = 0.205,
                        Cortical = 0.45, Trabecular = 0.27, Metal = 4.0, Plastic = 0.22;
}

struct FindingModifiers {
    double ctr = 0.0;              // target cardiothoracic ratio (0: the patient's own)
    double mediastinumWidth = 1.0; // scale of the superior mediastinum
    double aorticKnob = 1.0;
    double domeRaise[2] = {0, 0};  // cm, [0] right, [1] left (atelectasis, volume loss)
    double collapse[2] = {1, 1};   // pneumothorax: fraction of the lung still aerated (1 none)
    double upperVessels = 1.0;     // edema: upper-lobe diversion
    int fractureSide = -1, fractureRib = -1;
    double fracturePosition = 0.3; // along the rib (0 posterior .. 1 anterior end)
    bool fractureHealed = false;
};

class PhantomBuilder {
public:
    PhantomBuilder(Phantom &phantom, uint64_t findingSeed);
    void build();

    // Primitives (return object indices).
    int ellipsoid(const std::string &name, Structure structure, double mu, int priority, const Vec3 &center,
                  const Vec3 &radii, const Mat3 &rotation = {}, int clipTo = -1);
    std::vector<int> tube(const std::string &name, Structure structure, double mu, int priority,
                          const std::vector<Vec3> &path, double radiusUp, double radiusSide, const Vec3 &up,
                          int clipTo = -1, uint8_t views = 3);
    // A bone tube with a denser cortex around trabecular marrow.
    void boneTube(const std::string &name, const std::vector<Vec3> &path, double radiusUp, double radiusSide,
                  const Vec3 &up, double cortexMu, uint8_t views = 3);
    void boneEllipsoid(const std::string &name, const Vec3 &center, const Vec3 &radii, const Mat3 &rotation,
                       double cortexMu, double shell, uint8_t views = 3);
    static std::vector<Vec3> smooth(const std::vector<Vec3> &controlPoints, int samplesPerSpan);

private:
    // Anatomy.cpp
    void bodyAndShoulders();
    void lungs();
    Quadric taperCone(int side) const;
    double lungLateralAt(int side, double z) const;
    void mediastinumAndHeart();
    void pulmonaryVessels();
    void vesselBranch(int side, const Vec3 &start, const Vec3 &direction, double length, double radius, int depth);
    void airways();
    void spine();
    void ribs();
    void shoulderGirdle();
    void abdomen();
    void breasts();
    void measureHeart();
    // FindingsModel.cpp
    void deriveModifiers();
    void addFindingObjects();
    void effusion(int side, Severity severity);
    void pneumothoraxLine(int side);
    void airspaceDisease(const Finding &finding, double density, int blobs, bool bronchograms);
    void edema(const Finding &finding);
    void atelectasis(const Finding &finding);
    void lesion(const Finding &finding);
    void pleuralOther(const Finding &finding);
    void device(Device kind);
    int pickSide(Side side);
    Vec3 zonePoint(int side, Zone zone, double lateralFraction);

    Phantom &m_phantom;
    Landmarks &m_l;
    const PatientParameters &m_patient;
    Random m_anatomyRandom;
    Random m_findingRandom;
    FindingModifiers m_mod;
    double m_scale = 1.0;
};

} // namespace radsynth::simulation
