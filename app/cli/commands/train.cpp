// radsynth-cli train: trains one stage of a model bundle (or a recipe of stages) from a dataset
// folder or a training cache. A dataset folder is packed into <bundle>/cache.rsc first.
#include "CliRegistry.h"
#include "Progress.h"
#include "Ranks.h"

#include "radsynth/datasets/Datasets.h"
#include "radsynth/generation/Bundle.h"
#include "radsynth/generation/Distributed.h"
#include "radsynth/generation/ModelConfig.h"
#include "radsynth/generation/Trainer.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

#include <cstdio>

namespace gen = radsynth::generation;

namespace {
const char *kName = "train";

int run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Train a stage of a RadSynth model bundle."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("stage"), QStringLiteral("autoencoder, align, frontal, lateral, report, findings (the finding classifiers that guide report drafts) or sentences (the training reports' sentences, hashed, that drafting prefers; nothing trained)."), QStringLiteral("STAGE")},
        {QStringLiteral("recipe"), QStringLiteral("JSON recipe: stages in order (resumable)."), QStringLiteral("FILE")},
        {QStringLiteral("data"), QStringLiteral("Dataset folder or training cache file (.rsc)."), QStringLiteral("DIR|FILE")},
        {QStringLiteral("bundle"), QStringLiteral("Model bundle folder (created when absent)."), QStringLiteral("DIR")},
        {QStringLiteral("preset"), QStringLiteral("Model size for a new bundle: default, tiny, paper."), QStringLiteral("NAME"), QStringLiteral("default")},
        {QStringLiteral("device"), QStringLiteral("cpu or cuda."), QStringLiteral("DEVICE"), QStringLiteral("cpu")},
        {QStringLiteral("steps"), QStringLiteral("Training steps."), QStringLiteral("N"), QStringLiteral("1000")},
        {QStringLiteral("batch"), QStringLiteral("Batch size."), QStringLiteral("B"), QStringLiteral("8")},
        {QStringLiteral("lr"), QStringLiteral("Learning rate (0: the stage's default)."), QStringLiteral("X"), QStringLiteral("0")},
        {QStringLiteral("lr-schedule"), QStringLiteral("constant, or cosine (down to a tenth of --lr at the last step)."), QStringLiteral("NAME"), QStringLiteral("constant")},
        {QStringLiteral("ema"), QStringLiteral("Average the weights with this decay (e.g. 0.999; 0: off); the average is saved."), QStringLiteral("D"), QStringLiteral("0")},
        {QStringLiteral("jobs"), QStringLiteral("Recipe: generator stages (frontal, lateral, report) trained side by side (0: one per core, up to 3; 1 on cuda)."), QStringLiteral("N"), QStringLiteral("0")},
        {QStringLiteral("report-only"), QStringLiteral("Frontal/lateral stages: share of samples conditioned on the report alone, on top of the random subsets (0-1)."), QStringLiteral("P"), QStringLiteral("0")},
        {QStringLiteral("condition-augment"), QStringLiteral("Frontal/lateral/report stages: share of training samples whose conditioning views get a real-acquisition augmentation (positioning, processing curve, edge enhancement, noise, markers; 0-1)."), QStringLiteral("P"), QStringLiteral("0")},
        {QStringLiteral("oversample"), QStringLiteral("Findings stage: training records whose id starts with PREFIX are drawn K times as often, e.g. RAD/covid-chestxray/=5 (repeatable)."), QStringLiteral("PREFIX=K")},
        {QStringLiteral("findings-size"), QStringLiteral("Findings stage: the classifiers' input size in pixels, at most the cache's resolution (0: 64)."), QStringLiteral("PX"), QStringLiteral("0")},
        {QStringLiteral("findings-width"), QStringLiteral("Findings stage: the classifiers' first-layer channels, doubled by each strided convolution (0: 16)."), QStringLiteral("C"), QStringLiteral("0")},
        {QStringLiteral("findings-lateral-size"), QStringLiteral("Findings stage: the lateral classifier's own input size (0: as --findings-size)."), QStringLiteral("PX"), QStringLiteral("0")},
        {QStringLiteral("findings-lateral-width"), QStringLiteral("Findings stage: the lateral classifier's own first-layer channels (0: as --findings-width)."), QStringLiteral("C"), QStringLiteral("0")},
        {QStringLiteral("resolution"), QStringLiteral("Cache resolution when packing a dataset folder."), QStringLiteral("R"), QStringLiteral("0")},
        {QStringLiteral("validate-every"), QStringLiteral("Validation loss every N steps."), QStringLiteral("N"), QStringLiteral("200")},
        {QStringLiteral("sample-every"), QStringLiteral("Sample grid every N steps."), QStringLiteral("N"), QStringLiteral("500")},
        {QStringLiteral("checkpoint-every"), QStringLiteral("Checkpoint every N steps."), QStringLiteral("N"), QStringLiteral("200")},
        {QStringLiteral("seed"), QStringLiteral("Random seed."), QStringLiteral("S"), QStringLiteral("1")},
        {QStringLiteral("resume"), QStringLiteral("Continue from the stage's last checkpoint.")},
        {QStringLiteral("decoder-only"), QStringLiteral("Autoencoder stage: train only the decoder (latents and latent scale unchanged, so the bundle's generators stay valid).")},
        {QStringLiteral("init-from"), QStringLiteral("Start a component the bundle lacks from another bundle's (matching weights; grown input layers keep the old slice)."), QStringLiteral("DIR")},
        {QStringLiteral("ranks"), QStringLiteral("Data-parallel on this machine: N processes, gradients all-reduced (c10d Gloo); under srun the ranks come from Slurm (docs/SCALING.md)."), QStringLiteral("N"), QStringLiteral("1")},
        {QStringLiteral("data-shards"), QStringLiteral("Data-parallel: shards of the training split, each drawing batch/S samples a step (default: one per rank). One process with S shards takes the steps of S ranks."), QStringLiteral("S"), QStringLiteral("0")},
    });
    if (!parser.parse(QStringList{QStringLiteral("train")} + arguments))
        return radsynth::cli::fail(kName, parser.errorText().toStdString(), 2);
    if (parser.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(parser.helpText()));
        return 0;
    }
    if (!parser.isSet(QStringLiteral("data")) || !parser.isSet(QStringLiteral("bundle")))
        return radsynth::cli::fail(kName, "--data and --bundle are required", 2);
    if (!parser.isSet(QStringLiteral("stage")) && !parser.isSet(QStringLiteral("recipe")))
        return radsynth::cli::fail(kName, "--stage or --recipe is required", 2);
    gen::TrainOptions options;
    if (parser.isSet(QStringLiteral("stage")) && !gen::parseStage(parser.value(QStringLiteral("stage")).toStdString(), options.stage))
        return radsynth::cli::fail(kName, "unknown stage (autoencoder, align, frontal, lateral, report, findings, sentences)", 2);
    bool ok = true;
    auto integer = [&](const char *name) { return ok ? parser.value(QString::fromLatin1(name)).toInt(&ok) : 0; };
    options.steps = integer("steps");
    options.batch = integer("batch");
    options.validateEvery = integer("validate-every");
    options.sampleEvery = integer("sample-every");
    options.checkpointEvery = integer("checkpoint-every");
    const int resolution = integer("resolution");
    const int ranks = integer("ranks");
    options.dataShards = integer("data-shards");
    options.jobs = integer("jobs");
    options.findingsSize = integer("findings-size");
    options.findingsWidth = integer("findings-width");
    options.findingsLateralSize = integer("findings-lateral-size");
    options.findingsLateralWidth = integer("findings-lateral-width");
    options.seed = ok ? parser.value(QStringLiteral("seed")).toULongLong(&ok) : 0;
    options.learningRate = ok ? parser.value(QStringLiteral("lr")).toDouble(&ok) : 0;
    options.emaDecay = ok ? parser.value(QStringLiteral("ema")).toDouble(&ok) : 0;
    options.reportOnly = ok ? parser.value(QStringLiteral("report-only")).toDouble(&ok) : 0;
    options.conditionAugment = ok ? parser.value(QStringLiteral("condition-augment")).toDouble(&ok) : 0;
    options.learningRateSchedule = parser.value(QStringLiteral("lr-schedule")).toStdString();
    for (const QString &entry : parser.values(QStringLiteral("oversample"))) {
        const qsizetype eq = entry.lastIndexOf(QLatin1Char('='));
        bool number = false;
        const int times = eq > 0 ? entry.mid(eq + 1).toInt(&number) : 0;
        if (!number || times < 1 || times > 100)
            return radsynth::cli::fail(kName, "--oversample takes PREFIX=K with K from 1 to 100: " + entry.toStdString(), 2);
        options.findingsOversample.emplace_back(entry.left(eq).toStdString(), times);
    }
    if (!ok)
        return radsynth::cli::fail(kName, "a numeric option has a value that is not a number", 2);
    options.device = parser.value(QStringLiteral("device")).toStdString();
    options.preset = parser.value(QStringLiteral("preset")).toStdString();
    options.resume = parser.isSet(QStringLiteral("resume"));
    options.decoderOnly = parser.isSet(QStringLiteral("decoder-only"));
    options.initFrom = parser.value(QStringLiteral("init-from")).toStdString();
    options.bundleDirectory = parser.value(QStringLiteral("bundle")).toStdString();
    for (const int size : {options.findingsSize, options.findingsLateralSize})
        if (size != 0 && (size < 16 || size > 512))
            return radsynth::cli::fail(kName, "--findings-size and --findings-lateral-size must be 0 or 16 to 512", 2);
    for (const int width : {options.findingsWidth, options.findingsLateralWidth})
        if (width != 0 && (width < 4 || width > 128))
            return radsynth::cli::fail(kName, "--findings-width and --findings-lateral-width must be 0 or 4 to 128", 2);
    if (ranks < 1 || options.dataShards < 0)
        return radsynth::cli::fail(kName, "--ranks must be at least 1 and --data-shards at least 0", 2);
    auto environment = gen::distributedFromEnvironment();
    if (!environment)
        return radsynth::cli::fail(kName, environment.message(), 2);
    options.distributed = environment.value();
    if (ranks > 1 && options.distributed.enabled())
        return radsynth::cli::fail(kName, "--ranks starts the ranks itself: not inside srun or a RADSYNTH_WORLD_SIZE launch", 2);
    options.quiet = options.distributed.rank != 0;

    const QString data = parser.value(QStringLiteral("data"));
    if (QFileInfo(data).isDir()) {
        // A dataset folder: pack it into the bundle's training cache first (once).
        QDir().mkpath(QString::fromStdString(options.bundleDirectory));
        const std::string cache = options.bundleDirectory + "/cache.rsc";
        if (options.distributed.enabled() && !QFileInfo::exists(QString::fromStdString(cache)))
            return radsynth::cli::fail(kName, "several ranks read one training cache: pack the dataset folder first (radsynth-cli dataset "
                                              "prepare DIR --out FILE.rsc) and give --data the .rsc file");
        if (!QFileInfo::exists(QString::fromStdString(cache))) {
            int cacheResolution = resolution;
            if (cacheResolution <= 0) {
                auto preset = gen::ModelConfig::fromPreset(options.preset);
                if (!preset)
                    return radsynth::cli::fail(kName, preset.message(), 2);
                cacheResolution = preset->resolution;
            }
            radsynth::datasets::PrepareOptions prepare;
            prepare.root = data.toStdString();
            prepare.cachePath = cache;
            prepare.resolution = cacheResolution;
            auto packing = std::make_shared<radsynth::cli::Progress>("pack", "studies");
            prepare.progress = [packing](size_t done, size_t total) { packing->update((long long)done, (long long)total); };
            auto packed = radsynth::datasets::prepareCache(prepare);
            packing->finish();
            if (!packed)
                return radsynth::cli::fail(kName, "cannot pack the dataset: " + packed.error().toString());
            std::printf("packed %zu studies into %s\n", packed.value(), cache.c_str());
        }
        options.cachePath = cache;
    } else if (QFileInfo(data).isFile()) {
        options.cachePath = data.toStdString();
    } else {
        return radsynth::cli::fail(kName, "no dataset folder or training cache at " + data.toStdString());
    }

    if (ranks > 1)
        return radsynth::cli::launchRanks(kName, arguments, ranks, QString::fromStdString(options.cachePath));

    if (parser.isSet(QStringLiteral("recipe"))) {
        auto result = gen::runRecipe(parser.value(QStringLiteral("recipe")).toStdString(), options);
        if (!result)
            return radsynth::cli::fail(kName, result.message());
        std::printf("recipe done: %zu stage(s) trained into %s\n", result->size(), options.bundleDirectory.c_str());
        return 0;
    }
    auto result = gen::train(options);
    if (!result)
        return radsynth::cli::fail(kName, result.message());
    if (options.stage == gen::Stage::Sentences) {
        auto info = gen::readManifest(options.bundleDirectory);
        std::printf("sentences: %lld distinct training-report sentences hashed into %s/%s\n", info ? info->reportSentenceCount : 0LL,
                    options.bundleDirectory.c_str(), info ? info->reportSentencesFile.c_str() : "?");
        return 0;
    }
    std::printf("%s: %d steps, loss %.4f, validation loss %.4f, %.1f s; log %s\n", gen::toString(options.stage), result->steps, result->finalLoss,
                result->validationLoss, result->seconds, result->logPath.c_str());
    return 0;
}
} // namespace

RADSYNTH_CLI_COMMAND("train", "train a stage of a model bundle from a dataset folder or training cache", run);
