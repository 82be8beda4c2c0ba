#pragma once
// Which sentences radiologists wrote: the sentences of a bundle's training reports, kept as 64-bit
// hashes of their normalised words, never as text (the reports' licence stays with the data). A
// drafted sentence that is not in the set is one the report generator composed itself, word by word:
// where the model's drafts go wrong ("Heart size and mediastinum difficult to expected thoracic aorta
// has normal contour."), they go wrong in such sentences. The workstation marks them for the
// reviewer, `evaluate` reports their share, and finding-guided drafting can charge them a penalty
// (Request::novelSentencePenalty; the default model uses none) (docs/GENERATION.md, "Sentences
// radiologists wrote, and composed ones").
//
// A sentence is what ends at '.', '?', '!' followed by a space or the text's end, or at a line break;
// a leading "Findings:" / "Impression:" header is not part of it; its normalised form is its words
// (letters and digits) in lower case joined by single spaces ("Right-sided  effusion." ->
// "right sided effusion"). List numbers ("1.") and sentences without a letter are not sentences.
// Standard library only (the model library builds without Qt).
#include "radsynth/generation/Status.h"

#include <cstdint>
#include <string>
#include <vector>

namespace radsynth::generation {

class SentenceSet {
public:
    // The normalised sentences of a report text, in order.
    static std::vector<std::string> sentences(const std::string &text);
    // The same sentences as they stand in `text` (header excluded, trimmed), in the same order.
    static std::vector<std::string> sentenceTexts(const std::string &text);
    // FNV-1a, 64 bits, of a normalised sentence.
    static uint64_t hash(const std::string &normalised);
    static SentenceSet fromReports(const std::vector<std::string> &reports);

    bool empty() const { return m_hashes.empty(); }
    size_t size() const { return m_hashes.size(); }
    bool contains(const std::string &normalised) const;
    // Sentences of `text` that are not in the set (a sentence twice counts twice).
    int novelSentences(const std::string &text) const;
    // Those sentences as they stand in `text` (header excluded, trimmed), in order.
    std::vector<std::string> novelSentenceTexts(const std::string &text) const;

    // File: "RSSENT1\n", the count (uint64, little-endian), the sorted hashes (uint64 each).
    Status save(const std::string &path) const;
    static Outcome<SentenceSet> load(const std::string &path);

private:
    std::vector<uint64_t> m_hashes; // sorted, unique
};

} // namespace radsynth::generation
