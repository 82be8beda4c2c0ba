#pragma once
// The evaluation run behind `radsynth-cli evaluate` (docs/EVALUATION.md): a model bundle on the
// test split of a dataset, every task the bundle has, against baselines on the same studies
// (nearest-neighbour retrieval in the bundle's encoder space, the mean training image, the most
// frequent training report), with finding fidelity (a finding classifier trained on the training
// split), the downstream test (classifier trained on generated versus ground-truth images) and the
// out-of-distribution check. Writes metrics.json and metrics.md into the output folder.
#include "radsynth/common/Result.h"
#include "radsynth/generation/Generator.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace radsynth::evaluation {

struct EvaluationOptions {
    std::string bundle;           // model bundle folder
    std::string data;             // dataset folder (manifest.jsonl, ...) or training cache (.rsc)
    std::string out;              // output folder (created)
    std::vector<generation::Task> tasks; // empty: every task the bundle supports
    int limit = 100;              // test studies (0: all)
    // The split that is scored: "test", or "validation" for choosing settings (sampling, model
    // versions) without looking at the test split; the out-of-distribution thresholds then come
    // from the validation studies not scored, and ood.json is not written into the bundle.
    std::string split = "test";
    int trainLimit = 2000;        // training studies used by baselines and classifiers (0: all)
    int validationLimit = 300;    // validation studies (out-of-distribution thresholds)
    int downstream = -1;          // training reports generated for the downstream test (-1: = limit, 0: skip)
    int steps = 20;               // sampler steps
    double guidance = -1;         // negative: the bundle's recommendation per task
    int reportMaxTokens = 0;      // report decoding length limit (0: the model's maximum)
    int beamWidth = 0;            // report beam width (1: greedy; 0: the bundle's recommendation per task)
    int reportCandidates = 0;     // drafts weighed by the finding classifiers (1: the draft alone; 0: the bundle's recommendation)
    double novelSentencePenalty = -1; // per drafted sentence no training report holds (negative: the bundle's recommendation)
    // The final pass also removes composed sentences stating what the finding classifiers read
    // absent (report::UnsupportedClaims; bundles with training sentences).
    bool dropUnsupportedClaims = false;
    int composedRetries = -1;     // continuations per composed sentence rewritten (generation::Request::composedRetries; negative: the bundle's recommendation)
    double lungFindingBias = std::numeric_limits<double>::quiet_NaN(); // generation::Request::lungFindingBias (NaN: the bundle's recommendation)
    int finishedDrafts = -1; // generation::Request::finishedDrafts (-1: the bundle's recommendation)
    double sideWeight = std::numeric_limits<double>::quiet_NaN(); // generation::Request::sideWeight (NaN: the bundle's recommendation)
    std::vector<std::string> sideObservations;                    // generation::Request::sideObservations (empty: the bundle's recommendation)
    // Real labelled frontals by the data set's own patient split: a validation run scores only
    // the images of its validation patients, a test run only those of its test patients (without
    // it both runs pool the two; docs/EVALUATION.md).
    bool realPatientSplit = false;
    uint64_t seed = 1;
    int threads = 1;              // LibTorch threads (0: LibTorch default; 1: far faster on a shared, loaded CPU)
    int classifierSize = 64;      // finding classifier input size
    int classifierEpochs = 12;
    int classifierMinimumSteps = 300; // small training sets get more epochs
    double oodPercentile = 97;         // per source of validation images (OodDetector::calibrate)
    std::string realDirectory;    // real frontal images for the out-of-distribution check ("": skip)
    // Out-of-distribution rates per named set: a folder of radiographs (frontals) or files.
    std::vector<std::pair<std::string, std::vector<std::string>>> oodSets;
    std::string realPairs;                 // real frontal + lateral pairs: F2L / L2F against the true view ("": skip)
    std::vector<std::string> realLabelled; // labelled real frontals: F2R drafts against the labels
    int realLimit = 200;                   // images per real set
    // Also write <bundle>/ood.json (the workstation reads it). Off by default: an evaluation only
    // measures a bundle and never changes it unless asked; refused below minimumOodCalibration
    // validation images, where a percentile threshold means nothing.
    bool saveOod = false;
    int minimumOodCalibration = 200; // fewest validation images whose thresholds may go into the bundle
    std::function<void(const std::string &line)> log;
    // Counted progress of the long stages ("loading", "F2L", "downstream", "real labelled ..."):
    // called after every item. Without it the same counts go to `log` every few items.
    std::function<void(const std::string &stage, long long done, long long total)> progress;
    const std::atomic_bool *cancel = nullptr;
    // Cluster runs (radsynth-cli evaluate --shard / --merge-shards / --slurm; docs/SCALING.md).
    // shardIndex >= 0: only the model's outputs on shard `shardIndex` of `shardCount` of each task's
    // scored studies, saved per study into `out` (resumable: saved studies are skipped; a study the
    // generator fails on is saved with the reason), no metrics. mergeShards > 0: the model's
    // outputs are read from out/shards/0..N-1 instead of being generated, and everything else runs
    // as in a single run, so metrics.json and metrics.md are the single run's (but for the timings).
    int shardIndex = -1;
    int shardCount = 1;
    int mergeShards = 0;
};

struct EvaluationSummary {
    size_t savedOutputs = 0;      // a shard: the studies generated now (resumed ones not counted)
    size_t failedOutputs = 0;     // a shard: of those, the ones the generator failed on
    std::string metricsJson;      // paths
    std::string metricsMarkdown;
    size_t testStudies = 0;
    std::vector<std::string> tasks;
    double seconds = 0;
};

Result<EvaluationSummary> evaluate(const EvaluationOptions &options);

} // namespace radsynth::evaluation
