// Line integrals through the analytic phantom: per ray, each object's chord is an interval set
// (closed form per quadric), overlaps are resolved by priority, and sum(mu * length) is returned.
#include "radsynth/simulation/Simulator.h"

#include <algorithm>
#include <cmath>

namespace radsynth::simulation {

namespace {

constexpr int kMaxSpans = 8;
struct Spans {
    int n = 0;
    float a[kMaxSpans], b[kMaxSpans];
    float length() const
    {
        float s = 0;
        for (int i = 0; i < n; ++i)
            s += b[i] - a[i];
        return s;
    }
};

Spans intersect(const Spans &x, const Spans &y)
{
    Spans r;
    int i = 0, j = 0;
    while (i < x.n && j < y.n && r.n < kMaxSpans) {
        const float lo = std::max(x.a[i], y.a[j]), hi = std::min(x.b[i], y.b[j]);
        if (lo < hi) {
            r.a[r.n] = lo;
            r.b[r.n++] = hi;
        }
        if (x.b[i] < y.b[j])
            ++i;
        else
            ++j;
    }
    return r;
}

// Union into a larger sorted set (the space already owned along the ray).
struct Covered {
    int n = 0;
    float a[48], b[48];
    float overlap(const Spans &s) const
    {
        float total = 0;
        int j = 0;
        for (int i = 0; i < s.n; ++i) {
            while (j < n && b[j] <= s.a[i])
                ++j;
            for (int k = j; k < n && a[k] < s.b[i]; ++k)
                total += std::min(b[k], s.b[i]) - std::max(a[k], s.a[i]);
        }
        return total;
    }
    void add(const Spans &s)
    {
        float na[48], nb[48];
        int m = 0, i = 0, j = 0;
        while (i < n || j < s.n) {
            float lo, hi;
            if (j >= s.n || (i < n && a[i] < s.a[j])) {
                lo = a[i];
                hi = b[i++];
            } else {
                lo = s.a[j];
                hi = s.b[j++];
            }
            if (m > 0 && lo <= nb[m - 1])
                nb[m - 1] = std::max(nb[m - 1], hi);
            else if (m < 48) {
                na[m] = lo;
                nb[m++] = hi;
            }
        }
        n = m;
        std::copy(na, na + m, a);
        std::copy(nb, nb + m, b);
    }
};

// A quadric prepared for rays from one source: f(S + t d) = (d^T A d) t^2 + (w.d) t + c.
struct RayQuadric {
    double xx, yy, zz, xy, xz, yz;
    Vec3 w;
    double c;
};

struct PreparedObject {
    int index;
    std::vector<RayQuadric> terms;
    int clipTo;
    double mu;
    int priority;
    bool visible;
    Structure structure;
};

// Region f < 0 along the ray, clipped to [0, tMax].
Spans quadricSpans(const RayQuadric &q, const Vec3 &d, float tMax)
{
    const double A = q.xx * d.x * d.x + q.yy * d.y * d.y + q.zz * d.z * d.z + 2 * (q.xy * d.x * d.y + q.xz * d.x * d.z + q.yz * d.y * d.z);
    const double B = q.w.dot(d), C = q.c;
    Spans s;
    auto push = [&](double lo, double hi) {
        lo = std::max(lo, 0.0);
        hi = std::min(hi, double(tMax));
        if (lo < hi) {
            s.a[s.n] = float(lo);
            s.b[s.n++] = float(hi);
        }
    };
    if (std::abs(A) < 1e-12) {
        if (std::abs(B) < 1e-12) {
            if (C < 0)
                push(0, tMax);
        } else if (B > 0) {
            push(-1e30, -C / B);
        } else {
            push(-C / B, 1e30);
        }
        return s;
    }
    const double disc = B * B - 4 * A * C;
    if (A > 0) {
        if (disc <= 0)
            return s;
        const double r = std::sqrt(disc);
        push((-B - r) / (2 * A), (-B + r) / (2 * A));
    } else {
        if (disc <= 0) {
            push(0, tMax);
            return s;
        }
        const double r = std::sqrt(disc);
        const double t1 = (-B + r) / (2 * A), t2 = (-B - r) / (2 * A); // t1 < t2 since A < 0
        push(-1e30, t1);
        push(t2, 1e30);
    }
    return s;
}

} // namespace

Projection project(const Phantom &phantom, const ViewGeometry &g, View view)
{
    const uint8_t viewBit = view == View::Frontal ? 1 : 2;
    const int W = g.width, H = g.height;
    Projection out;
    out.width = W;
    out.height = H;
    out.lineIntegral.assign(size_t(W) * H, 0.f);
    out.lungChord.assign(size_t(W) * H, 0.f);
    out.heartChord.assign(size_t(W) * H, 0.f);

    // Prepare objects for this source and find their footprint on the detector.
    const Vec3 S = g.source;
    const double planeDistance = (g.detectorCenter - S).dot(g.normal);
    std::vector<PreparedObject> objects;
    std::vector<std::array<int, 4>> rects; // x0, y0, x1, y1 (inclusive pixels)
    for (size_t i = 0; i < phantom.objects.size(); ++i) {
        const PhantomObject &o = phantom.objects[i];
        if (!(o.views & viewBit))
            continue;
        PreparedObject p{int(i), {}, o.clipTo, o.mu, o.priority, o.visible, o.structure};
        for (const Quadric &q : o.terms) {
            const Vec3 AS = q.timesA(S);
            p.terms.push_back({q.xx, q.yy, q.zz, q.xy, q.xz, q.yz, AS * 2.0 + q.b, q.value(S)});
        }
        double u0 = 1e9, u1 = -1e9, v0 = 1e9, v1 = -1e9;
        for (int c = 0; c < 8; ++c) {
            const Vec3 corner{c & 1 ? o.bounds.hi.x : o.bounds.lo.x, c & 2 ? o.bounds.hi.y : o.bounds.lo.y, c & 4 ? o.bounds.hi.z : o.bounds.lo.z};
            const Vec3 d = corner - S;
            const double dn = d.dot(g.normal);
            if (dn <= 1e-6)
                continue;
            const Vec3 q = S + d * (planeDistance / dn) - g.detectorCenter;
            const double u = q.dot(g.u) / g.pixelCm + W * 0.5, v = q.dot(g.v) / g.pixelCm + H * 0.5;
            u0 = std::min(u0, u); u1 = std::max(u1, u); v0 = std::min(v0, v); v1 = std::max(v1, v);
        }
        const int x0 = std::max(0, int(std::floor(u0)) - 1), x1 = std::min(W - 1, int(std::ceil(u1)) + 1);
        const int y0 = std::max(0, int(std::floor(v0)) - 1), y1 = std::min(H - 1, int(std::ceil(v1)) + 1);
        if (x0 > x1 || y0 > y1)
            continue;
        objects.push_back(std::move(p));
        rects.push_back({x0, y0, x1, y1});
    }
    std::vector<int> localOf(phantom.objects.size(), -1);

    constexpr int kTile = 16;
    std::vector<int> tileList, paintOrder;
    std::vector<Spans> spans;
    for (int ty = 0; ty < H; ty += kTile)
        for (int tx = 0; tx < W; tx += kTile) {
            tileList.clear();
            for (size_t k = 0; k < objects.size(); ++k) {
                const auto &r = rects[k];
                if (r[0] < tx + kTile && r[2] >= tx && r[1] < ty + kTile && r[3] >= ty)
                    tileList.push_back(int(k));
            }
            for (size_t k = 0; k < tileList.size(); ++k)
                localOf[size_t(objects[size_t(tileList[k])].index)] = int(k);
            paintOrder.resize(tileList.size());
            for (size_t k = 0; k < tileList.size(); ++k)
                paintOrder[k] = int(k);
            std::stable_sort(paintOrder.begin(), paintOrder.end(), [&](int a, int b) {
                return objects[size_t(tileList[size_t(a)])].priority > objects[size_t(tileList[size_t(b)])].priority;
            });
            spans.resize(tileList.size());
            for (int py = ty; py < std::min(H, ty + kTile); ++py)
                for (int px = tx; px < std::min(W, tx + kTile); ++px) {
                    const Vec3 P = g.detectorCenter + g.u * ((px + 0.5 - W * 0.5) * g.pixelCm) + g.v * ((py + 0.5 - H * 0.5) * g.pixelCm);
                    const Vec3 ray = P - S;
                    const float tMax = float(ray.norm());
                    const Vec3 d = ray * (1.0 / tMax);
                    for (size_t k = 0; k < tileList.size(); ++k) {
                        const PreparedObject &o = objects[size_t(tileList[k])];
                        const auto &r = rects[size_t(tileList[k])];
                        Spans s;
                        if (px >= r[0] && px <= r[2] && py >= r[1] && py <= r[3]) {
                            s = quadricSpans(o.terms[0], d, tMax);
                            for (size_t q = 1; q < o.terms.size() && s.n > 0; ++q)
                                s = intersect(s, quadricSpans(o.terms[q], d, tMax));
                            if (o.clipTo >= 0 && s.n > 0) {
                                const int c = localOf[size_t(o.clipTo)];
                                s = c >= 0 ? intersect(s, spans[size_t(c)]) : Spans{};
                            }
                        }
                        spans[k] = s;
                    }
                    Covered covered;
                    double integral = 0, lung = 0, heart = 0;
                    for (int k : paintOrder) {
                        const Spans &s = spans[size_t(k)];
                        if (s.n == 0)
                            continue;
                        const PreparedObject &o = objects[size_t(tileList[size_t(k)])];
                        if (!o.visible)
                            continue;
                        const float fresh = s.length() - covered.overlap(s);
                        if (fresh > 0) {
                            integral += o.mu * fresh;
                            if (o.structure == Structure::Lung)
                                lung += fresh;
                            else if (o.structure == Structure::Heart && o.priority == 21)
                                heart += fresh;
                        }
                        covered.add(s);
                    }
                    const size_t idx = size_t(py) * W + px;
                    out.lineIntegral[idx] = float(integral);
                    out.lungChord[idx] = float(lung);
                    out.heartChord[idx] = float(heart);
                }
            for (int k : tileList)
                localOf[size_t(objects[size_t(k)].index)] = -1;
        }
    return out;
}

ViewGeometry standardGeometry(const Phantom &phantom, View view, int size)
{
    const Landmarks &l = phantom.landmarks;
    const PatientParameters &p = phantom.patient;
    constexpr double kSid = 180.0, kFieldCm = 43.0;
    ViewGeometry g;
    g.width = g.height = size;
    g.pixelCm = kFieldCm / size;
    const double centerZ = l.apexZ - 13.5 + p.shiftZcm;
    Mat3 turn;
    if (view == View::Frontal) {
        const double det = l.bodyHalfDepth + 1.0;
        g.detectorCenter = {p.shiftXcm, det, centerZ};
        g.source = {p.shiftXcm, det - kSid, centerZ};
        g.normal = {0, 1, 0};
        g.u = {1, 0, 0};  // patient's left on the image right (viewed as facing the patient)
        g.v = {0, 0, -1};
        turn = Mat3::rotationZ(p.rotationDeg * 3.14159265358979 / 180.0) * Mat3::rotationX(p.tiltDeg * 3.14159265358979 / 180.0);
    } else {
        const double det = l.bodyHalfWidth + 1.0;
        g.detectorCenter = {det, -0.5, centerZ};
        g.source = {det - kSid, -0.5, centerZ};
        g.normal = {1, 0, 0};
        g.u = {0, -1, 0}; // anterior on the image left
        g.v = {0, 0, -1};
        turn = Mat3::rotationZ(p.lateralRotationDeg * 3.14159265358979 / 180.0);
    }
    // Rotating the patient by R equals rotating the apparatus by R^T around the thorax.
    const Mat3 inv = turn.transposed();
    const Vec3 pivot{0, 0, centerZ};
    g.source = pivot + inv * (g.source - pivot);
    g.detectorCenter = pivot + inv * (g.detectorCenter - pivot);
    g.normal = inv * g.normal;
    g.u = inv * g.u;
    g.v = inv * g.v;
    return g;
}

} // namespace radsynth::simulation
