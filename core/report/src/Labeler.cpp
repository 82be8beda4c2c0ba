#include "radsynth/report/Labeler.h"

#include "Vocabulary.h"

#include <QJsonArray>

#include <algorithm>

namespace radsynth::report {
namespace {

using detail::Term;
using detail::TermKind;
using detail::Trigger;
using detail::TriggerKind;

struct Span {
    int start = 0;
    int end = 0;
    int index = 0; // into terms() or triggers(); -1 for punctuation breaks
    int priority = 0;
};

// Longest spans first, then by priority, then leftmost; keeps those that overlap nothing kept.
std::vector<Span> selectNonOverlapping(std::vector<Span> candidates)
{
    std::sort(candidates.begin(), candidates.end(), [](const Span &a, const Span &b) {
        const int lengthA = a.end - a.start, lengthB = b.end - b.start;
        if (lengthA != lengthB)
            return lengthA > lengthB;
        if (a.priority != b.priority)
            return a.priority < b.priority;
        return a.start < b.start;
    });
    std::vector<Span> kept;
    for (const auto &candidate : candidates) {
        const bool overlaps = std::any_of(kept.begin(), kept.end(), [&](const Span &other) {
            return candidate.start < other.end && other.start < candidate.end;
        });
        if (!overlaps)
            kept.push_back(candidate);
    }
    std::sort(kept.begin(), kept.end(), [](const Span &a, const Span &b) { return a.start < b.start; });
    return kept;
}

QString asciiLower(const QString &text)
{
    QString lower = text;
    for (auto &character : lower)
        if (character.unicode() >= 'A' && character.unicode() <= 'Z')
            character = QChar(character.unicode() + ('a' - 'A'));
    return lower;
}

Side sideIn(const QString &text, bool firstOnly)
{
    bool left = false, right = false;
    int firstPosition = -1;
    Side first = Side::Unspecified;
    std::vector<Span> found;
    for (std::size_t i = 0; i < detail::sideWords().size(); ++i) {
        auto matches = detail::sideWords()[i].pattern.globalMatch(text);
        while (matches.hasNext()) {
            const auto match = matches.next();
            found.push_back({int(match.capturedStart()), int(match.capturedEnd()), int(i), int(i)});
        }
    }
    for (const auto &span : selectNonOverlapping(found)) {
        const Side side = detail::sideWords()[static_cast<std::size_t>(span.index)].side;
        if (firstPosition < 0) {
            firstPosition = span.start;
            first = side;
        }
        if (side == Side::Bilateral)
            left = right = true;
        else if (side == Side::Left)
            left = true;
        else
            right = true;
    }
    if (firstOnly)
        return first;
    if (left && right)
        return Side::Bilateral;
    return left ? Side::Left : right ? Side::Right : Side::Unspecified;
}

// The severity word nearest to the end (`fromEnd`) or to the start of `text`.
Severity severityIn(const QString &text, bool fromEnd)
{
    Severity best = Severity::Unspecified;
    int bestPosition = fromEnd ? -1 : int(text.size()) + 1;
    for (const auto &word : detail::severityWords()) {
        auto matches = word.pattern.globalMatch(text);
        while (matches.hasNext()) {
            const auto match = matches.next();
            const int position = int(match.capturedStart());
            if (fromEnd ? position > bestPosition : position < bestPosition) {
                bestPosition = position;
                best = word.severity;
            }
        }
    }
    return best;
}

bool isListGlue(const QString &between)
{
    static const QRegularExpression glue(QStringLiteral("^[\\s,/]*(?:(?:and|or|nor|&)\\b)?[\\s,]*(?:(?:the|a|an|any)\\b)?\\s*$"));
    return glue.match(between).hasMatch();
}

void labelSentence(const QString &text, int sentenceStart, int sentenceEnd, LabelResult &result)
{
    const QString lower = asciiLower(text.mid(sentenceStart, sentenceEnd - sentenceStart));
    const auto &termList = detail::terms();
    const auto &triggerList = detail::triggers();

    std::vector<Span> candidates;
    for (std::size_t i = 0; i < termList.size(); ++i) {
        auto matches = termList[i].pattern.globalMatch(lower);
        while (matches.hasNext()) {
            const auto match = matches.next();
            if (match.capturedLength() > 0)
                candidates.push_back({int(match.capturedStart()), int(match.capturedEnd()), int(i), termList[i].priority});
        }
    }
    const std::vector<Span> mentions = selectNonOverlapping(std::move(candidates));
    if (mentions.empty())
        return;

    std::vector<Span> triggerCandidates;
    for (std::size_t i = 0; i < triggerList.size(); ++i) {
        auto matches = triggerList[i].pattern.globalMatch(lower);
        while (matches.hasNext()) {
            const auto match = matches.next();
            triggerCandidates.push_back({int(match.capturedStart()), int(match.capturedEnd()), int(i), int(i)});
        }
    }
    for (int i = 0; i < lower.size(); ++i)
        if (lower[i] == QLatin1Char(';') || lower[i] == QLatin1Char(':') || lower[i] == QLatin1Char('('))
            triggerCandidates.push_back({i, i + 1, -1, -1});
    std::vector<Span> scopeTriggers;
    for (const auto &trigger : selectNonOverlapping(std::move(triggerCandidates))) {
        const bool insideMention = std::any_of(mentions.begin(), mentions.end(), [&](const Span &mention) {
            return trigger.start < mention.end && mention.start < trigger.end;
        });
        if (!insideMention)
            scopeTriggers.push_back(trigger);
    }
    auto kindOf = [&](const Span &trigger) {
        return trigger.index < 0 ? TriggerKind::Break : triggerList[static_cast<std::size_t>(trigger.index)].kind;
    };
    auto isPost = [&](const Span &trigger) {
        return trigger.index >= 0 && triggerList[static_cast<std::size_t>(trigger.index)].post;
    };
    auto isBoth = [&](const Span &trigger) {
        return trigger.index >= 0 && triggerList[static_cast<std::size_t>(trigger.index)].both;
    };

    Side previousSide = Side::Unspecified;
    for (std::size_t m = 0; m < mentions.size(); ++m) {
        const Span &mention = mentions[m];
        const Term &term = termList[static_cast<std::size_t>(mention.index)];
        if (term.kind == TermKind::Ignored)
            continue;
        Status status = Status::Positive;
        if (term.fixedStatus) {
            status = *term.fixedStatus;
        } else {
            // Closest scope opener before the mention.
            for (auto it = scopeTriggers.rbegin(); it != scopeTriggers.rend(); ++it) {
                if (it->end > mention.start || isPost(*it))
                    continue;
                auto kind = kindOf(*it);
                if (kind == TriggerKind::Uncertainty) {
                    // Hedges inside a negation scope stay negated: "no pleural line to suggest
                    // pneumothorax", "no consolidation, suspicious opacity or effusion".
                    for (auto earlier = std::next(it); earlier != scopeTriggers.rend(); ++earlier) {
                        if (isPost(*earlier))
                            continue;
                        const auto earlierKind = kindOf(*earlier);
                        if (earlierKind == TriggerKind::Negation)
                            kind = TriggerKind::Negation;
                        if (earlierKind != TriggerKind::Uncertainty)
                            break;
                    }
                }
                status = kind == TriggerKind::Negation ? Status::Negative : kind == TriggerKind::Uncertainty ? Status::Uncertain : Status::Positive;
                break;
            }
            // A post-modifier ("... are not seen") reaches back over a list of mentions.
            std::size_t last = m;
            while (last + 1 < mentions.size() &&
                   isListGlue(lower.mid(mentions[last].end, mentions[last + 1].start - mentions[last].end)) &&
                   !termList[static_cast<std::size_t>(mentions[last + 1].index)].fixedStatus)
                ++last;
            for (const auto &trigger : scopeTriggers) {
                if (trigger.start < mentions[last].end)
                    continue;
                if (!isPost(trigger) && !isBoth(trigger))
                    break; // another scope starts first
                if (trigger.start - mentions[last].end <= 40) {
                    const auto kind = kindOf(trigger);
                    if (status == Status::Positive)
                        status = kind == TriggerKind::Negation ? Status::Negative : Status::Uncertain;
                    else if (status == Status::Negative && kind == TriggerKind::Uncertainty)
                        status = Status::Uncertain;
                }
                break;
            }
        }

        Side side = Side::Unspecified;
        Severity severity = Severity::Unspecified;
        if (status != Status::Negative) {
            // (side inherited below from the previous mention of the sentence when none is stated)
            const int previousEnd = m > 0 ? mentions[m - 1].end : 0;
            const int nextStart = m + 1 < mentions.size() ? mentions[m + 1].start : int(lower.size());
            const QString interior = lower.mid(mention.start, mention.end - mention.start);
            const QString before = lower.mid(previousEnd, mention.start - previousEnd).right(40);
            const QString after = lower.mid(mention.end, std::min(nextStart - mention.end, 40));
            side = sideIn(interior, false);
            if (side == Side::Unspecified)
                side = sideIn(before, false);
            if (side == Side::Unspecified)
                side = sideIn(after, true);
            if (side == Side::Unspecified && m > 0)
                side = previousSide; // "right middle lobe airspace disease concerning for pneumonia"
            severity = severityIn(interior, false);
            if (severity == Severity::Unspecified)
                severity = severityIn(before.right(30), true);
            if (severity == Severity::Unspecified)
                severity = severityIn(after.left(25), false);
        }

        previousSide = side;
        if (term.kind == TermKind::Other) {
            result.others.push_back({term.concept, status, sentenceStart + mention.start, mention.end - mention.start});
            continue;
        }
        for (Observation observation : term.observations) {
            Mention out;
            out.observation = observation;
            out.status = status;
            out.side = side;
            out.severity = severity;
            out.start = sentenceStart + mention.start;
            out.length = mention.end - mention.start;
            out.sentenceStart = sentenceStart;
            out.sentenceLength = sentenceEnd - sentenceStart;
            result.mentions.push_back(out);
        }
    }
}

int rank(Status status) { return status == Status::Positive ? 2 : status == Status::Uncertain ? 1 : 0; }

void summarize(LabelResult &result)
{
    bool abnormal = false;
    for (Observation observation : allObservations()) {
        if (observation == Observation::NoFinding)
            continue;
        const Mention *best = nullptr;
        for (const auto &mention : result.mentions)
            if (mention.observation == observation && (!best || rank(mention.status) > rank(best->status)))
                best = &mention;
        if (!best)
            continue;
        Finding finding;
        finding.observation = observation;
        finding.status = best->status;
        bool left = false, right = false;
        for (const auto &mention : result.mentions) {
            if (mention.observation != observation || mention.status != best->status)
                continue;
            left = left || mention.side == Side::Left || mention.side == Side::Bilateral;
            right = right || mention.side == Side::Right || mention.side == Side::Bilateral;
            if (finding.severity == Severity::Unspecified)
                finding.severity = mention.severity;
        }
        finding.side = left && right ? Side::Bilateral : left ? Side::Left : right ? Side::Right : Side::Unspecified;
        abnormal = abnormal || finding.present();
        result.findings.push_back(finding);
    }
    for (const auto &other : result.others)
        abnormal = abnormal || other.status != Status::Negative;
    const bool saidSomething = !result.mentions.empty() || !result.others.empty();
    if (!abnormal && saidSomething)
        result.findings.insert(result.findings.begin(), Finding{Observation::NoFinding, Status::Positive, Side::Unspecified, Severity::Unspecified});
}

} // namespace

FindingSet LabelResult::presentFindings() const
{
    FindingSet present;
    for (const auto &finding : findings)
        if (finding.present())
            present.push_back(finding);
    return present;
}

Status LabelResult::statusOf(Observation observation, Status absent) const
{
    const Finding *finding = findFinding(findings, observation);
    return finding ? finding->status : absent;
}

bool LabelResult::mentioned(Observation observation) const { return findFinding(findings, observation) != nullptr; }

QJsonObject LabelResult::toJson(const QString &labelledText) const
{
    QJsonArray mentionArray;
    for (const auto &mention : mentions) {
        QJsonObject object = findingToJson({mention.observation, mention.status, mention.side, mention.severity});
        object.insert(QStringLiteral("start"), mention.start);
        object.insert(QStringLiteral("length"), mention.length);
        object.insert(QStringLiteral("text"), labelledText.mid(mention.start, mention.length));
        mentionArray.append(object);
    }
    QJsonArray otherArray;
    for (const auto &other : others) {
        QJsonObject object;
        object.insert(QStringLiteral("concept"), other.concept);
        object.insert(QStringLiteral("status"), QLatin1String(statusId(other.status)));
        object.insert(QStringLiteral("start"), other.start);
        object.insert(QStringLiteral("length"), other.length);
        object.insert(QStringLiteral("text"), labelledText.mid(other.start, other.length));
        otherArray.append(object);
    }
    QJsonObject object;
    object.insert(QStringLiteral("findings"), findingsToJson(findings));
    object.insert(QStringLiteral("mentions"), mentionArray);
    object.insert(QStringLiteral("other"), otherArray);
    return object;
}

std::vector<std::pair<int, int>> Labeler::sentences(const QString &text)
{
    std::vector<std::pair<int, int>> spans;
    const int size = int(text.size());
    int start = 0;
    auto push = [&](int end) {
        int from = start;
        while (from < end && text[from].isSpace())
            ++from;
        int to = end;
        while (to > from && text[to - 1].isSpace())
            --to;
        if (to > from)
            spans.emplace_back(from, to);
    };
    for (int i = 0; i < size; ++i) {
        const QChar c = text[i];
        const bool terminal = c == QLatin1Char('.') || c == QLatin1Char('!') || c == QLatin1Char('?');
        if (c == QLatin1Char('\n')) {
            push(i);
            start = i + 1;
        } else if (terminal && (i + 1 == size || text[i + 1].isSpace())) {
            push(i + 1);
            start = i + 1;
        }
    }
    push(size);
    return spans;
}

LabelResult Labeler::label(const QString &text) const
{
    LabelResult result;
    for (const auto &[start, end] : sentences(text))
        labelSentence(text, start, end, result);
    summarize(result);
    return result;
}

LabelResult Labeler::label(const ReportDocument &document) const { return label(document.findingsAndImpression()); }

std::array<int8_t, kObservationCount> labelVector(const std::string &utf8)
{
    static const Labeler labeler;
    std::array<int8_t, kObservationCount> labels{};
    for (const Finding &finding : labeler.label(QString::fromStdString(utf8)).findings) {
        const int index = int(finding.observation);
        if (index >= 0 && index < kObservationCount)
            labels[size_t(index)] = finding.status == Status::Positive ? 1 : (finding.status == Status::Uncertain ? -1 : 0);
    }
    return labels;
}

std::array<int8_t, kObservationCount> sideVector(const std::string &utf8)
{
    static const Labeler labeler;
    std::array<int8_t, kObservationCount> sides{};
    for (const Mention &m : labeler.label(QString::fromStdString(utf8)).mentions) {
        const int index = int(m.observation);
        if (index < 0 || index >= kObservationCount || m.status != Status::Positive)
            continue;
        if (m.side == Side::Right || m.side == Side::Bilateral)
            sides[size_t(index)] |= kSideRight;
        if (m.side == Side::Left || m.side == Side::Bilateral)
            sides[size_t(index)] |= kSideLeft;
    }
    return sides;
}

} // namespace radsynth::report
