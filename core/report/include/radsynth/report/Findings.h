#pragma once
// The structured findings of a chest radiograph: which of the 14 CheXpert observations are present,
// absent or uncertain, with side and severity when stated. Shared by the labeler (report -> findings),
// the composer (findings -> report) and the simulator (findings -> images).
//
// Command-line syntax (parseFindings): findings separated by ';', each "observation[:token...]" where
// tokens are a status (positive, negative, uncertain), a side (left, right, bilateral) or a severity
// (minimal, mild, small, moderate, large, severe), in any order:
//   "cardiomegaly;pleural_effusion:left:moderate;pneumonia:uncertain"
// JSON form (findingsToJson): [{"observation":"pleural_effusion","status":"positive","side":"left",
// "severity":"moderate"}, ...]; side and severity are omitted when unspecified.
#include "radsynth/common/Result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <array>
#include <optional>
#include <vector>

namespace radsynth::report {

// Same order and ids as generation::kObservationNames (TrainingCache.h).
enum class Observation {
    NoFinding,
    EnlargedCardiomediastinum,
    Cardiomegaly,
    LungOpacity,
    LungLesion,
    Edema,
    Consolidation,
    Pneumonia,
    Atelectasis,
    Pneumothorax,
    PleuralEffusion,
    PleuralOther,
    Fracture,
    SupportDevices
};
inline constexpr int kObservationCount = 14;

enum class Status { Positive, Negative, Uncertain };
enum class Side { Unspecified, Left, Right, Bilateral };
enum class Severity { Unspecified, Minimal, Mild, Small, Moderate, Large, Severe };

const std::array<Observation, kObservationCount> &allObservations();
const char *observationId(Observation observation); // "pleural_effusion"
QString observationTitle(Observation observation);  // "Pleural effusion"
std::optional<Observation> observationFromId(const QString &id);

const char *statusId(Status status); // "positive", "negative", "uncertain"
std::optional<Status> statusFromId(const QString &id);
const char *sideId(Side side); // "unspecified", "left", "right", "bilateral"
std::optional<Side> sideFromId(const QString &id);
const char *severityId(Severity severity); // "unspecified", "minimal", "mild", ...
std::optional<Severity> severityFromId(const QString &id);

struct Finding {
    Observation observation = Observation::NoFinding;
    Status status = Status::Positive;
    Side side = Side::Unspecified;
    Severity severity = Severity::Unspecified;

    bool operator==(const Finding &other) const
    {
        return observation == other.observation && status == other.status && side == other.side &&
               severity == other.severity;
    }
    bool operator!=(const Finding &other) const { return !(*this == other); }
    bool present() const { return status != Status::Negative; } // positive or uncertain
};

using FindingSet = std::vector<Finding>;

// At most one finding per observation; later entries of the same observation replace earlier ones.
Result<FindingSet> parseFindings(const QString &text);
QString formatFindings(const FindingSet &findings); // inverse of parseFindings ("positive" omitted)

QJsonObject findingToJson(const Finding &finding);
Result<Finding> findingFromJson(const QJsonObject &object);
QJsonArray findingsToJson(const FindingSet &findings);
Result<FindingSet> findingsFromJson(const QJsonArray &array);

// The finding for `observation`, or nullptr.
const Finding *findFinding(const FindingSet &findings, Observation observation);

} // namespace radsynth::report
