#pragma once
// Generation as a workstation service: one loaded model bundle shared by every job, jobs that run
// on the JobScheduler with per-step progress and cancellation, and a result cache keyed by study,
// inputs, task, seed and model version (memory + disk), so reopening a study shows its synthesized
// views at once. Qt Core only; the model library's headers are torch-free.
#include "radsynth/common/Result.h"
#include "radsynth/generation/Generator.h"
#include "radsynth/imaging/Image.h"
#include "radsynth/workflow/JobScheduler.h"
#include "radsynth/workflow/OodCheck.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <mutex>

namespace radsynth::workflow {

struct GenerationInputs {
    QString studyKey;     // Study Instance UID (used only hashed, for the cache key)
    QString frontalPath;  // DICOM or PNG/JPG file; empty when absent
    QString lateralPath;
    QString report;       // report text; empty when absent
};

struct GenerationSettings {
    generation::Task task = generation::Task::F2L;
    generation::Sampler sampler = generation::Sampler::DpmSolver2M;
    int steps = 20;
    double guidance = generation::kModelGuidance; // negative: the model's recommendation for the task
    uint64_t seed = 1;
    int variants = 1;
};

class GenerationService {
public:
    // `bundleDirectory` empty: the bundled default model (models/default).
    explicit GenerationService(QString bundleDirectory = {});
    QString bundleDirectory() const { return m_bundleDirectory; }
    // The out-of-distribution check of inputs with this bundle (OodCheck.h).
    OodCheck *oodCheck() const { return m_oodCheck.get(); }

    // Loads the bundle once (thread safe); later calls return the same generator.
    Result<std::shared_ptr<generation::Generator>> generator();
    // The model's identity for provenance and cache keys ("" until loaded).
    QString modelIdentity();

    QString cacheKey(const GenerationInputs &inputs, const GenerationSettings &settings);
    std::optional<generation::Generation> cached(const QString &key);

    // Runs one generation now, on the calling thread (the CLI, jobs). Uses and fills the cache.
    Result<generation::Generation> run(const GenerationInputs &inputs, const GenerationSettings &settings,
                                       const generation::Progress &progress = {}, const std::atomic_bool *cancel = nullptr);

    // A job for the scheduler; `onFinished` is called on the worker thread with the result.
    std::shared_ptr<Job> makeJob(const GenerationInputs &inputs, const GenerationSettings &settings,
                                 std::function<void(const generation::Generation &)> onFinished);

    // The report drafts of a finding-guided generation for the reviewer: the model's pick first,
    // then the other distinct drafts by score (best first). Empty when drafting was not guided.
    static QStringList rankedReportDrafts(const generation::Generation &generation);

    // Reads an input image (DICOM through the loader, else an image file) in display polarity, 0..1.
    static Result<generation::ImageData> loadInput(const QString &path);
    static imaging::Image toImage(const generation::ImageData &data);

private:
    void storeOnDisk(const QString &key, const generation::Generation &generation);
    std::optional<generation::Generation> loadFromDisk(const QString &key);

    QString m_bundleDirectory;
    std::mutex m_mutex;    // guards the loaded generator and the memory cache
    std::mutex m_runMutex; // one sampling at a time per model: LibTorch already uses every core
    std::shared_ptr<generation::Generator> m_generator;
    QString m_loadError;
    QHash<QString, generation::Generation> m_memoryCache;
    std::unique_ptr<OodCheck> m_oodCheck;
};

} // namespace radsynth::workflow
