#pragma once
// Readability of a drafted report: sentences no radiologist would write. A simple, documented
// check (docs/GENERATION.md, "Readable drafts"), not a grammar: a sentence is a fragment when
//   - it ends on a word that cannot end an English sentence (an article, a preposition, a
//     conjunction, an auxiliary: "the", "of", "and", "are", "would"...), or starts with one that
//     cannot start it ("and", "of", "are"...);
//   - it repeats a word back to back ("the the", "lung lung"), or puts "no", "the", "a" or "an"
//     straight before a word no noun phrase starts with ("No with no pulmonary disease.", "the be");
//   - it has a unit ("cm", "mm") that no number precedes;
//   - it puts a verb "to be" straight before a modal or another one ("left is may be");
//   - it names a part or place of the chest and nothing in it ("Heart.", "Lobe.", "Right lower
//     lobes.");
//   - it says a part of the heart or mediastinum is a lung or pleural finding ("The
//     cardiomediastinal silhouette is focal airspace disease.");
//   - it repeats an earlier sentence of its section word for word ("No airspace disease. No
//     airspace disease."; an impression restating a findings sentence is another section);
//   - it keeps an anonymisation placeholder ("XXXX", as in the IU X-ray reports);
//   - it starts with an article and has no word that makes it a statement: no verb (is, are,
//     seen, noted, appears... or a past participle) and none of the words radiologists' verbless
//     sentences are built on ("no", "normal", "clear", "stable", "within", "intact"...): "The
//     cardiac and mediastinum." (noun-phrase impressions such as "Basilar atelectasis." are fine).
// List numbers ("1.") and "Dr." left by the sentence splitter are not sentences; a list number
// with no item after it on its line ("Impression: 1.") is a fragment.
// `finalizeDraft` is what every drafted report goes through before a user or the evaluation sees
// it: contradictions resolved (Consistency.h), then fragments removed.
#include "radsynth/report/Consistency.h"
#include "radsynth/report/Labeler.h"

#include <QString>

namespace radsynth::generation {
class SentenceSet;
}

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace radsynth::report {

struct Fragment {
    int start = 0, length = 0; // the sentence's span in the text (a section header excluded)
    QString reason;            // "ends on 'the'", "no statement", "placeholder XXXX", ...
    // Charged in the choice among drafts (fragmentPenalty). The rules of 2026-12-07 ("is may", a
    // place with nothing in it; in the evening a heart that "is" a lung finding, a sentence
    // repeated in its section) only remove the sentence: charged, the first two moved the choice
    // on two of 80 real adult frontals from a draft stating the pneumonia to one that did not.
    bool charged = true;
};

// The fragments of a report text (Labeler::sentences splits it; "Findings:"/"Impression:" headers
// are not part of a sentence).
std::vector<Fragment> fragments(const QString &text);

struct FinalDraft {
    QString text;
    int contradictingRemoved = 0; // sentences removed to resolve self-contradictions
    int fragmentsRemoved = 0;     // fragment sentences removed
    int emptyComposedRemoved = 0; // composed sentences the labeler reads nothing in
    int unsupportedRemoved = 0;   // composed sentences stating what the classifiers read absent
    int locationRemoved = 0;      // impression sentences that moved a lung finding (Consistency.h)
    int impressionOnlyRemoved = 0; // impression sentences stating a device/fracture the findings never mention
    int repeatedHeadersRemoved = 0; // a second "Findings:" or "Impression:" (its sentences join the first section)
    bool impressionAdded = false; // the draft had no impression: one restates its findings
};

// What the final pass may also remove (see finalizeDraft): composed sentences (no training report
// holds them) that state an observation present which the finding classifiers read absent.
struct UnsupportedClaims {
    const generation::SentenceSet *trainingSentences = nullptr; // none: nothing removed this way
};

// Resolves contradictions (the finding classifiers' opinion `present` decides where it has one,
// see resolveContradictions), merges a repeated section into the first one of its name (the
// later "Impression:" goes, its sentences stay), then removes (with the training sentences)
// composed sentences in which the labeler reads nothing (no observation, no other abnormality:
// "Two venous in the lingula."), then fragment sentences (a list number left without its item
// among them), then impression sentences that
// place a lung finding in a lobe the findings did not (locationConflicts), then impression
// sentences stating a device or fracture the findings never mention that the classifiers do not
// read present (impressionOnlyClaims); a section left empty
// loses its header; last, a draft left without an impression gets one restating its findings
// (addImpressionFromFindings). The result states nothing the draft did not. A draft is never
// emptied: when every sentence is a fragment, they all stay (and nothing is added).
// With `unsupported` (training sentences given) and `present`, a composed sentence that states an
// observation present or uncertain which `present` says is absent is removed too (the model invented
// it word by word and the image does not show it: "Impression: right lower cervical spine fusion and
// sternotomy." on a child).
// `knownSentences` (the model's training sentences; else unsupported's) keeps composed sentences
// out of an added impression.
FinalDraft finalizeDraft(const QString &text, const Labeler &labeler,
                         const std::optional<std::array<int8_t, kObservationCount>> &present = std::nullopt,
                         const UnsupportedClaims &unsupported = {}, const generation::SentenceSet *knownSentences = nullptr);

// A draft that ends without an impression (the model wrote none, or the final pass removed the one
// it had) gets one that restates its findings, and states nothing they do not:
//   - its findings state a finding present or uncertain (cardiomediastinal, lung, pleural,
//     pneumothorax; not fractures, devices or "other"): up to two of those sentences, as written,
//     without a leading "there is/are (a/an)" ("there is a right lower lobe pneumonia." ->
//     "Impression: right lower lobe pneumonia."). With `trainingSentences`, a composed sentence (no
//     training report holds it) is not restated, and "there is" goes only where a training report
//     has the sentence without it: an added impression holds no composed sentence;
//   - its findings state findings absent and none present, or only pleural thickening
//     ("pleural_other") or devices present: "Impression: no acute cardiopulmonary abnormality.";
//   - otherwise (a fracture present, or nothing labelled): none.
// Returns whether it added one. A text that has an "Impression:" is left as it is.
bool addImpressionFromFindings(QString &text, const Labeler &labeler, const generation::SentenceSet *trainingSentences = nullptr);

// The final pass's revision: raised whenever finishGeneratedReport, or the labeler it reads drafts
// with, changes what a draft becomes. The workstation's generation cache is keyed on it, so a
// draft finished by an older pass is made again (workflow::GenerationService::cacheKey). 11: the
// ten changes from "consistent drafts" (2026-12-06) to "composed sentences stating nothing
// removed" (2026-12-07). 12: an effusion or pneumothorax moved to the other side in the
// impression; "no acute ..." after only pleural thickening or devices. 13: a heart that "is" a
// lung finding, a sentence repeated in its section.
inline constexpr int kFinalPassRevision = 13;

// Per fragment, what a draft loses in the choice among the model's candidates (log-likelihood
// units of the finding classifiers' score: a fragment costs as much as stating a finding the
// classifiers give 5 %).
inline constexpr double kFragmentPenalty = 3.0;
// kFragmentPenalty times the charged fragments of `utf8`: what a draft loses in finishGeneratedReport's
// choice (the model's generator is handed it: Generator::setDraftPenalty). An impression that
// moves a lung finding to another lobe is not charged: charged like a fragment (validation,
// 2026-12-07), the choice went to drafts that dropped the pneumonia altogether on real adult
// frontals ("no acute cardiopulmonary process"); the final pass removes that sentence instead.
double fragmentPenalty(const std::string &utf8);

// One draft as finishGeneratedReport leaves it: finalizeDraft with the classifiers' `probabilities`
// (present above 0.6, absent below 0.25, else no opinion; empty: no opinion at all). The model's
// generator reads the drafts through it before weighing them (Generator::setDraftFinisher).
std::string finishedDraft(const std::string &draft, const std::vector<float> &probabilities, const UnsupportedClaims &unsupported = {},
                          const generation::SentenceSet *knownSentences = nullptr);

// What the model's report becomes before anyone sees it (the workstation, the CLI and the
// evaluation all call this): among the candidate `drafts` (index 0 the greedy one) with the
// classifiers' `scores`, the best after kFragmentPenalty per fragment replaces `report` (`choice`
// updated); then `report` and every draft go through finalizeDraft with the classifiers'
// `probabilities` (present above 0.6, absent below 0.25, else no opinion). Empty drafts or scores:
// only the final pass over `report`.
void finishGeneratedReport(std::string &report, std::vector<std::string> &drafts, const std::vector<double> &scores, int &choice,
                           const std::vector<float> &probabilities, const UnsupportedClaims &unsupported = {},
                           const generation::SentenceSet *knownSentences = nullptr);

} // namespace radsynth::report
