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
#include "radsynth/workflow/ReportDraftStore.h"

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
    double eta = 0.0;         // DDIM stochasticity
    int beamWidth = 0;        // report decoding; 0: the model's recommendation
    int reportCandidates = 0; // finding-guided report drafts; 0: the model's recommendation, 1: one draft
};

// Which tasks make the wanted outputs from the available inputs (the any-to-any panel, the
// workstation's automatic generation): for each wanted output, the task that uses the most inputs
// and makes the fewest other outputs. Problems name the output (not translated here: the caller
// words them).
enum class Modality { Frontal, Lateral, Report };
struct TaskPlan {
    enum class Problem { OutputIsInput, NoTask, NoOutput };
    struct Issue {
        Problem problem;
        Modality output = Modality::Frontal; // not used for NoOutput
    };
    QList<generation::Task> tasks;
    QList<Issue> issues;
};
struct Modalities {
    bool frontal = false, lateral = false, report = false;
};
TaskPlan planTasks(Modalities inputs, Modalities outputs);

// The one provenance of what a generation makes (synthetic images, report drafts, their exports),
// whichever door made it: the bundle's name and version, the task and seed, the time (now), and the
// out-of-distribution check of the input images (the warning, or why the check did not run; empty
// when every input passed or the task had no input image).
ReportProvenance makeProvenance(const generation::BundleInfo &bundle, const QString &task, uint64_t seed,
                                const QList<OodResult> &inputChecks = {});

class GenerationService {
public:
    // `bundleDirectory` empty: the bundled default model (models/default).
    explicit GenerationService(QString bundleDirectory = {});
    QString bundleDirectory() const { return m_bundleDirectory; }
    // The out-of-distribution check of inputs with this bundle (OodCheck.h).
    OodCheck *oodCheck() const { return m_oodCheck.get(); }

    // Before the bundle is loaded: the device ("cpu", "cuda") and LibTorch threads (default 1: the
    // fastest for small models with jobs side by side; 0: LibTorch's choice).
    void setDevice(const QString &device) { m_device = device; }
    void setThreads(int threads) { m_threads = threads; }
    // The result cache (memory and disk; on by default). Off: every run samples (benchmarks, the CLI).
    void setCaching(bool enabled) { m_caching = enabled; }

    // Loads the bundle once (thread safe); later calls return the same generator.
    Result<std::shared_ptr<generation::Generator>> generator();
    // The model's identity for provenance and cache keys ("" until loaded).
    QString modelIdentity();

    QString cacheKey(const GenerationInputs &inputs, const GenerationSettings &settings);
    std::optional<generation::Generation> cached(const QString &key);

    // The model request for `inputs`: checks what the task needs and prepares every input image
    // through loadInput() at the model's resolution. run() samples exactly this request.
    Result<generation::Request> makeRequest(const GenerationInputs &inputs, const GenerationSettings &settings);

    // Runs one generation now, on the calling thread (the CLI, jobs). Uses and fills the cache.
    Result<generation::Generation> run(const GenerationInputs &inputs, const GenerationSettings &settings,
                                       const generation::Progress &progress = {}, const std::atomic_bool *cancel = nullptr);

    // A job for the scheduler; `onFinished` is called on the worker thread with the result.
    std::shared_ptr<Job> makeJob(const GenerationInputs &inputs, const GenerationSettings &settings,
                                 std::function<void(const generation::Generation &)> onFinished);

    // makeProvenance() for a result of this service's model, with the input checks (the same
    // result's inputs; OodCheck::check of each). Empty model fields when the bundle is not loaded.
    ReportProvenance provenance(const generation::Generation &result, const QList<OodResult> &inputChecks = {});
    // The out-of-distribution checks of the input images `inputs` gives `task` (frontal and/or
    // lateral; none for a report-only task), in that order.
    QList<OodResult> checkInputs(const GenerationInputs &inputs, generation::Task task);

    // The final pass over the report and every draft (report::finishGeneratedReport): removes the
    // sentences that contradict the rest (an observation stated both present and absent), fragments
    // and impressions that move a lung finding, and gives a draft left without an impression one
    // that restates its findings (never a composed sentence: `trainingSentences`, when not empty).
    static void resolveDraftContradictions(generation::Generation &result, const generation::SentenceSet &trainingSentences = {});
    // The report drafts of a finding-guided generation for the reviewer: the model's pick first,
    // then the other distinct drafts by score (best first). Empty when drafting was not guided.
    static QStringList rankedReportDrafts(const generation::Generation &generation);
    // The sentences of the report and its drafts that no report the model was trained on holds
    // (the bundle's training sentences; empty when it has none), each once, as they stand in the
    // text: the editor marks them for review.
    QStringList composedSentences(const generation::Generation &generation);
    // One line for a terminal about the report's own composed sentences ("" when it has none):
    // 'composed by the model, read with care (no training report holds them): "..." "..."'.
    QString composedNote(const generation::Generation &generation);
    // One line for a terminal about the report's sentences that speak of an earlier study ("" when
    // none; generation/PriorStudy.h): the model saw one study and no history, so "Stable ..." or
    // "Unchanged from prior" is a claim it cannot make.
    static QString earlierStudyNote(const generation::Generation &generation);

    // An input image file (DICOM, PNG, JPEG; 8 or 16 bits) as the model reads it: the training
    // data's preparation (dicom::loadModelInput) at `resolution`, R x R, display polarity, 0..1.
    // `sourceSide`, when given, receives the file's longer side (what outputs are upsampled to).
    static Result<generation::ImageData> loadInput(const QString &path, int resolution, int *sourceSide = nullptr);
    static imaging::Image toImage(const generation::ImageData &data);

private:
    void storeOnDisk(const QString &key, const generation::Generation &generation);
    std::optional<generation::Generation> loadFromDisk(const QString &key);

    QString m_bundleDirectory;
    QString m_device = QStringLiteral("cpu");
    int m_threads = 1;
    bool m_caching = true;
    std::mutex m_mutex;    // guards the loaded generator and the memory cache
    std::mutex m_runMutex; // one sampling at a time per model: LibTorch already uses every core
    std::shared_ptr<generation::Generator> m_generator;
    QString m_loadError;
    QHash<QString, generation::Generation> m_memoryCache;
    std::unique_ptr<OodCheck> m_oodCheck;
};

} // namespace radsynth::workflow
