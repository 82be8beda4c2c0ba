#pragma once
// Measures the labeler against the IU X-ray reports' manual MeSH index terms (<MeSH><major>).
// The MeSH -> observation mapping is documented in docs/LABELER.md and implemented in
// observationsForMeshTerm(). A study counts as positive for an observation when any of its major
// terms maps to it; the labeler counts as positive when the observation is positive or uncertain
// (MeSH indexers index hedged findings too). Studies indexed "No Indexing" are left out.
#include "radsynth/report/Findings.h"
#include "radsynth/report/IuXml.h"
#include "radsynth/report/Labeler.h"

#include <QString>
#include <QStringList>

#include <array>
#include <optional>
#include <vector>

namespace radsynth::report {

// The observations one MeSH major term stands for ("Pleural Effusion/right/small" -> pleural_effusion;
// "normal" -> no_finding; "Calcified Granuloma" -> none).
std::vector<Observation> observationsForMeshTerm(const QString &term);
// Reference labels of one study; nullopt when the study was not indexed ("No Indexing").
std::optional<std::array<bool, kObservationCount>> meshReference(const QStringList &majorTerms);

struct ClassScore {
    Observation observation = Observation::NoFinding;
    int truePositives = 0;
    int falsePositives = 0;
    int falseNegatives = 0;
    int positives() const { return truePositives + falseNegatives; }
    double precision() const;
    double recall() const;
    double f1() const;
};

struct LabelerEvaluation {
    QString name; // "train", "val", ...
    int studies = 0;
    int notIndexed = 0;
    int minimumPositives = 30;
    std::array<ClassScore, kObservationCount> scores{};
    // Macro-F1 over the classes with at least minimumPositives reference positives.
    double macroF1() const;
    std::vector<Observation> macroClasses() const;
    QString markdownTable() const;
};

struct LabelerDisagreement {
    QString studyId;
    Observation observation = Observation::NoFinding;
    bool reference = false; // MeSH says present
    bool predicted = false; // labeler says present
};

// How a hedged ("uncertain") labeler finding counts against the MeSH reference.
enum class UncertainPolicy { AsPositive, AsNegative };

LabelerEvaluation evaluateLabeler(const Labeler &labeler, const std::vector<const IuReport *> &reports, const QString &name,
                                  int minimumPositives = 30, std::vector<LabelerDisagreement> *disagreements = nullptr,
                                  UncertainPolicy policy = UncertainPolicy::AsNegative);

} // namespace radsynth::report
