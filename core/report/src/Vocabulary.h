#pragma once
// The labeler's vocabulary (RadSynth's own word lists, written for chest radiograph reports):
// terms that mention an observation, and triggers that negate, hedge or end a scope.
// All patterns match lower-case text; see docs/LABELER.md for the rules that use them.
#include "radsynth/report/Findings.h"

#include <QRegularExpression>
#include <QString>

#include <optional>
#include <vector>

namespace radsynth::report::detail {

enum class TermKind {
    Observation, // one or more of the 14 observations
    Normal,      // a whole-study normal statement ("no acute cardiopulmonary abnormality")
    Other,       // an abnormality outside the 14 (granuloma, scoliosis...): blocks "no finding"
    Ignored      // consumed so that nothing shorter matches inside it ("external monitor leads")
};

struct Term {
    TermKind kind = TermKind::Observation;
    std::vector<Observation> observations; // kind Observation
    QString concept;                       // kind Other: a short name ("granuloma")
    std::optional<Status> fixedStatus;     // the phrase carries its own status ("heart size is normal")
    QRegularExpression pattern;
    int priority = 0; // lower wins between equally long overlapping matches
};

enum class TriggerKind {
    Negation,    // "no", "without", "negative for" / post: "is not seen", "has resolved"
    Uncertainty, // "may", "possible", "cannot exclude" / post: "is not excluded"
    Break        // ends a scope: "but", "however", ";", "stable", "there is"
};

struct Trigger {
    TriggerKind kind = TriggerKind::Negation;
    bool post = false; // follows the mention it modifies
    bool both = false; // modifies the mention before and the ones after ("atelectasis versus infiltrate")
    QRegularExpression pattern;
};

const std::vector<Term> &terms();
const std::vector<Trigger> &triggers();

struct SideWord {
    QRegularExpression pattern;
    Side side;
};
const std::vector<SideWord> &sideWords();

struct SeverityWord {
    QRegularExpression pattern;
    Severity severity;
};
const std::vector<SeverityWord> &severityWords();

} // namespace radsynth::report::detail
