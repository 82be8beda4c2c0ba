#pragma once
// Internal: metrics.md from the metrics.json tree; the evaluation on real images (RealImages.cpp).
#include "radsynth/common/Result.h"
#include "radsynth/evaluation/Evaluation.h"
#include "radsynth/generation/EvaluationModels.h"
#include "radsynth/generation/Generator.h"
#include "radsynth/generation/Json.h"
#include "radsynth/generation/SentenceSet.h"
#include "radsynth/imaging/ModelInput.h"
#include "radsynth/report/Readability.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace radsynth::evaluation {

std::string metricsMarkdown(const generation::Json &metrics);

// The final pass's removal of unsupported composed claims for `generator`'s drafts, when `options`
// asks for it and the bundle has training sentences.
inline report::UnsupportedClaims unsupportedClaims(const generation::Generator &generator, const EvaluationOptions &options)
{
    report::UnsupportedClaims claims;
    if (options.dropUnsupportedClaims && !generator.trainingSentences().empty())
        claims.trainingSentences = &generator.trainingSentences();
    return claims;
}

// A number for metrics.json (null when not finite, 6 decimals).
generation::Json number(double v);
// Self-contradiction (an observation stated present and absent, per the labeler) and fragment
// (report::fragments) rates of reports: the share with at least one, and fragments per report;
// with `trainingSentences`, the share of sentences no training report holds (composed by the model)
// and the share of reports with one.
generation::Json readability(const std::vector<std::string> &reports, const generation::SentenceSet *trainingSentences = nullptr);

// What the evaluation on real images needs from the run (Evaluator.cpp fills it).
struct RealContext {
    generation::Generator *generator = nullptr;
    generation::BundleFeatures *features = nullptr;
    int resolution = 0;
    int limit = 200;                  // images per real set (evenly spaced over the set)
    // Scoring the validation split: the labelled real frontals are those a test run with the same
    // limit never scores (settings are chosen on other images than the ones reported).
    bool validation = false;
    uint64_t seed = 1;
    int steps = 20;
    int reportCandidates = 0;         // F2R drafts weighed (0: the bundle's recommendation)
    double novelSentencePenalty = -1; // per composed sentence (negative: the bundle's recommendation)
    int composedRetries = -1;         // continuations per composed sentence rewritten (negative: the bundle's recommendation)
    double lungFindingBias = std::numeric_limits<double>::quiet_NaN(); // generation::Request::lungFindingBias
    double sideWeight = std::numeric_limits<double>::quiet_NaN();      // generation::Request::sideWeight
    std::vector<std::string> sideObservations;                          // generation::Request::sideObservations
    int finishedDrafts = -1;                                             // generation::Request::finishedDrafts
    // Labelled frontals of the set's validation patients only (a validation run) or of its test
    // patients only (a test run), instead of both (EvaluationOptions::realPatientSplit).
    bool patientSplit = false;
    report::UnsupportedClaims unsupportedClaims; // what the final pass also removes (EvaluationOptions::dropUnsupportedClaims)
    std::string mostFrequentReport;   // the training split's, the report baseline
    const generation::SentenceSet *trainingSentences = nullptr; // the training split's report sentences
    // Training images and their embeddings (the nearest-neighbour baseline of real pairs).
    std::vector<const generation::ImageData *> trainFrontals, trainLaterals;
    std::vector<generation::Embedding> trainFrontalEmbeddings, trainLateralEmbeddings;
    // When set (the run scores F2L), the labelled real frontals also get a synthesized lateral,
    // which this classifier (the evaluation's own, trained on the training split's laterals)
    // reads: does the lateral show the pneumonia of the frontal it was made from?
    generation::FindingClassifier *lateralClassifier = nullptr;
    std::function<void(const std::string &)> log;
    std::function<void(const std::string &stage, long long done, long long total)> progress; // may be empty
    std::function<bool()> cancelled;
};

// Files of a real set: a file, or the radiographs of a folder (datasets' radiographs layout,
// `frontalOnly` keeps frontals; its training split left out, as for realLabelledMetrics: the
// default model learns from those), at most `limit` evenly spaced (0: all), sorted.
std::vector<std::string> realSetFiles(const std::string &path, bool frontalOnly, int limit);

// Chest CT volumes as a non-radiograph set (CtSlices.cpp): a NIfTI file, or a folder of them.
inline constexpr int kCtSlicesPerPlane = 4;
bool isCtVolumeSet(const std::string &path);
// `perPlane` axial, coronal and sagittal slices of each volume (the middle 60 %, square pixels,
// mediastinal and lung windows in turn) as model input; unreadable volumes are named in `log`.
Result<std::vector<imaging::ModelInput>> ctSliceInputs(const std::string &path, int resolution, int perPlane,
                                                       const std::function<void(const std::string &)> &log);

// F2L and L2F on real frontal + lateral pairs (DIR/frontal/NAME.* with DIR/lateral/NAME.*, or
// DIR/NAME_frontal.* with DIR/NAME_lateral.*): SSIM and PSNR against the true view, the mean of
// the other pairs' true views and nearest-neighbour retrieval from the training split as baselines.
Result<generation::Json> realPairsMetrics(const RealContext &context, const std::string &directory);

// F2R on labelled real frontals (radiographs layout: NORMAL/PNEUMONIA folders or a metadata.csv;
// images its split assignment puts in the training split are left out):
// does the draft state pneumonia, consolidation or lung opacity for abnormal images and none for
// normal ones (sensitivity, specificity), AUC of the finding classifiers' score, against the most
// frequent training report; the drafts' self-contradiction and fragment rates before and after
// the final pass (report::finishGeneratedReport).
Result<generation::Json> realLabelledMetrics(const RealContext &context, const std::string &directory);
// The labelled sets' images together (their per_image records), when two or more sets were
// scored: sensitivity, specificity and AUC; an empty object otherwise.
generation::Json pooledLabelledMetrics(const generation::Json &sets);

// What the model made for one scored study of one task, as a cluster shard saves it for the merge
// (ShardOutputs.cpp; docs/SCALING.md): the images (float pixels, bit for bit), the finished report,
// the seconds it took, or why the generator failed on the study.
struct StudyOutput {
    std::map<generation::View, generation::ImageData> images;
    std::string report;
    double seconds = 0;
    std::string failure; // non-empty: the study is left out of the task, as a single run leaves it
};

// <folder>/outputs/<task>/<index>.bin: `index` is the study's place in the task's scored studies.
std::string studyOutputPath(const std::string &folder, generation::Task task, size_t index);
// Written whole or not at all (a temporary file renamed into place), so a killed shard resumes.
Status writeStudyOutput(const std::string &path, const StudyOutput &output);
Result<StudyOutput> readStudyOutput(const std::string &path);

} // namespace radsynth::evaluation
