#include "radsynth/report/LabelerEvaluation.h"

namespace radsynth::report {
namespace {

bool hasQualifier(const QStringList &qualifiers, const char *word)
{
    for (const QString &qualifier : qualifiers)
        if (qualifier.contains(QLatin1String(word)))
            return true;
    return false;
}

} // namespace

std::vector<Observation> observationsForMeshTerm(const QString &term)
{
    QStringList parts = term.split(QLatin1Char('/'));
    const QString descriptor = parts.takeFirst().simplified().toLower();
    QStringList qualifiers;
    for (const QString &part : parts)
        qualifiers << part.simplified().toLower();
    using O = Observation;
    auto is = [&](const char *name) { return descriptor == QLatin1String(name); };

    if (is("normal"))
        return {O::NoFinding};
    if (is("cardiomegaly"))
        return {O::Cardiomegaly};
    if (is("cardiac shadow") && hasQualifier(qualifiers, "enlarged"))
        return {O::Cardiomegaly};
    if (is("mediastinum") && (hasQualifier(qualifiers, "prominent") || hasQualifier(qualifiers, "enlarged") ||
                              hasQualifier(qualifiers, "wide")))
        return {O::EnlargedCardiomediastinum};
    if (is("opacity") || is("airspace disease") || is("infiltrate") || is("density"))
        return {O::LungOpacity};
    if (is("nodule") || is("mass") || is("lung neoplasms") || is("neoplasms") || is("cavitation"))
        return {O::LungLesion};
    if (is("pulmonary edema") || is("pulmonary congestion") || is("heart failure") || is("edema"))
        return {O::Edema};
    if (is("consolidation"))
        return {O::Consolidation};
    if (is("pneumonia"))
        return {O::Pneumonia};
    if (is("pulmonary atelectasis") || is("atelectasis"))
        return {O::Atelectasis};
    if (is("pneumothorax"))
        return {O::Pneumothorax};
    if (is("hydropneumothorax") || is("hemopneumothorax"))
        return {O::Pneumothorax, O::PleuralEffusion};
    if (is("pleural effusion") || is("hemothorax"))
        return {O::PleuralEffusion};
    if ((is("thickening") || is("cicatrix") || is("sclerosis") || is("calcinosis") || is("fibrosis")) && hasQualifier(qualifiers, "pleura"))
        return {O::PleuralOther};
    if (is("pleura"))
        return {O::PleuralOther};
    if (is("fractures, bone"))
        return {O::Fracture};
    if (is("catheters, indwelling") || is("implanted medical device") || is("surgical instruments") || is("tube, inserted") ||
        is("medical device") || is("stents") || is("sutures") || is("spinal fusion") || is("pacemaker, artificial") ||
        is("heart valve prosthesis") || is("prostheses and implants") || is("electrodes"))
        return {O::SupportDevices};
    return {};
}

std::optional<std::array<bool, kObservationCount>> meshReference(const QStringList &majorTerms)
{
    std::array<bool, kObservationCount> labels{};
    for (const QString &term : majorTerms) {
        if (term.simplified().compare(QLatin1String("No Indexing"), Qt::CaseInsensitive) == 0)
            return std::nullopt;
        for (Observation observation : observationsForMeshTerm(term))
            labels[static_cast<std::size_t>(observation)] = true;
    }
    return labels;
}

double ClassScore::precision() const
{
    const int predicted = truePositives + falsePositives;
    return predicted == 0 ? 0.0 : double(truePositives) / predicted;
}

double ClassScore::recall() const { return positives() == 0 ? 0.0 : double(truePositives) / positives(); }

double ClassScore::f1() const
{
    const double p = precision(), r = recall();
    return p + r == 0.0 ? 0.0 : 2.0 * p * r / (p + r);
}

std::vector<Observation> LabelerEvaluation::macroClasses() const
{
    std::vector<Observation> classes;
    for (const auto &score : scores)
        if (score.positives() >= minimumPositives)
            classes.push_back(score.observation);
    return classes;
}

double LabelerEvaluation::macroF1() const
{
    const auto classes = macroClasses();
    if (classes.empty())
        return 0.0;
    double sum = 0.0;
    for (Observation observation : classes)
        sum += scores[static_cast<std::size_t>(observation)].f1();
    return sum / double(classes.size());
}

QString LabelerEvaluation::markdownTable() const
{
    QString table = QStringLiteral("Split `%1`: %2 studies (%3 marked \"No Indexing\" left out).\n\n")
                        .arg(name)
                        .arg(studies)
                        .arg(notIndexed);
    table += QStringLiteral("| observation | MeSH positives | labeler positives | precision | recall | F1 | in macro |\n");
    table += QStringLiteral("|---|---:|---:|---:|---:|---:|:---:|\n");
    for (const auto &score : scores) {
        const bool inMacro = score.positives() >= minimumPositives;
        table += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 |\n")
                     .arg(QLatin1String(observationId(score.observation)))
                     .arg(score.positives())
                     .arg(score.truePositives + score.falsePositives)
                     .arg(score.precision(), 0, 'f', 3)
                     .arg(score.recall(), 0, 'f', 3)
                     .arg(score.f1(), 0, 'f', 3)
                     .arg(inMacro ? QStringLiteral("yes") : QString());
    }
    table += QStringLiteral("\nMacro-F1 over the %1 classes with %2+ MeSH positives: **%3**\n")
                 .arg(macroClasses().size())
                 .arg(minimumPositives)
                 .arg(macroF1(), 0, 'f', 3);
    return table;
}

LabelerEvaluation evaluateLabeler(const Labeler &labeler, const std::vector<const IuReport *> &reports, const QString &name,
                                  int minimumPositives, std::vector<LabelerDisagreement> *disagreements, UncertainPolicy policy)
{
    LabelerEvaluation evaluation;
    evaluation.name = name;
    evaluation.minimumPositives = minimumPositives;
    for (Observation observation : allObservations())
        evaluation.scores[static_cast<std::size_t>(observation)].observation = observation;
    for (const IuReport *report : reports) {
        const auto reference = meshReference(report->meshMajor);
        if (!reference) {
            ++evaluation.notIndexed;
            continue;
        }
        ++evaluation.studies;
        const LabelResult result = labeler.label(report->document);
        for (Observation observation : allObservations()) {
            const std::size_t index = static_cast<std::size_t>(observation);
            const Status status = result.statusOf(observation);
            const bool predicted = status == Status::Positive || (status == Status::Uncertain && policy == UncertainPolicy::AsPositive);
            const bool actual = (*reference)[index];
            auto &score = evaluation.scores[index];
            score.truePositives += predicted && actual;
            score.falsePositives += predicted && !actual;
            score.falseNegatives += !predicted && actual;
            if (disagreements && predicted != actual)
                disagreements->push_back({report->id, observation, actual, predicted});
        }
    }
    return evaluation;
}

} // namespace radsynth::report
