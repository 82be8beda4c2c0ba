#pragma once
// Analytic geometry of the phantom: every structure is an intersection of quadric regions
// (ellipsoids, elliptic cylinders, paraboloids, half-spaces), so the chord of a ray through it is
// found in closed form (a few interval operations per primitive), which makes projection fast.
// Patient coordinates in cm: x to the patient's left, y anterior, z superior.
#include <array>
#include <cmath>

namespace radsynth::simulation {

struct Vec3 {
    double x = 0.0, y = 0.0, z = 0.0;
    Vec3 operator+(const Vec3 &o) const { return {x + o.x, y + o.y, z + o.z}; }
    Vec3 operator-(const Vec3 &o) const { return {x - o.x, y - o.y, z - o.z}; }
    Vec3 operator*(double s) const { return {x * s, y * s, z * s}; }
    double dot(const Vec3 &o) const { return x * o.x + y * o.y + z * o.z; }
    Vec3 cross(const Vec3 &o) const { return {y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x}; }
    double norm() const { return std::sqrt(dot(*this)); }
    Vec3 normalized() const { const double n = norm(); return n > 0 ? *this * (1.0 / n) : *this; }
};

// Rows are the images of the basis vectors: R * local = world.
struct Mat3 {
    std::array<double, 9> m{1, 0, 0, 0, 1, 0, 0, 0, 1};
    Vec3 operator*(const Vec3 &v) const
    {
        return {m[0] * v.x + m[1] * v.y + m[2] * v.z, m[3] * v.x + m[4] * v.y + m[5] * v.z, m[6] * v.x + m[7] * v.y + m[8] * v.z};
    }
    Mat3 operator*(const Mat3 &o) const;
    Mat3 transposed() const;
    static Mat3 rotationX(double radians);
    static Mat3 rotationY(double radians);
    static Mat3 rotationZ(double radians);
    // Columns: the orthonormal frame (u, v, w) with w along `axis` and u as close as possible to `up`.
    static Mat3 frame(const Vec3 &axis, const Vec3 &up);
};

struct Box3 {
    Vec3 lo{1e9, 1e9, 1e9}, hi{-1e9, -1e9, -1e9};
    void add(const Vec3 &p);
    void grow(double margin);
    bool empty() const { return lo.x > hi.x; }
    Box3 intersected(const Box3 &o) const;
};

// Region f(p) < 0 with f(p) = p^T A p + b.p + c (A symmetric: xx, yy, zz, xy, xz, yz).
struct Quadric {
    double xx = 0, yy = 0, zz = 0, xy = 0, xz = 0, yz = 0;
    Vec3 b;
    double c = 0;

    double value(const Vec3 &p) const
    {
        return xx * p.x * p.x + yy * p.y * p.y + zz * p.z * p.z + 2 * (xy * p.x * p.y + xz * p.x * p.z + yz * p.y * p.z) + b.dot(p) + c;
    }
    Vec3 timesA(const Vec3 &v) const
    {
        return {xx * v.x + xy * v.y + xz * v.z, xy * v.x + yy * v.y + yz * v.z, xz * v.x + yz * v.y + zz * v.z};
    }
    Quadric complement() const;

    // Ellipsoid with semi-axes r (in the local frame) rotated by `rotation` (local -> world).
    static Quadric ellipsoid(const Vec3 &center, const Vec3 &radii, const Mat3 &rotation = {});
    // Infinite elliptic cylinder along the local w axis of `frame` with radii (ru, rv).
    static Quadric cylinder(const Vec3 &point, const Mat3 &frame, double ru, double rv);
    // Half-space n.p < d.
    static Quadric halfSpace(const Vec3 &normal, double d);
    // Below an upward paraboloid: z < h0 + k * ((x-cx)^2 + s*(y-cy)^2).
    static Quadric belowParaboloid(double cx, double cy, double h0, double k, double s = 1.0);
};

// Bounding box of an ellipsoid.
Box3 ellipsoidBounds(const Vec3 &center, const Vec3 &radii, const Mat3 &rotation = {});

} // namespace radsynth::simulation
