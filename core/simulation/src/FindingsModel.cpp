// Findings as 3D objects and anatomy modifiers (CXR-FACTS.md "How common findings look").
#include "PhantomBuilder.h"

#include <algorithm>
#include <cmath>

namespace radsynth::simulation {

namespace {
constexpr double kPi = 3.14159265358979323846;
double sideSign(int side) { return side == 0 ? -1.0 : 1.0; }
double severityScale(Severity s, double small, double moderate, double large)
{
    switch (s) {
    case Severity::Small: return small;
    case Severity::Large: return large;
    default: return moderate;
    }
}
} // namespace

int PhantomBuilder::pickSide(Side side)
{
    if (side == Side::Right)
        return 0;
    if (side == Side::Left)
        return 1;
    return m_findingRandom.chance(0.5) ? 0 : 1;
}

void PhantomBuilder::deriveModifiers()
{
    for (const Finding &f : m_phantom.findings.items) {
        switch (f.observation) {
        case Observation::Cardiomegaly:
            m_mod.ctr = severityScale(f.severity, 0.535, 0.58, 0.64) + m_findingRandom.uniform(-0.01, 0.01);
            break;
        case Observation::EnlargedCardiomediastinum:
            m_mod.mediastinumWidth = severityScale(f.severity, 1.45, 1.7, 2.0);
            m_mod.aorticKnob = severityScale(f.severity, 1.25, 1.4, 1.6);
            break;
        case Observation::Pneumothorax: {
            const double f0 = severityScale(f.severity, 0.88, 0.75, 0.55);
            if (f.side == Side::Bilateral) {
                m_mod.collapse[0] = m_mod.collapse[1] = f0;
            } else {
                m_mod.collapse[pickSide(f.side)] = f0;
            }
            break;
        }
        case Observation::Atelectasis:
            if (f.severity == Severity::Large)
                m_mod.domeRaise[pickSide(f.side)] += 1.8;
            break;
        case Observation::Edema:
            m_mod.upperVessels = 1.35;
            break;
        case Observation::Fracture:
            m_mod.fractureSide = pickSide(f.side);
            m_mod.fractureRib = m_findingRandom.integer(4, 9);
            m_mod.fracturePosition = m_findingRandom.uniform(0.3, 0.55);
            m_mod.fractureHealed = f.modifier == "healed";
            break;
        default:
            break;
        }
    }
}

Vec3 PhantomBuilder::zonePoint(int side, Zone zone, double lateralFraction)
{
    const Vec3 c = m_l.lungCenter[side], r = m_l.lungRadii[side];
    const double s = sideSign(side);
    double z;
    switch (zone) {
    case Zone::Upper: z = m_l.apexZ - 6.5 * m_scale; break;
    case Zone::Middle: z = m_l.hilum[side].z - 1.0; break;
    case Zone::Lower: z = m_l.domeZ[side] + 3.0 * m_scale; break;
    default: z = m_findingRandom.uniform(m_l.domeZ[side] + 3.0, m_l.apexZ - 6.0); break;
    }
    const double t = std::clamp((z - c.z) / r.z, -0.9, 0.95);
    const double halfWidth = r.x * std::sqrt(1 - t * t);
    const double x = c.x + s * halfWidth * (lateralFraction - 0.5) * 1.4;
    return {x, c.y + m_findingRandom.uniform(-0.3, 0.3) * r.y, z};
}

void PhantomBuilder::addFindingObjects()
{
    for (const Finding &f : m_phantom.findings.items) {
        switch (f.observation) {
        case Observation::PleuralEffusion:
            if (f.side == Side::Bilateral) {
                effusion(0, f.severity);
                effusion(1, f.severity);
            } else {
                effusion(pickSide(f.side), f.severity);
            }
            break;
        case Observation::Consolidation: airspaceDisease(f, 0.17, 3, true); break;
        case Observation::Pneumonia: airspaceDisease(f, 0.13, 7, true); break;
        case Observation::LungOpacity: airspaceDisease(f, 0.095, 6, false); break;
        case Observation::Edema: edema(f); break;
        case Observation::Atelectasis: atelectasis(f); break;
        case Observation::LungLesion: lesion(f); break;
        case Observation::PleuralOther: pleuralOther(f); break;
        case Observation::SupportDevices: device(f.device == Device::None ? Device::Pacemaker : f.device); break;
        default: break;
        }
    }
}

void PhantomBuilder::effusion(int side, Severity severity)
{
    // Fluid below a meniscus that rises laterally (and anteriorly/posteriorly on the lateral view).
    const Vec3 c = m_l.lungCenter[side];
    const double height = severityScale(severity, 2.2, 6.5, 12.0) * m_scale;
    const double cpAngle = m_l.domeZ[side] - 2.6 * m_scale;
    const double h0 = cpAngle + height * 0.55;
    const double k = severityScale(severity, 0.030, 0.028, 0.02);
    PhantomObject fluid;
    fluid.name = "pleural effusion";
    fluid.structure = Structure::Finding;
    fluid.mu = mu::Fluid;
    fluid.priority = prio::Effusion;
    fluid.terms.push_back(Quadric::belowParaboloid(c.x * 0.35, c.y + 2.5, h0, k, 1.0));
    fluid.clipTo = m_l.lungObject[side];
    fluid.bounds = m_phantom.objects[size_t(m_l.lungObject[side])].bounds;
    m_phantom.add(std::move(fluid));
}

void PhantomBuilder::pneumothoraxLine(int side)
{
    // The visceral pleura: a thin shell around the aerated lung, seen where the beam is tangent.
    const PhantomObject &aerated = m_phantom.objects[size_t(m_l.parenchymaObject[side])];
    PhantomObject line;
    line.name = "visceral pleural line";
    line.structure = Structure::Finding;
    line.mu = 0.25;
    line.priority = prio::Fissure;
    line.terms.push_back(aerated.terms[0]);
    // Inner surface ~1.2% smaller (about 1.5 mm for a collapsed lung).
    const Box3 &b = aerated.bounds;
    const Quadric inner = Quadric::ellipsoid((b.lo + b.hi) * 0.5, (b.hi - b.lo) * (0.5 * 0.988));
    line.terms.push_back(inner.complement());
    line.clipTo = m_l.lungObject[side];
    line.bounds = aerated.bounds;
    m_phantom.add(std::move(line));
}

void PhantomBuilder::airspaceDisease(const Finding &finding, double density, int blobs, bool bronchograms)
{
    std::vector<int> sides;
    if (finding.side == Side::Bilateral)
        sides = {0, 1};
    else
        sides = {pickSide(finding.side)};
    Random &r = m_findingRandom;
    const double extent = severityScale(finding.severity, 0.65, 1.0, 1.45) * m_scale;
    for (int side : sides) {
        const Zone zone = finding.zone == Zone::Any ? (r.chance(0.6) ? Zone::Lower : (r.chance(0.5) ? Zone::Middle : Zone::Upper))
                                                    : finding.zone;
        const Vec3 center = zonePoint(side, zone, r.uniform(0.45, 0.75));
        const int parenchyma = m_l.parenchymaObject[side];
        // A dense core and patchy satellites (airspace opacity is ill-defined and inhomogeneous).
        const Vec3 coreRadii{3.6 * extent, 3.8 * extent, 3.2 * extent};
        const int core = ellipsoid(toString(finding.observation), Structure::Finding, mu::Lung + density, prio::LungFinding,
                                   center, coreRadii, Mat3::rotationZ(r.uniform(-0.5, 0.5)), parenchyma);
        for (int i = 0; i < blobs; ++i) {
            const Vec3 offset{r.normal(0, 2.6 * extent), r.normal(0, 2.8 * extent), r.normal(0, 2.4 * extent)};
            const double rad = r.uniform(1.0, 2.2) * extent;
            ellipsoid(toString(finding.observation), Structure::Finding, mu::Lung + density * r.uniform(0.45, 0.85),
                      prio::LungFinding - 1, center + offset, {rad, rad * r.uniform(0.8, 1.3), rad * r.uniform(0.7, 1.2)},
                      {}, parenchyma);
        }
        if (bronchograms) {
            // Air-filled bronchi branching through the opacified lung.
            Vec3 p = m_l.hilum[side];
            const Vec3 dir = (center - p).normalized();
            for (int b = 0; b < 3; ++b) {
                const Vec3 d = (dir + Vec3{r.normal(0, 0.25), r.normal(0, 0.25), r.normal(0, 0.25)}).normalized();
                tube("air bronchogram", Structure::Finding, mu::Lung, prio::LungFinding + 1,
                     {center - d * (2.5 * extent), center + d * (2.5 * extent)}, 0.22, 0.22, {0, 0, 1}, core);
            }
        }
    }
}

void PhantomBuilder::edema(const Finding &finding)
{
    Random &r = m_findingRandom;
    const double density = severityScale(finding.severity, 0.05, 0.08, 0.11);
    for (int side = 0; side < 2; ++side) {
        const double s = sideSign(side);
        const Vec3 h = m_l.hilum[side];
        // Perihilar "bat-wing" haze.
        ellipsoid("edema", Structure::Finding, mu::Lung + density, prio::LungFinding, h + Vec3{s * 2.0, 0, -0.5},
                  {5.5 * m_scale, 6.0 * m_scale, 7.5 * m_scale}, {}, m_l.parenchymaObject[side]);
        ellipsoid("edema", Structure::Finding, mu::Lung + density * 0.5, prio::LungFinding - 1, h + Vec3{s * 3.0, 0, -2.0},
                  {8.0 * m_scale, 7.5 * m_scale, 10.0 * m_scale}, {}, m_l.parenchymaObject[side]);
        // Kerley B lines: short horizontal septal lines at the lateral lung bases.
        const Vec3 c = m_l.lungCenter[side], rr = m_l.lungRadii[side];
        for (int i = 0; i < 7; ++i) {
            const double z = m_l.domeZ[side] + r.uniform(0.0, 5.0) * m_scale;
            const double t = std::clamp((z - c.z) / rr.z, -0.9, 0.95);
            const double edge = c.x + s * rr.x * std::sqrt(1 - t * t);
            const double y = c.y + r.uniform(-0.5, 0.5) * rr.y;
            tube("Kerley B line", Structure::Finding, 0.2, prio::LungFinding + 1,
                 {{edge, y, z}, {edge - s * r.uniform(1.2, 2.0), y, z}}, 0.05, 0.5, {0, 1, 0}, m_l.parenchymaObject[side]);
        }
    }
}

void PhantomBuilder::atelectasis(const Finding &finding)
{
    Random &r = m_findingRandom;
    const int side = pickSide(finding.side == Side::Bilateral ? Side::None : finding.side);
    const int parenchyma = m_l.parenchymaObject[side];
    if (finding.severity == Severity::Large) {
        // Lower lobe collapse: a dense wedge against the spine behind the heart or the right atrium.
        const double s = sideSign(side);
        ellipsoid("lobar collapse", Structure::Finding, 0.2, prio::LungFinding, {s * 4.0, -0.55 * m_l.thoraxHalfDepth, m_l.domeZ[side] + 2.0},
                  {3.0, 3.5, 7.0}, Mat3::rotationY(-s * 0.35), parenchyma);
        return;
    }
    // Plate-like (discoid) atelectasis: thin horizontal bands at the base.
    const int bands = finding.severity == Severity::Moderate ? 2 : 1;
    for (int i = 0; i < bands; ++i) {
        const Vec3 p = zonePoint(side, finding.zone == Zone::Any ? Zone::Lower : finding.zone, r.uniform(0.35, 0.7));
        ellipsoid("plate atelectasis", Structure::Finding, 0.2, prio::LungFinding, p + Vec3{0, 0, 0.5 + i * 1.6},
                  {r.uniform(3.0, 4.5) * m_scale, 3.0 * m_scale, 0.3}, Mat3::rotationY(r.uniform(-0.2, 0.2)), parenchyma);
    }
}

void PhantomBuilder::lesion(const Finding &finding)
{
    Random &r = m_findingRandom;
    const int side = pickSide(finding.side == Side::Bilateral ? Side::None : finding.side);
    const Vec3 p = zonePoint(side, finding.zone == Zone::Any ? (r.chance(0.5) ? Zone::Upper : Zone::Middle) : finding.zone,
                             r.uniform(0.35, 0.8));
    if (finding.modifier == "calcified") {
        ellipsoid("calcified granuloma", Structure::Finding, 0.9, prio::Nodule, p, {0.35, 0.35, 0.35});
        return;
    }
    const bool mass = finding.modifier == "mass" || finding.severity == Severity::Large;
    const double radius = mass ? r.uniform(2.0, 3.2) : severityScale(finding.severity, 0.6, 1.0, 1.4);
    ellipsoid(mass ? "mass" : "nodule", Structure::Finding, 0.21, prio::Nodule, p, {radius, radius * 0.95, radius * 1.05});
    if (mass)
        for (int i = 0; i < 3; ++i) {
            const double rr = radius * r.uniform(0.5, 0.75);
            const Vec3 o{r.normal(0, radius * 0.5), r.normal(0, radius * 0.5), r.normal(0, radius * 0.5)};
            ellipsoid("mass lobule", Structure::Finding, 0.21, prio::Nodule, p + o, {rr, rr, rr}, {}, m_l.lungObject[side]);
        }
}

void PhantomBuilder::pleuralOther(const Finding &finding)
{
    Random &r = m_findingRandom;
    std::vector<int> sides = finding.side == Side::Bilateral ? std::vector<int>{0, 1} : std::vector<int>{pickSide(finding.side)};
    for (int side : sides) {
        const double s = sideSign(side);
        const Vec3 c = m_l.lungCenter[side], rr = m_l.lungRadii[side];
        if (finding.modifier == "plaque" || finding.modifier == "calcified") {
            // Calcified pleural plaques along the lateral chest wall and the dome.
            for (int i = 0; i < 4; ++i) {
                const double z = m_l.domeZ[side] + r.uniform(0.5, 12.0);
                const double t = std::clamp((z - c.z) / rr.z, -0.9, 0.95);
                const double edge = c.x + s * (rr.x * std::sqrt(1 - t * t) - 0.25);
                ellipsoid("calcified pleural plaque", Structure::Finding, 0.55, prio::Nodule,
                          {edge, c.y + r.uniform(-0.4, 0.4) * rr.y, z}, {0.25, r.uniform(1.5, 3.0), r.uniform(1.0, 2.0)});
            }
            continue;
        }
        // Pleural thickening: a rind inside the lateral chest wall.
        const double thickness = severityScale(finding.severity, 0.4, 0.7, 1.1);
        PhantomObject rind;
        rind.name = "pleural thickening";
        rind.structure = Structure::Finding;
        rind.mu = 0.2;
        rind.priority = prio::Effusion;
        rind.terms.push_back(Quadric::ellipsoid(c, {rr.x - thickness, rr.y - thickness, rr.z - thickness}).complement());
        rind.terms.push_back(Quadric::halfSpace({-s, 0, 0}, -(std::abs(c.x)) * 1.0));
        rind.terms.push_back(Quadric::halfSpace({0, 0, 1}, m_l.apexZ - 4.0));
        rind.clipTo = m_l.lungObject[side];
        rind.bounds = m_phantom.objects[size_t(m_l.lungObject[side])].bounds;
        m_phantom.add(std::move(rind));
    }
}

void PhantomBuilder::device(Device kind)
{
    const double W = m_l.thoraxHalfWidth, apex = m_l.apexZ, carina = m_l.carinaZ;
    const double heartY = m_l.heartCenter.y;
    const double svcX = -2.4 * m_scale;
    switch (kind) {
    case Device::Pacemaker: {
        const Vec3 gen{W * 0.55, m_l.bodyHalfDepth - 0.9, apex - 4.5 * m_scale};
        ellipsoid("pacemaker generator", Structure::Device, 2.2, prio::Device, gen, {2.4, 0.45, 2.0}, Mat3::rotationY(0.3));
        ellipsoid("pacemaker header", Structure::Device, 0.9, prio::Device, gen + Vec3{-1.5, 0, 1.4}, {1.0, 0.4, 0.7});
        const std::vector<Vec3> common{gen + Vec3{-1.6, 0, 1.6}, {W * 0.35, m_l.thoraxHalfDepth * 0.5, apex - 3.0},
                                       {3.0, 0.5, apex - 4.5}, {svcX, 0.0, carina - 1.0}, {svcX - 0.3, heartY - 0.5, m_l.heartCenter.z + 1.5}};
        const auto ra = smooth({common[0], common[1], common[2], common[3], common[4], {svcX - 0.6, heartY + 1.2, m_l.heartCenter.z + 3.2}}, 5);
        const Vec3 apexRV{m_l.heartLeftX > 0 ? m_l.heartLeftX - 2.5 : 5.0, heartY + 3.0, m_l.domeZ[1] + 1.5};
        const auto rv = smooth({common[0], common[1], common[2], common[3], common[4], {0.5, heartY + 2.0, m_l.heartCenter.z},
                                apexRV}, 5);
        tube("pacemaker lead", Structure::Device, mu::Metal, prio::Device, ra, 0.09, 0.09, {0, 0, 1});
        tube("pacemaker lead", Structure::Device, mu::Metal, prio::Device, rv, 0.09, 0.09, {0, 0, 1});
        break;
    }
    case Device::EndotrachealTube: {
        const double y = m_l.spineY + 3.6 * m_scale;
        const double tip = carina + m_findingRandom.uniform(3.5, 6.0);
        const std::vector<Vec3> path{{-0.2, y + 1.5, apex + 14}, {-0.25, y + 0.6, apex}, {-0.2, y + 0.35, tip}};
        tube("endotracheal tube", Structure::Device, mu::Plastic, prio::Device, path, 0.5, 0.5, {1, 0, 0});
        tube("endotracheal tube lumen", Structure::Device, mu::Air, prio::DeviceLumen, path, 0.38, 0.38, {1, 0, 0});
        std::vector<Vec3> stripe = path;
        for (auto &p : stripe)
            p = p + Vec3{0.42, 0, 0};
        tube("endotracheal tube marker", Structure::Device, 2.0, prio::DeviceLumen + 1, stripe, 0.06, 0.06, {1, 0, 0});
        break;
    }
    case Device::CentralLine: {
        const auto path = smooth({{-5.0, -1.0, apex + 9}, {-4.0, -0.5, apex + 1}, {svcX - 0.2, 0.0, apex - 3.5},
                                  {svcX, 0.0, carina - 1.0}, {svcX + 0.2, heartY - 0.6, m_l.heartTopZ - 0.5}}, 5);
        tube("central venous catheter", Structure::Device, 1.4, prio::Device, path, 0.13, 0.13, {0, 0, 1});
        break;
    }
    case Device::NasogastricTube: {
        const double y = m_l.spineY + 2.2 * m_scale;
        const auto path = smooth({{0.0, y + 1.0, apex + 14}, {0.2, y, apex}, {0.6, y, carina - 4},
                                  {1.4, y + 1.2, m_l.domeZ[1] - 1.5}, {W * 0.42, 0.3 * m_l.thoraxHalfDepth, m_l.domeZ[1] - 5.0}}, 6);
        tube("nasogastric tube", Structure::Device, 0.9, prio::Device, path, 0.22, 0.22, {0, 0, 1});
        tube("nasogastric tube lumen", Structure::Device, 0.1, prio::DeviceLumen, path, 0.14, 0.14, {0, 0, 1});
        break;
    }
    case Device::SternotomyWires: {
        const double top = apex - 5.0 * m_scale, bottom = m_l.domeZ[0] + 2.5;
        const int wires = 6;
        for (int i = 0; i < wires; ++i) {
            const double z = top - (top - bottom) * i / (wires - 1);
            std::vector<Vec3> loop;
            for (int k = 0; k <= 10; ++k) {
                const double a = 2 * kPi * k / 10;
                loop.push_back({0.55 * std::cos(a), m_l.sternumY + 0.2 + 0.3 * std::sin(a), z + 0.42 * std::sin(a)});
            }
            tube("sternotomy wire", Structure::Device, mu::Metal, prio::Device, loop, 0.07, 0.07, {0, 1, 0});
            tube("sternotomy wire twist", Structure::Device, mu::Metal, prio::Device,
                 {{0, m_l.sternumY + 0.3, z + 0.4}, {0.1, m_l.sternumY + 0.6, z + 0.9}}, 0.1, 0.1, {1, 0, 0});
        }
        break;
    }
    case Device::None:
        break;
    }
}

} // namespace radsynth::simulation
