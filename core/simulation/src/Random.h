#pragma once
// A small deterministic random generator (SplitMix64): the same seed gives the same numbers on
// every platform and standard library, so a seed always gives byte-identical images.
#include <cmath>
#include <cstdint>

namespace radsynth::simulation {

class Random {
public:
    explicit Random(uint64_t seed) : m_state(seed ^ 0x9E3779B97F4A7C15ull) {}
    uint64_t next()
    {
        uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    int integer(int lo, int hiInclusive) { return lo + int(next() % uint64_t(hiInclusive - lo + 1)); }
    bool chance(double p) { return uniform() < p; }
    double normal()
    {
        const double u1 = std::max(uniform(), 1e-300), u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }
    double normal(double mean, double sd) { return mean + sd * normal(); }
    double clampedNormal(double mean, double sd, double lo, double hi) { return std::min(hi, std::max(lo, normal(mean, sd))); }
    // An independent stream derived from this seed and a label.
    static uint64_t derive(uint64_t seed, uint64_t label)
    {
        Random r(seed * 0x100000001B3ull + label * 0xC2B2AE3D27D4EB4Full);
        return r.next();
    }

private:
    uint64_t m_state;
};

} // namespace radsynth::simulation
