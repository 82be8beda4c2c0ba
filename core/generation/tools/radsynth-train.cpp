// radsynth-train: the trainer alone (LibTorch + standard library), for GPU machines where nothing
// else is installed. Reads a training cache made by `radsynth-cli dataset prepare`.
//   radsynth-train --stage autoencoder|align|frontal|lateral|report --cache cache.rsc --bundle DIR
//                  [--device cpu|cuda] [--steps N] [--batch B] [--lr X] [--lr-schedule constant|cosine] [--ema D]
//                  [--report-only P] [--condition-augment P] [--resume] [--preset default|tiny|paper]
//                  [--validate-every N] [--sample-every N] [--checkpoint-every N] [--seed S]
//   radsynth-train --recipe recipe.json --cache cache.rsc --bundle DIR [--device cuda] [--jobs N]
// Data-parallel under srun (or with RADSYNTH_RANK / RADSYNTH_WORLD_SIZE ...; Distributed.h):
//   srun --ntasks 4 radsynth-train --stage frontal --cache cache.rsc --bundle DIR [--data-shards S]
#include "radsynth/generation/CpuRuntime.h"
#include "radsynth/generation/Trainer.h"

#include <cstdio>
#include <cstdlib>
#include <string>

using namespace radsynth::generation;

int main(int argc, char **argv)
{
    tuneAllocatorForTensors();
    TrainOptions options;
    std::string recipe;
    bool haveStage = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "radsynth-train: %s needs a value\n", a.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--stage") {
            if (!parseStage(value(), options.stage)) {
                std::fprintf(stderr, "radsynth-train: unknown stage (autoencoder, align, frontal, lateral, report)\n");
                return 2;
            }
            haveStage = true;
        } else if (a == "--cache" || a == "--data") options.cachePath = value();
        else if (a == "--bundle") options.bundleDirectory = value();
        else if (a == "--device") options.device = value();
        else if (a == "--steps") options.steps = std::atoi(value().c_str());
        else if (a == "--batch") options.batch = std::atoi(value().c_str());
        else if (a == "--lr") options.learningRate = std::atof(value().c_str());
        else if (a == "--lr-schedule") options.learningRateSchedule = value();
        else if (a == "--ema") options.emaDecay = std::atof(value().c_str());
        else if (a == "--report-only") options.reportOnly = std::atof(value().c_str());
        else if (a == "--condition-augment") options.conditionAugment = std::atof(value().c_str());
        else if (a == "--jobs") options.jobs = std::atoi(value().c_str());
        else if (a == "--preset") options.preset = value();
        else if (a == "--seed") options.seed = std::strtoull(value().c_str(), nullptr, 10);
        else if (a == "--validate-every") options.validateEvery = std::atoi(value().c_str());
        else if (a == "--sample-every") options.sampleEvery = std::atoi(value().c_str());
        else if (a == "--checkpoint-every") options.checkpointEvery = std::atoi(value().c_str());
        else if (a == "--resume") options.resume = true;
        else if (a == "--data-shards") options.dataShards = std::atoi(value().c_str());
        else if (a == "--recipe") recipe = value();
        else if (a == "--help" || a == "-h") {
            std::printf("Usage: radsynth-train --stage S --cache FILE --bundle DIR [--device cpu|cuda] [--steps N] [--batch B]\n"
                        "       [--lr X] [--lr-schedule constant|cosine] [--ema D] [--report-only P] [--condition-augment P] [--resume]\n"
                        "       [--preset default|tiny|paper] [--validate-every N] [--sample-every N]\n"
                        "       [--checkpoint-every N] [--seed S] [--data-shards S]\n"
                        "       radsynth-train --recipe FILE.json --cache FILE --bundle DIR [--device cuda] [--jobs N]\n");
            return 0;
        } else {
            std::fprintf(stderr, "radsynth-train: unknown option %s (--help lists them)\n", a.c_str());
            return 2;
        }
    }
    if (options.cachePath.empty() || options.bundleDirectory.empty() || (recipe.empty() && !haveStage)) {
        std::fprintf(stderr, "radsynth-train: --cache, --bundle and --stage (or --recipe) are required\n");
        return 2;
    }
    auto ranks = distributedFromEnvironment();
    if (!ranks) {
        std::fprintf(stderr, "radsynth-train: %s\n", ranks.message().c_str());
        return 2;
    }
    options.distributed = ranks.value();
    options.quiet = options.distributed.rank != 0;
    if (!recipe.empty()) {
        auto result = runRecipe(recipe, options);
        if (!result) {
            std::fprintf(stderr, "radsynth-train: %s\n", result.message().c_str());
            return 1;
        }
        std::printf("recipe done: %zu stage(s) trained\n", result->size());
        return 0;
    }
    auto result = train(options);
    if (!result) {
        std::fprintf(stderr, "radsynth-train: %s\n", result.message().c_str());
        return 1;
    }
    std::printf("%s: %d steps, loss %.4f, validation %.4f, %.1f s, log %s\n", toString(options.stage), result->steps, result->finalLoss,
                result->validationLoss, result->seconds, result->logPath.c_str());
    if (options.distributed.enabled())
        std::printf("rank %d of %d: read the images of %d of the cache's %d records\n", options.distributed.rank, options.distributed.worldSize,
                    result->cacheRecordsWithImages, result->cacheRecords);
    return 0;
}
