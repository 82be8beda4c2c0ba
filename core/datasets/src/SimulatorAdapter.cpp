// RadSynth simulator output: manifest.jsonl, one JSON object per study (core/simulation writes it).
// Field names are read tolerantly (the simulator's manifest may grow): see docs/DATASETS.md.
#include "DatasetsInternal.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <sstream>

namespace radsynth::datasets::detail {
namespace {

QJsonValue firstOf(const QJsonObject &object, std::initializer_list<const char *> keys)
{
    for (const char *key : keys) {
        const QJsonValue value = object.value(QLatin1String(key));
        if (!value.isUndefined() && !value.isNull())
            return value;
    }
    return QJsonValue(QJsonValue::Undefined);
}

std::string text(const QJsonValue &value)
{
    if (value.isString())
        return value.toString().toStdString();
    if (value.isDouble())
        return std::to_string(qint64(value.toDouble()));
    return {};
}

// An image reference: a string, or an object {"png": .., "dicom": ..} / {"path": ..}.
std::string imagePath(const QJsonValue &value)
{
    if (value.isString())
        return value.toString().toStdString();
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        return text(firstOf(object, {"png", "path", "file", "image", "dicom", "dcm"}));
    }
    return {};
}

int8_t statusValue(const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool() ? 1 : 0;
    if (value.isDouble()) {
        const double v = value.toDouble();
        return v > 0.5 ? 1 : (v < -0.5 ? -1 : 0);
    }
    const std::string s = value.toString().toLower().toStdString();
    if (s == "positive" || s == "present" || s == "yes" || s == "true" || s == "1")
        return 1;
    if (s == "uncertain" || s == "possible" || s == "-1")
        return -1;
    return 0;
}

// Findings as {"cardiomegaly": true, ...}, [{"observation": "cardiomegaly", "status": "positive"}, ...],
// ["cardiomegaly", ...], or a 14-value "labels" array in the CheXpert order.
void readFindings(const QJsonValue &findings, std::array<int8_t, generation::kObservationCount> &labels)
{
    if (findings.isObject()) {
        const QJsonObject object = findings.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const int index = observationIndex(it.key().toStdString());
            if (index < 0)
                continue;
            int8_t status = 1;
            if (it.value().isObject()) {
                const QJsonValue value = firstOf(it.value().toObject(), {"status", "value", "present", "label"});
                status = value.isUndefined() ? int8_t(1) : statusValue(value);
            } else if (!it.value().isArray()) {
                status = statusValue(it.value());
            }
            labels[size_t(index)] = status;
        }
    } else if (findings.isArray()) {
        for (const QJsonValue &item : findings.toArray()) {
            if (item.isString()) {
                const int index = observationIndex(item.toString().toStdString());
                if (index >= 0)
                    labels[size_t(index)] = 1;
            } else if (item.isObject()) {
                const QJsonObject object = item.toObject();
                const int index = observationIndex(text(firstOf(object, {"observation", "name", "label", "type", "kind", "finding"})));
                if (index < 0)
                    continue;
                const QJsonValue status = firstOf(object, {"status", "value", "present", "certainty"});
                labels[size_t(index)] = status.isUndefined() ? int8_t(1) : statusValue(status);
            }
        }
    }
}

} // namespace

Result<std::vector<StudyEntry>> listSimulator(const std::string &root)
{
    const std::string manifestPath = joinPath(root, "manifest.jsonl");
    const auto content = readFile(manifestPath);
    if (!content)
        return makeError("cannot read the manifest", manifestPath);
    std::vector<StudyEntry> studies;
    std::istringstream lines(*content);
    std::string line;
    int lineNumber = 0;
    while (std::getline(lines, line)) {
        ++lineNumber;
        if (simplifyWhitespace(line).empty())
            continue;
        QJsonParseError parseError{};
        const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(line), &parseError);
        if (!document.isObject())
            return makeError("line " + std::to_string(lineNumber) + " is not a JSON object (" +
                                 parseError.errorString().toStdString() + ")",
                             manifestPath);
        const QJsonObject object = document.object();
        StudyEntry study;
        study.id = text(firstOf(object, {"id", "study_id", "studyId", "study"}));
        if (study.id.empty())
            study.id = "line" + std::to_string(lineNumber);
        const std::string splitText = text(firstOf(object, {"split", "subset"}));
        study.split = parseSplit(splitText).value_or(hashSplit(study.id));

        QJsonObject images = firstOf(object, {"images", "views"}).toObject();
        std::string frontal = imagePath(firstOf(object, {"frontal", "frontal_path", "frontalPath", "frontal_png", "frontalPng"}));
        std::string lateral = imagePath(firstOf(object, {"lateral", "lateral_path", "lateralPath", "lateral_png", "lateralPng"}));
        if (frontal.empty())
            frontal = imagePath(firstOf(images, {"frontal", "pa", "PA"}));
        if (lateral.empty())
            lateral = imagePath(firstOf(images, {"lateral", "ll", "LL"}));
        // Fall back on the DICOM copies when the manifest names only those.
        if (frontal.empty())
            frontal = text(firstOf(object, {"frontal_dicom", "frontalDicom"}));
        if (lateral.empty())
            lateral = text(firstOf(object, {"lateral_dicom", "lateralDicom"}));
        if (!frontal.empty())
            study.frontalPath = joinPath(root, frontal);
        if (!lateral.empty())
            study.lateralPath = joinPath(root, lateral);

        const QJsonValue report = firstOf(object, {"report", "report_text", "reportText", "text"});
        if (report.isString()) {
            study.report = simplifyWhitespace(report.toString().toStdString());
        } else if (report.isObject()) {
            const QJsonObject sections = report.toObject();
            study.report = joinReport(text(firstOf(sections, {"findings", "FINDINGS"})),
                                      text(firstOf(sections, {"impression", "IMPRESSION"})));
        }

        const QJsonValue labels = firstOf(object, {"labels", "chexpert"});
        if (labels.isArray() && labels.toArray().size() == generation::kObservationCount) {
            const QJsonArray values = labels.toArray();
            for (int i = 0; i < generation::kObservationCount; ++i)
                study.labels[size_t(i)] = statusValue(values.at(i));
        } else {
            const QJsonValue findings = labels.isUndefined() ? firstOf(object, {"findings", "observations"}) : labels;
            readFindings(findings, study.labels);
            // A study whose findings list is present but holds no positive finding is normal.
            const bool anyPositive = std::any_of(study.labels.begin(), study.labels.end(), [](int8_t v) { return v == 1; });
            if (!findings.isUndefined() && !anyPositive)
                study.labels[0] = 1;
        }
        studies.push_back(std::move(study));
    }
    return studies;
}

} // namespace radsynth::datasets::detail
