#pragma once
// Clinical efficacy of generated reports: the report labeler (core/report) reads the 14 CheXpert
// observations from the generated and from the reference report; an observation counts as present
// when the labeler finds it positive (uncertain and negative mentions count as absent, as in the
// CheXpert-based clinical efficacy of R2Gen and later papers). Precision, recall and F1 per
// observation, micro (counts pooled) and macro (mean over the observations that are present in a
// reference or a generated report at least once).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace radsynth::evaluation {

inline constexpr int kObservations = 14;
using Labels = std::array<int8_t, kObservations>; // 1 positive, 0 negative / not mentioned, -1 uncertain

// The labeler's findings of a report text.
Labels labelReport(const std::string &text);

struct Counts {
    int truePositives = 0, falsePositives = 0, falseNegatives = 0, trueNegatives = 0;
    double precision() const;
    double recall() const;
    double f1() const;
    bool defined() const { return truePositives + falsePositives + falseNegatives > 0; }
};

struct ClinicalEfficacy {
    std::array<Counts, kObservations> perObservation;
    Counts micro;
    double microPrecision = 0, microRecall = 0, microF1 = 0;
    double macroPrecision = 0, macroRecall = 0, macroF1 = 0;
    // Micro over the 13 abnormal observations (without "no finding", which a normal report scores
    // on every normal study).
    Counts abnormal;
    size_t count = 0;
};

ClinicalEfficacy clinicalEfficacy(const std::vector<Labels> &generated, const std::vector<Labels> &reference);

// The sides a report states each observation on (report::sideVector): a bit set per observation,
// kRight and kLeft ("bilateral" both); 0 where no positive mention names a side.
inline constexpr int8_t kRight = 1, kLeft = 2;
using Sides = std::array<int8_t, kObservations>;
Sides sideLabels(const std::string &text);

// Side agreement: for every observation a reference states on one side only (left or right) and
// the generated report states present too, whether the generated report puts it on the same side,
// the other side, both sides, or names no side. A finding on the wrong side is the error a reader
// can least afford; CE counts it as a true positive.
struct SideAgreement {
    int same = 0, opposite = 0, both = 0, unstated = 0;
    int total() const { return same + opposite + both + unstated; }
};
SideAgreement sideAgreement(const std::vector<Labels> &generated, const std::vector<Sides> &generatedSides,
                            const std::vector<Labels> &reference, const std::vector<Sides> &referenceSides);

} // namespace radsynth::evaluation
