#include "radsynth/report/Composer.h"

#include "radsynth/report/Labeler.h"

#include <QStringList>

#include <algorithm>
#include <random>
#include <set>

namespace radsynth::report {
namespace {

// Observations a normal report speaks to, in reading order (heart, mediastinum, lungs, pleura).
constexpr Observation kNormalCoverage[] = {Observation::Cardiomegaly, Observation::LungOpacity, Observation::PleuralEffusion,
                                           Observation::Pneumothorax};

bool requested(const FindingSet &present, Observation observation)
{
    return findFinding(present, observation) != nullptr;
}

// A sentence may be used when everything it denies was not asked for.
bool compatible(const BankSentence &sentence, const FindingSet &present)
{
    for (const auto &label : sentence.labels)
        if (label.status == Status::Negative && requested(present, label.observation))
            return false;
    return true;
}

enum class Match { Exact, AnySeverity, AnySideAndSeverity };

bool matches(const Finding &stated, const Finding &wanted, Match match)
{
    if (stated.observation != wanted.observation || stated.status != wanted.status)
        return false;
    if (match == Match::AnySideAndSeverity)
        return true;
    if (stated.side != wanted.side)
        return false;
    return match == Match::AnySeverity || stated.severity == wanted.severity;
}

template <typename Rng>
const BankSentence *pick(const std::vector<const BankSentence *> &candidates, Rng &rng)
{
    // Weighted by how often radiologists wrote the sentence: common phrasings come up most.
    std::uint64_t total = 0;
    for (const BankSentence *candidate : candidates)
        total += static_cast<std::uint64_t>(candidate->count);
    if (total == 0)
        return nullptr;
    std::uint64_t draw = rng() % total;
    for (const BankSentence *candidate : candidates) {
        if (draw < static_cast<std::uint64_t>(candidate->count))
            return candidate;
        draw -= static_cast<std::uint64_t>(candidate->count);
    }
    return candidates.back();
}

} // namespace

Result<ComposedReport> Composer::attempt(const FindingSet &present, std::uint64_t seed) const
{
    std::mt19937_64 rng(seed);
    const auto &sentences = m_bank.sentences();
    std::set<const BankSentence *> used;
    QStringList findingsText, impressionText;
    ComposedReport composed;

    auto sentenceFor = [&](const Finding &wanted, Section section) -> const BankSentence * {
        for (Match match : {Match::Exact, Match::AnySeverity, Match::AnySideAndSeverity}) {
            std::vector<const BankSentence *> candidates;
            for (const auto &sentence : sentences) {
                const Finding *stated = sentence.presentFinding();
                if (sentence.section == section && stated && !used.count(&sentence) && matches(*stated, wanted, match) &&
                    compatible(sentence, present))
                    candidates.push_back(&sentence);
            }
            if (const BankSentence *chosen = pick(candidates, rng))
                return chosen;
        }
        return nullptr;
    };

    for (const auto &wanted : present) {
        const BankSentence *sentence = sentenceFor(wanted, Section::Findings);
        if (!sentence)
            sentence = sentenceFor(wanted, Section::Impression);
        if (!sentence)
            return makeError(std::string("the sentence bank has no sentence stating ") + observationId(wanted.observation) + " as " +
                             statusId(wanted.status));
        used.insert(sentence);
        findingsText << sentence->text;
        composed.stated.push_back(*sentence->presentFinding());
    }

    // Describe the rest of the study with sentences that only deny what was not asked for.
    std::set<Observation> covered;
    for (const auto &finding : present)
        covered.insert(finding.observation);
    for (Observation observation : kNormalCoverage) {
        if (covered.count(observation))
            continue;
        std::vector<const BankSentence *> candidates;
        for (const auto &sentence : sentences) {
            if (sentence.section != Section::Findings || sentence.presentFinding() || sentence.isNormalStatement() ||
                used.count(&sentence) || !compatible(sentence, present))
                continue;
            const bool speaksTo = std::any_of(sentence.labels.begin(), sentence.labels.end(),
                                              [&](const Finding &label) { return label.observation == observation; });
            const bool repeats = std::any_of(sentence.labels.begin(), sentence.labels.end(),
                                             [&](const Finding &label) { return covered.count(label.observation) > 0; });
            if (speaksTo && !repeats)
                candidates.push_back(&sentence);
        }
        if (const BankSentence *sentence = pick(candidates, rng)) {
            used.insert(sentence);
            findingsText << sentence->text;
            for (const auto &label : sentence->labels)
                covered.insert(label.observation);
        }
    }

    if (present.empty()) {
        std::vector<const BankSentence *> candidates;
        for (const auto &sentence : sentences)
            if (sentence.section == Section::Impression && sentence.isNormalStatement())
                candidates.push_back(&sentence);
        if (const BankSentence *sentence = pick(candidates, rng))
            impressionText << sentence->text;
    } else {
        for (const auto &wanted : composed.stated) {
            std::vector<const BankSentence *> candidates;
            for (const auto &sentence : sentences) {
                const Finding *stated = sentence.presentFinding();
                if (sentence.section == Section::Impression && stated && *stated == wanted && !used.count(&sentence) &&
                    compatible(sentence, present))
                    candidates.push_back(&sentence);
            }
            if (const BankSentence *sentence = pick(candidates, rng)) {
                used.insert(sentence);
                impressionText << sentence->text;
            }
        }
        if (impressionText.isEmpty())
            impressionText << findingsText.first();
    }

    composed.document.setSection(Section::Findings, findingsText.join(QLatin1Char(' ')));
    composed.document.setSection(Section::Impression, impressionText.join(QLatin1Char(' ')));
    return composed;
}

Result<ComposedReport> Composer::compose(const FindingSet &findings, std::uint64_t seed) const
{
    if (m_bank.isEmpty())
        return makeError("the sentence bank is empty; build it with radsynth-cli sentence-bank");
    FindingSet present;
    for (const auto &finding : findings)
        if (finding.present() && finding.observation != Observation::NoFinding)
            present.push_back(finding);

    // Redraw until the labeler reads back exactly the requested observations and statuses.
    const Labeler labeler;
    std::mt19937_64 seeds(seed);
    Error lastError = makeError("no composition matched the requested findings");
    for (int attemptIndex = 0; attemptIndex < 24; ++attemptIndex) {
        auto composed = attempt(present, seeds());
        if (!composed)
            return composed.error();
        const FindingSet readBack = labeler.label(composed->document).presentFindings();
        bool same = true;
        for (const auto &wanted : present) {
            const Finding *found = findFinding(readBack, wanted.observation);
            same = same && found && found->status == wanted.status;
        }
        for (const auto &found : readBack)
            same = same && (found.observation == Observation::NoFinding ? present.empty() : requested(present, found.observation));
        if (same)
            return composed;
        lastError = makeError("composed report did not read back as " + formatFindings(present).toStdString());
    }
    return lastError;
}

} // namespace radsynth::report
