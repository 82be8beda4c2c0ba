// R2Gen layout: annotation.json {"train":[{"id","report","image_path":[..],"split"}],"val":..,"test":..}
// plus images/ (image_path is relative to images/; image_path[0] is the frontal, [1] the lateral).
// The same JSON format is the IU X-ray split file (r2gen-split.json), read here for both.
#include "DatasetsInternal.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace radsynth::datasets::detail {

Result<std::vector<R2GenEntry>> readR2GenJson(const std::string &path)
{
    const auto content = readFile(path);
    if (!content)
        return makeError("cannot read the annotation file", path);
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(*content), &parseError);
    if (!document.isObject())
        return makeError("not an R2Gen annotation (" + parseError.errorString().toStdString() +
                             "): expected {\"train\": [...], \"val\": [...], \"test\": [...]}",
                         path);
    const QJsonObject object = document.object();
    std::vector<R2GenEntry> entries;
    bool anySplit = false;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const auto splitOfKey = parseSplit(it.key().toStdString());
        if (!splitOfKey || !it.value().isArray())
            continue;
        anySplit = true;
        for (const QJsonValue &item : it.value().toArray()) {
            const QJsonObject study = item.toObject();
            R2GenEntry entry;
            const QJsonValue id = study.value(QLatin1String("id"));
            entry.id = id.isString() ? id.toString().toStdString() : (id.isDouble() ? std::to_string(qint64(id.toDouble())) : "");
            if (entry.id.empty())
                continue;
            // The per-entry "split" wins over the key when both are present and valid.
            entry.split = parseSplit(study.value(QLatin1String("split")).toString().toStdString()).value_or(*splitOfKey);
            entry.report = simplifyWhitespace(study.value(QLatin1String("report")).toString().toStdString());
            const QJsonValue images = study.value(QLatin1String("image_path"));
            if (images.isArray()) {
                for (const QJsonValue &image : images.toArray())
                    if (image.isString() && !image.toString().isEmpty())
                        entry.imagePaths.push_back(image.toString().toStdString());
            } else if (images.isString()) {
                entry.imagePaths.push_back(images.toString().toStdString());
            }
            entries.push_back(std::move(entry));
        }
    }
    if (!anySplit)
        return makeError("no \"train\", \"val\" or \"test\" list in the annotation file", path);
    return entries;
}

Result<std::vector<StudyEntry>> listR2Gen(const std::string &root, const std::string &annotationFile)
{
    const std::string annotation = annotationFile.empty() ? joinPath(root, "annotation.json") : annotationFile;
    auto entries = readR2GenJson(annotation);
    if (!entries)
        return entries.error();
    std::string imageRoot = joinPath(root, "images");
    if (!isDirectory(imageRoot))
        imageRoot = root;
    std::vector<StudyEntry> studies;
    studies.reserve(entries->size());
    for (auto &entry : *entries) {
        StudyEntry study;
        study.id = entry.id;
        study.split = entry.split;
        study.report = entry.report;
        // Paths are kept as the annotation names them: a missing file is reported (and the study
        // skipped) by prepareCache, and counted by `dataset info`.
        auto resolve = [&](size_t index) -> std::string {
            return index < entry.imagePaths.size() ? joinPath(imageRoot, entry.imagePaths[index]) : std::string();
        };
        study.frontalPath = resolve(0);
        study.lateralPath = resolve(1);
        studies.push_back(std::move(study));
    }
    return studies;
}

} // namespace radsynth::datasets::detail
