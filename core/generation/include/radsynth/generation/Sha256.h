#pragma once
// SHA-256 (FIPS 180-4), standard library only: bundle manifests record one per weights file.
#include <cstdint>
#include <string>

namespace radsynth::generation {

std::string sha256Hex(const void *data, size_t size);
// Hash of a whole file; empty string when the file cannot be read.
std::string sha256File(const std::string &path);

} // namespace radsynth::generation
