#include "radsynth/simulation/Geometry.h"

#include <algorithm>

namespace radsynth::simulation {

Mat3 Mat3::operator*(const Mat3 &o) const
{
    Mat3 r;
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j)
            r.m[i * 3 + j] = m[i * 3] * o.m[j] + m[i * 3 + 1] * o.m[3 + j] + m[i * 3 + 2] * o.m[6 + j];
    return r;
}

Mat3 Mat3::transposed() const
{
    Mat3 r;
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j)
            r.m[i * 3 + j] = m[j * 3 + i];
    return r;
}

Mat3 Mat3::rotationX(double a)
{
    Mat3 r;
    r.m = {1, 0, 0, 0, std::cos(a), -std::sin(a), 0, std::sin(a), std::cos(a)};
    return r;
}

Mat3 Mat3::rotationY(double a)
{
    Mat3 r;
    r.m = {std::cos(a), 0, std::sin(a), 0, 1, 0, -std::sin(a), 0, std::cos(a)};
    return r;
}

Mat3 Mat3::rotationZ(double a)
{
    Mat3 r;
    r.m = {std::cos(a), -std::sin(a), 0, std::sin(a), std::cos(a), 0, 0, 0, 1};
    return r;
}

Mat3 Mat3::frame(const Vec3 &axis, const Vec3 &up)
{
    const Vec3 w = axis.normalized();
    Vec3 u = up - w * up.dot(w);
    if (u.norm() < 1e-6)
        u = std::abs(w.x) < 0.9 ? Vec3{1, 0, 0} - w * w.x : Vec3{0, 1, 0} - w * w.y;
    u = u.normalized();
    const Vec3 v = w.cross(u);
    Mat3 r;
    r.m = {u.x, v.x, w.x, u.y, v.y, w.y, u.z, v.z, w.z};
    return r;
}

void Box3::add(const Vec3 &p)
{
    lo = {std::min(lo.x, p.x), std::min(lo.y, p.y), std::min(lo.z, p.z)};
    hi = {std::max(hi.x, p.x), std::max(hi.y, p.y), std::max(hi.z, p.z)};
}

void Box3::grow(double margin)
{
    lo = lo - Vec3{margin, margin, margin};
    hi = hi + Vec3{margin, margin, margin};
}

Box3 Box3::intersected(const Box3 &o) const
{
    Box3 r;
    r.lo = {std::max(lo.x, o.lo.x), std::max(lo.y, o.lo.y), std::max(lo.z, o.lo.z)};
    r.hi = {std::min(hi.x, o.hi.x), std::min(hi.y, o.hi.y), std::min(hi.z, o.hi.z)};
    if (r.lo.x > r.hi.x || r.lo.y > r.hi.y || r.lo.z > r.hi.z)
        return Box3{};
    return r;
}

Quadric Quadric::complement() const
{
    Quadric q = *this;
    q.xx = -xx; q.yy = -yy; q.zz = -zz; q.xy = -xy; q.xz = -xz; q.yz = -yz;
    q.b = b * -1.0;
    q.c = -c;
    return q;
}

namespace {
// Quadric (p-c)^T M (p-c) - 1 with M = R diag(d) R^T.
Quadric fromLocalDiagonal(const Vec3 &center, const Mat3 &R, const Vec3 &d)
{
    const double dd[3] = {d.x, d.y, d.z};
    double M[3][3] = {};
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j)
            for (int k = 0; k < 3; ++k)
                M[i][j] += R.m[i * 3 + k] * dd[k] * R.m[j * 3 + k];
    Quadric q;
    q.xx = M[0][0]; q.yy = M[1][1]; q.zz = M[2][2];
    q.xy = M[0][1]; q.xz = M[0][2]; q.yz = M[1][2];
    const Vec3 Mc = q.timesA(center);
    q.b = Mc * -2.0;
    q.c = center.dot(Mc) - 1.0;
    return q;
}
} // namespace

Quadric Quadric::ellipsoid(const Vec3 &center, const Vec3 &radii, const Mat3 &rotation)
{
    return fromLocalDiagonal(center, rotation, {1.0 / (radii.x * radii.x), 1.0 / (radii.y * radii.y), 1.0 / (radii.z * radii.z)});
}

Quadric Quadric::cylinder(const Vec3 &point, const Mat3 &frame, double ru, double rv)
{
    return fromLocalDiagonal(point, frame, {1.0 / (ru * ru), 1.0 / (rv * rv), 0.0});
}

Quadric Quadric::halfSpace(const Vec3 &normal, double d)
{
    Quadric q;
    q.b = normal;
    q.c = -d;
    return q;
}

Quadric Quadric::belowParaboloid(double cx, double cy, double h0, double k, double s)
{
    // z - h0 - k((x-cx)^2 + s (y-cy)^2) < 0
    Quadric q;
    q.xx = -k;
    q.yy = -k * s;
    q.b = {2 * k * cx, 2 * k * s * cy, 1.0};
    q.c = -h0 - k * (cx * cx + s * cy * cy);
    return q;
}

Box3 ellipsoidBounds(const Vec3 &center, const Vec3 &radii, const Mat3 &R)
{
    const double r[3] = {radii.x, radii.y, radii.z};
    double h[3];
    for (int i = 0; i < 3; ++i) {
        double s = 0;
        for (int k = 0; k < 3; ++k)
            s += (R.m[i * 3 + k] * r[k]) * (R.m[i * 3 + k] * r[k]);
        h[i] = std::sqrt(s);
    }
    Box3 b;
    b.lo = {center.x - h[0], center.y - h[1], center.z - h[2]};
    b.hi = {center.x + h[0], center.y + h[1], center.z + h[2]};
    return b;
}

} // namespace radsynth::simulation
