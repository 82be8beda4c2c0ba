#pragma once
// Dataset adapters: read the layouts users have (RadSynth simulator output, IU X-ray Open-i XML +
// PNG, R2Gen annotation.json, MIMIC-CXR-JPG) into studies, and pack them into the training cache
// (core/generation/TrainingCache.h) that the LibTorch-only trainer reads.
#include "radsynth/common/Result.h"
#include "radsynth/generation/TrainingCache.h"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace radsynth::datasets {

enum class Layout { Auto, RadSynthSimulator, IuXray, R2Gen, MimicCxrJpg };
const char *toString(Layout layout);
Layout detectLayout(const std::string &root);

struct StudyEntry {
    std::string id;
    generation::Split split = generation::Split::Train;
    std::string frontalPath; // image file (PNG/JPG/DICOM) or empty
    std::string lateralPath;
    std::string report;      // findings + impression text, or empty
    std::array<int8_t, generation::kObservationCount> labels{};
};

// Lists the studies of a dataset folder (images are not decoded here).
Result<std::vector<StudyEntry>> listStudies(const std::string &root, Layout layout = Layout::Auto);

// Paper's preprocessing: MONOCHROME1 inverted, normalised to 0..1, padded to square, resized to R.
// Returns R*R values in 0..65535.
Result<std::vector<uint16_t>> loadPreprocessed(const std::string &imagePath, int resolution);

struct PrepareOptions {
    std::string root;
    Layout layout = Layout::Auto;
    std::string cachePath;  // output file
    int resolution = 128;
    size_t limit = 0;       // 0: all studies
    std::function<void(size_t done, size_t total)> progress;
    const std::atomic_bool *cancel = nullptr;
};
// Writes the training cache; returns the number of records written.
Result<size_t> prepareCache(const PrepareOptions &options);

} // namespace radsynth::datasets
