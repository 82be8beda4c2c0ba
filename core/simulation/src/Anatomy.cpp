// The normal anatomy of the parametric thorax (CXR-FACTS.md: sizes, levels, attenuation).
#include "PhantomBuilder.h"

#include <algorithm>
#include <cmath>

namespace radsynth::simulation {

namespace {
constexpr double kPi = 3.14159265358979323846;
double sideSign(int side) { return side == 0 ? -1.0 : 1.0; }
} // namespace

int Phantom::add(PhantomObject object)
{
    objects.push_back(std::move(object));
    return int(objects.size()) - 1;
}

PhantomBuilder::PhantomBuilder(Phantom &phantom, uint64_t findingSeed)
    : m_phantom(phantom), m_l(phantom.landmarks), m_patient(phantom.patient),
      m_anatomyRandom(Random::derive(phantom.patient.seed, 11)), m_findingRandom(findingSeed)
{
}

int PhantomBuilder::ellipsoid(const std::string &name, Structure structure, double muValue, int priority,
                              const Vec3 &center, const Vec3 &radii, const Mat3 &rotation, int clipTo)
{
    PhantomObject o;
    o.name = name;
    o.structure = structure;
    o.mu = muValue;
    o.priority = priority;
    o.terms.push_back(Quadric::ellipsoid(center, radii, rotation));
    o.bounds = ellipsoidBounds(center, radii, rotation);
    o.clipTo = clipTo;
    return m_phantom.add(std::move(o));
}

std::vector<int> PhantomBuilder::tube(const std::string &name, Structure structure, double muValue, int priority,
                                      const std::vector<Vec3> &path, double radiusUp, double radiusSide,
                                      const Vec3 &up, int clipTo, uint8_t views)
{
    std::vector<int> ids;
    const double extend = std::max(radiusUp, radiusSide);
    for (size_t i = 0; i + 1 < path.size(); ++i) {
        const Vec3 a = path[i], b = path[i + 1];
        const Vec3 axis = b - a;
        if (axis.norm() < 1e-4)
            continue;
        const Vec3 w = axis.normalized();
        PhantomObject o;
        o.name = name;
        o.structure = structure;
        o.mu = muValue;
        o.priority = priority;
        o.clipTo = clipTo;
        o.views = views;
        o.terms.push_back(Quadric::cylinder(a, Mat3::frame(w, up), radiusUp, radiusSide));
        // Segments overlap a little at the joints; the union is painted once.
        const double e0 = i == 0 ? 0.0 : extend * 0.8, e1 = i + 2 == path.size() ? 0.0 : extend * 0.8;
        o.terms.push_back(Quadric::halfSpace(w * -1.0, -(w.dot(a) - e0)));
        o.terms.push_back(Quadric::halfSpace(w, w.dot(b) + e1));
        o.bounds.add(a - w * e0);
        o.bounds.add(b + w * e1);
        o.bounds.grow(extend * 1.05);
        o.hasCapsule = true;
        o.capsuleA = a - w * e0;
        o.capsuleB = b + w * e1;
        o.capsuleRadius = extend;
        ids.push_back(m_phantom.add(std::move(o)));
    }
    return ids;
}

void PhantomBuilder::boneTube(const std::string &name, const std::vector<Vec3> &path, double radiusUp,
                              double radiusSide, const Vec3 &up, double cortexMu, uint8_t views)
{
    const double density = m_patient.boneDensity;
    const std::vector<int> cortex =
        tube(name, Structure::Bone, cortexMu * density, prio::BoneCortex, path, radiusUp, radiusSide, up, -1, views);
    const double shell = std::min(0.12, 0.3 * std::min(radiusUp, radiusSide));
    const std::vector<int> marrow = tube(name + " marrow", Structure::Bone, mu::Trabecular * density, prio::BoneMarrow,
                                         path, radiusUp - shell, radiusSide - shell, up, -1, views);
    // Each marrow segment lies inside its cortex segment (same axis, smaller radii and caps): clipping
    // to it changes nothing but lets the projector skip the marrow on rays that miss the bone.
    if (marrow.size() == cortex.size())
        for (size_t i = 0; i < marrow.size(); ++i)
            m_phantom.objects[size_t(marrow[i])].clipTo = cortex[i];
}

void PhantomBuilder::boneEllipsoid(const std::string &name, const Vec3 &center, const Vec3 &radii,
                                   const Mat3 &rotation, double cortexMu, double shell, uint8_t views)
{
    const double density = m_patient.boneDensity;
    const int outer = ellipsoid(name, Structure::Bone, cortexMu * density, prio::BoneCortex, center, radii, rotation);
    m_phantom.objects[outer].views = views;
    const Vec3 inner{std::max(0.05, radii.x - shell), std::max(0.05, radii.y - shell), std::max(0.05, radii.z - shell)};
    const int marrow = ellipsoid(name + " marrow", Structure::Bone, mu::Trabecular * density, prio::BoneMarrow, center,
                                 inner, rotation, outer);
    m_phantom.objects[marrow].views = views;
}

// Catmull-Rom through the control points.
std::vector<Vec3> PhantomBuilder::smooth(const std::vector<Vec3> &p, int samplesPerSpan)
{
    if (p.size() < 3)
        return p;
    std::vector<Vec3> out;
    for (size_t i = 0; i + 1 < p.size(); ++i) {
        const Vec3 p0 = i == 0 ? p[0] : p[i - 1], p1 = p[i], p2 = p[i + 1], p3 = i + 2 < p.size() ? p[i + 2] : p[i + 1];
        for (int s = 0; s < samplesPerSpan; ++s) {
            const double t = double(s) / samplesPerSpan, t2 = t * t, t3 = t2 * t;
            out.push_back((p1 * 2.0 + (p2 - p0) * t + (p0 * 2.0 - p1 * 5.0 + p2 * 4.0 - p3) * t2 +
                           (p1 * 3.0 - p0 - p2 * 3.0 + p3) * t3) * 0.5);
        }
    }
    out.push_back(p.back());
    return out;
}

void PhantomBuilder::build()
{
    const PatientParameters &pt = m_patient;
    m_scale = pt.size * (pt.female ? 0.93 : 1.0);
    m_l.thoraxHalfWidth = 14.3 * m_scale * pt.width;
    m_l.thoraxHalfDepth = 9.6 * m_scale * pt.depth;
    m_l.bodyHalfWidth = m_l.thoraxHalfWidth + (2.8 + 1.4 * pt.fat) * m_scale;
    m_l.bodyHalfDepth = m_l.thoraxHalfDepth + (1.6 + 1.2 * pt.fat) * m_scale;
    deriveModifiers();
    const double lungHeight = 25.5 * m_scale;
    m_l.apexZ = lungHeight;
    const double domeR = (1.0 - pt.inspiration) * 10.0 * m_scale;
    m_l.domeZ[0] = domeR + m_mod.domeRaise[0];
    m_l.domeZ[1] = domeR - 1.5 * m_scale + m_mod.domeRaise[1];
    m_l.carinaZ = m_l.apexZ - 10.0 * m_scale;
    m_l.spineY = -m_l.thoraxHalfDepth + 3.2 * m_scale;
    m_l.sternumY = m_l.thoraxHalfDepth + 0.6 * m_scale;

    bodyAndShoulders();
    breasts();
    lungs();
    mediastinumAndHeart();
    pulmonaryVessels();
    airways();
    abdomen();
    spine();
    ribs();
    shoulderGirdle();
    addFindingObjects();
    measureHeart();
}

void PhantomBuilder::bodyAndShoulders()
{
    const double W = m_l.bodyHalfWidth, D = m_l.bodyHalfDepth, top = m_l.apexZ;
    PhantomObject body;
    body.name = "body";
    body.structure = Structure::Body;
    body.mu = 0.19;
    body.priority = prio::Body;
    // The transverse section of a thorax is a rounded rectangle (flat back, broad lateral walls of
    // serratus anterior, latissimus dorsi and intercostal muscle over the lateral rib arcs), not an
    // ellipse: the intersection of a wide and a deep elliptic cylinder. Beside the lungs the beam then
    // crosses a long tangential chord of chest wall, as dense as on real films (with a plain ellipse
    // the lung/soft-tissue ratio of normal frontals was 0.74..0.94 against a real median of 0.57).
    constexpr double kSquare = 1.45;
    body.terms.push_back(Quadric::cylinder({0, 0, 0}, Mat3::frame({0, 0, 1}, {1, 0, 0}), W, D * kSquare));
    body.terms.push_back(Quadric::cylinder({0, 0, 0}, Mat3::frame({0, 0, 1}, {1, 0, 0}), W * kSquare, D));
    body.terms.push_back(Quadric::ellipsoid({0, 0, -8}, {W * 1.2, D * 1.3, top + 28}));
    body.terms.push_back(Quadric::halfSpace({0, 0, 1}, top + 4));
    body.bounds.add({-W, -D, -40});
    body.bounds.add({W, D, top + 4});
    m_phantom.add(std::move(body));
    ellipsoid("neck", Structure::Body, 0.19, prio::Body, {0, -1.0, top + 8}, {6.2 * m_scale, 5.8 * m_scale, 9});
    for (int side = 0; side < 2; ++side) {
        const double s = sideSign(side);
        const int shoulder = ellipsoid("shoulder", Structure::Body, 0.19, prio::Body, {s * (W - 1.5), -1.2, top - 2.5},
                                       {7.5 * m_scale, 6.5 * m_scale, 6.0 * m_scale});
        m_phantom.objects[size_t(shoulder)].views = 1;
        // Arms hang beside the thorax on the frontal; raised out of the field on the lateral.
        const std::vector<Vec3> arm{{s * (W + 2.6), -0.5, top - 2}, {s * (W + 3.6), -0.5, top - 40}};
        tube("arm", Structure::Body, 0.19, prio::Body, arm, 4.6 * m_scale, 4.6 * m_scale, {1, 0, 0}, -1, 1);
    }
}

void PhantomBuilder::breasts()
{
    if (!m_patient.female || m_patient.breastSize <= 0.05)
        return;
    const double b = m_patient.breastSize;
    for (int side = 0; side < 2; ++side) {
        const double s = sideSign(side);
        const Vec3 c{s * m_l.thoraxHalfWidth * 0.5, m_l.bodyHalfDepth - 1.0, m_l.domeZ[0] + 4.5 * m_scale};
        const Vec3 r{3.5 + 2.4 * b, 2.0 + 2.6 * b, 3.5 + 2.2 * b};
        PhantomObject lower;
        lower.name = "breast";
        lower.structure = Structure::Breast;
        lower.mu = 0.185;
        lower.priority = prio::Breast;
        lower.terms.push_back(Quadric::ellipsoid(c, r, Mat3::rotationY(s * 0.25)));
        lower.terms.push_back(Quadric::halfSpace({0, 0, 1}, c.z));
        lower.bounds = ellipsoidBounds(c, r, Mat3::rotationY(s * 0.25));
        m_phantom.add(lower);
        // The upper half slopes gently into the chest wall.
        PhantomObject upper = lower;
        upper.terms[0] = Quadric::ellipsoid(c, {r.x, r.y, r.z * 3.0}, Mat3::rotationY(s * 0.25));
        upper.terms[1] = Quadric::halfSpace({0, 0, -1}, -c.z);
        upper.bounds = ellipsoidBounds(c, {r.x, r.y, r.z * 3.0}, Mat3::rotationY(s * 0.25));
        m_phantom.add(upper);
    }
}

// A cone around the lung axis with its tip above the apex: lungs narrow towards the apices.
Quadric PhantomBuilder::taperCone(int side) const
{
    const Vec3 c = m_l.lungCenter[side], r = m_l.lungRadii[side];
    const double tipZ = m_l.apexZ + 9.0 * m_scale;
    const double h = tipZ - (m_l.domeZ[side] - 2.0);
    const double a = r.x * 1.55, b = r.y * 1.5; // half-widths at the base
    Quadric q; // (x-cx)^2/a^2 + (y-cy)^2/b^2 - (z-tipZ)^2/h^2 < 0
    q.xx = 1 / (a * a);
    q.yy = 1 / (b * b);
    q.zz = -1 / (h * h);
    q.b = {-2 * c.x / (a * a), -2 * c.y / (b * b), 2 * tipZ / (h * h)};
    q.c = c.x * c.x / (a * a) + c.y * c.y / (b * b) - tipZ * tipZ / (h * h);
    return q;
}

double PhantomBuilder::lungLateralAt(int side, double z) const
{
    const Vec3 c = m_l.lungCenter[side], r = m_l.lungRadii[side];
    const double t = std::clamp((z - c.z) / r.z, -0.6, 0.999);
    const double ellipse = r.x * std::sqrt(1.0 - t * t);
    const double tipZ = m_l.apexZ + 9.0 * m_scale, h = tipZ - (m_l.domeZ[side] - 2.0);
    const double cone = r.x * 1.55 * std::max(0.0, tipZ - z) / h;
    return std::abs(c.x) + std::min(ellipse, cone);
}

void PhantomBuilder::lungs()
{
    const double W = m_l.thoraxHalfWidth, D = m_l.thoraxHalfDepth;
    for (int side = 0; side < 2; ++side) {
        const double s = sideSign(side);
        const double medial = 1.2 * m_scale;
        const double rx = (W - medial) * 0.5, cx = s * (W + medial) * 0.5;
        const double cz = m_l.domeZ[side] - 3.5 * m_scale;
        const Vec3 center{cx, -0.12 * D, cz};
        const Vec3 radii{rx, 0.9 * D, m_l.apexZ - cz};
        m_l.lungCenter[side] = center;
        m_l.lungRadii[side] = radii;
        (void)0;
        PhantomObject lung;
        lung.name = side == 0 ? "right lung" : "left lung";
        lung.structure = Structure::Lung;
        // A collapsed lung leaves air without lung markings in the pleural space.
        lung.mu = m_mod.collapse[side] < 1.0 ? 0.002 : mu::Lung * (1.0 + 0.08 * (1.0 - m_patient.inspiration));
        lung.priority = prio::Lung;
        lung.terms.push_back(Quadric::ellipsoid(center, radii));
        lung.terms.push_back(Quadric::halfSpace({-s, 0, 0}, -medial));
        lung.terms.push_back(taperCone(side));
        lung.bounds = ellipsoidBounds(center, radii);
        const int id = m_phantom.add(std::move(lung));
        m_l.lungObject[side] = id;
        m_l.parenchymaObject[side] = id;
        if (m_mod.collapse[side] < 1.0) {
            const double f = m_mod.collapse[side];
            const Vec3 h{cx * 0.75, -0.1 * D, m_l.carinaZ - 3.0};
            const Vec3 cc = h + (center - h) * f;
            const Vec3 cr = radii * f;
            const int aerated = ellipsoid("aerated lung", Structure::Lung, mu::Lung, prio::Parenchyma, cc, cr, {}, id);
            m_l.parenchymaObject[side] = aerated;
            pneumothoraxLine(side);
        }
        // Fissures: thin sheets of pleura, seen when the beam runs along them.
        const Vec3 obliqueNormal = Vec3{0, m_l.carinaZ - m_l.domeZ[side], 1.6 * D}.normalized();
        const double obliqueD = obliqueNormal.dot({0, -D, m_l.carinaZ + 1.0});
        if (m_anatomyRandom.chance(0.7)) {
            PhantomObject f;
            f.name = "oblique fissure";
            f.structure = Structure::Lung;
            f.mu = 0.16;
            f.priority = prio::Fissure;
            f.terms.push_back(Quadric::halfSpace(obliqueNormal, obliqueD + 0.05));
            f.terms.push_back(Quadric::halfSpace(obliqueNormal * -1.0, -(obliqueD - 0.05)));
            f.clipTo = m_l.parenchymaObject[side];
            f.bounds = m_phantom.objects[size_t(id)].bounds;
            m_phantom.add(std::move(f));
        }
        if (side == 0 && m_anatomyRandom.chance(0.6)) {
            const double z = m_l.carinaZ - 4.0 * m_scale + m_anatomyRandom.uniform(-1, 1);
            PhantomObject f;
            f.name = "minor fissure";
            f.structure = Structure::Lung;
            f.mu = 0.11;
            f.priority = prio::Fissure;
            f.terms.push_back(Quadric::halfSpace({0, 0, 1}, z + 0.05));
            f.terms.push_back(Quadric::halfSpace({0, 0, -1}, -(z - 0.05)));
            f.terms.push_back(Quadric::halfSpace(obliqueNormal * -1.0, -obliqueD));
            f.clipTo = m_l.parenchymaObject[side];
            f.bounds = m_phantom.objects[size_t(id)].bounds;
            m_phantom.add(std::move(f));
        }
    }
}

void PhantomBuilder::mediastinumAndHeart()
{
    const double W = m_l.thoraxHalfWidth, D = m_l.thoraxHalfDepth, top = m_l.apexZ + 4;
    const double med = 2.6 * m_scale * m_mod.mediastinumWidth;
    PhantomObject m;
    m.name = "mediastinum";
    m.structure = Structure::Mediastinum;
    m.mu = 0.185;
    m.priority = prio::Mediastinum;
    m.terms.push_back(Quadric::cylinder({0, -0.15 * D, 0}, Mat3::frame({0, 0, 1}, {1, 0, 0}), med, 0.8 * D));
    m.terms.push_back(Quadric::halfSpace({0, 0, 1}, top));
    m.terms.push_back(Quadric::halfSpace({0, 0, -1}, -(m_l.domeZ[1] - 2)));
    m.bounds.add({-med, -D, m_l.domeZ[1] - 2});
    m.bounds.add({med, D, top});
    m_phantom.add(std::move(m));

    // Heart: left ventricle (rotated ellipsoid) + right atrium; ~2/3 left of the midline.
    const double ctr = m_mod.ctr > 0 ? m_mod.ctr : 0.435 * m_patient.heartSize;
    const double width = ctr * 2.0 * W;
    const double k = width / 12.5;
    const double dome = m_l.domeZ[1];
    const double heartY = 0.12 * D;
    const double angle = 0.62; // long axis toward the left, down and forward
    const Mat3 rot = Mat3::rotationX(-0.35) * Mat3::rotationY(angle);
    const Vec3 lvRadii{7.4 * k, 4.7 * k, 5.2 * std::sqrt(k)};
    const double halfExtent = std::sqrt(std::pow(lvRadii.x * std::cos(angle), 2) + std::pow(lvRadii.z * std::sin(angle), 2));
    const double leftBorder = width * 0.64;
    const Vec3 lvCenter{leftBorder - halfExtent, heartY, dome + 4.1 * std::sqrt(k)};
    ellipsoid("heart", Structure::Heart, mu::Blood, prio::Heart, lvCenter, lvRadii, rot);
    const double rightBorder = -(width - leftBorder);
    const Vec3 raRadii{3.0 * k, 3.6 * k, 4.2 * std::sqrt(k)};
    const Vec3 raCenter{rightBorder + raRadii.x, heartY - 0.8, dome + 3.4 * std::sqrt(k)};
    ellipsoid("right atrium", Structure::Heart, mu::Blood, prio::Heart, raCenter, raRadii);
    ellipsoid("left atrium", Structure::Heart, mu::Blood, prio::Heart, {0.8, heartY - 3.8 * std::sqrt(k), dome + 7.0 * std::sqrt(k)},
              {3.2 * k, 2.4, 2.6});
    m_l.heartCenter = lvCenter;

    // Great vessels: SVC (right upper border), ascending aorta, arch/knob, descending aorta, pulmonary trunk.
    const double knobZ = m_l.carinaZ + 2.6 * m_scale;
    const double knob = m_mod.aorticKnob * (m_patient.ageYears > 60 ? 1.15 : 1.0);
    tube("superior vena cava", Structure::Heart, mu::Blood, prio::GreatVessel,
         {{raCenter.x + 0.6, raCenter.y, raCenter.z + 2.0}, {-med * 0.95 - 0.2, 0.2, knobZ}, {-med * 0.9, 0.0, top - 2}},
         1.1 * med / 2.6, 1.0, {1, 0, 0});
    tube("ascending aorta", Structure::Heart, mu::Blood, prio::GreatVessel,
         smooth({{0.6, heartY + 0.5, dome + 8.0}, {-0.6, heartY + 0.4, knobZ - 1}, {0.2, 0.2, knobZ + 1.2},
                 {2.2, -1.5, knobZ + 0.3}, {2.3, m_l.spineY + 2.6, knobZ - 1.5}}, 4),
         1.5 * knob, 1.5 * knob, {1, 0, 0});
    ellipsoid("aortic knob", Structure::Heart, mu::Blood, prio::GreatVessel, {med * 0.55 + 1.3, -1.5, knobZ},
              {1.7 * knob, 2.6, 1.8 * knob});
    tube("descending aorta", Structure::Heart, mu::Blood, prio::GreatVessel,
         {{2.3, m_l.spineY + 2.6, knobZ - 1.5}, {2.0, m_l.spineY + 2.4, m_l.domeZ[1] - 6}}, 1.25 * knob, 1.25 * knob, {1, 0, 0});
    const Vec3 trunk{1.9, heartY + 1.0, knobZ - 3.6};
    ellipsoid("pulmonary trunk", Structure::Heart, mu::Blood, prio::GreatVessel, trunk, {1.9, 2.0, 2.0});
    for (int side = 0; side < 2; ++side) {
        const double s = sideSign(side);
        const Vec3 hilum{s * (m_l.thoraxHalfWidth * 0.36), -0.8, m_l.carinaZ - (side == 0 ? 3.6 : 2.2) * m_scale};
        m_l.hilum[side] = hilum;
        tube("pulmonary artery", Structure::Vessel, mu::Blood, prio::GreatVessel,
             {trunk, {s * 2.2 + trunk.x * 0.3, -0.4, trunk.z + 0.3}, hilum}, 1.0, 0.95, {0, 0, 1});
        ellipsoid("hilum", Structure::Vessel, 0.16, prio::Vessel, hilum, {0.9, 1.3, 1.6}, {}, m_l.lungObject[side]);
    }
}

void PhantomBuilder::pulmonaryVessels()
{
    for (int side = 0; side < 2; ++side) {
        const double s = sideSign(side);
        const Vec3 h = m_l.hilum[side];
        // Lobar arteries/veins fan out from the hilum; lower-zone vessels are larger (upright).
        const struct { double dx, dy, dz, len, r; } roots[] = {
            {0.35, 0.1, 1.0, 4.0, 0.34 * m_mod.upperVessels},  {0.8, 0.35, 0.55, 3.6, 0.30 * m_mod.upperVessels},
            {1.0, -0.3, 0.05, 3.6, 0.34}, {0.7, 0.45, -0.6, 3.8, 0.38}, {0.55, -0.55, -0.85, 4.2, 0.42},
            {0.15, 0.2, -1.0, 4.0, 0.36}};
        for (const auto &root : roots)
            vesselBranch(side, h, Vec3{s * root.dx, root.dy, root.dz}.normalized(), root.len * m_scale, root.r, 0);
    }
}

void PhantomBuilder::vesselBranch(int side, const Vec3 &start, const Vec3 &direction, double length, double radius, int depth)
{
    const Quadric &lung = m_phantom.objects[size_t(m_l.lungObject[side])].terms[0];
    const Vec3 end = start + direction * length;
    if (radius < 0.06 || depth > 5 || lung.value(end) > 0.05)
        return;
    tube("vessel", Structure::Vessel, mu::Blood, prio::Vessel, {start, end}, radius, radius, {0, 0, 1},
         m_l.parenchymaObject[side]);
    Random &r = m_anatomyRandom;
    const Vec3 any = std::abs(direction.z) < 0.9 ? Vec3{0, 0, 1} : Vec3{1, 0, 0};
    const Vec3 n1 = direction.cross(any).normalized(), n2 = direction.cross(n1).normalized();
    const double phase = r.uniform(0, 2 * kPi);
    for (int child = 0; child < 2; ++child) {
        const double spread = r.uniform(0.35, 0.6);
        const double a = phase + child * kPi;
        const Vec3 d = (direction + (n1 * std::cos(a) + n2 * std::sin(a)) * spread).normalized();
        vesselBranch(side, end, d, length * r.uniform(0.68, 0.85), radius * r.uniform(0.66, 0.76), depth + 1);
    }
}

void PhantomBuilder::airways()
{
    const double y = m_l.spineY + 3.6 * m_scale;
    const Vec3 carina{0.0, y, m_l.carinaZ};
    tube("trachea", Structure::Airway, mu::Air, prio::Airway, {{-0.2, y + 0.6, m_l.apexZ + 10}, {-0.3, y + 0.3, m_l.apexZ}, carina},
         0.85 * m_scale, 0.8 * m_scale, {1, 0, 0});
    const Vec3 rightMain = carina + Vec3{-std::sin(0.45), -0.1, -std::cos(0.45)} * (2.6 * m_scale);
    const Vec3 leftMain = carina + Vec3{std::sin(0.75), -0.2, -std::cos(0.75)} * (5.0 * m_scale);
    tube("right main bronchus", Structure::Airway, mu::Air, prio::Airway, {carina, rightMain}, 0.65 * m_scale, 0.62 * m_scale, {0, 1, 0});
    tube("left main bronchus", Structure::Airway, mu::Air, prio::Airway, {carina, leftMain}, 0.58 * m_scale, 0.55 * m_scale, {0, 1, 0});
    tube("bronchus intermedius", Structure::Airway, mu::Air, prio::Airway, {rightMain, rightMain + Vec3{-0.6, -0.2, -2.5}},
         0.45, 0.45, {0, 1, 0});
    tube("right upper lobe bronchus", Structure::Airway, mu::Air, prio::Airway, {rightMain, rightMain + Vec3{-1.8, 0, 0.5}},
         0.35, 0.35, {0, 0, 1});
}

void PhantomBuilder::abdomen()
{
    const double W = m_l.thoraxHalfWidth, D = m_l.thoraxHalfDepth;
    for (int side = 0; side < 2; ++side) {
        const double s = sideSign(side);
        const double rz = 9.0 * m_scale;
        ellipsoid(side == 0 ? "liver" : "left upper abdomen", Structure::Abdomen, 0.205, prio::Abdomen,
                  {s * 3.5, 0.15 * D, m_l.domeZ[side] - rz}, {W + 1.0, 1.2 * D, rz});
    }
    // Gastric bubble: air above the fluid level under the left dome.
    const Vec3 c{W * 0.42, 0.25 * D, m_l.domeZ[1] - 2.6 * m_scale};
    PhantomObject g;
    g.name = "gastric bubble";
    g.structure = Structure::Abdomen;
    g.mu = mu::Air;
    g.priority = prio::GastricAir;
    const Vec3 r{3.4 * m_anatomyRandom.uniform(0.6, 1.2), 2.8, 2.2 * m_anatomyRandom.uniform(0.6, 1.1)};
    g.terms.push_back(Quadric::ellipsoid(c, r));
    g.terms.push_back(Quadric::halfSpace({0, 0, -1}, -(c.z - 0.4)));
    g.bounds = ellipsoidBounds(c, r);
    m_phantom.add(std::move(g));
}

void PhantomBuilder::spine()
{
    double z = m_l.apexZ + 6.0 * m_scale; // top of C6
    for (int level = -2; level <= 13; ++level) {
        const double h = (2.0 + 0.045 * level) * m_scale, disc = 0.55 * m_scale;
        const double zc = z - h / 2;
        const double rx = (1.9 + 0.06 * std::max(0, level)) * m_scale, ry = (1.5 + 0.045 * std::max(0, level)) * m_scale;
        const Vec3 c{0, m_l.spineY, zc};
        for (int layer = 0; layer < 2; ++layer) {
            const double shrink = layer == 0 ? 0.0 : 0.22;
            PhantomObject v;
            v.name = "vertebral body";
            v.structure = Structure::Bone;
            v.mu = (layer == 0 ? 0.34 : 0.22) * m_patient.boneDensity;
            v.priority = layer == 0 ? prio::BoneCortex : prio::BoneMarrow;
            v.terms.push_back(Quadric::cylinder(c, Mat3::frame({0, 0, 1}, {1, 0, 0}), rx - shrink, ry - shrink));
            v.terms.push_back(Quadric::halfSpace({0, 0, 1}, z - shrink));
            v.terms.push_back(Quadric::halfSpace({0, 0, -1}, -(z - h + shrink)));
            v.bounds.add({-rx, m_l.spineY - ry, z - h});
            v.bounds.add({rx, m_l.spineY + ry, z});
            m_phantom.add(std::move(v));
        }
        for (int side = 0; side < 2; ++side) {
            const double s = sideSign(side);
            boneEllipsoid("pedicle", {s * rx * 0.72, m_l.spineY - ry - 0.6, zc + 0.2}, {0.42, 0.9, 0.62}, {}, 0.36, 0.15);
            boneEllipsoid("transverse process", {s * (rx + 1.0), m_l.spineY - ry - 1.4, zc + 0.3}, {1.4, 0.5, 0.45},
                          Mat3::rotationZ(s * 0.3), 0.45, 0.12);
        }
        boneEllipsoid("spinous process", {0, m_l.spineY - ry - 2.6, zc - 0.9}, {0.4, 1.8, 0.55}, Mat3::rotationX(-0.5), 0.45, 0.12);
        z -= h + disc;
    }
}

void PhantomBuilder::ribs()
{
    const double D = m_l.thoraxHalfDepth;
    double z = m_l.apexZ + 1.0 * m_scale; // T1 articulation
    for (int rib = 1; rib <= 12; ++rib) {
        const double level = (2.0 + 0.045 * (rib - 1)) * m_scale + 0.55 * m_scale;
        for (int side = 0; side < 2; ++side) {
            const double s = sideSign(side);
            auto lateralAt = [&](double zz) { return lungLateralAt(side, zz); };
            const double reach = std::max(lateralAt(z - 2.0) + 0.9 * m_scale, 5.5 * m_scale);
            const double thetaMax = rib <= 7 ? 0.86 * kPi - (rib == 1 ? -0.06 * kPi : 0.0) : (rib <= 10 ? 0.8 * kPi - (rib - 7) * 0.09 * kPi : 0.45 * kPi - (rib - 11) * 0.12 * kPi);
            const double x0 = 2.6 * m_scale;
            const double postY = -D - 0.7 * m_scale, antY = D + 0.4 * m_scale;
            const double yc = 0.5 * (postY + antY), bPost = yc - postY, bAnt = antY - yc;
            const double drop = (rib == 1 ? 4.5 : 6.5 + 0.2 * rib) * m_scale;
            std::vector<Vec3> path;
            const int n = 14;
            for (int i = 0; i <= n; ++i) {
                const double th = thetaMax * i / n;
                const double x = s * (x0 + (reach - x0) * std::sin(std::min(th, kPi)) + (th > kPi / 2 ? 0 : 0));
                const double y = yc - (th < kPi / 2 ? bPost : bAnt) * std::cos(th);
                double dz = 2.6 * m_scale * std::pow(std::min(th, kPi / 2) / (kPi / 2), 1.6);
                if (th > kPi / 2)
                    dz += drop * std::pow((th - kPi / 2) / (kPi / 2), 1.25);
                path.push_back({x, y, z - dz});
            }
            m_l.ribPaths[side].push_back(path);
            const bool fractured = m_mod.fractureSide == side && m_mod.fractureRib == rib;
            const double ru = (rib == 1 ? 0.45 : 0.55) * m_scale, rv = 0.28 * m_scale;
            if (!fractured) {
                // Posterior arcs are thicker and denser than the anterior arcs.
                const size_t split = size_t(std::min(double(n), std::ceil(n * 0.56 * kPi / thetaMax)));
                std::vector<Vec3> posterior(path.begin(), path.begin() + long(split) + 1);
                boneTube("rib", posterior, ru, rv, {0, 0, 1}, mu::Cortical);
                if (split < size_t(n)) {
                    std::vector<Vec3> anterior(path.begin() + long(split), path.end());
                    boneTube("anterior rib", anterior, ru * 1.05, rv * 0.75, {0, 0, 1}, mu::Cortical * 0.7);
                }
                continue;
            }
            // Cortical break with a small step; callus when healed.
            const size_t k = std::clamp<size_t>(size_t(m_mod.fracturePosition * n), 2, n - 3);
            std::vector<Vec3> a(path.begin(), path.begin() + long(k) + 1), b(path.begin() + long(k), path.end());
            const Vec3 dir = (path[k + 1] - path[k - 1]).normalized();
            a.back() = a.back() - dir * 0.12;
            for (auto &p : b)
                p = p + dir * 0.12 + Vec3{0, 0, -0.3 * m_scale};
            boneTube("rib", a, ru, rv, {0, 0, 1}, mu::Cortical);
            boneTube("rib (fractured)", b, ru, rv, {0, 0, 1}, mu::Cortical);
            if (m_mod.fractureHealed)
                boneEllipsoid("callus", path[k] + Vec3{0, 0, -0.15}, {1.1, 0.9, 0.9}, Mat3::frame(dir, {0, 0, 1}), 0.38, 0.2);
        }
        z -= level;
    }
}

void PhantomBuilder::shoulderGirdle()
{
    const double W = m_l.thoraxHalfWidth, D = m_l.thoraxHalfDepth, apex = m_l.apexZ;
    const double sternumTop = m_l.apexZ - 4.5 * m_scale;
    // Sternum: manubrium and body, in the midline anteriorly.
    boneEllipsoid("manubrium", {0, m_l.sternumY, sternumTop - 2.2}, {2.6 * m_scale, 0.65, 2.6 * m_scale}, {}, 0.38, 0.15);
    const double bodyBottom = m_l.domeZ[0] + 1.0;
    boneEllipsoid("sternum", {0, m_l.sternumY + 0.3, 0.5 * (sternumTop - 4.4 + bodyBottom)},
                  {1.6 * m_scale, 0.6, 0.5 * (sternumTop - 4.4 - bodyBottom)}, Mat3::rotationX(0.12), 0.38, 0.15);
    for (int side = 0; side < 2; ++side) {
        const double s = sideSign(side);
        const std::vector<Vec3> clavicle = smooth({{s * 2.4, m_l.sternumY - 0.3, sternumTop - 0.3},
                                                   {s * 6.0, D * 0.75, apex - 3.0 * m_scale},
                                                   {s * (W * 0.72), D * 0.35, apex - 1.6 * m_scale},
                                                   {s * (W + 2.6), -1.8, apex + 0.4 * m_scale}}, 4);
        boneTube("clavicle", clavicle, 0.72 * m_scale, 0.62 * m_scale, {0, 0, 1}, 0.5);
        // Scapula: a thin plate behind the upper thorax, rotated mostly off the lung.
        const Vec3 sc{s * (W + 1.6), -D - 1.2, apex - 8.0 * m_scale};
        boneEllipsoid("scapula", sc, {4.6 * m_scale, 0.45, 7.6 * m_scale}, Mat3::rotationZ(s * 0.35) * Mat3::rotationY(-s * 0.18), 0.42, 0.12);
        boneTube("scapular spine", {{s * (W - 1.5), -D - 1.4, apex - 3.0}, {s * (W + 3.5), -1.8 - D * 0.5, apex + 0.2}}, 0.6, 0.5, {0, 0, 1}, 0.45);
        // Humeral head and shaft (frontal only: the arms are raised for the lateral).
        boneEllipsoid("humeral head", {s * (W + 5.0), -1.0, apex - 2.0}, {2.5 * m_scale, 2.5 * m_scale, 2.7 * m_scale}, {}, 0.5, 0.18, 1);
        boneTube("humerus", {{s * (W + 5.6), -1.0, apex - 3.0}, {s * (W + 6.4), -0.8, apex - 40}}, 1.2, 1.2, {1, 0, 0}, 0.6, 1);
    }
}

void PhantomBuilder::measureHeart()
{
    // Extent of the heart above the diaphragm, sampled on a grid (for tests and reports).
    double lo = 1e9, hi = -1e9, top = -1e9, bottom = 1e9;
    for (const auto &o : m_phantom.objects) {
        if (o.structure != Structure::Heart || (o.name.find("atri") == std::string::npos && o.name != "heart"))
            continue;
        const Box3 &b = o.bounds;
        for (double x = b.lo.x; x <= b.hi.x; x += 0.1)
            for (double z = b.lo.z; z <= b.hi.z; z += 0.1)
                for (double y = b.lo.y; y <= b.hi.y; y += 0.25) {
                    if (o.terms[0].value({x, y, z}) >= 0)
                        continue;
                    const int side = x < 0 ? 0 : 1;
                    const double rz = 9.0 * m_scale;
                    const double dx = (x - (side == 0 ? -3.5 : 3.5)) / (m_l.thoraxHalfWidth + 1.0);
                    const double dy = (y - 0.15 * m_l.thoraxHalfDepth) / (1.2 * m_l.thoraxHalfDepth);
                    const double domeSurface = m_l.domeZ[side] - rz + rz * std::sqrt(std::max(0.0, 1 - dx * dx - dy * dy));
                    if (z < domeSurface)
                        continue;
                    lo = std::min(lo, x);
                    hi = std::max(hi, x);
                    top = std::max(top, z);
                    bottom = std::min(bottom, z);
                    break; // the extent depends on (x, z) only
                }
    }
    m_l.heartRightX = lo;
    m_l.heartLeftX = hi;
    m_l.heartTopZ = top;
    m_l.heartBottomZ = bottom;
}

Phantom buildPhantom(const PatientParameters &patient, const Findings &findings, uint64_t findingSeed)
{
    Phantom phantom;
    phantom.patient = patient;
    phantom.findings = findings;
    PhantomBuilder builder(phantom, findingSeed);
    builder.build();
    return phantom;
}

} // namespace radsynth::simulation
