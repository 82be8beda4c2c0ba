#include "radsynth/report/Findings.h"

#include "radsynth/generation/TrainingCache.h"

#include <QStringList>

namespace radsynth::report {
namespace {

// The ids are the one table of the 14 CheXpert observations (generation::kObservationNames: the
// training cache's label order), so report labels, training labels and the model's classifiers agree.
static_assert(kObservationCount == generation::kObservationCount, "one table of the 14 observations");
constexpr const std::array<const char *, kObservationCount> &kIds = generation::kObservationNames;
constexpr std::array<const char *, kObservationCount> kTitles = {
    "No finding", "Enlarged cardiomediastinum", "Cardiomegaly", "Lung opacity", "Lung lesion", "Edema",
    "Consolidation", "Pneumonia", "Atelectasis", "Pneumothorax", "Pleural effusion", "Pleural other",
    "Fracture", "Support devices"};
constexpr std::array<const char *, 3> kStatusIds = {"positive", "negative", "uncertain"};
constexpr std::array<const char *, 4> kSideIds = {"unspecified", "left", "right", "bilateral"};
constexpr std::array<const char *, 7> kSeverityIds = {"unspecified", "minimal", "mild", "small",
                                                     "moderate", "large", "severe"};

template <typename Enum, std::size_t N>
std::optional<Enum> lookup(const std::array<const char *, N> &ids, const QString &id)
{
    const QString wanted = id.trimmed().toLower();
    for (std::size_t i = 0; i < N; ++i)
        if (wanted == QLatin1String(ids[i]))
            return static_cast<Enum>(i);
    return std::nullopt;
}

void insertOrReplace(FindingSet &findings, const Finding &finding)
{
    for (auto &existing : findings) {
        if (existing.observation == finding.observation) {
            existing = finding;
            return;
        }
    }
    findings.push_back(finding);
}

} // namespace

const std::array<Observation, kObservationCount> &allObservations()
{
    static const std::array<Observation, kObservationCount> all = [] {
        std::array<Observation, kObservationCount> values{};
        for (int i = 0; i < kObservationCount; ++i)
            values[static_cast<std::size_t>(i)] = static_cast<Observation>(i);
        return values;
    }();
    return all;
}

const char *observationId(Observation observation) { return kIds[static_cast<std::size_t>(observation)]; }
QString observationTitle(Observation observation)
{
    return QString::fromLatin1(kTitles[static_cast<std::size_t>(observation)]);
}
std::optional<Observation> observationFromId(const QString &id) { return lookup<Observation>(kIds, id); }

const char *statusId(Status status) { return kStatusIds[static_cast<std::size_t>(status)]; }
std::optional<Status> statusFromId(const QString &id) { return lookup<Status>(kStatusIds, id); }
const char *sideId(Side side) { return kSideIds[static_cast<std::size_t>(side)]; }
std::optional<Side> sideFromId(const QString &id) { return lookup<Side>(kSideIds, id); }
const char *severityId(Severity severity) { return kSeverityIds[static_cast<std::size_t>(severity)]; }
std::optional<Severity> severityFromId(const QString &id) { return lookup<Severity>(kSeverityIds, id); }

Result<FindingSet> parseFindings(const QString &text)
{
    FindingSet findings;
    const QStringList items = text.split(QLatin1Char(';'), Qt::SkipEmptyParts);
    for (const QString &rawItem : items) {
        const QString item = rawItem.trimmed();
        if (item.isEmpty())
            continue;
        const QStringList parts = item.split(QLatin1Char(':'));
        const auto observation = observationFromId(parts.first());
        if (!observation)
            return makeError("unknown observation '" + parts.first().trimmed().toStdString() +
                             "' (expected one of the 14 ids, e.g. cardiomegaly, pleural_effusion)");
        Finding finding;
        finding.observation = *observation;
        for (int i = 1; i < parts.size(); ++i) {
            const QString token = parts[i].trimmed();
            if (const auto status = statusFromId(token)) {
                finding.status = *status;
            } else if (const auto side = sideFromId(token)) {
                finding.side = *side;
            } else if (const auto severity = severityFromId(token)) {
                finding.severity = *severity;
            } else {
                return makeError("unknown qualifier '" + token.toStdString() + "' for " + observationId(*observation) +
                                 " (expected a status, side or severity)");
            }
        }
        insertOrReplace(findings, finding);
    }
    return findings;
}

QString formatFindings(const FindingSet &findings)
{
    QStringList items;
    for (const auto &finding : findings) {
        QString item = QString::fromLatin1(observationId(finding.observation));
        if (finding.status != Status::Positive)
            item += QLatin1Char(':') + QLatin1String(statusId(finding.status));
        if (finding.side != Side::Unspecified)
            item += QLatin1Char(':') + QLatin1String(sideId(finding.side));
        if (finding.severity != Severity::Unspecified)
            item += QLatin1Char(':') + QLatin1String(severityId(finding.severity));
        items << item;
    }
    return items.join(QLatin1Char(';'));
}

QJsonObject findingToJson(const Finding &finding)
{
    QJsonObject object;
    object.insert(QStringLiteral("observation"), QLatin1String(observationId(finding.observation)));
    object.insert(QStringLiteral("status"), QLatin1String(statusId(finding.status)));
    if (finding.side != Side::Unspecified)
        object.insert(QStringLiteral("side"), QLatin1String(sideId(finding.side)));
    if (finding.severity != Severity::Unspecified)
        object.insert(QStringLiteral("severity"), QLatin1String(severityId(finding.severity)));
    return object;
}

Result<Finding> findingFromJson(const QJsonObject &object)
{
    Finding finding;
    const auto observation = observationFromId(object.value(QStringLiteral("observation")).toString());
    if (!observation)
        return makeError("finding without a known \"observation\" id");
    finding.observation = *observation;
    if (object.contains(QStringLiteral("status"))) {
        const auto status = statusFromId(object.value(QStringLiteral("status")).toString());
        if (!status)
            return makeError(std::string("finding ") + observationId(*observation) + " has an unknown status");
        finding.status = *status;
    }
    if (object.contains(QStringLiteral("side"))) {
        const auto side = sideFromId(object.value(QStringLiteral("side")).toString());
        if (!side)
            return makeError(std::string("finding ") + observationId(*observation) + " has an unknown side");
        finding.side = *side;
    }
    if (object.contains(QStringLiteral("severity"))) {
        const auto severity = severityFromId(object.value(QStringLiteral("severity")).toString());
        if (!severity)
            return makeError(std::string("finding ") + observationId(*observation) + " has an unknown severity");
        finding.severity = *severity;
    }
    return finding;
}

QJsonArray findingsToJson(const FindingSet &findings)
{
    QJsonArray array;
    for (const auto &finding : findings)
        array.append(findingToJson(finding));
    return array;
}

Result<FindingSet> findingsFromJson(const QJsonArray &array)
{
    FindingSet findings;
    for (const auto &value : array) {
        if (!value.isObject())
            return makeError("findings array holds a value that is not an object");
        auto finding = findingFromJson(value.toObject());
        if (!finding)
            return finding.error();
        insertOrReplace(findings, *finding);
    }
    return findings;
}

const Finding *findFinding(const FindingSet &findings, Observation observation)
{
    for (const auto &finding : findings)
        if (finding.observation == observation)
            return &finding;
    return nullptr;
}

} // namespace radsynth::report
