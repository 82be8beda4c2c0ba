// prepareCache(): list the studies, preprocess their images, write the training cache atomically.
// A missing or unreadable image skips its study (counted, named in the warnings); a missing root or
// an output that cannot be written fails the whole run.
#include "DatasetsInternal.h"

#include "radsynth/dicom/Loader.h"

#include <QDir>
#include <QFileInfo>

#include <spdlog/spdlog.h>

namespace radsynth::datasets {

Result<PrepareSummary> prepareCacheWithSummary(const PrepareOptions &options)
{
    if (options.cachePath.empty())
        return makeError("no output file given for the training cache");
    if (options.resolution < 8 || options.resolution > 2048)
        return makeError("resolution must be between 8 and 2048 pixels (got " + std::to_string(options.resolution) + ")");
    const QFileInfo output(QString::fromStdString(options.cachePath));
    if (output.isDir())
        return makeError("the output is a folder, not a file", options.cachePath);
    if (!output.absoluteDir().exists())
        return makeError("the output folder does not exist", output.absolutePath().toStdString());

    ListOptions listOptions;
    listOptions.layout = options.layout;
    listOptions.splitFile = options.splitFile;
    std::vector<StudyEntry> studies;
    std::vector<std::string> roots{options.root};
    roots.insert(roots.end(), options.extraRoots.begin(), options.extraRoots.end());
    for (size_t r = 0; r < roots.size(); ++r) {
        ListOptions one = listOptions;
        if (r > 0) // the layout and split file given apply to the first folder; the others are detected
            one = ListOptions{};
        auto listed = listStudies(roots[r], one);
        if (!listed)
            return listed.error();
        studies.insert(studies.end(), std::make_move_iterator(listed->begin()), std::make_move_iterator(listed->end()));
    }
    if (options.limit > 0 && studies.size() > options.limit)
        studies.resize(options.limit);

    generation::TrainingCacheWriter writer;
    std::string error;
    if (!writer.open(options.cachePath, options.resolution, &error))
        return makeError(error);

    PrepareSummary summary;
    summary.listed = studies.size();
    auto skip = [&](const std::string &problem) {
        ++summary.skipped;
        spdlog::warn("dataset prepare: {}", problem);
        if (summary.problems.size() < 1000)
            summary.problems.push_back(problem);
        if (options.warning)
            options.warning(problem);
    };
    for (size_t i = 0; i < studies.size(); ++i) {
        if (options.cancel && options.cancel->load())
            return cancelledError(options.cachePath, "cancelled; no training cache written"); // the writer removes its .part file
        const StudyEntry &study = studies[i];
        generation::CacheRecord record;
        record.id = study.id;
        record.split = study.split;
        record.report = study.report;
        record.labels = study.labels;
        record.labelled = study.labelled;
        bool usable = true;
        for (auto [path, pixels] : {std::pair{&study.frontalPath, &record.frontal}, std::pair{&study.lateralPath, &record.lateral}}) {
            if (path->empty() || !usable)
                continue;
            auto image = dicom::loadModelInput(*path, options.resolution); // the one preparation of model inputs
            if (!image) {
                skip("study " + study.id + " skipped: " + image.error().toString());
                usable = false;
            } else {
                *pixels = std::move(image->pixels);
            }
        }
        if (usable && !record.hasFrontal() && !record.hasLateral() && !record.hasReport())
            skip("study " + study.id + " skipped: no image and no report");
        else if (usable && !writer.append(record, &error))
            return makeError(error);
        else if (usable)
            ++summary.written;
        if (options.progress)
            options.progress(i + 1, studies.size());
    }
    if (!writer.close(&error))
        return makeError(error);
    spdlog::info("training cache {}: {} records at {} px, {} studies skipped", options.cachePath, summary.written,
                 options.resolution, summary.skipped);
    return summary;
}

Result<size_t> prepareCache(const PrepareOptions &options)
{
    auto summary = prepareCacheWithSummary(options);
    if (!summary)
        return summary.error();
    return summary->written;
}

} // namespace radsynth::datasets
