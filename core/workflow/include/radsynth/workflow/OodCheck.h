#pragma once
// The out-of-distribution check of generation inputs in the workstation: each
// input image (the study's frontal and/or lateral) is scored with the bundle's
// OodDetector (autoencoder reconstruction error and image-encoder distance to
// the training embeddings, thresholds from <bundle>/ood.json written by
// `radsynth-cli evaluate`). Scoring runs the bundle's encoders, so it runs in a
// job on the scheduler, never on the GUI thread. A bundle without ood.json is
// not an error: the check says it is unavailable. Qt Core only; the model
// library's header is torch-free.
#include "radsynth/generation/Generator.h"
#include "radsynth/workflow/JobScheduler.h"

#include <QHash>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <mutex>

namespace radsynth::generation {
class OodDetector;
}

namespace radsynth::workflow {

struct OodInput {
    QString view; // "frontal" or "lateral" (as shown to the user)
    QString path; // DICOM or image file
};

struct OodResult {
    enum class State { Unavailable, Failed, InDistribution, OutOfDistribution };
    State state = State::Unavailable;
    QString view;
    QString path;
    QString message;            // why the check is unavailable or failed
    double ratio = 0;           // max(score / threshold) over the two scores; > 1: out of distribution
    double reconstruction = -1; // autoencoder reconstruction MSE; < 0: not used
    double reconstructionThreshold = -1;
    double distance = 0; // 1 - highest cosine similarity to the training embeddings
    double distanceThreshold = 0;
    double percentile = 99; // of the validation images' scores the thresholds were set at
    int validationImages = 0;
    bool flagged() const { return state == State::OutOfDistribution; }
    bool scored() const { return state == State::InDistribution || state == State::OutOfDistribution; }
};

class OodCheck {
public:
    explicit OodCheck(QString bundleDirectory);
    ~OodCheck();
    OodCheck(const OodCheck &) = delete;
    OodCheck &operator=(const OodCheck &) = delete;

    QString bundleDirectory() const { return m_bundleDirectory; }
    QString calibrationPath() const; // <bundle>/ood.json
    // True when the bundle has an ood.json (cheap: no model is loaded).
    bool calibrated() const;

    // Scores one input (prepared as the generation service prepares it:
    // GenerationService::loadInput at the bundle's resolution). Thread safe;
    // loads the detector on first use; results are cached per file (path, size,
    // modification time).
    OodResult check(const OodInput &input);
    // Scores an image already in memory (0..1, display polarity; a model input
    // from GenerationService::loadInput, or any image, padded and resized as the model does).
    OodResult check(const generation::ImageData &image, const QString &view = {});
    // A job that checks `inputs` in order; `onFinished` is called on the worker
    // thread.
    std::shared_ptr<Job> makeJob(const QList<OodInput> &inputs, std::function<void(const QList<OodResult> &)> onFinished);

    // User-visible texts (translated, context "radsynth::workflow").
    static QString unavailableText(); // "out-of-distribution check unavailable
                                      // (bundle not evaluated)"
    // "Input unlike the model's training data (score x.x times the threshold):
    // treat the synthetic output with extra caution" (empty when not flagged).
    // With the view when `withView`.
    static QString warningText(const OodResult &result, bool withView = false);
    // One line for every state: the warning, "within the training data (score
    // x.xx of the threshold)", the unavailable or failure message.
    static QString statusText(const OodResult &result);
    // The "why?" explanation: both scores, their thresholds and how they were
    // set.
    static QString explanation(const OodResult &result);
    // The most severe of several results (flagged > failed > unavailable > in
    // distribution) and the line for a report's provenance (empty when nothing is
    // flagged and the check ran).
    static OodResult worst(const QList<OodResult> &results);
    static QString provenanceText(const QList<OodResult> &results);

private:
    OodResult score(const generation::ImageData &image, const QString &view);
    int resolution(); // the bundle's model resolution (manifest), 0 when unreadable


    QString m_bundleDirectory;
    std::mutex m_mutex; // guards the detector, its load error and the cache; one
                        // scoring at a time
    std::unique_ptr<generation::OodDetector> m_detector;
    bool m_loadTried = false;
    QString m_loadError;
    bool m_missingCalibration = false;
    QHash<QString, OodResult> m_cache;
    int m_resolution = 0;
    QString m_resolutionError;
};

} // namespace radsynth::workflow
