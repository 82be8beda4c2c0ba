#pragma once
// A tiny training cache for trainer tests (header-only): `records` studies at 32 px with both
// views (textured noise, reproducible from `seed`) and a short report, the first `trainRecords` in
// the training split and the rest in the validation split; and the options of a short run on it.
#include "radsynth/generation/TrainingCache.h"
#include "radsynth/generation/Trainer.h"

#include <random>
#include <string>
#include <vector>

namespace radsynth::testing {

inline constexpr int kTinyCacheResolution = 32;

inline std::vector<uint16_t> tinyTrainingImage(std::mt19937 &rng)
{
    constexpr int R = kTinyCacheResolution;
    std::uniform_int_distribution<int> value(0, 65535);
    std::vector<uint16_t> pixels(size_t(R * R));
    const int base = value(rng);
    for (size_t i = 0; i < pixels.size(); ++i)
        pixels[i] = uint16_t((base + int(i % R) * 997 + value(rng) / 8) % 65536);
    return pixels;
}

// True when written; otherwise `error` says why.
inline bool writeTinyTrainingCache(const std::string &path, int records, int trainRecords, uint32_t seed, std::string &error)
{
    using namespace radsynth::generation;
    std::mt19937 rng(seed);
    TrainingCacheWriter writer;
    if (!writer.open(path, kTinyCacheResolution, &error))
        return false;
    for (int i = 0; i < records; ++i) {
        CacheRecord r;
        r.id = "s" + std::to_string(i);
        r.split = i < trainRecords ? Split::Train : Split::Validation;
        r.frontal = tinyTrainingImage(rng);
        r.lateral = tinyTrainingImage(rng);
        r.report = "Heart size is normal.";
        if (!writer.append(r, &error))
            return false;
    }
    return writer.close(&error);
}

// A few quiet steps of the tiny autoencoder on such a cache (no validation, samples or checkpoints).
inline radsynth::generation::TrainOptions tinyAutoencoderOptions(const std::string &cache, const std::string &bundle, int steps)
{
    radsynth::generation::TrainOptions o;
    o.stage = radsynth::generation::Stage::Autoencoder;
    o.cachePath = cache;
    o.bundleDirectory = bundle;
    o.preset = "tiny";
    o.steps = steps;
    o.batch = 4;
    o.learningRate = 1e-3;
    o.validateEvery = 0;
    o.sampleEvery = 0;
    o.checkpointEvery = 0;
    o.quiet = true;
    return o;
}

} // namespace radsynth::testing
