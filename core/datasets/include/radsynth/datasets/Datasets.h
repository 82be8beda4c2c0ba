#pragma once
// Dataset adapters: read the layouts users have (RadSynth simulator output, IU X-ray Open-i XML +
// PNG, R2Gen annotation.json, MIMIC-CXR-JPG) into studies, and pack them into the training cache
// (core/generation/TrainingCache.h) that the LibTorch-only trainer reads.
#include "radsynth/common/Result.h"
#include "radsynth/generation/TrainingCache.h"

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace radsynth::datasets {

// Radiographs: a folder tree of unpaired images without reports (real public sets; labels from a
// metadata.csv or NORMAL/PNEUMONIA folders), see docs/DATASETS.md.
enum class Layout { Auto, RadSynthSimulator, IuXray, R2Gen, MimicCxrJpg, Radiographs };
const char *toString(Layout layout);
Layout detectLayout(const std::string &root);

struct StudyEntry {
    std::string id;
    generation::Split split = generation::Split::Train;
    std::string frontalPath; // image file (PNG/JPG/DICOM) or empty
    std::string lateralPath;
    std::string report;      // findings + impression text, or empty
    std::array<int8_t, generation::kObservationCount> labels{};
    bool labelled = true;    // false: nothing says which findings the image has (labels all 0, unused)
};

// Lists the studies of a dataset folder (images are not decoded here, except for IU X-ray studies
// whose views no metadata names: the view heuristic reads those images, see docs/DATASETS.md).
Result<std::vector<StudyEntry>> listStudies(const std::string &root, Layout layout = Layout::Auto);

// True when the report labeler (core/report) is built in: listStudies() then fills the labels of
// studies from other datasets than the simulator from their report text; otherwise they stay 0.
bool reportLabelerAvailable();

struct ListOptions {
    Layout layout = Layout::Auto;
    // IU X-ray: an R2Gen-style split file (r2gen-split.json); default: root/r2gen-split.json or
    // root/annotation.json when present, else a deterministic hash split by study id.
    // R2Gen: the annotation file; default root/annotation.json.
    std::string splitFile;
};
Result<std::vector<StudyEntry>> listStudies(const std::string &root, const ListOptions &options);

struct PrepareOptions {
    std::string root;
    Layout layout = Layout::Auto;
    // Further dataset folders packed into the same cache, each with its detected layout (e.g. the
    // simulated pairs and a folder of real unpaired radiographs).
    std::vector<std::string> extraRoots;
    std::string cachePath;  // output file
    int resolution = 128;
    size_t limit = 0;       // 0: all studies
    std::function<void(size_t done, size_t total)> progress;
    const std::atomic_bool *cancel = nullptr;
    std::string splitFile;  // see ListOptions::splitFile
    // Called once per skipped study with one line naming the file and the reason (may be empty).
    std::function<void(const std::string &problem)> warning;
};
// Writes the training cache; returns the number of records written.
Result<size_t> prepareCache(const PrepareOptions &options);

struct PrepareSummary {
    size_t listed = 0;   // studies found (after the limit)
    size_t written = 0;  // records in the cache
    size_t skipped = 0;  // studies left out: an image missing or unreadable, or nothing usable
    std::vector<std::string> problems; // one line per skipped study (file and reason)
};
// As prepareCache, with the counts of what was skipped and why.
Result<PrepareSummary> prepareCacheWithSummary(const PrepareOptions &options);

} // namespace radsynth::datasets
