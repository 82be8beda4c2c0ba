// Layout detection and the listStudies() entry point; each layout has its own adapter file.
#include "DatasetsInternal.h"

#include <QDir>
#include <QFileInfo>

#include <spdlog/spdlog.h>

namespace radsynth::datasets {

const char *toString(Layout layout)
{
    switch (layout) {
    case Layout::Auto: return "auto";
    case Layout::RadSynthSimulator: return "radsynth";
    case Layout::IuXray: return "iu-xray";
    case Layout::R2Gen: return "r2gen";
    case Layout::MimicCxrJpg: return "mimic-cxr-jpg";
    case Layout::Radiographs: return "radiographs";
    }
    return "auto";
}

Layout detectLayout(const std::string &root)
{
    using namespace detail;
    if (!isDirectory(root))
        return Layout::Auto;
    if (isFile(joinPath(root, "manifest.jsonl")))
        return Layout::RadSynthSimulator;
    if (!firstExisting(root, {"mimic-cxr-2.0.0-metadata.csv", "mimic-cxr-2.0.0-metadata.csv.gz"}).empty())
        return Layout::MimicCxrJpg;
    if (isDirectory(joinPath(root, "ecgen-radiology")))
        return Layout::IuXray;
    // Open-i XML files directly in the folder.
    const QStringList xml = QDir(QString::fromStdString(root)).entryList({QStringLiteral("*.xml")}, QDir::Files);
    if (!xml.isEmpty())
        return Layout::IuXray;
    if (isFile(joinPath(root, "annotation.json")))
        return Layout::R2Gen;
    if (looksLikeRadiographFolder(root))
        return Layout::Radiographs;
    return Layout::Auto;
}

Result<std::vector<StudyEntry>> listStudies(const std::string &root, Layout layout)
{
    ListOptions options;
    options.layout = layout;
    return listStudies(root, options);
}

Result<std::vector<StudyEntry>> listStudies(const std::string &root, const ListOptions &options)
{
    using namespace detail;
    if (root.empty() || !QFileInfo::exists(QString::fromStdString(root)))
        return makeError("the dataset folder does not exist", root);
    if (!isDirectory(root))
        return makeError("not a folder", root);
    Layout layout = options.layout;
    if (layout == Layout::Auto) {
        layout = detectLayout(root);
        if (layout == Layout::Auto)
            return makeError("unknown dataset layout: expected manifest.jsonl (RadSynth simulator), ecgen-radiology/*.xml "
                             "(IU X-ray), annotation.json + images/ (R2Gen), mimic-cxr-2.0.0-metadata.csv (MIMIC-CXR-JPG) "
                             "or radiograph files (PNG, JPEG, DICOM)",
                             root);
    }
    Result<std::vector<StudyEntry>> studies = makeError("unsupported layout", root);
    switch (layout) {
    case Layout::RadSynthSimulator: studies = listSimulator(root); break;
    case Layout::IuXray: studies = listIuXray(root, options.splitFile); break;
    case Layout::R2Gen: studies = listR2Gen(root, options.splitFile); break;
    case Layout::MimicCxrJpg: studies = listMimic(root); break;
    case Layout::Radiographs: studies = listRadiographs(root); break;
    case Layout::Auto: break;
    }
    if (!studies)
        return studies;
    // Labels from the report text where the dataset gives none (simulator studies carry their own).
    if (layout != Layout::RadSynthSimulator && labelerAvailable()) {
        for (auto &study : *studies)
            if (!study.report.empty())
                labelFromReport(study.report, study.labels);
    }
    spdlog::info("dataset {} ({}): {} studies", root, toString(layout), studies->size());
    return studies;
}

} // namespace radsynth::datasets
