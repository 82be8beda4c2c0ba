#pragma once
// Self-contradiction in a report: one observation stated both present and absent (per the
// labeler, on an overlapping side: "No pleural effusion." with "Small right pleural effusion." is
// one; "No left effusion." with "Right effusion." is not; a denial of airspace disease or of
// consolidation also denies a pneumonia, and of airspace disease a consolidation: "Right lower lobe
// pneumonia. No focal airspace disease." is one). Radiologists' reports almost never do
// it; a generated draft must not. `resolveContradictions` removes the sentences that state the
// losing side of each contradicted observation.
#include "radsynth/report/Labeler.h"

#include <QString>

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace radsynth::report {

struct Contradiction {
    Observation observation = Observation::NoFinding;
    int positive = 0, negative = 0; // mentions stating it present / absent
};

// The observations `result` (the labelling of `text`) states both ways. Uncertain mentions
// contradict nothing, nor does a denial scoped by "otherwise" ("The lungs are otherwise clear").
std::vector<Contradiction> contradictions(const LabelResult &result, const QString &text);
// How many observations `utf8` states both ways: the check the model's rewriting of composed
// sentences runs on each draft it would make (Generator::setContradictionCounter).
int contradictionCount(const std::string &utf8);

// Lobes, as bits: what a sentence names ("right lower lobe", "right middle and lower lobes",
// "left upper lobe", "lingula"). A level without a side ("lower lobe") or without "lobe" ("right
// lower lung", "right lower thoracic spine") names none.
enum Lobe : int { RightUpperLobe = 1, RightMiddleLobe = 2, RightLowerLobe = 4, LeftUpperLobe = 8, LeftLowerLobe = 16, Lingula = 32 };
int namedLobes(const QString &sentence);

// Lung zones, as bits: the lobes a sentence names (upper lobe: upper and mid zone, lingula and
// middle lobe: mid zone, lower lobe: lower zone) and the zones it names without lobes: "left
// basilar", "right lung base", "left upper lung", "right midlung", "left apical"; "bibasilar" and
// a base without a side ("basilar atelectasis", "lung bases") are both lower zones, "biapical"
// both upper zones. A level with neither a side nor a lung word names none ("lower lobe", "right
// lower thoracic spine").
enum Zone : int { RightUpperZone = 1, RightMidZone = 2, RightLowerZone = 4, LeftUpperZone = 8, LeftMidZone = 16, LeftLowerZone = 32 };
int namedZones(const QString &sentence);

// An impression that moves a lung finding: it places an opacity, consolidation, pneumonia,
// atelectasis or lesion (present or uncertain) in a lung zone that no findings sentence named for
// such a finding, while the findings did name zones for them. "Findings: There is a right lower
// lobe pneumonia. Impression: Right upper lobe pneumonia.", "Findings: small amount of left
// basilar patchy opacities. Impression: few small nodular opacities in the left upper lung." A
// reader cannot tell where the draft means; radiologists' impressions restate the findings'
// location. Also a pleural effusion or pneumothorax on the other side from the findings, which
// state it on one side only: "Findings: There is a small left pleural effusion. Impression: Small
// right-sided pleural effusion." The impression starts at "Impression:"; a report without one has
// no such conflict.
struct LocationConflict {
    int start = 0, length = 0; // the impression sentence
    int findingsZones = 0, sentenceZones = 0; // the lung zones (0 for a pleural finding's side)
};
std::vector<LocationConflict> locationConflicts(const LabelResult &result, const QString &text);
int locationConflictCount(const std::string &utf8);

// An impression sentence that states a device or a fracture present (or hedged) which no findings
// sentence mentions at all. Devices and bones are described in the findings, not inferred from
// them; the model's decoder writes such impressions when it drifts: "Findings: there is a right
// lower lobe pneumonia. ... Impression: right lower thoracic spine fusion." Only where the report
// has findings before its "Impression:".
struct ImpressionOnlyClaim {
    int start = 0, length = 0; // the impression sentence (its header left out)
    Observation observation = Observation::SupportDevices;
};
std::vector<ImpressionOnlyClaim> impressionOnlyClaims(const LabelResult &result, const QString &text);

struct Resolution {
    QString text;
    int removedSentences = 0;
    std::vector<Observation> resolved;
};

// Keeps one side of each contradicted observation and removes the sentences that state the other.
// The kept side: `present` when given (1 present, 0 absent, -1 no opinion: e.g. the model's finding
// classifiers), else what the last sentence stating it says (the impression, which radiologists
// write last), so a draft keeps its conclusion. A sentence that also states another observation's
// kept side is removed all the same: the draft loses that statement rather than keep a
// contradiction.
Resolution resolveContradictions(const QString &text, const Labeler &labeler,
                                 const std::optional<std::array<int8_t, kObservationCount>> &present = std::nullopt);

} // namespace radsynth::report
