// radsynth-cli evaluate: a model bundle on the test split of a dataset, every task, against
// baselines; writes metrics.json and metrics.md (docs/EVALUATION.md).
#include "CliRegistry.h"
#include "Progress.h"
#include "Slurm.h"

#include "radsynth/common/Paths.h"
#include "radsynth/common/Shards.h"
#include "radsynth/evaluation/Evaluation.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

#include <chrono>
#include <memory>
#include <cstdio>

namespace gen = radsynth::generation;

namespace {
const char *kName = "evaluate";

// The real frontals of the shared data folder (../shared/data/real-cxr next to the source tree),
// or RADSYNTH_SHARED_DATA/real-cxr/openist-normal-pa.
QString defaultRealDirectory()
{
    const QByteArray shared = qgetenv("RADSYNTH_SHARED_DATA");
    const QString root = shared.isEmpty() ? QDir(radsynth::paths::resourceDirectory()).absoluteFilePath(QStringLiteral("../shared/data"))
                                          : QString::fromLocal8Bit(shared);
    return QDir::cleanPath(root + QStringLiteral("/real-cxr/openist-normal-pa"));
}

int run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Evaluate a model bundle against baselines on a dataset's test split."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("bundle"), QStringLiteral("Model bundle (default: models/default)."), QStringLiteral("DIR")},
        {QStringLiteral("data"), QStringLiteral("Dataset folder (manifest.jsonl, ...) or training cache (.rsc)."), QStringLiteral("DIR|FILE")},
        {QStringLiteral("out"), QStringLiteral("Output folder for metrics.json and metrics.md."), QStringLiteral("DIR"), QStringLiteral("radsynth-evaluation")},
        {QStringLiteral("tasks"), QStringLiteral("Comma-separated tasks (F2L,L2F,F2R,L2R,FL2R,R2F,R2L,FR2L,LR2F,R2FL) or all."), QStringLiteral("LIST"), QStringLiteral("all")},
        {QStringLiteral("limit"), QStringLiteral("Studies scored (0: all)."), QStringLiteral("N"), QStringLiteral("100")},
        {QStringLiteral("split"), QStringLiteral("Split scored: test, or validation to choose settings without touching the test split (ood.json is then not written into the bundle)."), QStringLiteral("NAME"), QStringLiteral("test")},
        {QStringLiteral("train-limit"), QStringLiteral("Training studies for baselines and the finding classifier (0: all)."), QStringLiteral("N"), QStringLiteral("2000")},
        {QStringLiteral("validation-limit"), QStringLiteral("Validation studies for the out-of-distribution thresholds."), QStringLiteral("N"), QStringLiteral("300")},
        {QStringLiteral("downstream"), QStringLiteral("Training reports turned into frontals for the downstream test (-1: --limit, 0: skip)."), QStringLiteral("N"), QStringLiteral("-1")},
        {QStringLiteral("steps"), QStringLiteral("Sampler steps."), QStringLiteral("N"), QStringLiteral("20")},
        {QStringLiteral("beam"), QStringLiteral("Report beam width (1: greedy; default 0: the model's recommendation per task)."), QStringLiteral("B"), QStringLiteral("0")},
        {QStringLiteral("drop-unsupported"), QStringLiteral("The final pass also removes composed sentences (no training report holds them) that state an observation the finding classifiers read absent.")},
        {QStringLiteral("composed-retries"), QStringLiteral("Continuations the model samples for each composed sentence (no training report holds it) of the chosen draft; the likeliest one a training report holds that states the same findings replaces it (0: none; default: the model's recommendation per task)."), QStringLiteral("N")},
        {QStringLiteral("finished-drafts"), QStringLiteral("1: weigh report drafts by what their text states after the final pass, with 'no finding' bounded by the findings; 0: as the model wrote them (default: the model's recommendation per task)."), QStringLiteral("0|1")},
        {QStringLiteral("side-weight"), QStringLiteral("How much the side a report draft puts a finding on counts against where the frontal finding classifier sees it, where drafts are weighed (0: not weighed; default: the model's recommendation per task)."), QStringLiteral("W")},
        {QStringLiteral("side-observations"), QStringLiteral("Comma-separated observations whose sides --side-weight weighs (e.g. pleural_effusion,pneumothorax; default: the model's recommendation per task, all when it names none)."), QStringLiteral("LIST")},
        {QStringLiteral("lung-finding-bias"), QStringLiteral("Added to the log-odds of the finding classifiers' lung opacity, consolidation and pneumonia probabilities where they weigh report drafts (above 0: drafts stating such a finding win more often; default: the model's recommendation per task)."), QStringLiteral("B")},
        {QStringLiteral("real-patient-split"), QStringLiteral("Labelled real frontals by each set's own patient split: --split validation scores only its validation patients, a test run only its test patients (default: both, pooled).")},
        {QStringLiteral("novel-penalty"), QStringLiteral("What each drafted sentence no training report holds costs in the choice among drafts (bundles with training sentences; default: the model's recommendation per task)."), QStringLiteral("P")},
        {QStringLiteral("drafts"), QStringLiteral("Report drafts weighed by the bundle's finding classifiers (1: the greedy/beam draft alone; default 0: the model's recommendation per task)."), QStringLiteral("N"), QStringLiteral("0")},
        {QStringLiteral("guidance"), QStringLiteral("Guidance scale for every task (default: the model's recommendation per task)."), QStringLiteral("G")},
        {QStringLiteral("seed"), QStringLiteral("Random seed."), QStringLiteral("S"), QStringLiteral("1")},
        {QStringLiteral("report-max-tokens"), QStringLiteral("Report decoding length limit (0: the model's maximum)."), QStringLiteral("N"), QStringLiteral("0")},
        {QStringLiteral("threads"), QStringLiteral("LibTorch threads (0: LibTorch default; 1 is much faster while other jobs share the CPU)."), QStringLiteral("N"), QStringLiteral("1")},
        {QStringLiteral("classifier-epochs"), QStringLiteral("Finding classifier training epochs."), QStringLiteral("N"), QStringLiteral("12")},
        {QStringLiteral("classifier-size"), QStringLiteral("Finding classifier input size (px)."), QStringLiteral("N"), QStringLiteral("64")},
        {QStringLiteral("real"), QStringLiteral("Folder of real frontal images for the out-of-distribution check (default: the shared real-cxr set)."), QStringLiteral("DIR")},
        {QStringLiteral("real-pairs"), QStringLiteral("Real frontal + lateral pairs (DIR/frontal/NAME.* with DIR/lateral/NAME.*, or NAME_frontal.* with NAME_lateral.*): F2L and L2F against the true view."), QStringLiteral("DIR")},
        {QStringLiteral("real-labelled"), QStringLiteral("Labelled real frontals (NORMAL/PNEUMONIA folders or a metadata.csv with findings): F2R drafts against the labels (repeatable)."), QStringLiteral("DIR")},
        {QStringLiteral("ood-set"), QStringLiteral("A named set for the out-of-distribution rates: NAME=PATH[,PATH...] (folders of radiographs, image files, or CT volumes in NIfTI, a file or a folder, of which 4 axial, coronal and sagittal slices each are scored; repeatable)."), QStringLiteral("NAME=PATHS")},
        {QStringLiteral("shared-real"), QStringLiteral("The real-image sections on ../shared/data: out-of-distribution rates per real set and on non-chest DICOM, F2R on the labelled real frontals (docs/EVALUATION.md).")},
        {QStringLiteral("ood-percentile"), QStringLiteral("Out-of-distribution thresholds: this percentile of each source's validation scores (default 97)."), QStringLiteral("P"), QStringLiteral("97")},
        {QStringLiteral("real-limit"), QStringLiteral("Images per real set (evenly spaced; default 200)."), QStringLiteral("N"), QStringLiteral("200")},
        {QStringLiteral("save-ood"), QStringLiteral("Also write the out-of-distribution thresholds into the bundle's ood.json, which the workstation reads (refused below 200 validation images). Without it the bundle is left as it is; ood.json is always written into --out.")},
        {QStringLiteral("no-save-ood"), QStringLiteral("The default: leave the bundle's ood.json as it is (kept for older scripts).")},
    });
    radsynth::cli::slurm::addOptions(parser);
    if (!parser.parse(QStringList{QString::fromLatin1(kName)} + arguments))
        return radsynth::cli::fail(kName, parser.errorText().toStdString(), 2);
    if (parser.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(parser.helpText()));
        return 0;
    }
    if (!parser.isSet(QStringLiteral("data")))
        return radsynth::cli::fail(kName, "--data is required (a dataset folder or a training cache)", 2);
    // On a cluster: the scored studies of each task as array tasks (the model's outputs, saved per
    // study), and a merge job that computes every metric from them as a single run does.
    if (parser.isSet(QStringLiteral("slurm")))
        return radsynth::cli::slurm::submitCommand(QString::fromLatin1(kName), parser, arguments, {}, true);
    radsynth::evaluation::EvaluationOptions options;
    options.bundle = (parser.isSet(QStringLiteral("bundle")) ? parser.value(QStringLiteral("bundle"))
                                                             : QDir(radsynth::paths::modelsDirectory()).filePath(QStringLiteral("default")))
                         .toStdString();
    options.data = parser.value(QStringLiteral("data")).toStdString();
    options.out = QDir(parser.value(QStringLiteral("out"))).absolutePath().toStdString();
    const QString tasks = parser.value(QStringLiteral("tasks"));
    if (tasks.compare(QStringLiteral("all"), Qt::CaseInsensitive) != 0) {
        for (const QString &name : tasks.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            gen::Task task;
            if (!gen::parseTask(name.trimmed().toStdString(), task))
                return radsynth::cli::fail(kName, "unknown task " + name.toStdString(), 2);
            options.tasks.push_back(task);
        }
    }
    bool ok = true;
    auto integer = [&](const char *name) { return ok ? parser.value(QString::fromLatin1(name)).toInt(&ok) : 0; };
    options.limit = integer("limit");
    options.beamWidth = integer("beam");
    options.reportCandidates = integer("drafts");
    options.split = parser.value(QStringLiteral("split")).toStdString();
    if (options.split != "test" && options.split != "validation")
        return radsynth::cli::fail("evaluate", "--split is test or validation", 2);
    options.trainLimit = integer("train-limit");
    options.validationLimit = integer("validation-limit");
    options.downstream = integer("downstream");
    options.steps = integer("steps");
    options.threads = integer("threads");
    options.reportMaxTokens = integer("report-max-tokens");
    options.classifierEpochs = integer("classifier-epochs");
    options.classifierSize = integer("classifier-size");
    options.seed = ok ? parser.value(QStringLiteral("seed")).toULongLong(&ok) : 0;
    if (parser.isSet(QStringLiteral("guidance")))
        options.guidance = ok ? parser.value(QStringLiteral("guidance")).toDouble(&ok) : 0;
    options.dropUnsupportedClaims = parser.isSet(QStringLiteral("drop-unsupported"));
    if (parser.isSet(QStringLiteral("composed-retries"))) {
        options.composedRetries = ok ? parser.value(QStringLiteral("composed-retries")).toInt(&ok) : 0;
        if (ok && (options.composedRetries < 0 || options.composedRetries > 64))
            return radsynth::cli::fail(kName, "--composed-retries is 0 to 64", 2);
    }
    if (parser.isSet(QStringLiteral("finished-drafts"))) {
        options.finishedDrafts = ok ? parser.value(QStringLiteral("finished-drafts")).toInt(&ok) : 0;
        if (ok && options.finishedDrafts != 0 && options.finishedDrafts != 1)
            return radsynth::cli::fail(kName, "--finished-drafts is 0 or 1", 2);
    }
    if (parser.isSet(QStringLiteral("side-weight"))) {
        options.sideWeight = ok ? parser.value(QStringLiteral("side-weight")).toDouble(&ok) : 0;
        if (ok && !(options.sideWeight >= 0 && options.sideWeight <= 100))
            return radsynth::cli::fail(kName, "--side-weight is 0 to 100", 2);
    }
    if (parser.isSet(QStringLiteral("side-observations")))
        for (const QString &name : parser.value(QStringLiteral("side-observations")).split(QLatin1Char(','), Qt::SkipEmptyParts))
            options.sideObservations.push_back(name.trimmed().toStdString());
    if (parser.isSet(QStringLiteral("lung-finding-bias"))) {
        options.lungFindingBias = ok ? parser.value(QStringLiteral("lung-finding-bias")).toDouble(&ok) : 0;
        if (ok && !(options.lungFindingBias >= -10 && options.lungFindingBias <= 10))
            return radsynth::cli::fail(kName, "--lung-finding-bias is -10 to 10", 2);
    }
    options.realPatientSplit = parser.isSet(QStringLiteral("real-patient-split"));
    if (parser.isSet(QStringLiteral("novel-penalty"))) {
        options.novelSentencePenalty = ok ? parser.value(QStringLiteral("novel-penalty")).toDouble(&ok) : 0;
        if (ok && options.novelSentencePenalty < 0)
            return radsynth::cli::fail(kName, "--novel-penalty is 0 or more", 2);
    }
    if (!ok)
        return radsynth::cli::fail(kName, "a numeric option has a value that is not a number", 2);
    if (options.reportCandidates < 0 || options.beamWidth < 0)
        return radsynth::cli::fail(kName, "--drafts and --beam take 0 (the model's recommendation) or a positive number", 2);
    options.realDirectory = (parser.isSet(QStringLiteral("real")) ? parser.value(QStringLiteral("real")) : defaultRealDirectory()).toStdString();
    if (parser.isSet(QStringLiteral("save-ood")) && parser.isSet(QStringLiteral("no-save-ood")))
        return radsynth::cli::fail(kName, "--save-ood and --no-save-ood contradict each other", 2);
    options.saveOod = parser.isSet(QStringLiteral("save-ood"));
    options.realPairs = parser.value(QStringLiteral("real-pairs")).toStdString();
    for (const QString &folder : parser.values(QStringLiteral("real-labelled")))
        options.realLabelled.push_back(folder.toStdString());
    for (const QString &set : parser.values(QStringLiteral("ood-set"))) {
        const qsizetype eq = set.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return radsynth::cli::fail(kName, "--ood-set takes NAME=PATH[,PATH...]", 2);
        std::vector<std::string> paths;
        for (const QString &path : set.mid(eq + 1).split(QLatin1Char(','), Qt::SkipEmptyParts))
            paths.push_back(path.toStdString());
        options.oodSets.emplace_back(set.left(eq).toStdString(), paths);
    }
    if (parser.isSet(QStringLiteral("shared-real"))) {
        const QString real = QFileInfo(defaultRealDirectory()).path();
        const QString dicom = QDir::cleanPath(real + QStringLiteral("/../dicom/pydicom"));
        if (!QFileInfo(real).isDir())
            return radsynth::cli::fail(kName, "--shared-real: no shared real data at " + real.toStdString(), 2);
        auto in = [&](const QString &base, const QString &name) { return (base + QLatin1Char('/') + name).toStdString(); };
        options.oodSets.push_back({"real: openist normal adult PA", {in(real, QStringLiteral("openist-normal-pa"))}});
        options.oodSets.push_back({"real: covid-chestxray adults", {in(real, QStringLiteral("covid-chestxray"))}});
        options.oodSets.push_back({"real: figure1-covid adults", {in(real, QStringLiteral("figure1-covid"))}});
        options.oodSets.push_back({"real: pediatric val", {in(real, QStringLiteral("pediatric-pneumonia/val"))}});
        options.oodSets.push_back({"non-chest: CT, MR, extremity radiographs, colour pictures",
                                   {in(dicom, QStringLiteral("CT_small.dcm")), in(dicom, QStringLiteral("MR_small.dcm")),
                                    in(dicom, QStringLiteral("MR_small_RLE.dcm")), in(dicom, QStringLiteral("RG3_J2KR.dcm")),
                                    in(dicom, QStringLiteral("RG3_J2KI.dcm")), in(dicom, QStringLiteral("693_J2KI.dcm")),
                                    in(dicom, QStringLiteral("SC_rgb_jpeg.dcm"))}});
        // What a user opening a chest CT series hands the model: chest shapes, not a radiograph.
        const QString ct = QDir::cleanPath(real + QStringLiteral("/../ct"));
        if (QFileInfo(ct).isDir())
            options.oodSets.push_back({"non-chest-radiograph: chest CT slices", {ct.toStdString()}});
        options.realLabelled.push_back(in(real, QStringLiteral("pediatric-pneumonia/val")));
        options.realLabelled.push_back(in(real, QStringLiteral("covid-chestxray")));
        options.realLabelled.push_back(in(real, QStringLiteral("openist-normal-pa"))); // normal adults: the specificity covid-chestxray (13 normals) cannot give
    }
    options.oodPercentile = parser.value(QStringLiteral("ood-percentile")).toDouble(&ok);
    if (!ok || options.oodPercentile <= 0 || options.oodPercentile > 100)
        return radsynth::cli::fail(kName, "--ood-percentile must be in (0, 100]", 2);
    {
        const int limit = parser.value(QStringLiteral("real-limit")).toInt(&ok);
        if (!ok || limit < 0)
            return radsynth::cli::fail(kName, "--real-limit must be a non-negative number", 2);
        options.realLimit = limit;
    }
    if (const QString problem = radsynth::cli::slurm::readShard(parser, options.shardIndex, options.shardCount); !problem.isEmpty())
        return radsynth::cli::fail(kName, problem.toStdString(), 2);
    if (const QString problem = radsynth::cli::slurm::readMergeShards(parser, options.mergeShards); !problem.isEmpty())
        return radsynth::cli::fail(kName, problem.toStdString(), 2);
    // Log lines with the time since the start; counted stages as a progress display (a bar with the
    // rate and the time left on a terminal, a plain line a second in a log, nothing with --quiet's
    // RADSYNTH_QUIET), which log lines never break.
    const auto start = std::chrono::steady_clock::now();
    std::unique_ptr<radsynth::cli::Progress> progress;
    std::string stage;
    options.log = [start, &progress](const std::string &line) {
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        char prefix[32];
        std::snprintf(prefix, sizeof prefix, "[%6.0f s] ", s);
        if (progress)
            progress->message(prefix + line);
        else
            std::fprintf(stderr, "%s%s\n", prefix, line.c_str());
    };
    options.progress = [&progress, &stage](const std::string &name, long long done, long long total) {
        if (!progress || name != stage) {
            progress.reset(); // closes the previous stage's line
            progress = std::make_unique<radsynth::cli::Progress>(name, name == "real labelled" ? "images" : "studies");
            stage = name;
        }
        progress->update(done, total);
    };
    auto result = radsynth::evaluation::evaluate(options);
    progress.reset();
    if (!result)
        return radsynth::cli::fail(kName, result.error().toString());
    if (options.shardIndex >= 0) {
        if (const auto marked = radsynth::shards::markDone(options.out, options.shardIndex, options.shardCount); !marked)
            return radsynth::cli::fail(kName, marked.error().toString());
        std::printf("shard %d/%d: model outputs of %zu studies saved (%zu the generator failed on) for %zu task(s) in %.0f s: %s\n",
                    options.shardIndex, options.shardCount, result->savedOutputs, result->failedOutputs, result->tasks.size(), result->seconds,
                    options.out.c_str());
        return 0;
    }
    std::printf("evaluated %zu task(s) on %zu %s studies in %.0f s\nmetrics: %s\n          %s\n", result->tasks.size(), result->testStudies, options.split.c_str(),
                result->seconds, result->metricsJson.c_str(), result->metricsMarkdown.c_str());
    return 0;
}
} // namespace

RADSYNTH_CLI_COMMAND("evaluate", "evaluate a model bundle against baselines (metrics.json, metrics.md)", run);
