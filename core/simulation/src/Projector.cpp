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

// x := x intersected with y (both sorted and disjoint).
void intersectInto(Spans &x, const Spans &y)
{
    float ra[kMaxSpans], rb[kMaxSpans];
    int n = 0, i = 0, j = 0;
    while (i < x.n && j < y.n && n < kMaxSpans) {
        const float lo = std::max(x.a[i], y.a[j]), hi = std::min(x.b[i], y.b[j]);
        if (lo < hi) {
            ra[n] = lo;
            rb[n++] = hi;
        }
        if (x.b[i] < y.b[j])
            ++i;
        else
            ++j;
    }
    for (int k = 0; k < n; ++k) {
        x.a[k] = ra[k];
        x.b[k] = rb[k];
    }
    x.n = n;
}

// Union into a larger sorted set (the space already owned along the ray), double-buffered.
struct Covered {
    static constexpr int kMax = 48;
    int n = 0, cur = 0;
    float buf[2][2][kMax]; // [buffer][a/b][span]
    float overlap(const Spans &s) const
    {
        const float *a = buf[cur][0], *b = buf[cur][1];
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
        const float *a = buf[cur][0], *b = buf[cur][1];
        float *na = buf[cur ^ 1][0], *nb = buf[cur ^ 1][1];
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
            else if (m < kMax) {
                na[m] = lo;
                nb[m++] = hi;
            }
        }
        n = m;
        cur ^= 1;
    }
};

// A quadric prepared for rays from one source: f(S + t d) = (d^T A d) t^2 + (w.d) t + c.
struct RayQuadric {
    double xx, yy, zz, xy, xz, yz;
    Vec3 w;
    double c;
    bool linear; // a half-space: no quadratic part
};

struct PreparedObject {
    int index;
    std::vector<RayQuadric> terms;
    int clipTo;
    double mu;
    int priority;
    bool visible;
    Structure structure;
    // Projected capsule of a tube segment (detector pixel units): rays farther than sqrt(r2) from the
    // segment a-b miss the object.
    bool capsule = false;
    float ax = 0, ay = 0, ex = 0, ey = 0, invLength2 = 0, r2 = 0;
    bool missesCapsule(float u, float v) const
    {
        const float dx = u - ax, dy = v - ay;
        const float t = std::clamp((dx * ex + dy * ey) * invLength2, 0.f, 1.f);
        const float qx = dx - t * ex, qy = dy - t * ey;
        return qx * qx + qy * qy > r2;
    }
};

// Region f < 0 along the ray, clipped to [0, tMax].
void quadricSpans(const RayQuadric &q, const Vec3 &d, float tMax, Spans &s)
{
    const double A = q.linear ? 0.0 : q.xx * d.x * d.x + q.yy * d.y * d.y + q.zz * d.z * d.z + 2 * (q.xy * d.x * d.y + q.xz * d.x * d.z + q.yz * d.y * d.z);
    const double B = q.w.dot(d), C = q.c;
    s.n = 0;
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
        return;
    }
    const double disc = B * B - 4 * A * C;
    if (A > 0) {
        if (disc <= 0)
            return;
        const double r = std::sqrt(disc);
        push((-B - r) / (2 * A), (-B + r) / (2 * A));
    } else {
        if (disc <= 0) {
            push(0, tMax);
            return;
        }
        const double r = std::sqrt(disc);
        const double t1 = (-B + r) / (2 * A), t2 = (-B - r) / (2 * A); // t1 < t2 since A < 0
        push(-1e30, t1);
        push(t2, 1e30);
    }
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
            const bool linear = q.xx == 0 && q.yy == 0 && q.zz == 0 && q.xy == 0 && q.xz == 0 && q.yz == 0;
            p.terms.push_back({q.xx, q.yy, q.zz, q.xy, q.xz, q.yz, AS * 2.0 + q.b, q.value(S), linear});
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
        if (o.hasCapsule) {
            // Perspective maps the segment to a segment, and a ball of radius r at depth dn to a
            // disc of radius below r * planeDistance / (dn - r) (10% more for the obliquity at the
            // field edge, plus a pixel).
            auto toPixel = [&](const Vec3 &point, double &u, double &v) {
                const Vec3 d = point - S;
                const Vec3 q = S + d * (planeDistance / d.dot(g.normal)) - g.detectorCenter;
                u = q.dot(g.u) / g.pixelCm + W * 0.5;
                v = q.dot(g.v) / g.pixelCm + H * 0.5;
            };
            const double r = o.capsuleRadius;
            const double nearest = std::min((o.capsuleA - S).dot(g.normal), (o.capsuleB - S).dot(g.normal)) - r;
            if (nearest > 1e-3) {
                double au, av, bu, bv;
                toPixel(o.capsuleA, au, av);
                toPixel(o.capsuleB, bu, bv);
                const double radius = r * planeDistance / nearest * 1.1 / g.pixelCm + 1.0;
                p.capsule = true;
                p.ax = float(au);
                p.ay = float(av);
                p.ex = float(bu - au);
                p.ey = float(bv - av);
                const double length2 = double(p.ex) * p.ex + double(p.ey) * p.ey;
                p.invLength2 = length2 > 1e-12 ? float(1.0 / length2) : 0.f;
                p.r2 = float(radius * radius);
            }
        }
        const int x0 = std::max(0, int(std::floor(u0)) - 1), x1 = std::min(W - 1, int(std::ceil(u1)) + 1);
        const int y0 = std::max(0, int(std::floor(v0)) - 1), y1 = std::min(H - 1, int(std::ceil(v1)) + 1);
        if (x0 > x1 || y0 > y1)
            continue;
        objects.push_back(std::move(p));
        rects.push_back({x0, y0, x1, y1});
    }
    std::vector<int> localOf(phantom.objects.size(), -1);

    constexpr int kTile = 8;
    std::vector<int> rowList, tileList, paintOrder;
    std::vector<Spans> spans;
    const float tileReach = kTile * 0.5f * 1.4143f; // centre to corner of a tile, in pixels
    for (int ty = 0; ty < H; ty += kTile) {
        rowList.clear();
        for (size_t k = 0; k < objects.size(); ++k)
            if (rects[k][1] < ty + kTile && rects[k][3] >= ty)
                rowList.push_back(int(k));
        for (int tx = 0; tx < W; tx += kTile) {
            tileList.clear();
            const float cu = tx + kTile * 0.5f, cv = ty + kTile * 0.5f;
            for (int k : rowList) {
                const auto &r = rects[size_t(k)];
                if (!(r[0] < tx + kTile && r[2] >= tx))
                    continue;
                // A tube segment whose projected capsule misses the whole tile.
                const PreparedObject &o = objects[size_t(k)];
                if (o.capsule) {
                    const float dx = cu - o.ax, dy = cv - o.ay;
                    const float t = std::clamp((dx * o.ex + dy * o.ey) * o.invLength2, 0.f, 1.f);
                    const float qx = dx - t * o.ex, qy = dy - t * o.ey;
                    const float reach = std::sqrt(o.r2) + tileReach;
                    if (qx * qx + qy * qy > reach * reach)
                        continue;
                }
                tileList.push_back(k);
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
                        Spans &s = spans[k];
                        if (!(px >= r[0] && px <= r[2] && py >= r[1] && py <= r[3]) ||
                            (o.capsule && o.missesCapsule(float(px) + 0.5f, float(py) + 0.5f))) {
                            s.n = 0;
                            continue;
                        }
                        // Clipped to an object this ray misses (or one outside the tile): nothing to trace.
                        const int c = o.clipTo >= 0 ? localOf[size_t(o.clipTo)] : -2;
                        if (c == -1 || (c >= 0 && spans[size_t(c)].n == 0)) {
                            s.n = 0;
                            continue;
                        }
                        quadricSpans(o.terms[0], d, tMax, s);
                        for (size_t q = 1; q < o.terms.size() && s.n > 0; ++q) {
                            Spans t;
                            quadricSpans(o.terms[q], d, tMax, t);
                            intersectInto(s, t);
                        }
                        if (c >= 0 && s.n > 0)
                            intersectInto(s, spans[size_t(c)]);
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
