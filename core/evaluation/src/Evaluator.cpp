// The evaluation run (Evaluation.h): data, model outputs, baselines, metrics, metrics.json/.md.
#include "EvaluationInternal.h"

#include "radsynth/common/Shards.h"

#include "radsynth/datasets/Datasets.h"
#include "radsynth/dicom/Loader.h"
#include "radsynth/evaluation/ClinicalEfficacy.h"
#include "radsynth/evaluation/Evaluation.h"
#include "radsynth/evaluation/ImageMetrics.h"
#include "radsynth/evaluation/TextMetrics.h"
#include "radsynth/generation/EvaluationModels.h"
#include "radsynth/generation/PriorStudy.h"
#include "radsynth/generation/SentenceSet.h"
#include "radsynth/generation/OodDetector.h"
#include "radsynth/generation/TrainingCache.h"
#include "radsynth/report/Consistency.h"
#include "radsynth/report/Labeler.h"
#include "radsynth/report/Readability.h"
#include "radsynth/workflow/DraftReading.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <random>

namespace radsynth::evaluation {

using generation::ImageData;
using generation::Json;
using generation::Task;

namespace {

using Clock = std::chrono::steady_clock;
// A finding enters the mean finding AUC only with at least this many positive and negative studies.
constexpr int kMinStudiesPerClass = 5;
double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

struct Study {
    std::string id;
    generation::Split split = generation::Split::Train;
    ImageData frontal, lateral;
    std::string report;
    Labels labels{};
};

ImageData fromUint16(const std::vector<uint16_t> &pixels, int size, int resolution)
{
    ImageData image = generation::imageFromCachePixels(pixels, size);
    return image.pixels.empty() || size == resolution ? image : resizeSquare(image, resolution);
}

struct Data {
    std::vector<Study> train, validation, test;
    // Every sentence of the training split's reports (all of them, not only the picked studies):
    // what "a sentence a radiologist wrote" is measured against.
    generation::SentenceSet trainingSentences;
};


// Picks the studies of each split: test in dataset order (the first `limit`), training and
// validation shuffled with the seed (the first `trainLimit` / `validationLimit`).
template <typename T>
std::vector<const T *> pick(const std::vector<T> &all, generation::Split split, int limit, bool shuffle, uint64_t seed)
{
    std::vector<const T *> out;
    for (const auto &s : all)
        if (s.split == split)
            out.push_back(&s);
    if (shuffle) {
        std::mt19937_64 random(seed);
        std::shuffle(out.begin(), out.end(), random);
    }
    if (limit > 0 && out.size() > size_t(limit))
        out.resize(size_t(limit));
    return out;
}

struct PickPlan {
    generation::Split split;
    int limit;
    bool shuffle;
};

bool scoresValidation(const EvaluationOptions &o) { return o.split == "validation"; }

// Which studies to read. Scoring the validation split reads all of it in dataset order (the
// first `limit` are scored, the rest set the out-of-distribution thresholds) and no test study.
std::vector<PickPlan> planPicks(const EvaluationOptions &o)
{
    if (scoresValidation(o))
        return {{generation::Split::Train, o.trainLimit, true}, {generation::Split::Validation, 0, false}};
    return {{generation::Split::Train, o.trainLimit, true}, {generation::Split::Validation, o.validationLimit, true}, {generation::Split::Test, o.limit, false}};
}

// Scoring the validation split: its first `limit` studies become the scored set, a shuffled
// `validationLimit` of the others stay for the thresholds.
void scoreValidation(Data &data, const EvaluationOptions &o)
{
    std::vector<Study> all = std::move(data.validation);
    data.validation.clear();
    data.test.clear();
    const size_t scored = o.limit > 0 ? std::min(all.size(), size_t(o.limit)) : all.size() / 2;
    for (size_t i = 0; i < all.size(); ++i)
        (i < scored ? data.test : data.validation).push_back(std::move(all[i]));
    std::mt19937_64 random(o.seed);
    std::shuffle(data.validation.begin(), data.validation.end(), random);
    if (o.validationLimit > 0 && data.validation.size() > size_t(o.validationLimit))
        data.validation.resize(size_t(o.validationLimit));
}

Result<Data> loadData(const EvaluationOptions &o, int resolution, const std::function<void(const std::string &)> &log)
{
    Data data;
    auto assign = [&](Study &&s) {
        if (s.split == generation::Split::Train)
            data.train.push_back(std::move(s));
        else if (s.split == generation::Split::Validation)
            data.validation.push_back(std::move(s));
        else
            data.test.push_back(std::move(s));
    };
    const QFileInfo info(QString::fromStdString(o.data));
    if (info.isFile()) {
        generation::TrainingCache cache;
        std::string error;
        if (!cache.load(o.data, &error))
            return makeError("cannot read the training cache: " + error, o.data);
        std::vector<std::string> trainReports;
        for (const generation::CacheRecord *r : cache.split(generation::Split::Train))
            if (r->hasReport())
                trainReports.push_back(r->report);
        data.trainingSentences = generation::SentenceSet::fromReports(trainReports);
        std::vector<const generation::CacheRecord *> chosen;
        for (const PickPlan &plan : planPicks(o)) {
            auto part = pick(cache.records(), plan.split, plan.limit, plan.shuffle, o.seed);
            chosen.insert(chosen.end(), part.begin(), part.end());
        }
        for (const auto *r : chosen) {
            Study s;
            s.id = r->id;
            s.split = r->split;
            s.frontal = fromUint16(r->frontal, cache.resolution(), resolution);
            s.lateral = fromUint16(r->lateral, cache.resolution(), resolution);
            s.report = r->report;
            for (size_t k = 0; k < size_t(kObservations); ++k)
                s.labels[k] = r->labels[k];
            assign(std::move(s));
        }
        return data;
    }
    if (!info.isDir())
        return makeError("no dataset folder or training cache here", o.data);
    auto listed = datasets::listStudies(o.data);
    if (!listed)
        return listed.error();
    std::vector<std::string> trainReports;
    for (const datasets::StudyEntry &e : listed.value())
        if (e.split == generation::Split::Train && !e.report.empty())
            trainReports.push_back(e.report);
    data.trainingSentences = generation::SentenceSet::fromReports(trainReports);
    std::vector<const datasets::StudyEntry *> chosen;
    for (const PickPlan &plan : planPicks(o)) {
        auto part = pick(listed.value(), plan.split, plan.limit, plan.shuffle, o.seed);
        chosen.insert(chosen.end(), part.begin(), part.end());
    }
    size_t done = 0, skipped = 0;
    for (const auto *e : chosen) {
        Study s;
        s.id = e->id;
        s.split = e->split;
        s.report = e->report;
        for (size_t k = 0; k < size_t(kObservations); ++k)
            s.labels[k] = e->labels[k];
        bool ok = true;
        for (auto [path, target] : {std::pair{&e->frontalPath, &s.frontal}, std::pair{&e->lateralPath, &s.lateral}}) {
            if (path->empty())
                continue;
            auto input = dicom::loadModelInput(*path, resolution);
            if (!input) {
                ok = false;
                break;
            }
            *target = generation::imageFromCachePixels(input->pixels, input->side);
        }
        if (ok)
            assign(std::move(s));
        else
            ++skipped;
        ++done;
        if (o.progress)
            o.progress("loading", (long long)done, (long long)chosen.size());
        else if (done % 500 == 0)
            log("loaded " + std::to_string(done) + "/" + std::to_string(chosen.size()) + " studies");
    }
    if (skipped)
        log("skipped " + std::to_string(skipped) + " studies whose images could not be read");
    return data;
}

} // namespace

Json number(double v)
{
    if (!std::isfinite(v))
        return Json();
    return Json(std::round(v * 1e6) / 1e6);
}

namespace {

double cosine(const generation::Embedding &a, const generation::Embedding &b)
{
    double dot = 0;
    for (size_t i = 0; i < std::min(a.size(), b.size()); ++i)
        dot += double(a[i]) * double(b[i]);
    return dot;
}

const ImageData &viewOf(const Study &s, generation::View v) { return v == generation::View::Frontal ? s.frontal : s.lateral; }

// The image views a task generates, frontal first.
std::vector<generation::View> viewsMade(Task task)
{
    const auto spec = generation::taskSpec(task);
    std::vector<generation::View> views;
    if (spec.makesFrontal)
        views.push_back(generation::View::Frontal);
    if (spec.makesLateral)
        views.push_back(generation::View::Lateral);
    return views;
}
const char *viewName(generation::View v) { return v == generation::View::Frontal ? "frontal" : "lateral"; }

bool paired(Task t) { return t == Task::F2L || t == Task::L2F || t == Task::FR2L || t == Task::LR2F; }

// What one method produced for the test studies of a task.
struct Outputs {
    std::map<generation::View, std::vector<ImageData>> images; // one per study, per output view
    std::vector<std::string> reports;
    double seconds = 0;
    int failed = 0; // studies the generator failed on (left out)
};

class Evaluation {
public:
    explicit Evaluation(const EvaluationOptions &o) : options(o) {}

    void log(const std::string &line) const
    {
        if (options.log)
            options.log(line);
    }
    bool cancelled() const { return options.cancel && options.cancel->load(); }

    Result<EvaluationSummary> run();

private:
    Status prepareModels();
    Status prepareEmbeddings();
    Result<std::unique_ptr<generation::FindingClassifier>> classifierFor(generation::View view);
    std::vector<const Study *> studiesFor(Task task) const;
    Result<Outputs> modelOutputs(Task task, std::vector<const Study *> &studies);
    Result<StudyOutput> generateFor(Task task, const Study &study, size_t index);
    Result<StudyOutput> savedOutputFor(Task task, size_t index, size_t studies) const;
    Result<EvaluationSummary> runShard(const std::vector<Task> &tasks);
    Outputs nearestNeighbour(Task task, const std::vector<const Study *> &studies);
    Outputs meanImage(Task task, const std::vector<const Study *> &studies);
    Result<Outputs> autoencoderCeiling(Task task, const std::vector<const Study *> &studies);
    Outputs mostFrequentReport(const std::vector<const Study *> &studies);
    Result<Json> imageMetrics(Task task, const std::vector<const Study *> &studies, const Outputs &outputs);
    Result<double> pairConsistency(const Outputs &outputs);
    Json reportMetrics(const std::vector<const Study *> &studies, const Outputs &outputs);
    Result<Json> classifierSides(const std::vector<const Study *> &studies);
    Result<Json> findingAuc(generation::View view, const std::vector<const ImageData *> &images, const std::vector<Labels> &labels);
    Result<Json> downstream();
    Result<Json> outOfDistribution();
    Result<Json> realImages();

    const EvaluationOptions &options;
    std::unique_ptr<generation::Generator> generator;
    std::unique_ptr<generation::BundleFeatures> features;
    std::map<generation::View, std::unique_ptr<generation::FindingClassifier>> classifiers;
    bool scoresRealF2L = false; // the run scores F2L and has labelled real frontals (realImages)
    Data data;
    int resolution = 0;
    // Training-set embeddings (index = position in data.train; empty when the study lacks it).
    std::map<generation::View, std::vector<generation::Embedding>> trainImageEmbeddings;
    std::vector<generation::Embedding> trainReportEmbeddings;
    std::map<generation::View, std::vector<generation::Embedding>> testImageEmbeddings; // by test index
    std::vector<generation::Embedding> testReportEmbeddings;
    std::map<const Study *, size_t> testIndex;
};

Status Evaluation::prepareModels()
{
    generation::Generator::setThreads(options.threads);
    auto loaded = generation::Generator::load(options.bundle);
    if (!loaded)
        return makeError(loaded.message(), options.bundle);
    generator = std::move(loaded.value());
    // The model as the workstation runs it; Request::finishedDrafts reads the drafts through the
    // same pass as finishGeneratedReport below.
    workflow::attachDraftReading(*generator, unsupportedClaims(*generator, options));
    auto f = generation::BundleFeatures::load(options.bundle);
    if (!f)
        return makeError(f.message(), options.bundle);
    features = std::move(f.value());
    resolution = generator->info().config.resolution;
    return okStatus();
}

Status Evaluation::prepareEmbeddings()
{
    auto embedView = [&](const std::vector<Study> &studies, generation::View view, std::vector<generation::Embedding> &out) -> Status {
        std::vector<const ImageData *> images;
        std::vector<size_t> where;
        for (size_t i = 0; i < studies.size(); ++i)
            if (!viewOf(studies[i], view).empty()) {
                images.push_back(&viewOf(studies[i], view));
                where.push_back(i);
            }
        out.assign(studies.size(), {});
        auto e = features->embedImages(images);
        if (!e)
            return makeError(e.message());
        for (size_t i = 0; i < where.size(); ++i)
            out[where[i]] = std::move(e.value()[i]);
        return okStatus();
    };
    auto embedReports = [&](const std::vector<Study> &studies, std::vector<generation::Embedding> &out) -> Status {
        out.assign(studies.size(), {});
        if (!features->hasTokenizer())
            return okStatus();
        std::vector<std::string> texts;
        std::vector<size_t> where;
        for (size_t i = 0; i < studies.size(); ++i)
            if (!studies[i].report.empty()) {
                texts.push_back(studies[i].report);
                where.push_back(i);
            }
        auto e = features->embedReports(texts);
        if (!e)
            return makeError(e.message());
        for (size_t i = 0; i < where.size(); ++i)
            out[where[i]] = std::move(e.value()[i]);
        return okStatus();
    };
    for (auto view : {generation::View::Frontal, generation::View::Lateral}) {
        if (auto s = embedView(data.train, view, trainImageEmbeddings[view]); !s)
            return s;
        if (auto s = embedView(data.test, view, testImageEmbeddings[view]); !s)
            return s;
    }
    if (auto s = embedReports(data.train, trainReportEmbeddings); !s)
        return s;
    if (auto s = embedReports(data.test, testReportEmbeddings); !s)
        return s;
    for (size_t i = 0; i < data.test.size(); ++i)
        testIndex[&data.test[i]] = i;
    return okStatus();
}

std::vector<const Study *> Evaluation::studiesFor(Task task) const
{
    const auto spec = generation::taskSpec(task);
    std::vector<const Study *> out;
    for (const auto &s : data.test) {
        if ((spec.needsFrontal || spec.makesFrontal) && s.frontal.empty())
            continue;
        if ((spec.needsLateral || spec.makesLateral) && s.lateral.empty())
            continue;
        if ((spec.needsReport || spec.makesReport) && s.report.empty())
            continue;
        out.push_back(&s);
    }
    return out;
}

// The model on one scored study (`index`: its place in the task's studies, which sets the seed).
// A failure of the generator on the study is an output (its reason); cancelling is an error.
Result<StudyOutput> Evaluation::generateFor(Task task, const Study &s, size_t index)
{
    const auto spec = generation::taskSpec(task);
    const auto start = Clock::now();
    generation::Request r;
    r.task = task;
    if (spec.needsFrontal)
        r.frontal = s.frontal;
    if (spec.needsLateral)
        r.lateral = s.lateral;
    if (spec.needsReport)
        r.report = s.report;
    r.steps = options.steps;
    r.guidance = options.guidance;
    r.maxTokens = options.reportMaxTokens;
    r.beamWidth = options.beamWidth;
    r.reportCandidates = options.reportCandidates;
    r.novelSentencePenalty = options.novelSentencePenalty;
    r.composedRetries = options.composedRetries;
    r.lungFindingBias = options.lungFindingBias;
    r.finishedDrafts = options.finishedDrafts;
    r.sideWeight = options.sideWeight;
    r.sideObservations = options.sideObservations;
    r.seed = options.seed + index;
    auto g = generator->run(r);
    StudyOutput out;
    if (!g) {
        if (g.isCancelled())
            return g.toError();
        out.failure = g.message();
        return out;
    }
    for (auto &image : g->images)
        if (image.variant == 0)
            out.images[image.view] = std::move(image.image);
    if (spec.makesReport) {
        // The draft as the workstation shows it: readable candidate, contradictions resolved.
        report::finishGeneratedReport(g->report, g->reportDrafts, g->reportScores, g->reportChoice, g->findingProbabilities,
                                      unsupportedClaims(*generator, options), &generator->trainingSentences());
        out.report = g->report;
    }
    out.seconds = secondsSince(start);
    return out;
}

// A merge: what the shard that had study `index` of `studies` saved for it.
Result<StudyOutput> Evaluation::savedOutputFor(Task task, size_t index, size_t studies) const
{
    int owner = 0;
    while (owner + 1 < options.mergeShards && shards::range(studies, owner, options.mergeShards).second <= index)
        ++owner;
    return readStudyOutput(studyOutputPath(shards::folder(options.out, owner), task, index));
}

Result<Outputs> Evaluation::modelOutputs(Task task, std::vector<const Study *> &studies)
{
    // A study the generator fails on is logged and left out of the task (for every method), so
    // that one bad input does not end a long run; the count is in metrics.json.
    Outputs out;
    const auto spec = generation::taskSpec(task);
    const auto start = Clock::now();
    double savedSeconds = 0;
    std::vector<const Study *> kept;
    for (size_t i = 0; i < studies.size(); ++i) {
        if (cancelled())
            return cancelledError();
        const Study &s = *studies[i];
        auto one = options.mergeShards > 0 ? savedOutputFor(task, i, studies.size()) : generateFor(task, s, i);
        if (!one)
            return one.error();
        savedSeconds += one->seconds;
        if (!one->failure.empty()) {
            log(std::string(generation::toString(task)) + ", study " + s.id + " left out: " + one->failure);
            ++out.failed;
            continue;
        }
        kept.push_back(&s);
        for (auto &[view, image] : one->images)
            out.images[view].push_back(std::move(image));
        if (spec.makesReport)
            out.reports.push_back(std::move(one->report));
        if (options.progress)
            options.progress(generation::toString(task), (long long)(i + 1), (long long)studies.size());
        else if ((i + 1) % 10 == 0 || i + 1 == studies.size())
            log(std::string(generation::toString(task)) + ": " + std::to_string(i + 1) + "/" + std::to_string(studies.size()) + " studies, " +
                std::to_string(int(secondsSince(start))) + " s");
    }
    // Merged: the generation time the shards measured, not the reading here.
    out.seconds = options.mergeShards > 0 ? savedSeconds : secondsSince(start);
    studies = std::move(kept);
    return out;
}

// A shard of a cluster run: the model's outputs on this shard's studies of every task, saved.
Result<EvaluationSummary> Evaluation::runShard(const std::vector<Task> &tasks)
{
    EvaluationSummary summary;
    const auto start = Clock::now();
    for (Task task : tasks) {
        if (!generator->supports(task))
            continue;
        const auto studies = studiesFor(task);
        const auto [first, last] = shards::range(studies.size(), options.shardIndex, options.shardCount);
        for (size_t i = first; i < last; ++i) {
            const std::string path = studyOutputPath(options.out, task, i);
            if (QFileInfo::exists(QString::fromStdString(path)))
                continue; // saved by an earlier run of this shard
            auto one = generateFor(task, *studies[i], i);
            if (!one)
                return one.error();
            if (!one->failure.empty()) {
                ++summary.failedOutputs;
                const QJsonObject failure{{QStringLiteral("task"), QLatin1String(generation::toString(task))},
                                          {QStringLiteral("study"), QString::fromStdString(studies[i]->id)},
                                          {QStringLiteral("reason"), QString::fromStdString(one->failure)}};
                if (auto recorded = shards::recordFailure(options.out, failure); !recorded)
                    return recorded.error();
            }
            if (auto saved = writeStudyOutput(path, one.value()); !saved)
                return saved.error();
            ++summary.savedOutputs;
        }
        log(std::string(generation::toString(task)) + ": shard " + std::to_string(options.shardIndex) + "/" + std::to_string(options.shardCount) +
            ", studies " + std::to_string(first) + "-" + std::to_string(last) + " of " + std::to_string(studies.size()) + " saved");
        summary.tasks.push_back(generation::toString(task));
    }
    summary.testStudies = data.test.size();
    summary.seconds = secondsSince(start);
    return summary;
}

Outputs Evaluation::nearestNeighbour(Task task, const std::vector<const Study *> &studies)
{
    // The training study whose inputs are closest in the bundle's encoder space (cosine of the
    // pooled embeddings, summed over the inputs the task has) returns its outputs; of studies
    // closer than 1e-6 to each other in score, the first in training order.
    Outputs out;
    const auto spec = generation::taskSpec(task);
    const auto start = Clock::now();
    for (const Study *s : studies) {
        const size_t t = testIndex.at(s);
        double best = -1e9;
        const Study *match = nullptr;
        for (size_t j = 0; j < data.train.size(); ++j) {
            const Study &c = data.train[j];
            if ((spec.makesFrontal && c.frontal.empty()) || (spec.makesLateral && c.lateral.empty()) || (spec.makesReport && c.report.empty()))
                continue;
            double score = 0;
            bool usable = true;
            auto add = [&](const generation::Embedding &a, const generation::Embedding &b) {
                if (a.empty() || b.empty())
                    usable = false;
                else
                    score += cosine(a, b);
            };
            if (spec.needsFrontal)
                add(testImageEmbeddings[generation::View::Frontal][t], trainImageEmbeddings[generation::View::Frontal][j]);
            if (spec.needsLateral)
                add(testImageEmbeddings[generation::View::Lateral][t], trainImageEmbeddings[generation::View::Lateral][j]);
            if (spec.needsReport)
                add(testReportEmbeddings[t], trainReportEmbeddings[j]);
            // Studies with the same report text embed to the same point; which of them a float's
            // last bit (thread count, batch) would pick is noise, so near-ties keep the first.
            if (usable && score > best + 1e-6) {
                best = score;
                match = &c;
            }
        }
        if (!match) // no training study has what the task makes: no baseline
            return Outputs{};
        if (spec.makesFrontal)
            out.images[generation::View::Frontal].push_back(match->frontal);
        if (spec.makesLateral)
            out.images[generation::View::Lateral].push_back(match->lateral);
        if (spec.makesReport)
            out.reports.push_back(match->report);
    }
    out.seconds = secondsSince(start);
    return out;
}

Outputs Evaluation::meanImage(Task task, const std::vector<const Study *> &studies)
{
    Outputs out;
    for (auto view : viewsMade(task)) {
        std::vector<const ImageData *> images;
        for (const auto &s : data.train)
            if (!viewOf(s, view).empty())
                images.push_back(&viewOf(s, view));
        if (images.empty())
            continue;
        const ImageData mean = evaluation::meanImage(images);
        out.images[view].assign(studies.size(), mean);
    }
    return out;
}

// Not a baseline: the true view through the bundle's autoencoder, the best a latent generator of
// this bundle could return (its SSIM / PSNR bound the model's on paired tasks).
Result<Outputs> Evaluation::autoencoderCeiling(Task task, const std::vector<const Study *> &studies)
{
    Outputs out;
    const auto start = Clock::now();
    for (auto view : viewsMade(task)) {
        std::vector<const ImageData *> truth;
        for (const Study *s : studies)
            truth.push_back(&viewOf(*s, view));
        auto rebuilt = features->reconstructions(truth);
        if (!rebuilt)
            return makeError(rebuilt.message());
        out.images[view] = std::move(rebuilt.value());
    }
    out.seconds = secondsSince(start);
    return out;
}

Outputs Evaluation::mostFrequentReport(const std::vector<const Study *> &studies)
{
    // The most frequent training report (compared on its word tokens, so case and punctuation
    // variants count together); ties go to the first seen.
    std::map<Tokens, std::pair<int, std::string>> counts;
    std::string best;
    int bestCount = 0;
    for (const auto &s : data.train) {
        if (s.report.empty())
            continue;
        auto &entry = counts[metricTokens(s.report)];
        if (entry.first++ == 0)
            entry.second = s.report;
        if (entry.first > bestCount) {
            bestCount = entry.first;
            best = entry.second;
        }
    }
    Outputs out;
    out.reports.assign(studies.size(), best);
    return out;
}

Result<std::unique_ptr<generation::FindingClassifier>> Evaluation::classifierFor(generation::View view)
{
    // Cached in the output folder, keyed by what it was trained on.
    const std::string key = "data=" + QFileInfo(QString::fromStdString(options.data)).absoluteFilePath().toStdString() +
                            " resolution=" + std::to_string(resolution) + " train_limit=" + std::to_string(options.trainLimit) +
                            " seed=" + std::to_string(options.seed) + " size=" + std::to_string(options.classifierSize) +
                            " epochs=" + std::to_string(options.classifierEpochs) + " minimum_steps=" + std::to_string(options.classifierMinimumSteps) + " studies=" + std::to_string(data.train.size());
    const std::string path = options.out + "/finding-classifier-" + viewName(view) + ".pt";
    {
        std::ifstream in(path + ".key");
        std::string stored;
        std::getline(in, stored);
        if (stored == key) {
            auto loaded = generation::FindingClassifier::load(path);
            if (loaded) {
                log(std::string("finding classifier (") + viewName(view) + "): reusing " + path);
                return std::move(loaded.value());
            }
        }
    }
    std::vector<const ImageData *> images;
    std::vector<generation::FindingLabels> labels;
    for (const auto &s : data.train)
        if (!viewOf(s, view).empty()) {
            images.push_back(&viewOf(s, view));
            generation::FindingLabels l{};
            std::copy(s.labels.begin(), s.labels.end(), l.begin());
            labels.push_back(l);
        }
    if (images.size() < 8)
        return makeError(std::string("too few training images to train the ") + viewName(view) + " finding classifier");
    generation::FindingClassifierOptions o;
    o.size = options.classifierSize;
    o.epochs = options.classifierEpochs;
    o.minimumSteps = options.classifierMinimumSteps;
    o.seed = options.seed;
    const auto start = Clock::now();
    auto trained = generation::FindingClassifier::train(images, labels, o);
    if (!trained)
        return makeError(trained.message());
    log(std::string("finding classifier (") + viewName(view) + "): trained on " + std::to_string(images.size()) + " images in " +
        std::to_string(int(secondsSince(start))) + " s");
    if (trained.value()->save(path))
        std::ofstream(path + ".key") << key << "\n";
    return std::move(trained.value());
}

Result<Json> Evaluation::findingAuc(generation::View view, const std::vector<const ImageData *> &images, const std::vector<Labels> &labels)
{
    Json out = Json::object();
    auto &classifier = classifiers[view];
    if (!classifier)
        return out;
    auto scores = classifier->predict(images);
    if (!scores)
        return makeError(scores.message());
    // The mean is taken over the findings with at least kMinStudiesPerClass positive and negative
    // studies: an AUC from one or two positives is a coin toss that would swamp the mean (with
    // 100 test studies fracture has one). The mean over every finding with both classes is kept
    // as mean_all.
    Json per = Json::object(), positives = Json::object();
    double sum = 0, sumAll = 0;
    int counted = 0, defined = 0;
    for (int k = 0; k < kObservations; ++k) {
        std::vector<double> s;
        std::vector<int> l;
        int positive = 0;
        for (size_t i = 0; i < images.size(); ++i) {
            s.push_back(scores.value()[i][size_t(k)]);
            l.push_back(labels[i][size_t(k)] != 0 ? 1 : 0);
            positive += l.back();
        }
        const double auc = rocAuc(s, l);
        per.set(generation::kObservationNames[size_t(k)], number(auc));
        positives.set(generation::kObservationNames[size_t(k)], positive);
        if (!std::isfinite(auc))
            continue;
        sumAll += auc;
        ++defined;
        if (positive >= kMinStudiesPerClass && int(images.size()) - positive >= kMinStudiesPerClass) {
            sum += auc;
            ++counted;
        }
    }
    out.set("mean", number(counted ? sum / counted : std::nan("")));
    out.set("findings_in_mean", counted);
    out.set("mean_all", number(defined ? sumAll / defined : std::nan("")));
    out.set("findings_with_both_classes", defined);
    out.set("positives", positives);
    out.set("per_finding", per);
    return out;
}

Result<Json> Evaluation::imageMetrics(Task task, const std::vector<const Study *> &studies, const Outputs &outputs)
{
    Json views = Json::object();
    const auto spec = generation::taskSpec(task);
    for (const auto &[view, images] : outputs.images) {
        Json m = Json::object();
        if (images.size() != studies.size())
            return makeError("internal: output count differs from the study count");
        if (paired(task)) {
            double p = 0, s = 0;
            int finite = 0;
            for (size_t i = 0; i < images.size(); ++i) {
                const double value = psnr(images[i], viewOf(*studies[i], view));
                if (std::isfinite(value)) {
                    p += value;
                    ++finite;
                }
                s += ssim(images[i], viewOf(*studies[i], view));
            }
            m.set("psnr", number(finite ? p / finite : std::nan("")));
            m.set("ssim", number(s / double(images.size())));
        }
        std::vector<const ImageData *> generated, truth;
        std::vector<Labels> labels;
        for (size_t i = 0; i < images.size(); ++i) {
            generated.push_back(&images[i]);
            truth.push_back(&viewOf(*studies[i], view));
            labels.push_back(studies[i]->labels);
        }
        auto e = features->embedImages(generated);
        if (!e)
            return makeError(e.message());
        std::vector<generation::Embedding> real;
        for (const Study *s : studies)
            real.push_back(testImageEmbeddings[view][testIndex.at(s)]);
        m.set("frechet_distance", number(frechetDistance(e.value(), real)));
        m.set("kid", number(kernelInceptionDistance(e.value(), real, options.seed)));
        if (spec.needsReport) {
            auto auc = findingAuc(view, generated, labels);
            if (!auc)
                return auc.error();
            m.set("finding_auc", auc.value());
        }
        views.set(viewName(view), m);
    }
    return views;
}

// Joint outputs (R2FL): do the frontal and the lateral show the same patient? The mean SSIM
// between each lateral and the lateral the bundle's own F2L draws from its frontal (F2L's SSIM
// to true laterals bounds what a true pair scores). The same measure for every method.
Result<double> Evaluation::pairConsistency(const Outputs &outputs)
{
    const auto frontal = outputs.images.find(generation::View::Frontal), lateral = outputs.images.find(generation::View::Lateral);
    if (frontal == outputs.images.end() || lateral == outputs.images.end() || frontal->second.size() != lateral->second.size() ||
        frontal->second.empty())
        return makeError("internal: pair consistency needs one frontal and one lateral per study");
    double sum = 0;
    for (size_t i = 0; i < frontal->second.size(); ++i) {
        if (cancelled())
            return cancelledError();
        generation::Request r;
        r.task = Task::F2L;
        r.frontal = frontal->second[i];
        r.steps = options.steps;
        r.seed = options.seed + i;
        auto g = generator->run(r);
        if (!g)
            return makeError("pair consistency: F2L failed: " + g.message());
        sum += ssim(g->images.front().image, lateral->second[i]);
    }
    return sum / double(frontal->second.size());
}

} // namespace

Json readability(const std::vector<std::string> &reports, const generation::SentenceSet *trainingSentences)
{
    // Fragments apart from the anonymisation placeholder XXXX (real IU reports are full of it),
    // which is counted on its own.
    static const report::Labeler labeler;
    int contradicting = 0, withFragments = 0, fragmentCount = 0, withPlaceholder = 0, moving = 0, withImpression = 0;
    for (const std::string &r : reports) {
        const QString text = QString::fromStdString(r);
        const report::LabelResult labels = labeler.label(text);
        contradicting += report::contradictions(labels, text).empty() ? 0 : 1;
        moving += report::locationConflicts(labels, text).empty() ? 0 : 1;
        int found = 0;
        for (const auto &f : report::fragments(text))
            if (f.reason != QLatin1String("placeholder XXXX"))
                ++found;
        withFragments += found > 0 ? 1 : 0;
        fragmentCount += found;
        withPlaceholder += text.contains(QLatin1String("XXXX")) ? 1 : 0;
        withImpression += text.contains(QLatin1String("impression:"), Qt::CaseInsensitive) ? 1 : 0;
    }
    const double n = reports.empty() ? std::nan("") : double(reports.size());
    Json j = Json::object();
    j.set("reports", int(reports.size()));
    j.set("self_contradiction_rate", number(contradicting / n));
    j.set("fragment_rate", number(withFragments / n));
    // Impressions that place a lung finding in a lung zone the findings did not name (Consistency.h).
    j.set("impression_moves_finding_rate", number(moving / n));
    // Reports with an impression section (a draft left without one gets one restating its findings).
    j.set("with_impression_rate", number(withImpression / n));
    j.set("fragments_per_report", number(fragmentCount / n));
    j.set("placeholder_rate", number(withPlaceholder / n));
    {
        // Sentences that speak of an earlier study ("Stable cardiomegaly."): radiologists write
        // them when they had a prior; the model never has one (generation/PriorStudy.h).
        long long sentences = 0, earlier = 0;
        int withEarlier = 0;
        for (const std::string &r : reports) {
            int here = 0;
            for (const auto &sentence : generation::SentenceSet::sentences(r)) {
                here += generation::refersToEarlierStudy(sentence) ? 1 : 0;
                ++sentences;
            }
            earlier += here;
            withEarlier += here > 0 ? 1 : 0;
        }
        j.set("earlier_study_sentence_rate", number(sentences > 0 ? double(earlier) / double(sentences) : std::nan("")));
        j.set("with_earlier_study_rate", number(withEarlier / n));
    }
    if (trainingSentences && !trainingSentences->empty()) {
        // Sentences no training report holds: composed by the model word by word (or, for the
        // references, written for that one patient).
        long long sentences = 0, composed = 0;
        int withComposed = 0;
        for (const std::string &r : reports) {
            const auto parts = generation::SentenceSet::sentences(r);
            int here = 0;
            for (const auto &sentence : parts)
                here += trainingSentences->contains(sentence) ? 0 : 1;
            sentences += (long long)parts.size();
            composed += here;
            withComposed += here > 0 ? 1 : 0;
        }
        j.set("composed_sentence_rate", number(sentences > 0 ? double(composed) / double(sentences) : std::nan("")));
        j.set("with_composed_sentence_rate", number(withComposed / n));
    }
    return j;
}

namespace {

Json Evaluation::reportMetrics(const std::vector<const Study *> &studies, const Outputs &outputs)
{
    std::vector<std::string> references;
    for (const Study *s : studies)
        references.push_back(s->report);
    const TextScores t = scoreReports(outputs.reports, references);
    Json m = Json::object();
    for (int n = 0; n < 4; ++n)
        m.set("bleu" + std::to_string(n + 1), number(t.bleu.bleu[size_t(n)]));
    m.set("brevity_penalty", number(t.bleu.brevityPenalty));
    m.set("meteor", number(t.meteor));
    m.set("rouge_l", number(t.rougeL));
    m.set("cider", number(t.cider));
    std::vector<Labels> generated, reference;
    for (size_t i = 0; i < outputs.reports.size(); ++i) {
        generated.push_back(labelReport(outputs.reports[i]));
        reference.push_back(labelReport(references[i]));
    }
    const ClinicalEfficacy ce = clinicalEfficacy(generated, reference);
    Json clinical = Json::object();
    auto prf = [&](double p, double r, double f) {
        Json j = Json::object();
        j.set("precision", number(p));
        j.set("recall", number(r));
        j.set("f1", number(f));
        return j;
    };
    clinical.set("micro", prf(ce.microPrecision, ce.microRecall, ce.microF1));
    clinical.set("macro", prf(ce.macroPrecision, ce.macroRecall, ce.macroF1));
    clinical.set("micro_abnormal", prf(ce.abnormal.precision(), ce.abnormal.recall(), ce.abnormal.f1()));
    Json per = Json::object();
    for (size_t k = 0; k < size_t(kObservations); ++k) {
        const Counts &c = ce.perObservation[k];
        Json j = prf(c.precision(), c.recall(), c.f1());
        j.set("true_positives", c.truePositives);
        j.set("false_positives", c.falsePositives);
        j.set("false_negatives", c.falseNegatives);
        per.set(generation::kObservationNames[k], j);
    }
    clinical.set("per_observation", per);
    m.set("clinical", clinical);
    {
        std::vector<Sides> generatedSides, referenceSides;
        for (size_t i = 0; i < generated.size(); ++i) {
            generatedSides.push_back(sideLabels(outputs.reports[i]));
            referenceSides.push_back(sideLabels(references[i]));
        }
        const SideAgreement a = sideAgreement(generated, generatedSides, reference, referenceSides);
        Json sides = Json::object();
        sides.set("findings", a.total());
        sides.set("same_side", a.same);
        sides.set("opposite_side", a.opposite);
        sides.set("both_sides", a.both);
        sides.set("no_side", a.unstated);
        sides.set("same_side_rate", number(a.total() > 0 ? double(a.same) / a.total() : std::nan("")));
        sides.set("opposite_side_rate", number(a.total() > 0 ? double(a.opposite) / a.total() : std::nan("")));
        m.set("sides", sides);
    }
    m.set("readability", readability(outputs.reports, &data.trainingSentences));
    m.set("reference_readability", readability(references, &data.trainingSentences));
    // Every study's report beside its reference, for reading what a change did study by study;
    // the first three are the examples metrics.md shows.
    Json perStudy = Json::array(), examples = Json::array();
    for (size_t i = 0; i < outputs.reports.size() && i < studies.size(); ++i) {
        Json e = Json::object();
        e.set("study", studies[i]->id);
        e.set("generated", outputs.reports[i]);
        e.set("reference", references[i]);
        if (i < 3)
            examples.push(e);
        perStudy.push(e);
    }
    m.set("examples", examples);
    m.set("per_study", perStudy);
    return m;
}

// Whether the bundle's frontal classifier sees a finding on the side the reference puts it: for
// every observation the reference states on one side only, the sign of its side evidence
// (FindingClassifier::sideEvidence, each way of reading it) on the study's true frontal.
Result<Json> Evaluation::classifierSides(const std::vector<const Study *> &studies)
{
    Json out = Json::object();
    const Json &entry = generator->info().findingClassifiers["frontal"];
    if (!entry["file"].isString()) {
        out.set("skipped", "the bundle has no frontal finding classifier");
        return out;
    }
    auto classifier = generation::FindingClassifier::load(options.bundle + "/" + entry["file"].toString());
    if (!classifier)
        return makeError(classifier.message(), options.bundle);
    std::vector<const ImageData *> images;
    std::vector<std::pair<size_t, size_t>> asked; // (image, observation)
    std::vector<int8_t> wanted;
    for (const Study *s : studies) {
        if (s->frontal.empty())
            continue;
        const Labels labels = labelReport(s->report);
        const Sides sides = sideLabels(s->report);
        for (size_t k = 1; k < size_t(kObservations); ++k)
            if (labels[k] == 1 && (sides[k] == kRight || sides[k] == kLeft)) {
                if (images.empty() || images.back() != &s->frontal)
                    images.push_back(&s->frontal);
                asked.emplace_back(images.size() - 1, k);
                wanted.push_back(sides[k]);
            }
    }
    using Reading = generation::FindingClassifier::SideReading;
    for (const auto &[name, reading] : {std::pair<const char *, Reading>{"mirrored_halves", Reading::MirroredHalves}, {"logit_split", Reading::LogitSplit}}) {
        auto evidence = classifier.value()->sideEvidence(images, reading);
        if (!evidence)
            return makeError(evidence.message(), options.bundle);
        int right = 0;
        std::map<size_t, std::pair<int, int>> perObservation; // findings, on the reference's side
        for (size_t i = 0; i < asked.size(); ++i) {
            const bool same = (evidence.value()[asked[i].first][asked[i].second] > 0) == (wanted[i] == kLeft);
            right += same ? 1 : 0;
            auto &[n, agree] = perObservation[asked[i].second];
            ++n;
            agree += same ? 1 : 0;
        }
        Json j = Json::object();
        j.set("findings", int(asked.size()));
        j.set("same_side", right);
        j.set("same_side_rate", number(asked.empty() ? std::nan("") : double(right) / double(asked.size())));
        Json per = Json::object();
        for (const auto &[k, counts] : perObservation) {
            Json o = Json::object();
            o.set("findings", counts.first);
            o.set("same_side", counts.second);
            per.set(generation::kObservationNames[k], o);
        }
        j.set("per_observation", per);
        out.set(name, j);
    }
    return out;
}

Result<Json> Evaluation::downstream()
{
    // The paper's downstream test: a finding classifier trained on frontals generated from training
    // reports (R2F) versus one trained on the ground-truth frontals of the same studies, both
    // tested on the ground-truth frontals of the test studies.
    Json out = Json::object();
    const int wanted = options.downstream < 0 ? options.limit : options.downstream;
    if (wanted == 0 || !generator->supports(Task::R2F)) {
        out.set("skipped", wanted == 0 ? "--downstream 0" : "the bundle cannot do R2F");
        return out;
    }
    std::vector<const Study *> source;
    for (const auto &s : data.train)
        if (!s.frontal.empty() && !s.report.empty() && int(source.size()) < wanted)
            source.push_back(&s);
    std::vector<const ImageData *> testImages;
    std::vector<Labels> testLabels;
    for (const auto &s : data.test)
        if (!s.frontal.empty()) {
            testImages.push_back(&s.frontal);
            testLabels.push_back(s.labels);
        }
    if (source.size() < 8 || testImages.size() < 2) {
        out.set("skipped", "too few training or test studies");
        return out;
    }
    log("downstream test: generating " + std::to_string(source.size()) + " frontals from training reports");
    const auto start = Clock::now();
    std::vector<ImageData> generated;
    for (size_t i = 0; i < source.size(); ++i) {
        if (cancelled())
            return cancelledError();
        generation::Request r;
        r.task = Task::R2F;
        r.report = source[i]->report;
        r.steps = options.steps;
        r.guidance = options.guidance;
        r.maxTokens = options.reportMaxTokens;
        r.beamWidth = options.beamWidth;
        r.seed = options.seed + 100000 + i;
        auto g = generator->run(r);
        if (!g) {
            if (g.isCancelled())
                return g.toError();
            log("downstream R2F, study " + source[i]->id + " left out: " + g.message());
            source.erase(source.begin() + long(i));
            --i;
            continue;
        }
        generated.push_back(std::move(g->images.front().image));
        if (options.progress)
            options.progress("downstream R2F", (long long)(i + 1), (long long)source.size());
        else if ((i + 1) % 20 == 0)
            log("downstream: " + std::to_string(i + 1) + "/" + std::to_string(source.size()));
    }
    std::vector<const ImageData *> syntheticImages, realImages;
    std::vector<generation::FindingLabels> labels;
    for (size_t i = 0; i < source.size(); ++i) {
        syntheticImages.push_back(&generated[i]);
        realImages.push_back(&source[i]->frontal);
        generation::FindingLabels l{};
        std::copy(source[i]->labels.begin(), source[i]->labels.end(), l.begin());
        labels.push_back(l);
    }
    generation::FindingClassifierOptions o;
    o.size = options.classifierSize;
    o.epochs = options.classifierEpochs;
    o.minimumSteps = options.classifierMinimumSteps;
    o.seed = options.seed;
    for (auto [name, images] : {std::pair{"trained_on_generated", &syntheticImages}, std::pair{"trained_on_ground_truth", &realImages}}) {
        auto c = generation::FindingClassifier::train(*images, labels, o);
        if (!c)
            return makeError(c.message());
        auto keep = std::move(classifiers[generation::View::Frontal]);
        classifiers[generation::View::Frontal] = std::move(c.value());
        auto auc = findingAuc(generation::View::Frontal, testImages, testLabels);
        classifiers[generation::View::Frontal] = std::move(keep);
        if (!auc)
            return auc.error();
        out.set(name, auc.value());
    }
    out.set("training_studies", int(source.size()));
    out.set("test_images", int(testImages.size()));
    out.set("seconds", number(secondsSince(start)));
    return out;
}

Result<Json> Evaluation::outOfDistribution()
{
    Json out = Json::object();
    std::vector<const ImageData *> training, validation, test;
    for (const auto &s : data.train)
        for (const ImageData *i : {&s.frontal, &s.lateral})
            if (!i->empty())
                training.push_back(i);
    // Validation images by source: simulated, or the collection of a real radiograph ("RAD/<folder>/...",
    // datasets' radiographs layout); groups of fewer than 10 images join the simulated one.
    std::vector<int> groups;
    {
        std::map<std::string, int> ids;
        std::vector<std::string> keys;
        for (const auto &s : data.validation) {
            std::string key = "simulated";
            if (s.id.rfind("RAD/", 0) == 0)
                key = s.id.substr(0, s.id.find('/', 4));
            for (const ImageData *i : {&s.frontal, &s.lateral})
                if (!i->empty()) {
                    validation.push_back(i);
                    keys.push_back(key);
                }
        }
        std::map<std::string, int> counts;
        for (const auto &k : keys)
            ++counts[k];
        for (const auto &k : keys) {
            const std::string group = counts[k] >= 10 ? k : "simulated";
            groups.push_back(ids.emplace(group, int(ids.size())).first->second);
        }
        Json sources = Json::object();
        for (const auto &[k, n] : counts)
            sources.set(k, n);
        out.set("validation_sources", sources);
    }
    if (validation.empty()) {
        // No validation split: hold out the last fifth of the training images.
        const size_t keep = training.size() - training.size() / 5;
        validation.assign(training.begin() + long(keep), training.end());
        training.resize(keep);
        out.set("note", "no validation studies: thresholds set on held-out training images");
    }
    if (groups.size() != validation.size())
        groups.clear();
    auto calibration = generation::OodDetector::calibrate(*features, training, validation, options.oodPercentile, 256, groups);
    if (!calibration)
        return makeError(calibration.message());
    const std::string outFile = options.out + "/" + generation::OodDetector::kFileName;
    if (auto s = generation::OodDetector::save(calibration.value(), outFile); !s)
        return makeError(s.message());
    if (options.saveOod && !scoresValidation(options)) {
        if (calibration->validationImages < options.minimumOodCalibration) {
            out.set("saved_to_bundle", false);
            log("ood.json NOT written into the bundle: " + std::to_string(calibration->validationImages) +
                " validation images calibrated it, fewer than " + std::to_string(options.minimumOodCalibration) +
                " (a percentile of so few says nothing); it is in " + outFile);
        } else {
            auto s = generation::OodDetector::save(calibration.value(), options.bundle + "/" + generation::OodDetector::kFileName);
            out.set("saved_to_bundle", bool(s));
            if (!s)
                log("could not save ood.json into the bundle: " + s.message());
        }
    }
    out.set("percentile", number(calibration->percentile));
    out.set("reconstruction_threshold", number(calibration->reconstructionThreshold));
    out.set("distance_threshold", number(calibration->distanceThreshold));
    out.set("layout_threshold", number(calibration->layoutThreshold));
    out.set("validation_images", calibration->validationImages);
    auto summarise = [&](const std::vector<const ImageData *> &images) -> Result<Json> {
        auto e = features->embedImages(images);
        if (!e)
            return makeError(e.message());
        std::vector<double> errors;
        if (features->hasAutoencoder()) {
            auto r = features->reconstructionErrors(images);
            if (!r)
                return makeError(r.message());
            errors = r.value();
        }
        const auto scores = generation::OodDetector::score(calibration.value(), e.value(), errors,
                                                           generation::OodDetector::layoutDistances(calibration.value(), images));
        std::vector<double> recon, dist, ratio, layout;
        int flagged = 0;
        for (const auto &s : scores) {
            recon.push_back(s.reconstruction);
            dist.push_back(s.distance);
            ratio.push_back(s.ratio);
            layout.push_back(s.layout);
            flagged += s.outOfDistribution ? 1 : 0;
        }
        auto median = [](std::vector<double> v) {
            if (v.empty())
                return std::nan("");
            std::sort(v.begin(), v.end());
            return v[v.size() / 2];
        };
        Json j = Json::object();
        j.set("images", int(scores.size()));
        j.set("flagged", flagged);
        j.set("flagged_fraction", number(scores.empty() ? std::nan("") : double(flagged) / double(scores.size())));
        j.set("median_reconstruction", number(features->hasAutoencoder() ? median(recon) : std::nan("")));
        j.set("median_distance", number(median(dist)));
        j.set("median_ratio", number(median(ratio)));
        j.set("median_layout", number(median(layout)));
        return j;
    };
    for (const auto &s : data.test)
        for (const ImageData *i : {&s.frontal, &s.lateral})
            if (!i->empty())
                test.push_back(i);
    if (!test.empty()) {
        auto j = summarise(test);
        if (!j)
            return j.error();
        out.set("simulated_test", j.value());
    }
    // Image files as model input (unreadable ones left out, named in the log when `set` is given),
    // then their scores; nullopt when none could be read.
    auto summariseFiles = [&](const std::vector<std::string> &files, const std::string &set,
                              std::vector<ImageData> images = {}) -> Result<std::optional<Json>> {
        for (const std::string &f : files) {
            auto input = dicom::loadModelInput(f, resolution);
            if (input)
                images.push_back(generation::imageFromCachePixels(input->pixels, input->side));
            else if (!set.empty())
                log("out-of-distribution set " + set + ": " + input.error().toString());
        }
        if (images.empty())
            return std::optional<Json>();
        std::vector<const ImageData *> pointers;
        for (const auto &i : images)
            pointers.push_back(&i);
        auto j = summarise(pointers);
        if (!j)
            return j.error();
        return std::optional<Json>(j.value());
    };
    // Named sets: real radiographs per source, non-chest images.
    if (!options.oodSets.empty()) {
        Json sets = Json::object();
        for (const auto &[name, paths] : options.oodSets) {
            std::vector<std::string> files;
            std::vector<ImageData> slices;
            for (const std::string &path : paths) {
                if (isCtVolumeSet(path)) {
                    auto inputs = ctSliceInputs(path, resolution, kCtSlicesPerPlane, [this](const std::string &line) { log(line); });
                    if (!inputs)
                        log("out-of-distribution set " + name + ": " + inputs.error().toString());
                    else
                        for (const auto &input : *inputs)
                            slices.push_back(generation::imageFromCachePixels(input.pixels, input.side));
                    continue;
                }
                for (std::string &f : realSetFiles(path, true, options.realLimit))
                    files.push_back(std::move(f));
            }
            auto j = summariseFiles(files, name, std::move(slices));
            if (!j)
                return j.error();
            sets.set(name, j->has_value() ? **j : Json(std::string("skipped: no readable images")));
        }
        out.set("sets", sets);
    }
    // Real frontals.
    if (options.realDirectory.empty() || !QFileInfo(QString::fromStdString(options.realDirectory)).isDir()) {
        const std::string why = options.realDirectory.empty() ? "no folder of real images given"
                                                              : "no folder of real images at " + options.realDirectory;
        out.set("real", Json(std::string("skipped: ") + why));
        log("out-of-distribution check on real images skipped: " + why);
        return out;
    }
    QDir dir(QString::fromStdString(options.realDirectory));
    const QStringList files = dir.entryList({QStringLiteral("*.jpg"), QStringLiteral("*.jpeg"), QStringLiteral("*.png"), QStringLiteral("*.dcm")},
                                            QDir::Files, QDir::Name);
    std::vector<std::string> paths;
    for (const QString &name : files)
        if (!name.contains(QLatin1Char('@'))) // lung masks (NAME@.png)
            paths.push_back(dir.filePath(name).toStdString());
    auto j = summariseFiles(paths, std::string());
    if (!j)
        return j.error();
    if (!j->has_value()) {
        out.set("real", Json(std::string("skipped: no readable images in ") + options.realDirectory));
        return out;
    }
    Json real = **j;
    real.set("folder", options.realDirectory);
    out.set("real", real);
    return out;
}

// Real pairs and labelled real frontals (RealImages.cpp).
Result<Json> Evaluation::realImages()
{
    Json out = Json::object();
    if (options.realPairs.empty() && options.realLabelled.empty())
        return out;
    RealContext c;
    c.generator = generator.get();
    c.features = features.get();
    c.resolution = resolution;
    c.limit = options.realLimit;
    c.validation = scoresValidation(options);
    c.seed = options.seed;
    c.steps = options.steps;
    c.reportCandidates = options.reportCandidates;
    c.novelSentencePenalty = options.novelSentencePenalty;
    c.composedRetries = options.composedRetries;
    c.lungFindingBias = options.lungFindingBias;
    c.finishedDrafts = options.finishedDrafts;
    c.sideWeight = options.sideWeight;
    c.sideObservations = options.sideObservations;
    c.patientSplit = options.realPatientSplit;
    c.unsupportedClaims = unsupportedClaims(*generator, options);
    c.log = [this](const std::string &line) { log(line); };
    c.progress = options.progress;
    c.cancelled = [this] { return cancelled(); };
    if (scoresRealF2L)
        c.lateralClassifier = classifiers[generation::View::Lateral].get();
    {
        std::vector<const Study *> one;
        if (!data.test.empty())
            one.push_back(&data.test.front());
        const Outputs frequent = mostFrequentReport(one);
        c.mostFrequentReport = frequent.reports.empty() ? std::string() : frequent.reports.front();
        c.trainingSentences = &data.trainingSentences;
    }
    for (size_t j = 0; j < data.train.size(); ++j) {
        const Study &s = data.train[j];
        if (s.frontal.empty() || s.lateral.empty())
            continue;
        c.trainFrontals.push_back(&s.frontal);
        c.trainLaterals.push_back(&s.lateral);
        c.trainFrontalEmbeddings.push_back(trainImageEmbeddings[generation::View::Frontal][j]);
        c.trainLateralEmbeddings.push_back(trainImageEmbeddings[generation::View::Lateral][j]);
    }
    if (!options.realPairs.empty()) {
        auto pairs = realPairsMetrics(c, options.realPairs);
        if (!pairs)
            out.set("pairs", Json("skipped: " + pairs.error().toString()));
        else
            out.set("pairs", pairs.value());
    }
    Json labelled = Json::object();
    for (const std::string &folder : options.realLabelled) {
        log("F2R on labelled real frontals: " + folder);
        auto j = realLabelledMetrics(c, folder);
        if (!j) {
            if (j.isCancelled())
                return j.error();
            labelled.set(folder, Json("skipped: " + j.error().toString()));
        } else {
            labelled.set(folder, j.value());
        }
    }
    if (!options.realLabelled.empty())
        out.set("labelled_frontals", labelled);
    // Two or more sets: their images together (a set of one class, such as normal adults beside
    // adult pneumonias, has no AUC of its own).
    if (Json pooled = pooledLabelledMetrics(labelled); pooled.isObject() && pooled.size() > 0)
        out.set("labelled_pooled", pooled);
    return out;
}

Result<EvaluationSummary> Evaluation::run()
{
    const auto start = Clock::now();
    if (!QDir().mkpath(QString::fromStdString(options.out)))
        return makeError("cannot create the output folder", options.out);
    if (auto s = prepareModels(); !s)
        return s.error();
    log("model: " + generator->info().identity + " (" + std::to_string(resolution) + " px)");
    auto loaded = loadData(options, resolution, [this](const std::string &l) { log(l); });
    if (!loaded)
        return loaded.error();
    data = std::move(loaded.value());
    if (scoresValidation(options))
        scoreValidation(data, options);
    const std::string scored = scoresValidation(options) ? "validation" : "test";
    log("studies: " + std::to_string(data.test.size()) + " " + scored + " (scored), " + std::to_string(data.train.size()) + " training, " +
        std::to_string(data.validation.size()) + " validation (thresholds)");
    if (data.test.empty())
        return makeError(scoresValidation(options) ? "the dataset has no validation studies" : "the dataset has no test studies", options.data);
    if (data.train.empty())
        return makeError("the dataset has no training studies (the baselines and the finding classifier need them)", options.data);
    std::vector<Task> tasks = options.tasks;
    if (tasks.empty())
        tasks.assign(std::begin(generation::kAllTasks), std::end(generation::kAllTasks));
    if (options.shardIndex >= 0)
        return runShard(tasks);
    if (auto s = prepareEmbeddings(); !s)
        return s.error();

    Json tasksJson = Json::object();
    EvaluationSummary summary;
    bool needsClassifier[2] = {false, false};
    for (Task t : tasks) {
        const auto spec = generation::taskSpec(t);
        if (spec.needsReport && spec.makesFrontal)
            needsClassifier[0] = true;
        if (spec.needsReport && spec.makesLateral)
            needsClassifier[1] = true;
    }
    // F2L on the labelled real frontals: the synthesized laterals are read by the lateral classifier.
    scoresRealF2L = !options.realLabelled.empty() && std::find(tasks.begin(), tasks.end(), Task::F2L) != tasks.end();
    needsClassifier[1] = needsClassifier[1] || scoresRealF2L;
    Json classifierJson = Json::object();
    for (auto view : {generation::View::Frontal, generation::View::Lateral}) {
        const bool frontal = view == generation::View::Frontal;
        if (!needsClassifier[frontal ? 0 : 1] && !(frontal && options.downstream != 0))
            continue;
        auto c = classifierFor(view);
        if (!c) {
            log(c.error().toString());
            classifierJson.set(viewName(view), Json("not trained: " + c.error().toString()));
            continue;
        }
        classifiers[view] = std::move(c.value());
        // Its own quality: AUC on the ground-truth test images of this view.
        std::vector<const ImageData *> images;
        std::vector<Labels> labels;
        for (const auto &s : data.test)
            if (!viewOf(s, view).empty()) {
                images.push_back(&viewOf(s, view));
                labels.push_back(s.labels);
            }
        auto auc = findingAuc(view, images, labels);
        if (!auc)
            return auc.error();
        Json j = Json::object();
        j.set("input_size", options.classifierSize);
        j.set("epochs", options.classifierEpochs);
        j.set("auc_on_ground_truth_test", auc.value());
        classifierJson.set(viewName(view), j);
    }

    for (Task task : tasks) {
        const std::string name = generation::toString(task);
        if (!generator->supports(task)) {
            log(name + ": skipped (" + generator->whyUnsupported(task) + ")");
            Json j = Json::object();
            j.set("skipped", generator->whyUnsupported(task));
            tasksJson.set(name, j);
            continue;
        }
        auto studies = studiesFor(task);
        if (studies.empty()) {
            Json j = Json::object();
            j.set("skipped", "no test study has the views/report this task needs");
            tasksJson.set(name, j);
            continue;
        }
        const auto spec = generation::taskSpec(task);
        log(name + ": " + std::to_string(studies.size()) + " " + scored + " studies");
        auto model = modelOutputs(task, studies);
        if (!model)
            return model.error();
        const int failed = model->failed;
        if (studies.empty()) {
            Json j = Json::object();
            j.set("skipped", "the generator failed on every test study (see the log)");
            tasksJson.set(name, j);
            continue;
        }
        std::vector<std::pair<std::string, Outputs>> methods;
        methods.emplace_back("model", std::move(model.value()));
        methods.emplace_back("nearest_neighbour", nearestNeighbour(task, studies));
        if (spec.makesReport)
            methods.emplace_back("most_frequent_report", mostFrequentReport(studies));
        else
            methods.emplace_back("mean_image", meanImage(task, studies));
        if (paired(task) && features->hasAutoencoder()) {
            auto ceiling = autoencoderCeiling(task, studies);
            if (!ceiling)
                return ceiling.error();
            methods.emplace_back("autoencoder_ceiling", std::move(ceiling.value()));
        }
        Json methodsJson = Json::object();
        for (auto &[method, outputs] : methods) {
            Json m = Json::object();
            const size_t views = viewsMade(task).size();
            bool complete = outputs.images.size() == views && (!spec.makesReport || outputs.reports.size() == studies.size());
            for (const auto &entry : outputs.images)
                complete = complete && entry.second.size() == studies.size();
            if (!complete) {
                m.set("skipped", "the training studies used have nothing this method could return");
                methodsJson.set(method, m);
                continue;
            }
            if (spec.makesReport) {
                m = reportMetrics(studies, outputs);
            } else {
                auto views = imageMetrics(task, studies, outputs);
                if (!views)
                    return views.error();
                m.set("views", views.value());
                if (spec.makesFrontal && spec.makesLateral && generator->supports(Task::F2L)) {
                    auto pair = pairConsistency(outputs);
                    if (!pair)
                        return pair.error();
                    m.set("pair_ssim", number(pair.value()));
                }
            }
            m.set("seconds", number(outputs.seconds));
            methodsJson.set(method, m);
        }
        Json j = Json::object();
        j.set("kind", spec.makesReport ? "report" : "image");
        j.set("paired", paired(task));
        j.set("studies", int(studies.size()));
        j.set("failed_studies", failed);
        Json primary = Json::array();
        if (spec.makesReport) {
            primary.push("clinical.micro.f1");
            primary.push("bleu4");
        } else if (paired(task)) {
            primary.push("ssim");
        } else {
            primary.push("finding_auc.mean");
        }
        j.set("primary_metrics", primary);
        j.set("methods", methodsJson);
        if (spec.makesReport && spec.needsFrontal) {
            auto sides = classifierSides(studies);
            if (!sides)
                return sides.error();
            j.set("classifier_sides", sides.value());
        }
        tasksJson.set(name, j);
        summary.tasks.push_back(name);
    }

    auto down = downstream();
    if (!down)
        return down.error();
    auto ood = outOfDistribution();
    if (!ood)
        return ood.error();
    auto real = realImages();
    if (!real)
        return real.error();

    const generation::BundleInfo &info = generator->info();
    Json root = Json::object();
    root.set("format", "radsynth-metrics-1");
    Json bundle = Json::object();
    bundle.set("identity", info.identity);
    bundle.set("directory", options.bundle);
    bundle.set("preset", info.config.preset);
    bundle.set("resolution", info.config.resolution);
    root.set("bundle", bundle);
    Json dataJson = Json::object();
    dataJson.set("source", options.data);
    dataJson.set("scored_split", scoresValidation(options) ? "validation" : "test");
    dataJson.set("test_studies", int(data.test.size()));
    dataJson.set("training_studies_used", int(data.train.size()));
    dataJson.set("validation_studies_used", int(data.validation.size()));
    root.set("data", dataJson);
    Json settings = Json::object();
    settings.set("sampler", "dpm-solver++(2M)");
    settings.set("steps", options.steps);
    if (options.guidance >= 0) {
        settings.set("guidance", number(options.guidance));
    } else {
        Json perTask = Json::object(); // the bundle's recommendation, per task evaluated
        for (Task t : tasks)
            perTask.set(generation::toString(t), number(generator->recommendedGuidance(t)));
        settings.set("guidance", perTask);
    }
    settings.set("seed", double(options.seed));
    settings.set("limit", options.limit);
    settings.set("train_limit", options.trainLimit);
    {
        std::string decoding;
        for (Task t : tasks)
            if (generation::taskSpec(t).makesReport) {
                const int beam = options.beamWidth > 0 ? options.beamWidth : generator->recommendedBeam(t);
                decoding += (decoding.empty() ? "" : ", ") + std::string(generation::toString(t)) + (beam > 1 ? " beam " + std::to_string(beam) : " greedy");
                const int drafts = options.reportCandidates > 0 ? options.reportCandidates
                                                                : generator->info().sampling[generation::toString(t)]["candidates"].toInt();
                if (generator->guidesReports(t) && drafts > 1) {
                    decoding += " + finding-guided choice among " + std::to_string(drafts) + " drafts";
                    const double penalty = options.novelSentencePenalty >= 0
                                               ? options.novelSentencePenalty
                                               : generator->info().sampling[generation::toString(t)]["novel_sentence_penalty"].toNumber(0.0);
                    if (!generator->info().reportSentencesFile.empty() && penalty > 0) {
                        std::ostringstream p;
                        p << penalty;
                        decoding += " (" + p.str() + " per sentence no training report holds)";
                    }
                    const int retries = options.composedRetries >= 0 ? options.composedRetries
                                                                     : generator->info().sampling[generation::toString(t)]["composed_retries"].toInt(0);
                    if (!generator->info().reportSentencesFile.empty() && retries > 0)
                        decoding += ", composed sentences rewritten from " + std::to_string(retries) + " continuations";
                    const double bias = std::isfinite(options.lungFindingBias)
                                            ? options.lungFindingBias
                                            : generator->info().sampling[generation::toString(t)]["lung_finding_bias"].toNumber(0.0);
                    if (bias != 0) {
                        std::ostringstream b;
                        b << bias;
                        decoding += ", lung findings' log-odds " + std::string(bias > 0 ? "+" : "") + b.str();
                    }
                    if (options.finishedDrafts >= 0 ? options.finishedDrafts > 0
                                                    : generator->info().sampling[generation::toString(t)]["finished_drafts"].toBool(false))
                        decoding += ", drafts weighed as finished";
                    const double sideWeight = std::isfinite(options.sideWeight)
                                                  ? options.sideWeight
                                                  : generator->info().sampling[generation::toString(t)]["side_weight"].toNumber(0.0);
                    if (sideWeight != 0 && generation::taskSpec(t).needsFrontal) {
                        std::ostringstream w;
                        w << sideWeight;
                        std::string which;
                        std::vector<std::string> names = options.sideObservations;
                        if (names.empty())
                            for (const auto &n : generator->info().sampling[generation::toString(t)]["side_observations"].items())
                                names.push_back(n.toString());
                        for (const std::string &n : names)
                            which += (which.empty() ? "" : ", ") + n;
                        decoding += ", sides weighed against the frontal classifier's (weight " + w.str() + (which.empty() ? "" : "; " + which) + ")";
                    }
                }
            }
        settings.set("report_decoding", decoding.empty() ? "none" : decoding + (options.beamWidth > 0 || options.reportCandidates > 0 ? "" : " (the model's recommendation)"));
    }
    settings.set("report_max_tokens", options.reportMaxTokens);
    settings.set("drop_unsupported_claims", options.dropUnsupportedClaims && !generator->trainingSentences().empty());
    root.set("settings", settings);
    Json notes = Json::object();
    notes.set("frechet_distance", "Frechet distance and KID are computed on the pooled embeddings of this bundle's own image encoder, "
                                  "NOT on Inception features: they are not FID/KID as published and are comparable only between "
                                  "RadSynth models evaluated with the same encoder.");
    notes.set("meteor", "exact-match METEOR (Banerjee & Lavie 2005), no stemming or synonyms: lower than METEOR 1.5.");
    notes.set("clinical", "labeler (core/report) findings, positive mentions only, generated vs reference report.");
    notes.set("finding_auc", "per-finding ROC AUC of a small CNN trained on the training split's ground-truth images, applied to "
                             "generated images, against the test studies' ground-truth labels; the mean covers the findings with at "
                             "least " + std::to_string(kMinStudiesPerClass) + " positive and " + std::to_string(kMinStudiesPerClass) +
                             " negative studies (mean_all: every finding with both classes).");
    root.set("notes", notes);
    root.set("finding_classifier", classifierJson);
    root.set("tasks", tasksJson);
    root.set("downstream", down.value());
    root.set("ood", ood.value());
    root.set("real", real.value());
    summary.seconds = secondsSince(start);
    root.set("runtime_seconds", number(summary.seconds));

    summary.metricsJson = options.out + "/metrics.json";
    summary.metricsMarkdown = options.out + "/metrics.md";
    summary.testStudies = data.test.size();
    {
        std::ofstream out(summary.metricsJson, std::ios::binary | std::ios::trunc);
        out << root.dump(2) << "\n";
        if (!out)
            return makeError("cannot write", summary.metricsJson);
    }
    {
        std::ofstream out(summary.metricsMarkdown, std::ios::binary | std::ios::trunc);
        out << metricsMarkdown(root);
        if (!out)
            return makeError("cannot write", summary.metricsMarkdown);
    }
    return summary;
}

} // namespace

Result<EvaluationSummary> evaluate(const EvaluationOptions &options)
{
    if (options.bundle.empty() || options.data.empty() || options.out.empty())
        return makeError("the bundle, the data and the output folder are required");
    if (options.shardIndex >= 0 && (options.shardCount < 1 || options.shardIndex >= options.shardCount || options.mergeShards > 0))
        return makeError("a shard is I of N with 0 <= I < N, and is not a merge");
    if (options.mergeShards > 0)
        if (auto finished = shards::requireFinished(options.out, options.mergeShards); !finished)
            return finished.error();
    Evaluation evaluation(options);
    return evaluation.run();
}

} // namespace radsynth::evaluation
