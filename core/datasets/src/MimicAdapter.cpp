// MIMIC-CXR-JPG: mimic-cxr-2.0.0-metadata.csv (dicom_id, subject_id, study_id, ViewPosition, ...),
// mimic-cxr-2.0.0-split.csv (dicom_id, study_id, subject_id, split: train/validate/test), images
// files/pXX/pXXXXXXXX/sXXXXXXXX/<dicom_id>.jpg and the free-text reports of MIMIC-CXR
// files/pXX/pXXXXXXXX/sXXXXXXXX.txt (in the same tree, or in mimic-cxr-reports/files). Either CSV
// may be gzipped as distributed. Report = FINDINGS + IMPRESSION sections.
#include "DatasetsInternal.h"

#include <QRegularExpression>

#include <spdlog/spdlog.h>

#include <map>

namespace radsynth::datasets::detail {
namespace {

struct MimicStudy {
    std::string subjectId;
    std::string frontal, frontalProjection; // dicom ids
    std::string lateral;
    std::optional<generation::Split> split;
};

// FINDINGS and IMPRESSION of a MIMIC report ("FINDINGS:" headers in capitals at line start).
std::string extractSections(const std::string &text)
{
    static const QRegularExpression header(QStringLiteral("(?:^|\\n)[ \\t]*([A-Z][A-Z /&()-]{2,40}):"));
    const QString report = QString::fromStdString(text);
    std::string findings, impression;
    auto it = header.globalMatch(report);
    QString currentName;
    qsizetype currentStart = -1;
    auto closeSection = [&](qsizetype end) {
        if (currentStart < 0)
            return;
        const std::string body = report.mid(currentStart, end - currentStart).toStdString();
        if (currentName == QLatin1String("FINDINGS"))
            findings = body;
        else if (currentName == QLatin1String("IMPRESSION"))
            impression = body;
    };
    while (it.hasNext()) {
        const auto match = it.next();
        closeSection(match.capturedStart(0));
        currentName = match.captured(1).trimmed();
        currentStart = match.capturedEnd(0);
    }
    closeSection(report.size());
    return joinReport(findings, impression);
}

std::string folderOf(const std::string &subjectId, const std::string &studyId)
{
    // p10000032 -> files/p10/p10000032/s50414267
    const std::string subject = subjectId.rfind('p', 0) == 0 ? subjectId : "p" + subjectId;
    const std::string study = studyId.rfind('s', 0) == 0 ? studyId : "s" + studyId;
    return "files/" + subject.substr(0, 3) + "/" + subject + "/" + study;
}

} // namespace

Result<std::vector<StudyEntry>> listMimic(const std::string &root)
{
    const std::string metadataPath = firstExisting(root, {"mimic-cxr-2.0.0-metadata.csv", "mimic-cxr-2.0.0-metadata.csv.gz"});
    if (metadataPath.empty())
        return makeError("mimic-cxr-2.0.0-metadata.csv not found", root);
    auto metadata = readCsv(metadataPath);
    if (!metadata)
        return metadata.error();
    const int dicomColumn = metadata->column("dicom_id"), subjectColumn = metadata->column("subject_id"),
              studyColumn = metadata->column("study_id"), viewColumn = metadata->column("ViewPosition");
    if (dicomColumn < 0 || subjectColumn < 0 || studyColumn < 0 || viewColumn < 0)
        return makeError("missing column (dicom_id, subject_id, study_id and ViewPosition are needed)", metadataPath);

    std::map<std::string, std::string> splitOfDicom;
    const std::string splitPath = firstExisting(root, {"mimic-cxr-2.0.0-split.csv", "mimic-cxr-2.0.0-split.csv.gz"});
    if (!splitPath.empty()) {
        auto splits = readCsv(splitPath);
        if (!splits)
            return splits.error();
        const int dicom = splits->column("dicom_id"), split = splits->column("split");
        if (dicom < 0 || split < 0)
            return makeError("missing column (dicom_id and split are needed)", splitPath);
        for (size_t row = 0; row < splits->rows.size(); ++row)
            splitOfDicom.emplace(splits->cell(row, dicom), splits->cell(row, split));
    }

    // One frontal (PA preferred over AP) and one lateral (LATERAL preferred over LL) per study.
    std::map<std::string, MimicStudy> byStudy;
    std::vector<std::string> order;
    for (size_t row = 0; row < metadata->rows.size(); ++row) {
        const std::string &dicomId = metadata->cell(row, dicomColumn);
        const std::string &studyId = metadata->cell(row, studyColumn);
        if (dicomId.empty() || studyId.empty())
            continue;
        auto [it, inserted] = byStudy.try_emplace(studyId);
        if (inserted)
            order.push_back(studyId);
        MimicStudy &study = it->second;
        study.subjectId = metadata->cell(row, subjectColumn);
        const std::string &projection = metadata->cell(row, viewColumn);
        const ViewGuess view = viewFromProjection(projection);
        if (view == ViewGuess::Frontal && (study.frontal.empty() || (study.frontalProjection != "PA" && projection == "PA"))) {
            study.frontal = dicomId;
            study.frontalProjection = projection;
        } else if (view == ViewGuess::Lateral && (study.lateral.empty() || projection == "LATERAL")) {
            study.lateral = dicomId;
        }
        const auto split = splitOfDicom.find(dicomId);
        if (split != splitOfDicom.end() && !study.split)
            study.split = parseSplit(split->second);
    }

    const std::string reportsRoot = isDirectory(joinPath(root, "mimic-cxr-reports/files")) ? joinPath(root, "mimic-cxr-reports") : root;
    std::vector<StudyEntry> studies;
    studies.reserve(order.size());
    size_t withoutReport = 0;
    for (const std::string &studyId : order) {
        const MimicStudy &mimic = byStudy[studyId];
        if (mimic.frontal.empty() && mimic.lateral.empty())
            continue; // only other projections (oblique, unknown): nothing for the model
        StudyEntry study;
        study.id = studyId.rfind('s', 0) == 0 ? studyId : "s" + studyId;
        study.split = mimic.split.value_or(hashSplit(study.id));
        const std::string folder = folderOf(mimic.subjectId, studyId);
        if (!mimic.frontal.empty())
            study.frontalPath = joinPath(root, folder + "/" + mimic.frontal + ".jpg");
        if (!mimic.lateral.empty())
            study.lateralPath = joinPath(root, folder + "/" + mimic.lateral + ".jpg");
        if (const auto text = readFile(joinPath(reportsRoot, folder + ".txt")))
            study.report = extractSections(*text);
        if (study.report.empty())
            ++withoutReport;
        studies.push_back(std::move(study));
    }
    if (withoutReport > 0)
        spdlog::info("MIMIC-CXR-JPG {}: {} studies without a report file or without FINDINGS/IMPRESSION", root, withoutReport);
    return studies;
}

} // namespace radsynth::datasets::detail
