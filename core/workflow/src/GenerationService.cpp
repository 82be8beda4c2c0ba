#include "radsynth/workflow/GenerationService.h"

#include "radsynth/common/Paths.h"
#include "radsynth/dicom/Loader.h"
#include "radsynth/generation/EvaluationModels.h"
#include "radsynth/generation/PriorStudy.h"
#include "radsynth/report/Consistency.h"
#include "radsynth/report/Labeler.h"
#include "radsynth/report/Readability.h"
#include "radsynth/workflow/DraftReading.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include "radsynth/common/SafeWrite.h"
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace radsynth::workflow {
namespace {

// Part of every cache key: results made from inputs prepared another way are not reused.
const QString kInputPreparation = QStringLiteral("input:training-preparation-1");

QString cacheFolder() { return paths::cacheDirectory() + QStringLiteral("/generation"); }

class GenerationJob : public Job {
public:
    GenerationJob(GenerationService *service, GenerationInputs inputs, GenerationSettings settings,
                  std::function<void(const generation::Generation &)> onFinished)
        : m_service(service), m_inputs(std::move(inputs)), m_settings(settings), m_onFinished(std::move(onFinished))
    {
    }
    QString title() const override
    {
        return QCoreApplication::translate("radsynth::workflow", "Generate %1 (seed %2)")
            .arg(QString::fromLatin1(generation::toString(m_settings.task)))
            .arg(m_settings.seed);
    }
    JobKind kind() const override { return JobKind::Generation; }
    Status run(JobContext &context) override
    {
        auto result = m_service->run(
            m_inputs, m_settings,
            [&context](int step, int total) {
                context.setProgress(step, total, QCoreApplication::translate("radsynth::workflow", "step %1 of %2").arg(step).arg(total));
            },
            &context.cancelFlag());
        if (!result.ok())
            return result.error();
        if (context.isCancelled())
            return okStatus();
        if (m_onFinished)
            m_onFinished(*result);
        return okStatus();
    }

private:
    GenerationService *m_service;
    GenerationInputs m_inputs;
    GenerationSettings m_settings;
    std::function<void(const generation::Generation &)> m_onFinished;
};
} // namespace

TaskPlan planTasks(Modalities inputs, Modalities outputs)
{
    using generation::TaskSpec;
    TaskPlan plan;
    struct Wanted {
        bool on;
        bool TaskSpec::*makes;
        bool isInput;
        Modality output;
    };
    const Wanted wanted[] = {{outputs.frontal, &TaskSpec::makesFrontal, inputs.frontal, Modality::Frontal},
                             {outputs.lateral, &TaskSpec::makesLateral, inputs.lateral, Modality::Lateral},
                             {outputs.report, &TaskSpec::makesReport, inputs.report, Modality::Report}};
    for (const Wanted &output : wanted) {
        if (!output.on)
            continue;
        if (output.isInput) {
            plan.issues.append({TaskPlan::Problem::OutputIsInput, output.output});
            continue;
        }
        std::optional<generation::Task> best;
        int bestScore = -1;
        for (generation::Task task : generation::kAllTasks) {
            const TaskSpec spec = generation::taskSpec(task);
            if (!(spec.*output.makes))
                continue;
            if ((spec.needsFrontal && !inputs.frontal) || (spec.needsLateral && !inputs.lateral) || (spec.needsReport && !inputs.report))
                continue;
            const int outputsMade = int(spec.makesFrontal) + int(spec.makesLateral) + int(spec.makesReport);
            // Use as many of the chosen inputs as possible; prefer a task that makes only this output.
            const int score = 10 * (int(spec.needsFrontal) + int(spec.needsLateral) + int(spec.needsReport)) - outputsMade;
            if (score > bestScore) {
                bestScore = score;
                best = task;
            }
        }
        if (best)
            plan.tasks << *best;
        else
            plan.issues.append({TaskPlan::Problem::NoTask, output.output});
    }
    if (plan.tasks.isEmpty() && plan.issues.isEmpty())
        plan.issues.append({TaskPlan::Problem::NoOutput, Modality::Frontal});
    return plan;
}

ReportProvenance makeProvenance(const generation::BundleInfo &bundle, const QString &task, uint64_t seed,
                                const QList<OodResult> &inputChecks)
{
    ReportProvenance provenance;
    provenance.model = QString::fromStdString(bundle.name);
    provenance.version = QString::fromStdString(bundle.version);
    provenance.task = task;
    provenance.seed = qint64(seed);
    provenance.generatedAt = QDateTime::currentDateTimeUtc();
    provenance.inputCheck = OodCheck::provenanceText(inputChecks);
    provenance.inputFlagged = OodCheck::worst(inputChecks).flagged();
    return provenance;
}

GenerationService::GenerationService(QString bundleDirectory)
    : m_bundleDirectory(bundleDirectory.isEmpty() ? paths::modelsDirectory() + QStringLiteral("/default") : std::move(bundleDirectory)),
      m_oodCheck(std::make_unique<OodCheck>(m_bundleDirectory))
{
}

Result<std::shared_ptr<generation::Generator>> GenerationService::generator()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_generator)
        return m_generator;
    if (!QFileInfo::exists(m_bundleDirectory + QStringLiteral("/manifest.json")))
        return makeError("no model bundle here (manifest.json missing); install the default model or choose a bundle",
                         m_bundleDirectory.toStdString());
    // One LibTorch thread per generation job: the scheduler runs jobs side by side, and for models
    // this small intra-op threads cost more than they give (docs/BENCHMARKS.md, "Generation": on an
    // idle 2-core machine F2L 0.69 s with 1 thread, 1.46 s with 2; R2FL 1.33 s vs 3.51 s).
    generation::Generator::setThreads(m_threads);
    auto loaded = generation::Generator::load(m_bundleDirectory.toStdString(), m_device.toStdString());
    if (!loaded.isOk())
        return makeError("the model bundle cannot be used: " + loaded.message(), m_bundleDirectory.toStdString());
    m_generator = std::shared_ptr<generation::Generator>(std::move(loaded.value()));
    attachDraftReading(*m_generator); // finding-guided drafts (bundles with classifiers)
    spdlog::info("model bundle loaded: {}", m_generator->info().identity);
    return m_generator;
}

QString GenerationService::modelIdentity()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_generator ? QString::fromStdString(m_generator->info().identity) : QString();
}

QString GenerationService::cacheKey(const GenerationInputs &inputs, const GenerationSettings &settings)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    auto addFile = [&hash](const QString &path) {
        if (path.isEmpty()) {
            hash.addData("-");
            return;
        }
        // The file's content identifies the input (the same image under another name is the same input).
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            hash.addData(&file);
        else
            hash.addData(path.toUtf8());
    };
    hash.addData(inputs.studyKey.toUtf8());
    addFile(inputs.frontalPath);
    addFile(inputs.lateralPath);
    hash.addData(inputs.report.toUtf8());
    const QString settingsText = QStringLiteral("%1|%2|%3|%4|%5|%6|%7|%8|%9")
                                     .arg(QString::fromLatin1(generation::toString(settings.task)))
                                     .arg(int(settings.sampler))
                                     .arg(settings.steps)
                                     .arg(settings.guidance)
                                     .arg(settings.seed)
                                     .arg(settings.variants)
                                     .arg(QStringLiteral("%1,%2,%3").arg(settings.eta).arg(settings.beamWidth).arg(settings.reportCandidates))
                                     .arg(QStringLiteral("%1+final-pass-%2").arg(kInputPreparation).arg(report::kFinalPassRevision))
                                     .arg(modelIdentity());
    hash.addData(settingsText.toUtf8());
    return QString::fromLatin1(hash.result().toHex().left(32));
}

std::optional<generation::Generation> GenerationService::cached(const QString &key)
{
    if (!m_caching)
        return std::nullopt;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        const auto it = m_memoryCache.constFind(key);
        if (it != m_memoryCache.constEnd())
            return *it;
    }
    auto fromDisk = loadFromDisk(key);
    if (fromDisk) {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_memoryCache.insert(key, *fromDisk);
    }
    return fromDisk;
}

Result<generation::ImageData> GenerationService::loadInput(const QString &path, int resolution, int *sourceSide)
{
    auto input = dicom::loadModelInput(path.toStdString(), resolution);
    if (!input.ok())
        return input.error();
    if (sourceSide)
        *sourceSide = input->sourceSide();
    return generation::imageFromCachePixels(input->pixels, input->side);
}

imaging::Image GenerationService::toImage(const generation::ImageData &data)
{
    return imaging::fromUnitFloat(data.pixels.data(), data.width, data.height);
}

Result<generation::Request> GenerationService::makeRequest(const GenerationInputs &inputs, const GenerationSettings &settings)
{
    auto loaded = generator();
    if (!loaded.ok())
        return loaded.error();
    const int resolution = (*loaded)->info().config.resolution;
    generation::Request request;
    request.task = settings.task;
    request.sampler = settings.sampler;
    request.steps = settings.steps;
    request.guidance = settings.guidance;
    request.seed = settings.seed;
    request.variants = std::max(1, settings.variants);
    request.eta = settings.eta;
    request.beamWidth = settings.beamWidth;
    request.reportCandidates = settings.reportCandidates;
    request.report = inputs.report.toStdString();
    const generation::TaskSpec spec = generation::taskSpec(settings.task);
    if (spec.needsFrontal) {
        if (inputs.frontalPath.isEmpty())
            return makeError("this task needs a frontal image", generation::toString(settings.task));
        auto image = loadInput(inputs.frontalPath, resolution, &request.outputSide);
        if (!image.ok())
            return image.error();
        request.frontal = std::move(image.value());
    }
    if (spec.needsLateral) {
        if (inputs.lateralPath.isEmpty())
            return makeError("this task needs a lateral image", generation::toString(settings.task));
        int side = 0;
        auto image = loadInput(inputs.lateralPath, resolution, &side);
        if (!image.ok())
            return image.error();
        request.lateral = std::move(image.value());
        if (request.outputSide == 0)
            request.outputSide = side;
    }
    if (spec.needsReport && inputs.report.trimmed().isEmpty())
        return makeError("this task needs a report text", generation::toString(settings.task));
    return request;
}

Result<generation::Generation> GenerationService::run(const GenerationInputs &inputs, const GenerationSettings &settings,
                                                      const generation::Progress &progress, const std::atomic_bool *cancel)
{
    auto loaded = generator();
    if (!loaded.ok())
        return loaded.error();
    std::shared_ptr<generation::Generator> model = *loaded;
    if (!model->supports(settings.task))
        return makeError(model->whyUnsupported(settings.task), generation::toString(settings.task));

    const QString key = cacheKey(inputs, settings);
    if (auto hit = cached(key)) {
        if (progress)
            progress(1, 1);
        return *hit;
    }
    auto request = makeRequest(inputs, settings);
    if (!request.ok())
        return request.error();

    std::lock_guard<std::mutex> runLock(m_runMutex);
    auto outcome = model->run(*request, progress, cancel);
    if (!outcome.isOk()) {
        Error error = outcome.toError(); // a cancelled run stays cancelled
        error.context = generation::toString(settings.task);
        return error;
    }
    if (cancel && cancel->load())
        return cancelledError(generation::toString(settings.task));
    const int modelChoice = outcome.value().reportChoice;
    resolveDraftContradictions(outcome.value(), model->trainingSentences());
    if (outcome.value().reportChoice != modelChoice)
        outcome.value().composedRewritten = 0; // the final pass kept another draft: the rewritten one is not the report
    // The final pass may have removed sentences: the drafts' composed-sentence counts describe the
    // texts the reviewer gets (the choice was made, penalty included, before it).
    if (auto &result = outcome.value(); result.reportNovelSentences.size() == result.reportDrafts.size())
        for (size_t i = 0; i < result.reportDrafts.size(); ++i)
            result.reportNovelSentences[i] = model->trainingSentences().novelSentences(result.reportDrafts[i]);
    if (m_caching) {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_memoryCache.insert(key, outcome.value());
        }
        storeOnDisk(key, outcome.value());
    }
    return std::move(outcome.value());
}

void GenerationService::resolveDraftContradictions(generation::Generation &result, const generation::SentenceSet &trainingSentences)
{
    // The readable candidate, no self-contradiction, no fragment, an impression (core/report
    // Readability.h); the training sentences keep composed ones out of an added impression.
    report::finishGeneratedReport(result.report, result.reportDrafts, result.reportScores, result.reportChoice, result.findingProbabilities,
                                  {}, &trainingSentences);
}

std::shared_ptr<Job> GenerationService::makeJob(const GenerationInputs &inputs, const GenerationSettings &settings,
                                                std::function<void(const generation::Generation &)> onFinished)
{
    return std::make_shared<GenerationJob>(this, inputs, settings, std::move(onFinished));
}

ReportProvenance GenerationService::provenance(const generation::Generation &result, const QList<OodResult> &inputChecks)
{
    generation::BundleInfo bundle;
    bundle.name.clear();
    bundle.version.clear();
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_generator)
            bundle = m_generator->info();
    }
    return makeProvenance(bundle, QString::fromStdString(result.task), result.seed, inputChecks);
}

QList<OodResult> GenerationService::checkInputs(const GenerationInputs &inputs, generation::Task task)
{
    const generation::TaskSpec spec = generation::taskSpec(task);
    QList<OodResult> results;
    if (spec.needsFrontal && !inputs.frontalPath.isEmpty())
        results << m_oodCheck->check(OodInput{QStringLiteral("frontal"), inputs.frontalPath});
    if (spec.needsLateral && !inputs.lateralPath.isEmpty())
        results << m_oodCheck->check(OodInput{QStringLiteral("lateral"), inputs.lateralPath});
    return results;
}

QStringList GenerationService::rankedReportDrafts(const generation::Generation &generation)
{
    const auto &drafts = generation.reportDrafts;
    if (drafts.empty() || generation.reportScores.size() != drafts.size() || generation.reportChoice < 0 ||
        size_t(generation.reportChoice) >= drafts.size())
        return {};
    std::vector<size_t> order(drafts.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        if ((a == size_t(generation.reportChoice)) != (b == size_t(generation.reportChoice)))
            return a == size_t(generation.reportChoice);
        return generation.reportScores[a] > generation.reportScores[b];
    });
    QStringList ranked;
    for (size_t i : order) {
        const QString text = QString::fromStdString(drafts[i]);
        if (!text.trimmed().isEmpty() && !ranked.contains(text))
            ranked.append(text);
    }
    return ranked;
}

QStringList GenerationService::composedSentences(const generation::Generation &generation)
{
    auto loaded = generator();
    if (!loaded.ok())
        return {};
    const generation::SentenceSet &known = (*loaded)->trainingSentences();
    if (known.empty())
        return {};
    QStringList out;
    std::vector<std::string> texts{generation.report};
    texts.insert(texts.end(), generation.reportDrafts.begin(), generation.reportDrafts.end());
    for (const std::string &text : texts)
        for (const std::string &sentence : known.novelSentenceTexts(text)) {
            const QString s = QString::fromStdString(sentence);
            if (!out.contains(s))
                out.append(s);
        }
    return out;
}

QString GenerationService::composedNote(const generation::Generation &generation)
{
    const QString report = QString::fromStdString(generation.report);
    QStringList quoted;
    for (const QString &sentence : composedSentences(generation))
        if (report.contains(sentence))
            quoted << QStringLiteral("\"%1\"").arg(sentence);
    if (quoted.isEmpty())
        return {};
    return QStringLiteral("composed by the model, read with care (no training report holds %1): %2")
        .arg(quoted.size() == 1 ? QStringLiteral("it") : QStringLiteral("them"), quoted.join(QLatin1Char(' ')));
}

QString GenerationService::earlierStudyNote(const generation::Generation &generation)
{
    QStringList quoted;
    for (const std::string &sentence : generation::earlierStudySentenceTexts(generation.report))
        quoted << QStringLiteral("\"%1\"").arg(QString::fromStdString(sentence));
    if (quoted.isEmpty())
        return {};
    return QStringLiteral("speaks of an earlier study, which the model never saw (check against the prior, or remove): %1")
        .arg(quoted.join(QLatin1Char(' ')));
}

// Disk cache: <cache>/generation/<key>.json with images as base64 of float16-free 16-bit values.
void GenerationService::storeOnDisk(const QString &key, const generation::Generation &result)
{
    QDir().mkpath(cacheFolder());
    QJsonArray images;
    for (const auto &image : result.images) {
        QByteArray pixels(qsizetype(image.image.pixels.size() * 2), Qt::Uninitialized);
        auto *out = reinterpret_cast<uint16_t *>(pixels.data());
        for (size_t i = 0; i < image.image.pixels.size(); ++i)
            out[i] = uint16_t(std::lround(std::clamp(image.image.pixels[i], 0.0f, 1.0f) * 65535.0f));
        images.append(QJsonObject{{QStringLiteral("view"), image.view == generation::View::Frontal ? QStringLiteral("frontal") : QStringLiteral("lateral")},
                                  {QStringLiteral("variant"), image.variant},
                                  {QStringLiteral("width"), image.image.width},
                                  {QStringLiteral("height"), image.image.height},
                                  {QStringLiteral("pixels"), QString::fromLatin1(qCompress(pixels).toBase64())}});
    }
    QJsonObject object{{QStringLiteral("report"), QString::fromStdString(result.report)},
                             {QStringLiteral("model"), QString::fromStdString(result.model)},
                             {QStringLiteral("task"), QString::fromStdString(result.task)},
                             {QStringLiteral("seed"), QString::number(result.seed)},
                             {QStringLiteral("steps"), result.steps},
                             {QStringLiteral("guidance"), result.guidance},
                             {QStringLiteral("totalMs"), result.timings.totalMs},
                             {QStringLiteral("images"), images}};
    if (!result.reportDrafts.empty()) { // finding-guided drafting: the reviewer can pick another draft
        QJsonArray drafts, scores, probabilities;
        for (const auto &d : result.reportDrafts)
            drafts.append(QString::fromStdString(d));
        for (double v : result.reportScores)
            scores.append(v);
        for (float v : result.findingProbabilities)
            probabilities.append(double(v));
        object.insert(QStringLiteral("reportDrafts"), drafts);
        object.insert(QStringLiteral("reportScores"), scores);
        object.insert(QStringLiteral("reportChoice"), result.reportChoice);
        object.insert(QStringLiteral("findingProbabilities"), probabilities);
        QJsonArray composed;
        for (int n : result.reportNovelSentences)
            composed.append(n);
        object.insert(QStringLiteral("reportNovelSentences"), composed);
        object.insert(QStringLiteral("composedRewritten"), result.composedRewritten);
    }
    if (const Status written = files::writeAtomically(cacheFolder() + QLatin1Char('/') + key + QStringLiteral(".json"),
                                                      QJsonDocument(object).toJson(QJsonDocument::Compact), "the generation cache",
                                                      files::Sync::NoSync); // a cache: made again when lost
        !written)
        spdlog::warn("generation cache not written: {}", written.error().message);
}

std::optional<generation::Generation> GenerationService::loadFromDisk(const QString &key)
{
    QFile file(cacheFolder() + QLatin1Char('/') + key + QStringLiteral(".json"));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
    if (object.isEmpty())
        return std::nullopt;
    generation::Generation result;
    result.report = object.value(QStringLiteral("report")).toString().toStdString();
    result.model = object.value(QStringLiteral("model")).toString().toStdString();
    result.task = object.value(QStringLiteral("task")).toString().toStdString();
    result.seed = object.value(QStringLiteral("seed")).toString().toULongLong();
    result.steps = object.value(QStringLiteral("steps")).toInt();
    result.guidance = object.value(QStringLiteral("guidance")).toDouble();
    for (const auto &value : object.value(QStringLiteral("reportDrafts")).toArray())
        result.reportDrafts.push_back(value.toString().toStdString());
    for (const auto &value : object.value(QStringLiteral("reportScores")).toArray())
        result.reportScores.push_back(value.toDouble());
    for (const auto &value : object.value(QStringLiteral("findingProbabilities")).toArray())
        result.findingProbabilities.push_back(float(value.toDouble()));
    result.reportChoice = object.value(QStringLiteral("reportChoice")).toInt();
    for (const auto &value : object.value(QStringLiteral("reportNovelSentences")).toArray())
        result.reportNovelSentences.push_back(value.toInt());
    result.composedRewritten = object.value(QStringLiteral("composedRewritten")).toInt();
    if (!result.reportNovelSentences.empty() && result.reportNovelSentences.size() != result.reportDrafts.size())
        return std::nullopt; // damaged cache entry: regenerate
    if (result.reportScores.size() != result.reportDrafts.size() || result.reportChoice < 0 ||
        (!result.reportDrafts.empty() && size_t(result.reportChoice) >= result.reportDrafts.size()))
        return std::nullopt; // damaged cache entry: regenerate
    for (const auto &value : object.value(QStringLiteral("images")).toArray()) {
        const QJsonObject entry = value.toObject();
        generation::GeneratedImage image;
        image.view = entry.value(QStringLiteral("view")).toString() == QLatin1String("frontal") ? generation::View::Frontal : generation::View::Lateral;
        image.variant = entry.value(QStringLiteral("variant")).toInt();
        image.image.width = entry.value(QStringLiteral("width")).toInt();
        image.image.height = entry.value(QStringLiteral("height")).toInt();
        const QByteArray pixels = qUncompress(QByteArray::fromBase64(entry.value(QStringLiteral("pixels")).toString().toLatin1()));
        const size_t count = size_t(image.image.width) * size_t(image.image.height);
        if (count == 0 || size_t(pixels.size()) != count * 2)
            return std::nullopt; // damaged cache entry: regenerate
        image.image.pixels.resize(count);
        const auto *in = reinterpret_cast<const uint16_t *>(pixels.constData());
        for (size_t i = 0; i < count; ++i)
            image.image.pixels[i] = in[i] / 65535.0f;
        result.images.push_back(std::move(image));
    }
    return result;
}

} // namespace radsynth::workflow
