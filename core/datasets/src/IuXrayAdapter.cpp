// IU X-ray as distributed by Open-i: ecgen-radiology/*.xml reports (FINDINGS, IMPRESSION and
// <parentImage id="CXR1_1_IM-0001-3001"> links) plus PNG images named by those ids, for example
// NLMCXR_png/CXR1_1_IM-0001-3001.png. Views come from metadata when there is any (the order of a
// split file's image_path, or a projections CSV), else from an image heuristic (mirror symmetry).
#include "DatasetsInternal.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QXmlStreamReader>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>

namespace radsynth::datasets::detail {
namespace {

struct XmlStudy {
    std::string id;     // "CXR1" (the uId), or the file name without .xml
    std::string number; // "1": the key the R2Gen split uses
    std::string findings, impression;
    std::vector<std::string> imageIds;
};

// "CXR1_1_IM-0001-3001.png", "CXR1_IM-0001-3001", "1_IM-0001-3001.dcm.png" -> "1_im-0001-3001".
std::string imageKey(const std::string &nameOrPath)
{
    QString name = QString::fromStdString(nameOrPath).section(QLatin1Char('/'), -1).toLower();
    static const QRegularExpression extension(QStringLiteral("\\.(png|jpe?g|dcm|dicom)$"));
    while (name.contains(extension))
        name.remove(extension);
    if (name.startsWith(QLatin1String("cxr")))
        name.remove(0, 3);
    static const QRegularExpression subStudy(QStringLiteral("^(\\d+)_\\d+_(im-.*)$"));
    name.replace(subStudy, QStringLiteral("\\1_\\2"));
    return name.toStdString();
}

// "CXR2384_IM-0942", "2384", "CXR2384" -> "2384".
std::string studyNumber(const std::string &id)
{
    static const QRegularExpression number(QStringLiteral("^(?:CXR)?(\\d+)"), QRegularExpression::CaseInsensitiveOption);
    const auto match = number.match(QString::fromStdString(id));
    return match.hasMatch() ? match.captured(1).toStdString() : id;
}

Result<XmlStudy> readXml(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError("cannot read the report", path.toStdString());
    XmlStudy study;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("uId")) {
            study.id = xml.attributes().value(QLatin1String("id")).toString().toStdString();
        } else if (name == QLatin1String("AbstractText")) {
            const QString label = xml.attributes().value(QLatin1String("Label")).toString().toUpper();
            const std::string text = xml.readElementText(QXmlStreamReader::IncludeChildElements).toStdString();
            if (label == QLatin1String("FINDINGS"))
                study.findings = text;
            else if (label == QLatin1String("IMPRESSION"))
                study.impression = text;
        } else if (name == QLatin1String("parentImage")) {
            const std::string id = xml.attributes().value(QLatin1String("id")).toString().toStdString();
            if (!id.empty())
                study.imageIds.push_back(id);
        }
    }
    if (xml.hasError())
        return makeError("not a valid Open-i XML report (" + xml.errorString().toStdString() + ")", path.toStdString());
    if (study.id.empty())
        study.id = QFileInfo(path).completeBaseName().toStdString();
    study.number = studyNumber(study.id);
    return study;
}

// Image files anywhere under the root (except the report folder), by imageKey().
std::map<std::string, std::string> indexImages(const std::string &root)
{
    std::map<std::string, std::string> index;
    QDirIterator it(QString::fromStdString(root), {QStringLiteral("*.png"), QStringLiteral("*.jpg"), QStringLiteral("*.jpeg"),
                                                   QStringLiteral("*.dcm")},
                    QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const std::string path = it.next().toStdString();
        index.emplace(imageKey(path), path);
    }
    return index;
}

// View of each image from a projections CSV in the root: indiana_projections.csv (filename,
// projection) or the original DICOM headers nlmcxr_dicom_metadata.csv[.gz] (imageid, View Position).
std::map<std::string, ViewGuess> readProjections(const std::string &root)
{
    std::map<std::string, ViewGuess> views;
    struct Source {
        const char *file, *nameColumn, *viewColumn;
    };
    for (const Source &source : {Source{"indiana_projections.csv", "filename", "projection"},
                                 Source{"nlmcxr_dicom_metadata.csv", "imageid", "View Position"},
                                 Source{"nlmcxr_dicom_metadata.csv.gz", "imageid", "View Position"}}) {
        const std::string path = joinPath(root, source.file);
        if (!isFile(path))
            continue;
        auto table = readCsv(path);
        if (!table) {
            spdlog::warn("{}", table.error().toString());
            continue;
        }
        const int nameColumn = table->column(source.nameColumn), viewColumn = table->column(source.viewColumn);
        if (nameColumn < 0 || viewColumn < 0)
            continue;
        for (size_t row = 0; row < table->rows.size(); ++row) {
            const ViewGuess view = viewFromProjection(table->cell(row, viewColumn));
            if (view != ViewGuess::Unknown)
                views.emplace(imageKey(table->cell(row, nameColumn)), view);
        }
    }
    return views;
}

std::string defaultSplitFile(const std::string &root)
{
    return firstExisting(root, {"r2gen-split.json", "annotation.json"});
}

} // namespace

Result<std::vector<StudyEntry>> listIuXray(const std::string &root, const std::string &splitFile)
{
    std::string xmlFolder = joinPath(root, "ecgen-radiology");
    if (!isDirectory(xmlFolder))
        xmlFolder = root;
    const QStringList xmlFiles = QDir(QString::fromStdString(xmlFolder)).entryList({QStringLiteral("*.xml")}, QDir::Files, QDir::Name);
    if (xmlFiles.isEmpty())
        return makeError("no Open-i XML reports (*.xml) found", xmlFolder);

    // Split and view order from an R2Gen-style split file, keyed by the study number.
    const std::string splitPath = splitFile.empty() ? defaultSplitFile(root) : splitFile;
    std::map<std::string, R2GenEntry> splitEntries;
    if (!splitPath.empty()) {
        auto entries = readR2GenJson(splitPath);
        if (!entries)
            return entries.error();
        for (auto &entry : *entries)
            splitEntries.emplace(studyNumber(entry.id), std::move(entry));
    }
    const auto images = indexImages(root);
    const auto projections = images.empty() ? std::map<std::string, ViewGuess>() : readProjections(root);

    std::vector<StudyEntry> studies;
    size_t unreadable = 0, outsideSplit = 0, heuristic = 0;
    for (const QString &name : xmlFiles) {
        auto xml = readXml(QDir(QString::fromStdString(xmlFolder)).filePath(name));
        if (!xml) {
            spdlog::warn("{}", xml.error().toString());
            ++unreadable;
            continue;
        }
        StudyEntry study;
        study.id = xml->id;
        study.report = joinReport(xml->findings, xml->impression);
        const R2GenEntry *splitEntry = nullptr;
        if (!splitEntries.empty()) {
            const auto found = splitEntries.find(xml->number);
            if (found == splitEntries.end()) {
                ++outsideSplit; // the split file defines the dataset: studies it leaves out stay out
                continue;
            }
            splitEntry = &found->second;
            study.split = splitEntry->split;
        } else {
            study.split = hashSplit(study.id);
        }

        // The study's images that exist, with what the metadata says of their view.
        std::vector<std::pair<std::string, ViewGuess>> found; // path, view
        for (const std::string &imageId : xml->imageIds) {
            const std::string key = imageKey(imageId);
            const auto image = images.find(key);
            if (image == images.end())
                continue;
            ViewGuess view = ViewGuess::Unknown;
            if (splitEntry) {
                for (size_t i = 0; i < splitEntry->imagePaths.size() && i < 2; ++i)
                    if (imageKey(splitEntry->imagePaths[i]) == key)
                        view = i == 0 ? ViewGuess::Frontal : ViewGuess::Lateral;
            }
            if (view == ViewGuess::Unknown) {
                const auto projection = projections.find(key);
                if (projection != projections.end())
                    view = projection->second;
            }
            found.emplace_back(image->second, view);
        }
        const auto count = [&](ViewGuess view) {
            return std::count_if(found.begin(), found.end(), [view](const auto &item) { return item.second == view; });
        };
        // Metadata that does not give one frontal and one lateral (missing, or both "PA", as some IU
        // headers say) is replaced by the heuristic: the most symmetric image is the frontal.
        if (!found.empty() && !(count(ViewGuess::Frontal) >= 1 && (count(ViewGuess::Lateral) >= 1 || found.size() == 1))) {
            ++heuristic;
            std::vector<std::pair<double, size_t>> scores;
            for (size_t i = 0; i < found.size(); ++i)
                scores.emplace_back(mirrorSymmetry(found[i].first), i);
            std::sort(scores.begin(), scores.end(), std::greater<>());
            for (auto &item : found)
                item.second = ViewGuess::Unknown;
            if (found.size() == 1) {
                found[0].second = scores[0].first >= kFrontalSymmetryThreshold ? ViewGuess::Frontal : ViewGuess::Lateral;
            } else {
                found[scores[0].second].second = ViewGuess::Frontal;
                found[scores.back().second].second = ViewGuess::Lateral;
            }
        }
        for (const auto &[path, view] : found) {
            if (view == ViewGuess::Frontal && study.frontalPath.empty())
                study.frontalPath = path;
            else if (view == ViewGuess::Lateral && study.lateralPath.empty())
                study.lateralPath = path;
        }
        studies.push_back(std::move(study));
    }
    if (unreadable > 0 || outsideSplit > 0 || heuristic > 0)
        spdlog::info("IU X-ray {}: {} unreadable reports, {} studies outside the split file, {} studies with views from the "
                     "image heuristic",
                     root, unreadable, outsideSplit, heuristic);
    return studies;
}

} // namespace radsynth::datasets::detail
