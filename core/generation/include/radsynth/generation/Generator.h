#pragma once
// Any-to-any generation from a model bundle (torch-free interface; LibTorch stays inside).
#include "radsynth/generation/Bundle.h"
#include "radsynth/generation/SentenceSet.h"
#include "radsynth/generation/Status.h"
#include "radsynth/generation/TrainingCache.h"

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace radsynth::generation {

enum class View { Frontal, Lateral };
enum class Task { F2L, L2F, F2R, L2R, FL2R, R2F, R2L, FR2L, LR2F, R2FL };
inline constexpr Task kAllTasks[] = {Task::F2L, Task::L2F, Task::F2R, Task::L2R, Task::FL2R,
                                     Task::R2F, Task::R2L, Task::FR2L, Task::LR2F, Task::R2FL};
const char *toString(Task task);
bool parseTask(const std::string &text, Task &out);
struct TaskSpec {
    bool needsFrontal = false, needsLateral = false, needsReport = false;
    bool makesFrontal = false, makesLateral = false, makesReport = false;
};
TaskSpec taskSpec(Task task);

enum class Sampler { Ddim, DpmSolver2M };
bool parseSampler(const std::string &text, Sampler &out);

// A grey image, row major, values 0..1 (display polarity: bone bright).
struct ImageData {
    int width = 0;
    int height = 0;
    std::vector<float> pixels;
    bool empty() const { return pixels.empty(); }
};

inline constexpr double kModelGuidance = -1.0;
inline constexpr double kDefaultGuidance = 2.0;

struct Request {
    Task task = Task::F2L;
    // Inputs the task needs. Images from files come through dicom::loadModelInput (the training
    // data's preparation, already R x R); any other image is padded with zeros and resized.
    ImageData frontal;
    ImageData lateral;
    // Side of GeneratedImage::upsampled (the input radiograph's longer side, so a synthesized view
    // can stand beside it); 0: the input image's longer side.
    int outputSide = 0;
    std::string report;
    Sampler sampler = Sampler::DpmSolver2M;
    int steps = 20;
    // Classifier-free guidance scale (1 = none); negative: the bundle's recommendation for the
    // task (manifest "sampling"), kDefaultGuidance when it has none.
    double guidance = kModelGuidance;
    double eta = 0.0;            // DDIM stochasticity
    uint64_t seed = 0;
    int variants = 1;            // images per output view (seeds seed, seed+1, ...)
    // Report decoding.
    int beamWidth = 0;           // 1 = greedy; 0: the bundle's recommendation for the task (greedy when none)
    int maxTokens = 0;           // 0 = the model's maximum
    int minTokens = 8;
    double repetitionPenalty = 1.2;
    int noRepeatNgram = 3;       // 0 = off
    double lengthPenalty = 1.0;  // beam search: score / length^penalty
    // Finding-guided drafting (bundles with finding classifiers, a generator with a report
    // labeler): the draft above plus reportCandidates - 1 sampled drafts at reportTemperature; the
    // one whose findings (the labeler's) are most likely under the classifiers' reading of the
    // input image(s) is returned. 0: the bundle's recommendation ("candidates", "temperature" in
    // the task's sampling entry); 1: the draft alone.
    int reportCandidates = 0;
    double reportTemperature = 0;
    // What each sentence of a draft that no training report holds costs in the choice
    // (log-likelihood units of the finding classifiers' score; bundles with training sentences,
    // SentenceSet.h). Negative: the bundle's recommendation ("novel_sentence_penalty" in the task's
    // sampling entry; 0 when it has none).
    double novelSentencePenalty = -1;
    // Composed sentences of the chosen draft rewritten by the model: per sentence no training
    // report holds, this many continuations of the draft up to it are sampled and the likeliest
    // one a training report holds that states the same findings takes its place (bundles with
    // training sentences; docs/GENERATION.md). Negative: the bundle's recommendation
    // ("composed_retries" in the task's sampling entry; 0, none, when it has none).
    int composedRetries = -1;
    // Added to the log-odds of the classifiers' lung opacity, consolidation and pneumonia
    // probabilities where they weigh the drafts (not to findingProbabilities): above 0, a draft
    // that states such a finding wins more often. NaN: the bundle's recommendation
    // ("lung_finding_bias" in the task's sampling entry; 0 when it has none).
    double lungFindingBias = std::numeric_limits<double>::quiet_NaN();
    // Weigh the drafts as the reader gets them: each draft's text through the caller's final pass
    // (Generator::setDraftFinisher, with the classifiers' probabilities), "no finding" read as
    // CheXpert defines it (withNoFindingAsChexpert). 1 on, 0 off, -1: the bundle's recommendation
    // ("finished_drafts" in the task's sampling entry; off when it has none).
    int finishedDrafts = -1;
    // How much the side a draft puts a finding on counts where the drafts are weighed (requests
    // with a frontal input; a generator with a side reader, setReportSideReader): per finding a
    // draft states present on one side only, weight x log(2 q), q the frontal classifier's
    // probability that the finding is on that side (the logistic of its side evidence,
    // findingSideEvidence): a draft that puts a finding where the classifier sees it gains, one that
    // puts it on the other side loses. NaN: the bundle's recommendation ("side_weight" in the
    // task's sampling entry; 0, sides not weighed, when it has none).
    double sideWeight = std::numeric_limits<double>::quiet_NaN();
    // The observations (kObservationNames) whose sides are weighed; empty: the bundle's
    // recommendation ("side_observations" in the task's sampling entry), every observation when it
    // names none.
    std::vector<std::string> sideObservations;
};

struct GeneratedImage {
    View view = View::Frontal;
    int variant = 0;
    ImageData image;     // model resolution
    ImageData upsampled; // the input image's size (square of its longer side); empty without image input
};

struct Timings {
    double encodeMs = 0, sampleMs = 0, decodeMs = 0, reportMs = 0, totalMs = 0;
};

struct Generation {
    std::vector<GeneratedImage> images;
    std::string report;
    Timings timings;
    std::string model;   // bundle identity (name, version, manifest hash)
    std::string task;
    uint64_t seed = 0;
    int steps = 0;
    double guidance = 0; // the scale used (the bundle's recommendation when the request left it to the model)
    // Finding-guided drafting: the classifiers' probabilities for the input image(s), in
    // kObservationNames order, the drafts weighed (the beam/greedy draft first), each one's score
    // (log-likelihood of its findings under those probabilities) and which one is `report`.
    // Empty, and 0, when the draft was not guided.
    std::vector<float> findingProbabilities;
    std::vector<std::string> reportDrafts;
    std::vector<double> reportScores;
    int reportChoice = 0;
    // Per draft, its sentences that no training report holds (bundles with training sentences;
    // empty otherwise), as the drafts were weighed: reportScores already subtract their penalty.
    // workflow::GenerationService counts them again after the final pass, for the texts shown.
    std::vector<int> reportNovelSentences;
    double novelSentencePenalty = 0; // the penalty per such sentence that was applied
    int composedRewritten = 0;       // composed sentences of the chosen draft the model rewrote (Request::composedRetries)
    double lungFindingBias = 0;      // the log-odds shift applied in weighing the drafts (Request::lungFindingBias)
    bool finishedDrafts = false;     // the drafts were weighed as finished (Request::finishedDrafts)
    // The frontal classifier's side evidence (findingSideEvidence) when the sides were weighed
    // (Request::sideWeight not 0), and the weight; reportScores include the side terms.
    std::vector<float> findingSideEvidence;
    double sideWeight = 0;
    std::vector<std::string> sideObservations; // the observations whose sides were weighed
};

// The findings a report states (kObservationNames order; 1 positive, 0 negative or not
// mentioned, -1 uncertain): the project's report labeler, handed to the generator by its caller
// (the model library does not depend on the report library).
using ReportLabels = std::array<int8_t, kObservationCount>;
using ReportLabeler = std::function<ReportLabels(const std::string &report)>;
// Labels with "no finding" as CheXpert defines it: 1 when no other observation but support devices
// is stated present or uncertain, else 0 (the labeler reads only an explicit normal statement).
ReportLabels withNoFindingAsChexpert(ReportLabels labels);
// How many observations a report states both present and absent (the project's consistency check,
// handed in like the labeler).
using ReportContradictions = std::function<int(const std::string &report)>;
// What the caller's final pass charges a draft in its own choice among the drafts (the project's:
// report::kFragmentPenalty per fragment sentence, report::finishGeneratedReport).
using DraftPenalty = std::function<double(const std::string &draft)>;
// The sides a report states each observation on (kObservationNames order): bit 1 right, bit 2
// left (both: bilateral), 0 where no positive mention names a side (the project's: report::sideVector).
using ReportSides = std::array<int8_t, kObservationCount>;
using ReportSideReader = std::function<ReportSides(const std::string &report)>;
// The caller's final pass over one draft, given the classifiers' probabilities (kObservationNames
// order): the text the reader would get from it (the project's: report::finishedDraft).
using DraftFinisher = std::function<std::string(const std::string &draft, const std::vector<float> &probabilities)>;

// step counts from 1 to total; called once per sampler step (or per decoded token for reports).
using Progress = std::function<void(int step, int total)>;

class Generator {
public:
    ~Generator();
    Generator(const Generator &) = delete;
    Generator &operator=(const Generator &) = delete;

    // Loads a bundle: checks the manifest, every weights file's SHA-256 and every tensor's shape.
    static Outcome<std::unique_ptr<Generator>> load(const std::string &bundleDirectory, const std::string &device = "cpu");

    const BundleInfo &info() const;
    // The guidance a request with kModelGuidance gets for `task`.
    double recommendedGuidance(Task task) const;
    // The beam width a report request with beamWidth 0 gets for `task`.
    int recommendedBeam(Task task) const;
    bool supports(Task task) const;
    std::vector<Task> tasks() const;
    // Why a task is not available ("" when it is).
    std::string whyUnsupported(Task task) const;
    // The report drafts of `task` are finding-guided: the bundle has the classifiers, a labeler
    // is set and the recommended candidate count is above 1.
    bool guidesReports(Task task) const;
    // The bundle has the classifiers the task's input views need and a labeler is set: a request
    // may ask for guided drafts (Request::reportCandidates > 1) even where the bundle recommends none.
    bool canGuideReports(Task task) const;
    // Sets the labeler that finding-guided drafting reads drafts with (none: drafts unguided).
    void setReportLabeler(ReportLabeler labeler);
    // Sets the check that keeps the rewriting of composed sentences (Request::composedRetries) from
    // making a draft contradict itself more than it did (none: not checked).
    void setContradictionCounter(ReportContradictions counter);
    // Sets the final pass's charge per draft: the generator then chooses the draft the final pass
    // will keep, so that the rewriting of composed sentences works on the draft the reader gets
    // (none: the choice is by the finding scores alone). Generation::reportScores stay without it.
    void setDraftPenalty(DraftPenalty penalty);
    // Sets the final pass the drafts are read through before they are weighed when a request asks
    // for it (Request::finishedDrafts): a draft is scored by the findings its finished text states,
    // not by a finding in a sentence the final pass removes (none: as the model wrote them).
    void setDraftFinisher(DraftFinisher finisher);
    // Sets what reads the sides a draft states, for weighing them against the frontal classifier's
    // (Request::sideWeight; none: sides not weighed).
    void setReportSideReader(ReportSideReader reader);
    // The sentences of the reports the bundle was trained on (SentenceSet.h); empty when the bundle
    // has none.
    const SentenceSet &trainingSentences() const;
    // Where the bundle's frontal finding classifier sees each observation on `frontal`
    // (kObservationNames order; FindingClassifier::sideEvidence): above 0 on the patient's left,
    // below 0 on the right, in logit units. Fails without a frontal classifier.
    Outcome<std::vector<float>> findingSideEvidence(const ImageData &frontal) const;

    Outcome<Generation> run(const Request &request, const Progress &progress = {}, const std::atomic_bool *cancel = nullptr);

    // Number of threads LibTorch uses (process wide).
    static void setThreads(int threads);

    struct Impl;

private:
    explicit Generator(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

// The R x R values the model's encoders receive for an input `image` (padded and resized when
// it is not R x R already, clamped to 0..1), exactly as run() prepares it: for checks that every
// door hands the model the same input.
ImageData modelInputTensor(const ImageData &image, int resolution);

// Builds one untrained UNet of `config` in memory and times its forward pass (one sampling step
// at `batch`: 2 with classifier-free guidance): the median of `repeats` runs after a warm-up, in
// milliseconds. `parameters` receives the UNet's parameter count. For benchmarks.
Outcome<double> measureDenoisingStepMs(const ModelConfig &config, int batch, int repeats, int64_t *parameters = nullptr);

} // namespace radsynth::generation
