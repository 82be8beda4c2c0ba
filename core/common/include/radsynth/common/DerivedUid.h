#pragma once
// DICOM UIDs derived from a seed instead of drawn at random, so that the same case (same seed)
// gives byte-identical objects on any machine, shard or re-run (docs/SCALING.md).
#include <cstdint>
#include <string>

namespace radsynth {

// An independent 64-bit number from a seed and a label (SplitMix64).
uint64_t deriveSeed(uint64_t seed, uint64_t label);
// 64-bit FNV-1a of a text (e.g. a case id), to mix into a seed.
uint64_t hashText(const std::string &text);
// "2.25." and a 127-bit number from the seed and a label (the UUID-derived form of ISO/IEC 9834-8).
std::string derivedUid(uint64_t seed, uint64_t label);

} // namespace radsynth
