#pragma once
// Writes a findings + impression report for a set of findings in real radiologists' sentences from
// the sentence bank. Deterministic for a seed. Each present finding gets a sentence that states
// exactly it (side and severity too when the bank has such a sentence, else the nearest one), the
// rest of the study is described with sentences that only deny observations that were not asked
// for, and the impression restates the findings (or gives a normal statement). The composed text
// is labelled again and redrawn when the labeler does not read back the requested observations.
#include "radsynth/common/Result.h"
#include "radsynth/report/Findings.h"
#include "radsynth/report/ReportDocument.h"
#include "radsynth/report/SentenceBank.h"

#include <cstdint>

namespace radsynth::report {

struct ComposedReport {
    ReportDocument document;
    FindingSet stated; // the findings the chosen sentences state (side/severity may be relaxed)
};

class Composer {
public:
    explicit Composer(const SentenceBank &bank) : m_bank(bank) {}

    // `findings` may hold negative entries (they are simply not stated as present); "no_finding"
    // or an empty set gives a normal report.
    Result<ComposedReport> compose(const FindingSet &findings, std::uint64_t seed) const;

private:
    Result<ComposedReport> attempt(const FindingSet &present, std::uint64_t seed) const;
    const SentenceBank &m_bank;
};

} // namespace radsynth::report
