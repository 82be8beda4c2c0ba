// Clinical efficacy: labeler findings of generated versus reference reports (ClinicalEfficacy.h).
#include "radsynth/evaluation/ClinicalEfficacy.h"

#include "radsynth/report/Labeler.h"

#include <algorithm>

namespace radsynth::evaluation {

Labels labelReport(const std::string &text)
{
    static const report::Labeler labeler;
    Labels labels{};
    const report::LabelResult result = labeler.label(QString::fromStdString(text));
    for (const report::Finding &f : result.findings) {
        const int index = int(f.observation);
        if (index < 0 || index >= kObservations)
            continue;
        labels[size_t(index)] = f.status == report::Status::Positive ? 1 : (f.status == report::Status::Uncertain ? -1 : 0);
    }
    return labels;
}

Sides sideLabels(const std::string &text)
{
    const auto sides = report::sideVector(text);
    Sides out{};
    std::copy_n(sides.begin(), kObservations, out.begin());
    return out;
}

SideAgreement sideAgreement(const std::vector<Labels> &generated, const std::vector<Sides> &generatedSides,
                            const std::vector<Labels> &reference, const std::vector<Sides> &referenceSides)
{
    SideAgreement a;
    const size_t n = std::min({generated.size(), generatedSides.size(), reference.size(), referenceSides.size()});
    for (size_t i = 0; i < n; ++i)
        for (size_t k = 1; k < size_t(kObservations); ++k) {
            const int8_t r = referenceSides[i][k], g = generatedSides[i][k];
            if (reference[i][k] != 1 || generated[i][k] != 1 || (r != kRight && r != kLeft))
                continue;
            if (g == r)
                ++a.same;
            else if (g == (kRight | kLeft))
                ++a.both;
            else if (g == 0)
                ++a.unstated;
            else
                ++a.opposite;
        }
    return a;
}

double Counts::precision() const
{
    const int d = truePositives + falsePositives;
    return d > 0 ? double(truePositives) / d : 0.0;
}

double Counts::recall() const
{
    const int d = truePositives + falseNegatives;
    return d > 0 ? double(truePositives) / d : 0.0;
}

double Counts::f1() const
{
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

ClinicalEfficacy clinicalEfficacy(const std::vector<Labels> &generated, const std::vector<Labels> &reference)
{
    ClinicalEfficacy ce;
    ce.count = std::min(generated.size(), reference.size());
    for (size_t i = 0; i < ce.count; ++i)
        for (size_t k = 0; k < size_t(kObservations); ++k) {
            const bool g = generated[i][k] == 1, r = reference[i][k] == 1;
            Counts &c = ce.perObservation[k];
            if (g && r)
                ++c.truePositives;
            else if (g)
                ++c.falsePositives;
            else if (r)
                ++c.falseNegatives;
            else
                ++c.trueNegatives;
        }
    for (size_t k = 1; k < size_t(kObservations); ++k) {
        const Counts &c = ce.perObservation[k];
        ce.abnormal.truePositives += c.truePositives;
        ce.abnormal.falsePositives += c.falsePositives;
        ce.abnormal.falseNegatives += c.falseNegatives;
        ce.abnormal.trueNegatives += c.trueNegatives;
    }
    int defined = 0;
    for (const Counts &c : ce.perObservation) {
        ce.micro.truePositives += c.truePositives;
        ce.micro.falsePositives += c.falsePositives;
        ce.micro.falseNegatives += c.falseNegatives;
        ce.micro.trueNegatives += c.trueNegatives;
        if (!c.defined())
            continue;
        ++defined;
        ce.macroPrecision += c.precision();
        ce.macroRecall += c.recall();
        ce.macroF1 += c.f1();
    }
    if (defined > 0) {
        ce.macroPrecision /= defined;
        ce.macroRecall /= defined;
        ce.macroF1 /= defined;
    }
    ce.microPrecision = ce.micro.precision();
    ce.microRecall = ce.micro.recall();
    ce.microF1 = ce.micro.f1();
    return ce;
}

} // namespace radsynth::evaluation
