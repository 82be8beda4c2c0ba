// One case of the CT engine: a virtual patient made from a prepared real CT (deformation,
// positioning), findings written into the volume as changes of attenuation, polyenergetic
// cone-beam projection of the PA and left lateral views (water/bone material split, an
// energy-binned 110-125 kVp spectrum), devices and the lead marker, then the detector.
#include "Random.h"
#include "radsynth/simulation/CtEngine.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <mutex>

namespace radsynth::simulation {

namespace {

constexpr double kVoxelCm = 0.2;
constexpr double kSidCm = 180.0, kFieldCm = 43.0;
constexpr double kPi = 3.14159265358979323846;

// ---- polyenergetic attenuation ------------------------------------------------------------
// Mass attenuation coefficients (cm^2/g, NIST XCOM): water, cortical bone (ICRU-44), aluminium.
struct Attenuation { double keV, water, bone, aluminium; };
constexpr Attenuation kTable[] = {
    {15, 1.672, 9.032, 7.955}, {20, 0.8096, 4.001, 3.441}, {30, 0.3756, 1.331, 1.128}, {40, 0.2683, 0.6655, 0.5685},
    {50, 0.2269, 0.4242, 0.3681}, {60, 0.2059, 0.3148, 0.2778}, {80, 0.1837, 0.2229, 0.2018}, {100, 0.1707, 0.1855, 0.1704},
    {150, 0.1505, 0.1480, 0.1378},
};

Attenuation attenuationAt(double keV)
{
    const size_t n = sizeof kTable / sizeof kTable[0];
    size_t i = 0;
    while (i + 2 < n && kTable[i + 1].keV < keV)
        ++i;
    const Attenuation &a = kTable[i], &b = kTable[i + 1];
    const double t = std::log(keV / a.keV) / std::log(b.keV / a.keV); // log-log interpolation
    auto lerp = [t](double x, double y) { return std::exp(std::log(x) + t * (std::log(y) - std::log(x))); };
    return {keV, lerp(a.water, b.water), lerp(a.bone, b.bone), lerp(a.aluminium, b.aluminium)};
}

// -ln(detected energy fraction) as a function of the water- and bone-equivalent mass along a ray
// (g/cm^2), for a tungsten spectrum (Kramers) filtered by 3.5 mm Al, on an energy-integrating detector.
class Polyenergetic {
public:
    static constexpr int kWaterBins = 241, kBoneBins = 161;
    static constexpr double kWaterStep = 0.25, kBoneStep = 0.1; // up to 60 g/cm^2 water, 16 bone

    explicit Polyenergetic(int kvp)
    {
        std::vector<double> weight, muW, muB;
        for (double e = 15.0; e < kvp; e += 2.5) {
            const Attenuation a = attenuationAt(e + 1.25);
            const double photons = (kvp - e - 1.25) / (e + 1.25) * std::exp(-a.aluminium * 2.699 * 0.35);
            weight.push_back(photons * (e + 1.25)); // energy-integrating
            muW.push_back(a.water);
            muB.push_back(a.bone);
        }
        double total = 0;
        for (double w : weight) total += w;
        m_table.resize(size_t(kWaterBins) * kBoneBins);
        for (int b = 0; b < kBoneBins; ++b)
            for (int w = 0; w < kWaterBins; ++w) {
                double s = 0;
                for (size_t e = 0; e < weight.size(); ++e)
                    s += weight[e] * std::exp(-muW[e] * w * kWaterStep - muB[e] * b * kBoneStep);
                m_table[size_t(b) * kWaterBins + size_t(w)] = float(-std::log(std::max(1e-30, s / total)));
            }
    }
    float operator()(float water, float bone) const
    {
        const float fw = std::clamp(water / float(kWaterStep), 0.0f, float(kWaterBins - 1.001));
        const float fb = std::clamp(bone / float(kBoneStep), 0.0f, float(kBoneBins - 1.001));
        const int w = int(fw), b = int(fb);
        const float tw = fw - w, tb = fb - b;
        const float *r0 = m_table.data() + size_t(b) * kWaterBins, *r1 = r0 + kWaterBins;
        return (1 - tb) * ((1 - tw) * r0[w] + tw * r0[w + 1]) + tb * ((1 - tw) * r1[w] + tw * r1[w + 1]);
    }
    static const Polyenergetic &forKvp(int kvp)
    {
        static std::mutex mutex;
        static std::map<int, std::unique_ptr<Polyenergetic>> cache;
        std::lock_guard<std::mutex> lock(mutex);
        auto &slot = cache[kvp];
        if (!slot)
            slot = std::make_unique<Polyenergetic>(kvp);
        return *slot;
    }

private:
    std::vector<float> m_table;
};

// ---- deterministic smooth noise (value noise on a lattice) --------------------------------
double hashUnit(int64_t x, int64_t y, int64_t z, uint64_t seed)
{
    uint64_t h = seed ^ (uint64_t(x) * 0x9E3779B97F4A7C15ull) ^ (uint64_t(y) * 0xC2B2AE3D27D4EB4Full) ^ (uint64_t(z) * 0x165667B19E3779F9ull);
    h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ull;
    h = (h ^ (h >> 27)) * 0x94D049BB133111EBull;
    h ^= h >> 31;
    return double(h >> 11) * (1.0 / 9007199254740992.0);
}
double smoothNoise(double x, double y, double z, uint64_t seed) // lattice units; 0..1
{
    const double fx = std::floor(x), fy = std::floor(y), fz = std::floor(z);
    const double tx = x - fx, ty = y - fy, tz = z - fz;
    const double sx = tx * tx * (3 - 2 * tx), sy = ty * ty * (3 - 2 * ty), sz = tz * tz * (3 - 2 * tz);
    double v = 0;
    for (int c = 0; c < 8; ++c) {
        const int dx = c & 1, dy = (c >> 1) & 1, dz = c >> 2;
        v += (dx ? sx : 1 - sx) * (dy ? sy : 1 - sy) * (dz ? sz : 1 - sz) *
             hashUnit(int64_t(fx) + dx, int64_t(fy) + dy, int64_t(fz) + dz, seed);
    }
    return v;
}

// ---- the virtual patient's geometry ------------------------------------------------------
struct Point { double x, y, z; }; // cm in the prepared volume's frame (x left, y posterior, z superior)

struct CaseGeometry {
    double cx = 0, cy = 0, cz = 0;    // pivot: midline, lungs' AP centre, apex
    double sx = 1, sy = 1, sz = 1;    // habitus: thorax width, depth, height
    double rotation = 0, lateralRotation = 0, tilt = 0; // radians (small: applied as shears)
    double shiftX = 0, shiftZ = 0;    // positioning on the detector (cm)
    double detectorZ = 0;             // height of the detector centre (deformed frame)
    double paDetectorY = 0;           // PA: detector plane in front of the chest
    double lateralDetectorX = 0;      // lateral: detector plane at the left side
    int size = 256;
    double pixelCm = kFieldCm / 256;

    // Deformed (virtual patient) position of an original point, per view.
    Point deformFrontal(const Point &p) const
    {
        return {cx + sx * (p.x - cx + rotation * (p.y - cy)), cy + sy * (p.y - cy), cz + sz * (p.z - cz + tilt * (p.y - cy))};
    }
    Point deformLateral(const Point &p) const
    {
        return {cx + sx * (p.x - cx), cy + sy * (p.y - cy - lateralRotation * (p.x - cx)), cz + sz * (p.z - cz)};
    }
    // Detector pixel (u, v) and magnification of an original point.
    void toDetector(View view, const Point &p, double &u, double &v, double &m) const
    {
        if (view == View::Frontal) {
            const Point d = deformFrontal(p);
            m = kSidCm / (paDetectorY + kSidCm - d.y);
            u = (d.x - cx - shiftX) * m / pixelCm + size / 2.0 - 0.5;
            v = -(d.z - detectorZ) * m / pixelCm + size / 2.0 - 0.5;
        } else {
            const Point d = deformLateral(p);
            m = kSidCm / (d.x - (lateralDetectorX - kSidCm));
            u = (d.y - cy) * m / pixelCm + size / 2.0 - 0.5;
            v = -(d.z - detectorZ) * m / pixelCm + size / 2.0 - 0.5;
        }
    }
};

// A two-channel volume laid out for projection along one axis: `slices` slabs along the ray, each
// `cols` x `rows` (rows run upwards in z), stored [row][slab][col]. A slab sums `slab` voxels along
// the ray: the cone-beam magnification changes by under a third of a pixel across it.
struct Slabs {
    int cols = 0, rows = 0, slices = 0, slab = 1;
    double voxelCm = kVoxelCm;
    std::vector<cv::Vec2f> data;
    void reset(int c, int r, int depth, int s, double voxel)
    {
        cols = c;
        rows = r;
        slab = s;
        slices = (depth + s - 1) / s;
        voxelCm = voxel;
        data.assign(size_t(cols) * size_t(rows) * size_t(slices), cv::Vec2f(0, 0));
    }
    cv::Vec2f &at(int row, int depth, int col) { return data[(size_t(row) * size_t(slices) + size_t(depth / slab)) * size_t(cols) + size_t(col)]; }
};

int slabFor(int detector)
{
    // Magnification error at the field edge: slab * voxel / 2 / 170 cm * detector / 2 pixels.
    return std::clamp(int(0.3 / (kVoxelCm / 2.0 / 170.0 * detector / 2.0)), 1, 4);
}

// Resamples every slab onto the detector with the cone-beam magnification of its depth and sums
// them (shear-warp projection). PA: slabs along y (posterior to anterior); lateral: along x.
cv::Mat projectVolume(const Slabs &volume, View view, const CaseGeometry &g, int detector, double pixelCm)
{
    cv::Mat sum = cv::Mat::zeros(detector, detector, CV_32FC2), warped;
    const size_t rowStep = size_t(volume.cols) * size_t(volume.slices) * sizeof(cv::Vec2f);
    const double half = detector / 2.0, voxelCm = volume.voxelCm;
    for (int s = 0; s < volume.slices; ++s) {
        const double depth = (s * volume.slab + (volume.slab - 1) / 2.0) * voxelCm; // the slab's centre
        double a, b, c, d, weight;
        if (view == View::Frontal) {
            const double yd = g.cy + g.sy * (depth - g.cy);
            const double m = kSidCm / (g.paDetectorY + kSidCm - yd);
            // col(u) = x / voxel, x = cx + ((cx + shiftX + X/m) - cx)/sx - rotation (y - cy)
            a = pixelCm / (m * g.sx * voxelCm);
            b = (g.cx + (g.shiftX + (0.5 - half) * pixelCm / m) / g.sx - g.rotation * (depth - g.cy)) / voxelCm;
            c = -pixelCm / (m * g.sz * voxelCm);
            d = (g.cz + (g.detectorZ - g.cz + (half - 0.5) * pixelCm / m) / g.sz - g.tilt * (depth - g.cy)) / voxelCm;
            weight = voxelCm * g.sy;
        } else {
            const double xd = g.cx + g.sx * (depth - g.cx);
            const double m = kSidCm / (xd - (g.lateralDetectorX - kSidCm));
            a = pixelCm / (m * g.sy * voxelCm);
            b = (g.cy + ((0.5 - half) * pixelCm / m) / g.sy + g.lateralRotation * (depth - g.cx)) / voxelCm;
            c = -pixelCm / (m * g.sz * voxelCm);
            d = (g.cz + (g.detectorZ - g.cz + (half - 0.5) * pixelCm / m) / g.sz) / voxelCm;
            weight = voxelCm * g.sx;
        }
        const cv::Vec2f *base = volume.data.data() + size_t(s) * size_t(volume.cols);
        const cv::Mat slice(volume.rows, volume.cols, CV_32FC2, const_cast<cv::Vec2f *>(base), rowStep);
        // The affine maps detector pixels to slice pixels (x or y across, z up).
        const cv::Matx23d map(a, 0, b, 0, c, d);
        cv::warpAffine(slice, warped, map, sum.size(), cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv::BORDER_CONSTANT);
        cv::scaleAdd(warped, weight, sum, sum);
    }
    return sum;
}

// ---- devices: thin radiopaque paths and metal objects, splatted into the bone-equivalent map --
struct DeviceSample { Point p; double mass; }; // g of bone-equivalent material

void addPath(std::vector<DeviceSample> &out, const std::vector<Point> &path, double radiusCm, double density)
{
    for (size_t s = 1; s < path.size(); ++s) {
        const Point &a = path[s - 1], &b = path[s];
        const double length = std::sqrt((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y) + (b.z - a.z) * (b.z - a.z));
        const int steps = std::max(1, int(length / 0.04));
        for (int t = 0; t < steps; ++t) {
            const double f = (t + 0.5) / steps;
            out.push_back({{a.x + f * (b.x - a.x), a.y + f * (b.y - a.y), a.z + f * (b.z - a.z)},
                           density * kPi * radiusCm * radiusCm * length / steps});
        }
    }
}

// Catmull-Rom through control points: smooth catheter and tube courses.
std::vector<Point> smoothPath(const std::vector<Point> &control)
{
    std::vector<Point> out;
    for (size_t i = 0; i + 1 < control.size(); ++i) {
        const Point &p0 = control[i ? i - 1 : 0], &p1 = control[i], &p2 = control[i + 1], &p3 = control[std::min(control.size() - 1, i + 2)];
        for (int s = 0; s < 12; ++s) {
            const double t = s / 12.0, t2 = t * t, t3 = t2 * t;
            auto cr = [&](double a, double b, double c, double d) {
                return 0.5 * (2 * b + (-a + c) * t + (2 * a - 5 * b + 4 * c - d) * t2 + (-a + 3 * b - 3 * c + d) * t3);
            };
            out.push_back({cr(p0.x, p1.x, p2.x, p3.x), cr(p0.y, p1.y, p2.y, p3.y), cr(p0.z, p1.z, p2.z, p3.z)});
        }
    }
    out.push_back(control.back());
    return out;
}

std::vector<DeviceSample> deviceSamples(Device device, const CtLandmarks &l, Random &r)
{
    std::vector<DeviceSample> out;
    const double mid = l.midlineX / 10, tx = l.tracheaX[0] / 10, ty = l.tracheaX[1] / 10;
    const double apex = l.apexZ / 10, carina = l.carinaZ / 10, front = l.anteriorY / 10;
    const double top = apex + 6.5;
    switch (device) {
    case Device::EndotrachealTube: {
        const double tip = carina + r.uniform(3.0, 6.0);
        std::vector<Point> path{{tx, ty - 0.3, top}, {tx, ty, (top + tip) / 2}, {tx + r.uniform(-0.2, 0.2), ty, tip}};
        addPath(out, smoothPath(path), 0.06, 16.0); // the radiopaque (barium) stripe
        addPath(out, smoothPath(path), 0.35, 0.15); // the plastic tube
        break;
    }
    case Device::NasogastricTube: {
        const double ex = tx + 0.4, ey = ty + 1.6; // oesophagus: behind the trachea, slightly left
        std::vector<Point> path{{ex, ey, top}, {ex + 0.2, ey + 0.3, carina}, {ex + 1.0, ey - 0.5, l.domeZ[1] / 10 + 0.5},
                                {mid + 4.0, l.lungCenterY / 10 - 1.0, l.domeZ[1] / 10 - 3.0},
                                {mid + 6.0 + r.uniform(-1, 1), l.lungCenterY / 10 - 2.0, l.domeZ[1] / 10 - 5.5}};
        addPath(out, smoothPath(path), 0.06, 14.0);
        addPath(out, smoothPath(path), 0.25, 0.15);
        break;
    }
    case Device::CentralLine: {
        const bool right = r.chance(0.75);
        const double side = right ? -1 : 1;
        std::vector<Point> path{{mid + side * 3.5, ty - 0.5, top}, {mid + side * 3.0, ty - 0.3, apex - 1.0},
                                {mid + side * (right ? 2.2 : 3.5), ty - 0.5, carina + 1.5},
                                {mid - 2.0, ty - 0.8, carina - r.uniform(0.5, 3.5)}};
        if (!right)
            path.insert(path.begin() + 3, Point{mid - 0.5, ty - 1.2, carina + 1.0}); // across the brachiocephalic vein
        addPath(out, smoothPath(path), 0.07, 10.0);
        break;
    }
    case Device::Pacemaker: {
        // Generator: a titanium can in the left infraclavicular pocket; leads down the subclavian
        // vein and SVC to the right atrium and the right ventricular apex.
        const Point can{mid + r.uniform(6.5, 8.5), front + 0.7, apex - r.uniform(1.0, 3.0)};
        for (double dx = -2.4; dx <= 2.4; dx += 0.1)
            for (double dz = -2.0; dz <= 2.0; dz += 0.1)
                for (double dy = -0.35; dy <= 0.35; dy += 0.1) {
                    const double edge = std::pow(std::fabs(dx) / 2.4, 4) + std::pow(std::fabs(dz) / 2.0, 4);
                    if (edge <= 1.0)
                        out.push_back({{can.x + dx, can.y + dy, can.z + dz}, 9.0 * 0.001});
                }
        const double heartX = l.heartCenter[0] / 10, heartY = l.heartCenter[1] / 10, heartZ = l.heartCenter[2] / 10;
        const std::vector<Point> common{{can.x - 1.5, can.y + 0.5, can.z + 1.0}, {mid + 4.0, ty - 1.0, apex - 1.5},
                                        {mid - 1.0, ty - 1.2, carina + 1.0}, {mid - 2.0, ty - 0.8, carina - 2.5}};
        std::vector<Point> ventricular = common;
        ventricular.push_back({heartX - 1.5, heartY - 1.0, heartZ - 1.0});
        ventricular.push_back({heartX + 2.5, heartY - 2.5, l.heartBottomZ / 10 + 1.5});
        addPath(out, smoothPath(ventricular), 0.07, 12.0);
        std::vector<Point> atrial = common;
        atrial.push_back({mid - 2.5, heartY - 1.5, carina - 3.5});
        atrial.push_back({mid - 1.5, heartY - 2.8, carina - 3.0});
        addPath(out, smoothPath(atrial), 0.07, 12.0);
        break;
    }
    case Device::SternotomyWires: {
        const int loops = r.integer(5, 7);
        const double z0 = l.heartTopZ / 10 + 3.0, z1 = l.heartBottomZ / 10 + 1.5;
        for (int w = 0; w < loops; ++w) {
            const double z = z0 + (z1 - z0) * w / std::max(1, loops - 1) + r.uniform(-0.3, 0.3);
            std::vector<Point> loop;
            for (int s = 0; s <= 24; ++s) {
                const double t = 2 * kPi * s / 24;
                loop.push_back({mid + 0.8 * std::cos(t) + r.uniform(-0.05, 0.05), front + 0.9 + 0.5 * std::sin(t), z + 0.12 * std::sin(2 * t)});
            }
            addPath(out, loop, 0.05, 40.0);
            addPath(out, {{mid - 0.1, front + 0.4, z}, {mid + 0.1, front + 0.1, z - 0.5}}, 0.06, 25.0); // the twist
        }
        break;
    }
    case Device::None: break;
    }
    return out;
}

void splat(cv::Mat &boneMap, const std::vector<DeviceSample> &samples, const CaseGeometry &g, View view)
{
    for (const DeviceSample &s : samples) {
        double u, v, m;
        g.toDetector(view, s.p, u, v, m);
        const double areal = s.mass / std::pow(g.pixelCm / m, 2); // g/cm^2 over one pixel
        const int u0 = int(std::floor(u)), v0 = int(std::floor(v));
        const double fu = u - u0, fv = v - v0;
        for (int c = 0; c < 4; ++c) {
            const int uu = u0 + (c & 1), vv = v0 + (c >> 1);
            if (uu < 0 || vv < 0 || uu >= boneMap.cols || vv >= boneMap.rows)
                continue;
            boneMap.at<cv::Vec2f>(vv, uu)[1] += float(areal * ((c & 1) ? fu : 1 - fu) * ((c >> 1) ? fv : 1 - fv));
        }
    }
}

// ---- findings written into the volume --------------------------------------------------------
class Writer {
public:
    Writer(const PreparedCt &ct, std::vector<int16_t> &hu, std::vector<uint8_t> &labels, uint64_t seed)
        : m_ct(ct), m_hu(hu), m_labels(labels), m_seed(seed), nx(ct.volume.nx), ny(ct.volume.ny), nz(ct.volume.nz)
    {
        for (int side = 0; side < 2; ++side) {
            m_lo[side] = {nx, ny, nz};
            m_hi[side] = {-1, -1, -1};
        }
        for (int k = 0; k < nz; ++k)
            for (int j = 0; j < ny; ++j)
                for (int i = 0; i < nx; ++i) {
                    const uint8_t label = labels[index(i, j, k)];
                    if (label != uint8_t(CtLabel::LungRight) && label != uint8_t(CtLabel::LungLeft))
                        continue;
                    const int side = label == uint8_t(CtLabel::LungLeft);
                    m_lo[side] = {std::min(m_lo[side][0], i), std::min(m_lo[side][1], j), std::min(m_lo[side][2], k)};
                    m_hi[side] = {std::max(m_hi[side][0], i), std::max(m_hi[side][1], j), std::max(m_hi[side][2], k)};
                }
    }

    void apply(const Finding &f, Random &r)
    {
        const double grade = f.severity == Severity::Small ? 1 : f.severity == Severity::Large ? 3 : 2;
        std::vector<int> sides;
        const Side side = f.side == Side::None ? (r.chance(0.5) ? Side::Left : Side::Right) : f.side;
        if (side == Side::Right || side == Side::Bilateral) sides.push_back(0);
        if (side == Side::Left || side == Side::Bilateral) sides.push_back(1);
        switch (f.observation) {
        case Observation::Cardiomegaly: heart(1.12 + 0.11 * grade); break;
        case Observation::EnlargedCardiomediastinum: mediastinum(1.25 + 0.2 * grade); break;
        case Observation::PleuralEffusion: for (int s : sides) effusion(s, grade); break;
        case Observation::Pneumothorax: for (int s : sides) pneumothorax(s, grade); break;
        case Observation::Consolidation: for (int s : sides) airspace(s, f.zone, grade, r, 1.0, 1); break;
        case Observation::Pneumonia: for (int s : sides) airspace(s, f.zone, grade, r, 0.85, 3); break;
        case Observation::LungOpacity: for (int s : sides) airspace(s, f.zone, grade, r, 0.6, 3); break;
        case Observation::Atelectasis: for (int s : sides) atelectasis(s, grade, r); break;
        case Observation::Edema: edema(grade); break;
        case Observation::LungLesion: lesion(sides.front(), f, r); break;
        case Observation::PleuralOther: for (int s : sides) pleuralOther(s, grade, f.modifier == "plaque", r); break;
        case Observation::Fracture: fracture(sides.front(), f.modifier == "healed", r); break;
        case Observation::SupportDevices: case Observation::NoFinding: break;
        }
    }

    // Heart dilated by `factor` transversely and antero-posteriorly, growing to the left and
    // front from its base on the diaphragm; the growth fades out towards the great vessels.
    void heart(double factor)
    {
        if (factor <= 1.0)
            return;
        int lo[3] = {nx, ny, nz}, hi[3] = {-1, -1, -1};
        for (size_t p = 0; p < m_labels.size(); ++p)
            if (m_labels[p] == uint8_t(CtLabel::Heart)) {
                const int c[3] = {int(p % size_t(nx)), int((p / size_t(nx)) % size_t(ny)), int(p / (size_t(nx) * size_t(ny)))};
                for (int a = 0; a < 3; ++a) { lo[a] = std::min(lo[a], c[a]); hi[a] = std::max(hi[a], c[a]); }
            }
        if (hi[0] < 0)
            return;
        const double px = lo[0] + 0.3 * (hi[0] - lo[0]), py = lo[1] + 0.55 * (hi[1] - lo[1]);
        const int gx0 = std::max(0, int(px - (px - lo[0]) * factor) - 1), gx1 = std::min(nx - 1, int(px + (hi[0] - px) * factor) + 1);
        const int gy0 = std::max(0, int(py - (py - lo[1]) * factor) - 1), gy1 = std::min(ny - 1, int(py + (hi[1] - py) * factor) + 1);
        for (int k = lo[2]; k <= hi[2]; ++k) {
            const double t = double(hi[2] - k) / std::max(1, hi[2] - lo[2]); // 0 at the top, 1 at the base
            const double f = 1.0 + (factor - 1.0) * smoothstep(0.05, 0.45, t);
            if (f <= 1.001)
                continue;
            for (int j = gy0; j <= gy1; ++j)
                for (int i = gx0; i <= gx1; ++i) {
                    const size_t p = index(i, j, k);
                    const uint8_t label = m_labels[p];
                    if (label == uint8_t(CtLabel::Heart) || label == uint8_t(CtLabel::Bone) || label == uint8_t(CtLabel::Airway) ||
                        label == uint8_t(CtLabel::Outside))
                        continue;
                    const int si = int(std::lround(px + (i - px) / f)), sj = int(std::lround(py + (j - py) / f));
                    if (si >= 0 && sj >= 0 && si < nx && sj < ny && m_ct.labels[index(si, sj, k)] == uint8_t(CtLabel::Heart)) {
                        m_hu[p] = int16_t(38 + 6 * noise(i, j, k, 3.0));
                        m_labels[p] = uint8_t(CtLabel::Heart);
                    }
                }
        }
    }

    // Superior mediastinum widened about the midline (lymph nodes, vessels, a goitre...): most at
    // the aortic arch and above, fading towards the heart and the thoracic inlet.
    void mediastinum(double factor)
    {
        const CtLandmarks &l = m_ct.landmarks;
        const double mid = l.midlineX / 2.0;
        const int k0 = int(l.heartTopZ / 2.0) - 5, k1 = std::min(nz - 1, int((l.carinaZ + 55) / 2.0));
        for (int k = std::max(0, k0); k <= k1; ++k) {
            const double t = double(k - k0) / std::max(1, k1 - k0);
            const double f = 1.0 + (factor - 1.0) * smoothstep(0.0, 0.35, t) * (1.0 - smoothstep(0.75, 1.0, t));
            for (int j = 0; j < ny; ++j)
                for (int i = 0; i < nx; ++i) {
                    const size_t p = index(i, j, k);
                    if (!isLung(m_labels[p]))
                        continue;
                    const int src = int(std::lround(mid + (i - mid) / f));
                    if (src >= 0 && src < nx && m_ct.labels[index(src, j, k)] == uint8_t(CtLabel::Mediastinum)) {
                        m_hu[p] = int16_t(35 + 8 * noise(i, j, k, 4.0));
                        m_labels[p] = uint8_t(CtLabel::Mediastinum);
                    }
                }
        }
    }

    // Fluid in the dependent pleural space: lung below a level (over the lowest lung point) with a
    // meniscus climbing the lateral wall; the posterior sulcus fills first.
    void effusion(int side, double grade)
    {
        const double depthMm = grade == 1 ? 24 : grade == 2 ? 60 : 105;
        const double meniscusMm = 10 + 14 * grade;
        const int k0 = m_lo[side][2];
        forLung(side, [&](int i, int j, int k, size_t p) {
            const double height = (k - k0) * 2.0;
            const double lateral = std::max(0.0, 1.0 - fromLateralWall(side, i, j, k) / 20.0);
            const double level = depthMm + meniscusMm * (std::pow(lateralness(side, i), 3.0) + 0.6 * lateral) +
                                 4.0 * (noise(i, j, k, 6.0) - 0.5);
            if (height < level) {
                m_hu[p] = int16_t(12 + 4 * noise(i, j, k, 5.0));
                m_labels[p] = uint8_t(CtLabel::Body);
            } else if (height < level + 6.0) {
                m_hu[p] = int16_t(std::min(0.0, m_hu[p] + 250.0 * (1.0 - (height - level) / 6.0))); // compressed lung at the edge
            }
        });
    }

    // Air in the pleural space at the apex and along the lateral wall: the lung edge retracts,
    // the space has no lung markings, the visceral pleura shows as a thin line.
    void pneumothorax(int side, double grade)
    {
        const double rim = grade == 1 ? 10 : grade == 2 ? 22 : 40; // mm of air at the lateral wall
        const int apex = m_hi[side][2], base = m_lo[side][2];
        forLung(side, [&](int i, int j, int k, size_t p) {
            const double up = double(k - base) / std::max(1, apex - base);
            // Air rises: thick at the apex and upper lateral wall, thin towards the base.
            const double reach = rim * (0.25 + 0.75 * smoothstep(0.1, 0.7, up));
            const double fromWall = std::min(fromLateralWall(side, i, j, k), (apex - k) * 2.0 + 1.0);
            if (fromWall < reach) {
                m_hu[p] = -1000;
                m_labels[p] = uint8_t(CtLabel::Body);
            } else if (fromWall < reach + 3.0) {
                m_hu[p] = int16_t(std::max<int>(m_hu[p], -100)); // the visceral pleural line
            } else {
                m_hu[p] = int16_t(std::min(0.0, m_hu[p] + 45.0 * grade)); // the partly collapsed lung
            }
        });
    }

    // Airspace filling (consolidation, pneumonia, opacity): lobar/segmental regions of irregular
    // outline; large airways stay aerated (air bronchograms).
    void airspace(int side, Zone zone, double grade, Random &r, double density, int blobs)
    {
        const int k0 = m_lo[side][2], k1 = m_hi[side][2];
        const double height = std::max(1, k1 - k0);
        if (zone == Zone::Any)
            zone = r.chance(0.55) ? Zone::Lower : r.chance(0.5) ? Zone::Middle : Zone::Upper;
        const double zc = zone == Zone::Upper ? 0.75 : zone == Zone::Middle ? 0.5 : 0.3;
        for (int b = 0; b < blobs; ++b) {
            // A centre inside the lung at the zone's height; the right middle lobe is anterior, the
            // lower lobes posterior.
            int ci = 0, cj = 0, ck = 0;
            for (int attempt = 0; attempt < 200; ++attempt) {
                ck = int(k0 + height * std::clamp(zc + r.uniform(-0.12, 0.12), 0.05, 0.95));
                ci = r.integer(m_lo[side][0], m_hi[side][0]);
                const double front = zone == Zone::Middle ? 0.3 : zone == Zone::Lower ? 0.65 : 0.5;
                cj = int(m_lo[side][1] + (m_hi[side][1] - m_lo[side][1]) * std::clamp(front + r.uniform(-0.2, 0.2), 0.0, 1.0));
                const size_t p = index(ci, cj, ck);
                if (isLung(m_labels[p]) && m_ct.wallMm[p] > 10)
                    break;
            }
            const double radius = (blobs > 1 ? 0.7 : 1.0) * (grade == 1 ? 20 : grade == 2 ? 30 : 42) * r.uniform(0.85, 1.2) / 2.0; // voxels
            const uint64_t seed = r.next();
            const double ax = r.uniform(0.8, 1.25), ay = r.uniform(0.8, 1.25), az = r.uniform(0.75, 1.1);
            const int reach = int(radius * 1.6) + 2;
            for (int k = std::max(0, ck - reach); k <= std::min(nz - 1, ck + reach); ++k)
                for (int j = std::max(0, cj - reach); j <= std::min(ny - 1, cj + reach); ++j)
                    for (int i = std::max(0, ci - reach); i <= std::min(nx - 1, ci + reach); ++i) {
                        const size_t p = index(i, j, k);
                        if (m_labels[p] != uint8_t(side == 0 ? CtLabel::LungRight : CtLabel::LungLeft))
                            continue;
                        const double d = std::sqrt(std::pow((i - ci) / ax, 2) + std::pow((j - cj) / ay, 2) + std::pow((k - ck) / az, 2)) / radius;
                        const double edge = d + 0.6 * (hashNoise(i, j, k, 4.0, seed) - 0.5) + 0.25 * (hashNoise(i, j, k, 1.5, seed + 7) - 0.5);
                        if (edge > 1.0)
                            continue;
                        if (m_ct.volume.hu[p] < -960 && m_ct.wallMm[p] > 8)
                            continue; // an air bronchogram
                        const double w = density * std::clamp((1.0 - edge) / 0.25, 0.0, 1.0) * (0.8 + 0.2 * hashNoise(i, j, k, 2.0, seed + 1));
                        m_hu[p] = int16_t(std::lround((1 - w) * m_hu[p] + w * 35.0));
                    }
        }
    }

    // Plate-like (discoid) atelectasis at the base; lobar collapse of the lower lobe when large.
    void atelectasis(int side, double grade, Random &r)
    {
        const int k0 = m_lo[side][2];
        if (grade < 3) {
            const int plates = int(grade);
            for (int n = 0; n < plates; ++n) {
                const int kc = k0 + r.integer(8, 18);
                const double ci = m_lo[side][0] + (m_hi[side][0] - m_lo[side][0]) * r.uniform(0.3, 0.7);
                const double cj = m_lo[side][1] + (m_hi[side][1] - m_lo[side][1]) * r.uniform(0.3, 0.7);
                const double length = r.uniform(20, 34); // voxels (40-68 mm)
                const double slope = r.uniform(-0.08, 0.08);
                forLung(side, [&](int i, int j, int k, size_t p) {
                    const double along = std::hypot(i - ci, (j - cj) * 0.6);
                    if (along < length && std::fabs(k - kc - slope * (i - ci)) < 1.3) {
                        m_hu[p] = int16_t(std::max<int>(m_hu[p], 30));
                    }
                });
            }
            return;
        }
        const double mid = m_ct.landmarks.midlineX / 2.0;
        const int dome = int(m_ct.landmarks.domeZ[side] / 2.0);
        const double outer = side == 0 ? m_lo[side][0] : m_hi[side][0];
        const double jMid = 0.5 * (m_lo[side][1] + m_hi[side][1]);
        forLung(side, [&](int i, int j, int k, size_t p) {
            const double medial = std::fabs(i - mid) / std::max(1.0, std::fabs(outer - mid));
            const double posterior = (j - jMid) / std::max(1.0, double(m_hi[side][1] - jMid));
            // A triangle against the spine: wide at the base, narrowing towards the hilum.
            if (k < dome + 12 && posterior > 0.05 && medial < 0.55 - 0.03 * (k - k0) / 2.0) {
                m_hu[p] = int16_t(30 + 6 * noise(i, j, k, 3.0));
                m_labels[p] = uint8_t(CtLabel::Body);
            }
        });
    }

    // Interstitial/alveolar oedema: perihilar and basal increase of density, septal lines at the
    // lateral bases.
    void edema(double grade)
    {
        const CtLandmarks &l = m_ct.landmarks;
        const double hilumZ = (l.carinaZ - 20) / 2.0, hilumJ = l.lungCenterY / 2.0;
        const double apex = l.apexZ / 2.0, base = l.baseZ / 2.0;
        const double gain = grade == 1 ? 180 : grade == 2 ? 330 : 520;
        for (int side = 0; side < 2; ++side) {
            const double hilumI = l.midlineX / 2.0 + (side == 0 ? -22 : 22) / 2.0 * 2.0;
            forLung(side, [&](int i, int j, int k, size_t p) {
                const double d2 = (std::pow(i - hilumI, 2) + std::pow(j - hilumJ, 2) + std::pow(k - hilumZ, 2)) / (30.0 * 30.0);
                const double basal = std::pow(std::clamp((apex - k) / std::max(1.0, apex - base), 0.0, 1.0), 1.5);
                const double w = 0.55 * std::exp(-d2) + 0.45 * basal;
                double v = m_hu[p] + gain * w * (0.75 + 0.5 * noise(i, j, k, 2.5));
                if (grade >= 2 && k < base + 30 && m_ct.wallMm[p] < 16 && lateralness(side, i) > 0.5 && (k % 5) == 0)
                    v += 260; // Kerley B lines: short horizontal septal lines at the periphery
                m_hu[p] = int16_t(std::min(60.0, v));
            });
        }
    }

    // A nodule (5-30 mm) or mass (30-60 mm) of lobulated outline inside the lung.
    void lesion(int side, const Finding &f, Random &r)
    {
        const bool mass = f.modifier == "mass" || f.severity == Severity::Large;
        const double radiusMm = mass ? r.uniform(16, 30) : f.severity == Severity::Small ? r.uniform(5, 8) : r.uniform(8, 14);
        const double radius = radiusMm / 2.0;
        int ci = 0, cj = 0, ck = 0;
        for (int attempt = 0; attempt < 400; ++attempt) {
            ci = r.integer(m_lo[side][0], m_hi[side][0]);
            cj = r.integer(m_lo[side][1], m_hi[side][1]);
            ck = r.integer(m_lo[side][2] + (m_hi[side][2] - m_lo[side][2]) / 6, m_hi[side][2] - 3);
            const size_t p = index(ci, cj, ck);
            if (isLung(m_labels[p]) && m_ct.wallMm[p] > std::min(radiusMm + 4, 30.0))
                break;
        }
        const uint64_t seed = r.next();
        const int hu = f.modifier == "calcified" ? 520 : 38;
        const int reach = int(radius * 1.4) + 2;
        for (int k = std::max(0, ck - reach); k <= std::min(nz - 1, ck + reach); ++k)
            for (int j = std::max(0, cj - reach); j <= std::min(ny - 1, cj + reach); ++j)
                for (int i = std::max(0, ci - reach); i <= std::min(nx - 1, ci + reach); ++i) {
                    const size_t p = index(i, j, k);
                    if (m_labels[p] == uint8_t(CtLabel::Outside) || m_labels[p] == uint8_t(CtLabel::Bone))
                        continue;
                    const double dx = i - ci, dy = j - cj, dz = k - ck;
                    const double d = std::sqrt(dx * dx + dy * dy + dz * dz);
                    const double theta = std::atan2(dy, dx), phi = std::atan2(dz, std::hypot(dx, dy));
                    const double lobulated = radius * (1.0 + (mass ? 0.16 : 0.1) * std::sin(3 * theta + 6.28 * hashUnit(0, 0, 0, seed)) *
                                                                 std::cos(2 * phi) + 0.06 * (hashNoise(i, j, k, 2.0, seed) - 0.5));
                    const double w = std::clamp(lobulated + 0.5 - d, 0.0, 1.0); // partial volume at the edge
                    if (w > 0)
                        m_hu[p] = int16_t(std::lround((1 - w) * m_hu[p] + w * hu));
                }
    }

    // Pleural thickening along the lateral wall, or calcified plaques.
    void pleuralOther(int side, double grade, bool plaque, Random &r)
    {
        const int k0 = m_lo[side][2], k1 = m_hi[side][2];
        const uint64_t seed = r.next();
        const double thickness = plaque ? 4.5 : 3 + 2.5 * grade;
        forLung(side, [&](int i, int j, int k, size_t p) {
            const double up = double(k - k0) / std::max(1, k1 - k0);
            if (lateralness(side, i) < 0.55)
                return;
            // Thickest at the mid and lower lateral wall, thinning out towards the apex.
            const double local = thickness * (1.0 - smoothstep(0.5, 0.85, up)) * (0.7 + 0.6 * hashNoise(i, j, k, 8.0, seed + 3));
            const double patch = plaque ? hashNoise(i, j, k, 6.0, seed) : 1.0;
            if (fromLateralWall(side, i, j, k) < local && m_ct.wallMm[p] < local + 2 && patch > 0.55) {
                m_hu[p] = int16_t(plaque ? 420 : 45);
                m_labels[p] = uint8_t(CtLabel::Body);
            }
        });
    }

    // A rib fracture: a cortical break across a lateral rib with the fragments displaced.
    void fracture(int side, bool healed, Random &r)
    {
        const double outer = side == 0 ? m_lo[side][0] : m_hi[side][0];
        const int k0 = m_lo[side][2], k1 = m_hi[side][2];
        for (int attempt = 0; attempt < 2000; ++attempt) {
            const int k = r.integer(k0 + (k1 - k0) / 4, k1 - (k1 - k0) / 5);
            const int j = r.integer(m_lo[side][1], m_hi[side][1]);
            for (int step = 0; step < 12; ++step) {
                const int i = int(outer) + (side == 0 ? -step : step);
                if (i < 0 || i >= nx || m_labels[index(i, j, k)] != uint8_t(CtLabel::Bone))
                    continue;
                // Break: a 2 mm gap across the rib; displace the anterior fragment 2 mm down.
                for (int dk = -4; dk <= 4; ++dk)
                    for (int di = -3; di <= 3; ++di)
                        for (int dj = -1; dj <= 1; ++dj) {
                            const int ii = i + di, jj = j + dj, kk = k + dk;
                            if (ii < 0 || jj < 0 || kk < 1 || ii >= nx || jj >= ny || kk >= nz)
                                continue;
                            const size_t p = index(ii, jj, kk);
                            if (m_labels[p] != uint8_t(CtLabel::Bone))
                                continue;
                            if (dj == 0) m_hu[p] = 30;
                            else if (dj < 0) { m_hu[index(ii, jj, kk - 1)] = m_hu[p]; m_hu[p] = 30; }
                        }
                if (healed)
                    for (int dk = -3; dk <= 3; ++dk)
                        for (int di = -3; di <= 3; ++di)
                            for (int dj = -3; dj <= 3; ++dj) {
                                const int ii = i + di, jj = j + dj, kk = k + dk;
                                if (ii < 0 || jj < 0 || kk < 0 || ii >= nx || jj >= ny || kk >= nz || di * di + dj * dj + dk * dk > 9)
                                    continue;
                                const size_t p = index(ii, jj, kk);
                                if (!isLung(m_labels[p]))
                                    m_hu[p] = int16_t(std::max<int>(m_hu[p], 380)); // callus
                            }
                return;
            }
        }
    }

private:
    size_t index(int i, int j, int k) const { return (size_t(k) * size_t(ny) + size_t(j)) * size_t(nx) + size_t(i); }
    static bool isLung(uint8_t label) { return label == uint8_t(CtLabel::LungRight) || label == uint8_t(CtLabel::LungLeft); }
    // 0 at the midline .. 1 at the lung's outer edge.
    double lateralness(int side, int i) const
    {
        const double mid = m_ct.landmarks.midlineX / 2.0;
        const double outer = side == 0 ? m_lo[side][0] : m_hi[side][0];
        return std::clamp((i - mid) / (outer - mid), 0.0, 1.0);
    }
    double noise(int i, int j, int k, double scale) const { return hashNoise(i, j, k, scale, m_seed); }
    static double smoothstep(double a, double b, double x)
    {
        const double t = std::clamp((x - a) / (b - a), 0.0, 1.0);
        return t * t * (3 - 2 * t);
    }
    // Distance (mm) from a lung voxel to its lung's lateral edge along its row (the costal pleura
    // seen tangentially on a frontal radiograph).
    double fromLateralWall(int side, int i, int j, int k)
    {
        const size_t row = size_t(k) * size_t(ny) + size_t(j);
        if (m_outerRow[side].empty())
            m_outerRow[side].assign(size_t(nz) * size_t(ny), -1);
        int &outer = m_outerRow[side][row];
        if (outer < 0) {
            const uint8_t want = uint8_t(side == 0 ? CtLabel::LungRight : CtLabel::LungLeft);
            outer = i;
            if (side == 0) { for (int x = m_lo[side][0]; x <= m_hi[side][0]; ++x) if (m_ct.labels[index(x, j, k)] == want) { outer = x; break; } }
            else { for (int x = m_hi[side][0]; x >= m_lo[side][0]; --x) if (m_ct.labels[index(x, j, k)] == want) { outer = x; break; } }
        }
        return std::abs(i - outer) * 2.0;
    }
    static double hashNoise(int i, int j, int k, double scale, uint64_t seed) { return smoothNoise(i / scale, j / scale, k / scale, seed); }
    template <typename F>
    void forLung(int side, F &&f)
    {
        const uint8_t want = uint8_t(side == 0 ? CtLabel::LungRight : CtLabel::LungLeft);
        for (int k = m_lo[side][2]; k <= m_hi[side][2]; ++k)
            for (int j = m_lo[side][1]; j <= m_hi[side][1]; ++j)
                for (int i = m_lo[side][0]; i <= m_hi[side][0]; ++i) {
                    const size_t p = index(i, j, k);
                    if (m_labels[p] == want)
                        f(i, j, k, p);
                }
    }

    const PreparedCt &m_ct;
    std::vector<int16_t> &m_hu;
    std::vector<uint8_t> &m_labels;
    uint64_t m_seed;
    int nx, ny, nz;
    std::array<int, 3> m_lo[2], m_hi[2];
    std::vector<int> m_outerRow[2]; // per (k, j): the lung's outermost voxel column, -1 not yet known
};

// The arms of a PA exposure: CT patients hold them above the head (as for a lateral radiograph),
// a PA is taken with them down at the sides: upper arms (soft tissue around the humerus) hanging
// beside the chest wall, added as analytic chords of two slightly tilted cylinders.
void addArms(cv::Mat &mass, const CtLandmarks &l, const CaseGeometry &g, const PatientParameters &patient)
{
    Random r(Random::derive(patient.seed, 43));
    const double radius = r.uniform(4.0, 5.2) * std::sqrt(patient.fat), bone = 1.1;
    const double top = l.apexZ / 10 + 2.5, depth = (l.anteriorY + l.posteriorY) / 20;
    for (int side = 0; side < 2; ++side) {
        const double wall = side == 0 ? l.rightX / 10 : l.leftX / 10;
        const double gap = r.uniform(0.3, 2.5), outward = r.uniform(0.02, 0.12);
        const double sign = side == 0 ? -1.0 : 1.0;
        // Axis at the top (shoulder) and its lean outward going down.
        const Point shoulder{wall + sign * (radius + gap), depth, top};
        for (int y = 0; y < mass.rows; ++y) {
            // The arm's axis at this detector row: project the axis point at the row's height.
            double u0, v0, m;
            g.toDetector(View::Frontal, shoulder, u0, v0, m);
            const double drop = (y - v0) * g.pixelCm / m; // cm below the shoulder
            if (drop < -radius)
                continue;
            const double taper = drop < 0 ? std::sqrt(std::max(0.0, 1.0 - (drop / radius) * (drop / radius))) : 1.0; // the rounded shoulder
            const Point axis{shoulder.x + sign * outward * std::max(0.0, drop), depth, top - std::max(0.0, drop)};
            double u, v;
            g.toDetector(View::Frontal, axis, u, v, m);
            for (int x = 0; x < mass.cols; ++x) {
                const double d = std::fabs(x - u) * g.pixelCm / m;
                const double rr = radius * taper;
                if (d >= rr)
                    continue;
                const double chord = 2 * std::sqrt(rr * rr - d * d);
                const double boneChord = d < bone * taper ? 2 * std::sqrt(bone * bone * taper * taper - d * d) : 0.0;
                mass.at<cv::Vec2f>(y, x)[0] += float(0.97 * (chord - boneChord) + 0.6 * boneChord);
                mass.at<cv::Vec2f>(y, x)[1] += float(1.2 * boneChord);
            }
        }
    }
}

// Thoracic patient parameters of a CT case, in the phantom's terms (they go into the manifest).
// What the shipped CT patients had (their collections, ../shared/data/ct/README.md): the anatomy
// carries it into every case (a COVID-19 patient's ground glass, a cancer patient's tumour), so the
// manifest says it beside the case's own findings.
std::string ctCondition(const std::string &name)
{
    static const std::pair<const char *, const char *> known[] = {
        {"LIDC-IDRI-", "LIDC-IDRI lung nodule CT"}, {"Lung_Dx-", "Lung-PET-CT-Dx lung cancer"}, {"P00", "COVID-19 pneumonia"},
        {"cap0", "community-acquired pneumonia"}, {"normal0", "normal chest CT"}, {"RICORD-001012", "COVID-19; sternotomy wires, external devices"},
        {"RICORD-", "COVID-19"}, {"TCGA-", "TCGA cancer patient, whole-body PET/CT"}, {"C3N-", "CPTAC cancer patient"},
        {"itkelastix", "radiotherapy planning CT with a lung nodule"}};
    for (const auto &[prefix, condition] : known)
        if (name.rfind(prefix, 0) == 0)
            return condition;
    return "unknown";
}

PatientParameters ctPatient(uint64_t seed, const PreparedCt &ct)
{
    PatientParameters p = randomPatient(seed);
    Random r(Random::derive(seed, 41));
    p.size = r.clampedNormal(1.0, 0.035, 0.92, 1.08);
    p.width = r.clampedNormal(1.0, 0.045, 0.9, 1.1);
    p.depth = r.clampedNormal(1.0, 0.05, 0.88, 1.12);
    p.heartSize = r.clampedNormal(1.02, 0.04, 0.95, 1.1);
    p.inspiration = r.clampedNormal(1.0, 0.045, 0.9, 1.1);
    p.fat = 1.0;
    p.breastSize = 0.0;
    p.rotationDeg = r.clampedNormal(0, 1.5, -4, 4);
    p.lateralRotationDeg = r.clampedNormal(0, 2.0, -5, 5);
    p.tiltDeg = r.clampedNormal(0, 1.5, -4, 4);
    // Sex and age of the shipped CT patients (from their collections' metadata, ../shared/data/ct
    // README); other volumes keep the drawn values.
    struct Known { const char *name; bool female; int age; };
    static const Known known[] = {{"Lung_Dx-A0001", false, 58}, {"Lung_Dx-A0002", true, 53}, {"P001", false, 39}, {"P002", true, 48},
                                  {"cap001", false, 62}, {"cap002", true, 77}, {"normal001", true, 70}, {"RICORD-000082", true, 85},
                                  {"RICORD-001012", false, 80}, {"TCGA-DE-A4MA_wholebody", true, 52}, {"C3N-00247", true, 77}};
    for (const Known &k : known)
        if (ct.name == k.name) {
            p.female = k.female;
            p.ageYears = k.age;
        }
    return p;
}

RenderedView renderView(View view, const Slabs &volume, const Slabs &maskVolume, const PreparedCt &ct, const CaseGeometry &g, const std::vector<DeviceSample> &devices,
                        const PatientParameters &patient, uint64_t noiseSeed)
{
    const int W = g.size;
    cv::Mat mass = projectVolume(volume, view, g, W, g.pixelCm);
    splat(mass, devices, g, view);
    if (view == View::Frontal)
        addArms(mass, ct.landmarks, g, patient);
    // Lead marker "L" (patient's left) at the top corner of the field: a 1 mm lead letter.
    {
        cv::Mat letter = cv::Mat::zeros(W, W, CV_8U);
        const double scale = W / 256.0 * 0.55;
        const int margin = int(W * 0.05);
        const cv::Point at(view == View::Frontal ? W - margin - int(16 * scale * 1.6) : W - margin - int(16 * scale * 1.6), margin + int(22 * scale * 1.6));
        cv::putText(letter, "L", at, cv::FONT_HERSHEY_SIMPLEX, scale * 1.6, 255, std::max(1, int(std::lround(2.5 * scale))), cv::LINE_AA);
        for (int y = 0; y < W; ++y)
            for (int x = 0; x < W; ++x)
                if (letter.at<uint8_t>(y, x))
                    mass.at<cv::Vec2f>(y, x)[1] += 6.0f * letter.at<uint8_t>(y, x) / 255.0f;
    }
    // Depth of inspiration: the thorax below the carina (and what lies under the diaphragm) is
    // stretched or compressed vertically, the same in both views (they share the vertical axis).
    const auto inspire = [&](cv::Mat &image, double scale) {
        if (std::fabs(patient.inspiration - 1.0) < 1e-3)
            return;
        double u, carinaRow, m;
        g.toDetector(view, {g.cx, g.cy, ct.landmarks.carinaZ / 10}, u, carinaRow, m);
        carinaRow *= scale;
        cv::Mat mapX(image.size(), CV_32F), mapY(image.size(), CV_32F);
        for (int y = 0; y < image.rows; ++y)
            for (int x = 0; x < image.cols; ++x) {
                mapX.at<float>(y, x) = float(x);
                mapY.at<float>(y, x) = float(y <= carinaRow ? y : carinaRow + (y - carinaRow) / patient.inspiration);
            }
        cv::Mat warped;
        cv::remap(image, warped, mapX, mapY, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
        image = warped;
    };
    inspire(mass, 1.0);
    const Polyenergetic &spectrum = Polyenergetic::forKvp(int(std::lround(patient.kvp)));
    Projection projection;
    projection.width = projection.height = W;
    projection.lineIntegral.resize(size_t(W) * W);
    for (int y = 0; y < W; ++y)
        for (int x = 0; x < W; ++x) {
            const double X = (x + 0.5 - W / 2.0) * g.pixelCm, Z = (y + 0.5 - W / 2.0) * g.pixelCm;
            const float obliquity = float(std::sqrt(1.0 + (X * X + Z * Z) / (kSidCm * kSidCm)));
            const cv::Vec2f m = mass.at<cv::Vec2f>(y, x) * obliquity;
            projection.lineIntegral[size_t(y) * W + x] = spectrum(m[0], m[1]);
        }
    // Ground-truth masks from the label volume at half resolution.
    const int half = W / 2;
    cv::Mat chords = projectVolume(maskVolume, view, g, half, g.pixelCm * 2);
    inspire(chords, 0.5);
    DetectorSettings settings;
    settings.scatterFraction = 0.16;
    settings.blurMm = 0.45;
    settings.photonsPerMm2 = 2.5e7;
    settings.exposure = patient.exposure * (view == View::Lateral ? 2.5 : 1.0); // a lateral takes ~2.5x the mAs
    settings.noiseSeed = noiseSeed;
    settings.electronicNoise = 2.0e-4;
    RenderedView out;
    out.view = view;
    out.width = out.height = W;
    out.pixelSpacingMm = g.pixelCm * 10.0;
    out.magnification = view == View::Frontal ? kSidCm / (g.paDetectorY + kSidCm - g.cy) : kSidCm / (g.cx - (g.lateralDetectorX - kSidCm));
    out.pixels = detect(projection, g.pixelCm, settings);
    out.lungMask.resize(size_t(W) * W);
    out.heartMask.resize(size_t(W) * W);
    // The lung field as a reader outlines it: where the lungs are the main structure along the ray
    // (their chord at least 40% of the thickest), not behind the heart or the mediastinum.
    std::vector<float> lungChords;
    for (int y = 0; y < half; ++y)
        for (int x = 0; x < half; ++x)
            if (chords.at<cv::Vec2f>(y, x)[0] > 1.0f)
                lungChords.push_back(chords.at<cv::Vec2f>(y, x)[0]);
    float thickest = 1.0f;
    if (!lungChords.empty()) {
        std::nth_element(lungChords.begin(), lungChords.begin() + long(lungChords.size() * 95 / 100), lungChords.end());
        thickest = lungChords[lungChords.size() * 95 / 100];
    }
    for (int y = 0; y < W; ++y)
        for (int x = 0; x < W; ++x) {
            const cv::Vec2f c = chords.at<cv::Vec2f>(std::min(half - 1, y / 2), std::min(half - 1, x / 2));
            out.heartMask[size_t(y) * W + x] = c[1] > 0.5f ? 255 : 0;
            out.lungMask[size_t(y) * W + x] = c[0] > std::max(1.0f, 0.4f * thickest) && c[1] <= 0.5f ? 255 : 0;
        }
    // Collimation: the blades leave an unexposed (white) border on some sides.
    Random r(Random::derive(noiseSeed, 5));
    const int edges[4] = {r.chance(0.5) ? r.integer(0, W / 25) : 0, r.chance(0.5) ? r.integer(0, W / 25) : 0,
                          r.chance(0.4) ? r.integer(0, W / 30) : 0, r.chance(0.3) ? r.integer(0, W / 30) : 0};
    int sides[2] = {edges[0], edges[1]};
    if (view == View::Frontal && ct.landmarks.clippedSides) {
        // The CT's reconstruction field cut the body at the sides: collimated just inside the cut.
        double u0, u1, v, m;
        g.toDetector(view, {ct.landmarks.rightX / 10 + 0.6, g.cy, g.cz}, u0, v, m);
        g.toDetector(view, {ct.landmarks.leftX / 10 - 0.6, g.cy, g.cz}, u1, v, m);
        sides[0] = std::max(sides[0], int(std::ceil(u0)));
        sides[1] = std::max(sides[1], W - int(std::floor(u1)));
    }
    for (int y = 0; y < W; ++y)
        for (int x = 0; x < W; ++x)
            if (x < sides[0] || x >= W - sides[1] || y < edges[2] || y >= W - edges[3])
                out.pixels[size_t(y) * W + x] = uint16_t(std::clamp(3950.0 + 25.0 * r.normal(), 0.0, 4095.0));
    return out;
}

} // namespace

SimulatedCase simulateCtCase(const CtLibrary &library, uint64_t seed, const Findings &findings, const SimulationOptions &options,
                             int patientIndex)
{
    Random pick(Random::derive(seed, 40));
    const int index = patientIndex >= 0 && patientIndex < int(library.volumes.size())
                          ? patientIndex
                          : int(pick.next() % uint64_t(library.volumes.size()));
    const PreparedCt &ct = *library.volumes[size_t(index)];
    const CtLandmarks &l = ct.landmarks;

    SimulatedCase c;
    c.seed = seed;
    c.engine = "ct";
    c.ctPatient = ct.name;
    c.findings = findings;
    c.patient = ctPatient(seed, ct);
    c.ctCondition = ctCondition(ct.name);

    // Findings written into a copy of the volume.
    std::vector<int16_t> hu = ct.volume.hu;
    std::vector<uint8_t> labels = ct.labels;
    Random r(Random::derive(seed, 5));
    Writer writer(ct, hu, labels, Random::derive(seed, 6));
    writer.heart(c.patient.heartSize);
    for (const Finding &f : findings.items)
        writer.apply(f, r);

    // Materials: water- and bone-equivalent density per voxel, in both projection layouts.
    const int nx = ct.volume.nx, ny = ct.volume.ny, nz = ct.volume.nz;
    std::array<cv::Vec2f, 4096> material{};
    for (int h = -1024; h < 3072; ++h) {
        cv::Vec2f m;
        if (h <= 0) {
            m = {float(std::max(0.0, 1.0 + h / 1000.0)), 0.0f};
        } else {
            const double bone = std::min(1.0, h / 1550.0);
            m = {float(1.0 - bone + std::min(h, 100) / 1000.0 * (1 - bone)), float(bone * 1.92 * c.patient.boneDensity)};
        }
        material[size_t(h + 1024)] = m;
    }
    const int slab = slabFor(options.size);
    Slabs frontalVolume, lateralVolume, maskFrontal, maskLateral;
    frontalVolume.reset(nx, nz, ny, slab, kVoxelCm);
    if (options.lateral)
        lateralVolume.reset(ny, nz, nx, slab, kVoxelCm);
    // Label chords (lung, heart) at half resolution, for the ground-truth masks.
    const int hx = (nx + 1) / 2, hy = (ny + 1) / 2, hz = (nz + 1) / 2;
    maskFrontal.reset(hx, hz, hy, 1, 2 * kVoxelCm);
    if (options.lateral)
        maskLateral.reset(hy, hz, hx, 1, 2 * kVoxelCm);
    for (int k = 0; k < nz; ++k)
        for (int j = 0; j < ny; ++j)
            for (int i = 0; i < nx; ++i) {
                const size_t p = (size_t(k) * ny + j) * nx + i;
                const cv::Vec2f m = material[size_t(std::clamp<int>(hu[p], -1024, 3071) + 1024)];
                frontalVolume.at(k, j, i) += m;
                if (options.lateral)
                    lateralVolume.at(k, i, j) += m;
                const uint8_t label = labels[p];
                const bool lung = label == uint8_t(CtLabel::LungRight) || label == uint8_t(CtLabel::LungLeft);
                const bool heart = label == uint8_t(CtLabel::Heart);
                if (!lung && !heart)
                    continue;
                const cv::Vec2f add(lung ? 0.125f : 0.0f, heart ? 0.125f : 0.0f);
                maskFrontal.at(k / 2, j / 2, i / 2) += add;
                if (options.lateral)
                    maskLateral.at(k / 2, i / 2, j / 2) += add;
            }

    CaseGeometry g;
    g.size = options.size;
    g.pixelCm = kFieldCm / options.size;
    g.cx = l.midlineX / 10;
    g.cy = l.lungCenterY / 10;
    g.cz = l.apexZ / 10;
    g.sx = c.patient.width;
    g.sy = c.patient.depth;
    g.sz = c.patient.size;
    g.rotation = c.patient.rotationDeg * kPi / 180;
    g.lateralRotation = c.patient.lateralRotationDeg * kPi / 180;
    g.tilt = c.patient.tiltDeg * kPi / 180;
    g.shiftX = c.patient.shiftXcm * 0.6;
    g.shiftZ = c.patient.shiftZcm * 0.6;
    // The field is centred on the lungs (apex to the posterior sulci), as a technologist centres it.
    g.detectorZ = g.cz + g.sz * (0.5 * (l.apexZ + l.baseZ) / 10 - g.cz) + g.shiftZ;
    g.paDetectorY = g.cy + g.sy * (l.anteriorY / 10 - g.cy) - 1.0;
    g.lateralDetectorX = g.cx + g.sx * (l.leftX / 10 - g.cx) + 1.0;

    Random deviceRandom(Random::derive(seed, 8));
    std::vector<DeviceSample> devices;
    for (const Finding &f : findings.items)
        if (f.observation == Observation::SupportDevices) {
            const Device d = f.device == Device::None ? Device(deviceRandom.integer(1, 5)) : f.device;
            auto samples = deviceSamples(d, l, deviceRandom);
            devices.insert(devices.end(), samples.begin(), samples.end());
        }

    c.frontal = renderView(View::Frontal, frontalVolume, maskFrontal, ct, g, devices, c.patient, Random::derive(seed, 21));
    if (options.lateral)
        c.lateral = renderView(View::Lateral, lateralVolume, maskLateral, ct, g, devices, c.patient, Random::derive(seed, 22));

    // The CT's own sternotomy wires are visible in every case made from it: ground truth says so.
    if (c.ctCondition.find("sternotomy") != std::string::npos && !c.findings.has(Observation::SupportDevices)) {
        Finding wires;
        wires.observation = Observation::SupportDevices;
        wires.device = Device::SternotomyWires;
        c.findings.items.push_back(wires);
    }

    // Landmarks in the phantom's convention (cm; x to the left of the midline, z from the detector
    // centre's height), for the manifest.
    c.landmarks.apexZ = (l.apexZ / 10 - g.detectorZ) * g.sz;
    c.landmarks.domeZ[0] = (l.domeZ[0] / 10 - g.detectorZ) * g.sz;
    c.landmarks.domeZ[1] = (l.domeZ[1] / 10 - g.detectorZ) * g.sz;
    c.landmarks.carinaZ = (l.carinaZ / 10 - g.detectorZ) * g.sz;
    c.landmarks.heartTopZ = (l.heartTopZ / 10 - g.detectorZ) * g.sz;
    c.landmarks.heartBottomZ = (l.heartBottomZ / 10 - g.detectorZ) * g.sz;
    c.landmarks.heartRightX = c.landmarks.heartLeftX = (l.heartCenter[0] / 10 - g.cx) * g.sx;
    c.landmarks.bodyHalfWidth = (l.leftX - l.rightX) / 20 * g.sx;
    c.landmarks.bodyHalfDepth = (l.posteriorY - l.anteriorY) / 20 * g.sy;
    return c;
}

} // namespace radsynth::simulation
