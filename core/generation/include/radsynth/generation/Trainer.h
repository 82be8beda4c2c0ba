#pragma once
// Trainer (torch-free interface): trains one component of a bundle from a training cache
// (TrainingCache.h), on CPU or CUDA, with resumable checkpoints, a CSV loss log, validation loss
// on the validation split and a fixed-seed sample grid every N steps.
#include "radsynth/generation/Distributed.h"
#include "radsynth/generation/Status.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace radsynth::generation {

// Findings: the finding classifiers (one per view) that guide report drafting; not a diffusion
// component, trained from the cache's labels alone (steps = optimisation steps per view).
// Sentences: no training; the training split's report sentences, hashed, into the bundle
// (report_sentences.bin, SentenceSet.h), which finding-guided drafting prefers.
enum class Stage { Autoencoder, Align, Frontal, Lateral, Report, Findings, Sentences };
const char *toString(Stage stage);
bool parseStage(const std::string &text, Stage &out);

struct TrainOptions {
    Stage stage = Stage::Autoencoder;
    std::string cachePath;        // training cache file (cache.rsc)
    std::string bundleDirectory;  // created when absent (with `preset`)
    std::string preset = "default";
    std::string device = "cpu";   // cpu | cuda | cuda:N
    int steps = 1000;
    int batch = 8;
    bool resume = false;          // continue from the stage's last checkpoint
    double learningRate = 0;      // 0: the stage's default
    // "constant", or "cosine": from learningRate down to a tenth of it at the last step (a
    // resumed or continued run follows the same curve by step number).
    std::string learningRateSchedule = "constant";
    // Exponential moving average of the trained weights (0: off; 0.999 is typical for the
    // diffusion generators). The average, not the last step's weights, is validated and saved
    // into the bundle; the checkpoint keeps both so --resume continues the average.
    double emaDecay = 0;
    // Autoencoder stage only: train the decoder alone, the encoder (and so every latent the
    // generators were trained on, and the latent scale) stays as it is. Sharpens the images of an
    // existing bundle without retraining its UNets.
    bool decoderOnly = false;
    // Frontal/lateral stages: the share of conditioned samples that have a report and keep only
    // the report (the rest take a random non-empty subset of the conditions present, a third of
    // which is the report alone). Raising it teaches report -> image harder, where a view given
    // alongside would otherwise carry the findings and let the report go unread. 0: the plain
    // random subset.
    double reportOnly = 0;
    // Frontal, lateral and report stages: the share of training samples whose CONDITIONING views
    // (the other view for a UNet, the input views for the report generator) go through the
    // real-acquisition augmentation (AcquisitionAugment.h: positioning, processing curve, edge
    // enhancement, blur, noise, markers, collimation). The generated view and validation never
    // do. 0: off.
    double conditionAugment = 0;
    // Findings stage: training records whose id starts with the prefix are drawn this many times as
    // often ("RAD/covid-chestxray/" -> 5: a small real set weighs more beside thousands of
    // simulated and pediatric images). Validation is never repeated.
    std::vector<std::pair<std::string, int>> findingsOversample;
    // Findings stage: the classifiers' input size (pixels; at most the cache's resolution) and
    // first-layer width (FindingClassifierOptions). 0: 64 px and 16, the original shape.
    int findingsSize = 0;
    int findingsWidth = 0;
    // The lateral classifier's own input size and width (0: as the frontal's above).
    int findingsLateralSize = 0;
    int findingsLateralWidth = 0;
    int logEvery = 10;
    int validateEvery = 200;
    int sampleEvery = 500;        // 0: never
    int checkpointEvery = 200;
    int validationBatches = 4;
    uint64_t seed = 1;
    int tokenizerMinCount = 3;
    bool quiet = false;           // no console output
    // Warm start: when the bundle lacks the stage's component, its weights start from this other
    // bundle's component wherever names match; a tensor whose shape grew (an input layer that
    // gained condition channels) keeps the old weights in its leading slice and zeros elsewhere,
    // so the new component starts as the old one.
    std::string initFrom;
    // Recipes: how many generator stages (frontal, lateral, report: each needs only the
    // autoencoder and the encoders) train side by side, each on an equal share of the CPU threads;
    // 0: one per core up to three on the CPU, one on a GPU. At these model sizes one stage keeps
    // a few cores only partly busy, so side by side they finish in about the time of the longest.
    int jobs = 0;
    // Data-parallel training (Distributed.h; docs/SCALING.md). The training split is dealt into
    // `dataShards` shards (its sample i to shard i mod S; 0: one shard per rank); every step draws
    // batch/S samples from each shard with that shard's own random streams, rank r trains the
    // shards r, r+W, r+2W... and holds only those in memory, and the gradients are summed over the
    // ranks (c10d all-reduce) before the optimiser's step. One process with S shards therefore
    // takes exactly the steps that S processes take (gradient accumulation): the weights do not
    // depend on how many ranks run it, within float rounding. Rank 0 alone validates, writes
    // samples, checkpoints, the log and the bundle. With one shard and one rank (the default) the
    // steps are those of the single-process trainer.
    DistributedOptions distributed;
    int dataShards = 0;
};

struct TrainProgress {
    Stage stage = Stage::Autoencoder;
    int step = 0, total = 0;
    double loss = 0;
    double validationLoss = -1;   // < 0: not measured at this step
    double stepsPerSecond = 0;
    double secondsLeft = 0;
};

struct TrainSummary {
    int steps = 0;
    double finalLoss = 0;
    double validationLoss = -1;
    double seconds = 0;
    std::string logPath;
    // The training cache's records, and those whose images this process read (a rank: its share).
    int cacheRecords = 0;
    int cacheRecordsWithImages = 0;
};

Outcome<TrainSummary> train(const TrainOptions &options, const std::function<void(const TrainProgress &)> &progress = {},
                            const std::atomic_bool *cancel = nullptr);

// A recipe: {"preset": "default", "stages": [{"stage": "autoencoder", "steps": 4000, "batch": 16,
// "lr": 2e-4}, ...]}. Stages run in order, except that consecutive generator stages train side by
// side (TrainOptions::jobs); a stage already completed in the bundle (its metrics record at least
// the requested steps) is skipped, an interrupted one resumes from its checkpoint.
Outcome<std::vector<TrainSummary>> runRecipe(const std::string &recipePath, TrainOptions base,
                                             const std::function<void(const TrainProgress &)> &progress = {},
                                             const std::atomic_bool *cancel = nullptr);

} // namespace radsynth::generation
