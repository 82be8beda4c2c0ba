#pragma once
// Rule-based labeler for chest radiograph reports: finds mentions of the 14 observations, decides
// for each whether it is asserted, denied or hedged (negation and uncertainty scope), reads side and
// severity around it, and sums the mentions up into one finding per observation.
// The rules and the vocabulary are described in docs/LABELER.md.
#include "radsynth/report/Findings.h"
#include "radsynth/report/ReportDocument.h"

#include <QJsonObject>
#include <QString>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace radsynth::report {

struct Mention {
    Observation observation = Observation::NoFinding;
    Status status = Status::Positive;
    Side side = Side::Unspecified;
    Severity severity = Severity::Unspecified;
    int start = 0;  // character offset (UTF-16 code units) in the labelled text
    int length = 0;
    int sentenceStart = 0;
    int sentenceLength = 0;
};

// An abnormality outside the 14 observations ("granuloma", "spine", ...); it keeps a study from
// being labelled "no finding" when asserted or hedged.
struct OtherMention {
    QString concept;
    Status status = Status::Positive;
    int start = 0;
    int length = 0;
};

struct LabelResult {
    std::vector<Mention> mentions;
    std::vector<OtherMention> others;
    // One finding per mentioned observation: positive beats uncertain beats negative. "no_finding"
    // is positive when nothing abnormal is asserted or hedged and the text says something.
    FindingSet findings;

    // Positive and uncertain findings only (what a simulated case needs).
    FindingSet presentFindings() const;
    Status statusOf(Observation observation, Status absent = Status::Negative) const;
    bool mentioned(Observation observation) const;
    // {"findings": [...], "mentions": [{..., "start", "length", "text"}], "other": [...]}
    QJsonObject toJson(const QString &labelledText) const;
};

class Labeler {
public:
    // Labels any text; offsets refer to `text`.
    LabelResult label(const QString &text) const;
    // Labels the findings and impression; offsets refer to document.findingsAndImpression().
    LabelResult label(const ReportDocument &document) const;

    // Sentence spans [start, end) as the labeler splits text (used by the sentence bank).
    static std::vector<std::pair<int, int>> sentences(const QString &text);
};

// The findings of `utf8` text as one value per observation (Observation order): 1 positive, -1
// uncertain, 0 negative or not mentioned; the training cache's convention, and the report labeler
// the model's finding-guided drafting reads drafts with (Generator::setReportLabeler).
std::array<int8_t, kObservationCount> labelVector(const std::string &utf8);

// The sides `utf8` text states each observation on (Observation order), from its positive
// mentions: kSideRight and kSideLeft bits ("bilateral" both), 0 where no positive mention names a
// side. What finding-guided drafting compares with the classifier's side (Generator::setReportSideReader).
inline constexpr int8_t kSideRight = 1, kSideLeft = 2;
std::array<int8_t, kObservationCount> sideVector(const std::string &utf8);

} // namespace radsynth::report
