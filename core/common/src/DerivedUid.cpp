// Seed-derived DICOM UIDs (DerivedUid.h).
#include "radsynth/common/DerivedUid.h"

namespace radsynth {

uint64_t deriveSeed(uint64_t seed, uint64_t label)
{
    // SplitMix64's first output for the mixed state: the simulator's Random::derive, bit for bit.
    uint64_t z = (seed * 0x100000001B3ull + label * 0xC2B2AE3D27D4EB4Full) ^ 0x9E3779B97F4A7C15ull;
    z += 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

uint64_t hashText(const std::string &text)
{
    uint64_t hash = 0xcbf29ce484222325ull;
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 0x100000001b3ull;
    }
    return hash;
}

std::string derivedUid(uint64_t seed, uint64_t label)
{
    unsigned __int128 value = (static_cast<unsigned __int128>(deriveSeed(seed, label)) << 64) | deriveSeed(seed, label + 1000);
    value &= ~(static_cast<unsigned __int128>(1) << 127); // below 2^127: at most 39 digits
    std::string digits;
    do {
        digits.insert(digits.begin(), char('0' + int(value % 10)));
        value /= 10;
    } while (value > 0);
    return "2.25." + digits;
}

} // namespace radsynth
