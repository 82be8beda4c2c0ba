#pragma once
// A bounded pre-scan of DICOM bytes before DCMTK parses them.
//
// DCMTK 3.6.7's parser recurses once per nested sequence/item; a crafted object holding
// thousands of nested undefined-length sequences (a few hundred KB) overflows the stack and
// kills the process (SIGSEGV). The pre-scan walks the same byte stream iteratively (an explicit
// stack, no recursion, every value skipped by its length) and refuses objects whose sequences
// nest deeper than kMaxSequenceDepth, with one line a user can act on.
//
// It reads the stream in explicit VR little endian, implicit VR little endian and explicit VR big
// endian (DCMTK may detect a data set's encoding from the bytes rather than from the meta header,
// so every layout is tried: a refusal in any of them refuses the object). Deflated data sets are
// inflated first (at most kMaxInflatedBytes). Bytes that do not parse end the scan without a
// refusal: DCMTK then reports the damage itself. Cost: one pass per layout over the element
// headers; values are skipped, never read.
#include <cstddef>
#include <cstdint>
#include <string>

namespace radsynth::dicom {

// Deepest sequence nesting accepted. Real objects stay far below it (structured reports nest a
// content tree about 10 levels; DICOMDIRs and presentation states 3 or 4).
constexpr int kMaxSequenceDepth = 64;
// Largest inflated size of a deflated data set the pre-scan will check (larger ones are refused).
constexpr std::uint64_t kMaxInflatedBytes = 1ull << 30;

// Pre-scan of a file (Part 10 with or without preamble, or a bare data set). Returns "" when the
// file may be handed to DCMTK, otherwise one line saying why not. Never throws; reads nothing
// but regular files (a FIFO or device is refused, never opened for reading).
std::string prescanFile(const std::string &path, int maxDepth = kMaxSequenceDepth);

// Pre-scan of a bare data set (no meta header) received in `transferSyntaxUid` (may be empty).
std::string prescanDataset(const void *data, std::size_t size, const std::string &transferSyntaxUid,
                           int maxDepth = kMaxSequenceDepth);

} // namespace radsynth::dicom
