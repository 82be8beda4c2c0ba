#include "radsynth/workflow/OodCheck.h"

#include "radsynth/generation/OodDetector.h"
#include "radsynth/workflow/GenerationService.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace radsynth::workflow {
namespace {

class OodJob : public Job {
public:
    OodJob(OodCheck *check, QList<OodInput> inputs, std::function<void(const QList<OodResult> &)> onFinished)
        : m_check(check), m_inputs(std::move(inputs)), m_onFinished(std::move(onFinished))
    {
    }
    QString title() const override { return QCoreApplication::translate("radsynth::workflow", "Check inputs against the training data"); }
    JobKind kind() const override { return JobKind::Generation; }
    Status run(JobContext &context) override
    {
        QList<OodResult> results;
        for (int i = 0; i < m_inputs.size(); ++i) {
            if (context.isCancelled())
                return okStatus();
            context.setProgress(i, m_inputs.size(), m_inputs[i].view);
            results << m_check->check(m_inputs[i]);
        }
        context.setProgress(m_inputs.size(), m_inputs.size());
        if (m_onFinished && !context.isCancelled())
            m_onFinished(results);
        return okStatus();
    }

private:
    OodCheck *m_check;
    QList<OodInput> m_inputs;
    std::function<void(const QList<OodResult> &)> m_onFinished;
};

int severity(const OodResult &r)
{
    switch (r.state) {
    case OodResult::State::OutOfDistribution:
        return 3;
    case OodResult::State::Failed:
        return 2;
    case OodResult::State::Unavailable:
        return 1;
    case OodResult::State::InDistribution:
        break;
    }
    return 0;
}
} // namespace

OodCheck::OodCheck(QString bundleDirectory) : m_bundleDirectory(std::move(bundleDirectory)) {}

OodCheck::~OodCheck() = default;

QString OodCheck::calibrationPath() const
{
    return m_bundleDirectory + QLatin1Char('/') + QLatin1String(generation::OodDetector::kFileName);
}

bool OodCheck::calibrated() const
{
    return QFileInfo::exists(calibrationPath());
}

OodResult OodCheck::check(const OodInput &input)
{
    OodResult result;
    result.view = input.view;
    result.path = input.path;
    if (!calibrated()) {
        result.message = unavailableText();
        return result;
    }
    const QFileInfo info(input.path);
    const QString key = input.path + QLatin1Char('|') + QString::number(info.size()) + QLatin1Char('|') +
                        QString::number(info.lastModified().toMSecsSinceEpoch());
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        const auto it = m_cache.constFind(key);
        if (it != m_cache.constEnd()) {
            OodResult cached = *it;
            cached.view = input.view;
            return cached;
        }
    }
    auto image = resolution() > 0 ? GenerationService::loadInput(input.path, resolution())
                                  : Result<generation::ImageData>(makeError(m_resolutionError.toStdString()));
    if (!image.ok()) {
        result.state = OodResult::State::Failed;
        result.message = QCoreApplication::translate("radsynth::workflow", "out-of-distribution check failed: %1")
                             .arg(QString::fromStdString(image.error().message));
        return result;
    }
    result = score(*image, input.view);
    result.path = input.path;
    if (result.scored()) {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_cache.insert(key, result);
    }
    return result;
}

int OodCheck::resolution()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_resolution == 0) {
        auto manifest = generation::readManifest(m_bundleDirectory.toStdString());
        if (manifest.isOk())
            m_resolution = manifest->config.resolution;
        else
            m_resolutionError = QString::fromStdString(manifest.message());
    }
    return m_resolution;
}

OodResult OodCheck::check(const generation::ImageData &image, const QString &view)
{
    if (!calibrated()) {
        OodResult result;
        result.view = view;
        result.message = unavailableText();
        return result;
    }
    return score(image, view);
}

OodResult OodCheck::score(const generation::ImageData &image, const QString &view)
{
    OodResult result;
    result.view = view;
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_loadTried) {
        m_loadTried = true;
        auto loaded = generation::OodDetector::load(m_bundleDirectory.toStdString());
        if (loaded.isOk()) {
            m_detector = std::move(loaded.value());
            spdlog::info("out-of-distribution check loaded ({} reference embeddings)", m_detector->calibration().reference.size());
        } else {
            m_missingCalibration = !calibrated();
            m_loadError = QString::fromStdString(loaded.message());
            spdlog::warn("out-of-distribution check unavailable: {}", loaded.message());
        }
    }
    if (!m_detector) {
        result.state = m_missingCalibration ? OodResult::State::Unavailable : OodResult::State::Failed;
        result.message =
            m_missingCalibration
                ? unavailableText()
                : QCoreApplication::translate("radsynth::workflow", "out-of-distribution check unavailable: %1").arg(m_loadError);
        return result;
    }
    const generation::OodCalibration &calibration = m_detector->calibration();
    result.reconstructionThreshold = calibration.reconstructionThreshold;
    result.distanceThreshold = calibration.distanceThreshold;
    result.percentile = calibration.percentile;
    result.validationImages = calibration.validationImages;
    auto scored = m_detector->score(image);
    if (!scored.isOk()) {
        result.state = OodResult::State::Failed;
        result.message = QCoreApplication::translate("radsynth::workflow", "out-of-distribution check failed: %1")
                             .arg(QString::fromStdString(scored.message()));
        return result;
    }
    result.ratio = scored->ratio;
    result.reconstruction = scored->reconstruction;
    result.distance = scored->distance;
    result.state = scored->outOfDistribution ? OodResult::State::OutOfDistribution : OodResult::State::InDistribution;
    spdlog::info("out-of-distribution check: {} ratio {:.2f} (reconstruction "
                 "{:.5f}, distance {:.4f})",
                 view.toStdString(), result.ratio, result.reconstruction, result.distance);
    return result;
}

std::shared_ptr<Job> OodCheck::makeJob(const QList<OodInput> &inputs, std::function<void(const QList<OodResult> &)> onFinished)
{
    return std::make_shared<OodJob>(this, inputs, std::move(onFinished));
}

QString OodCheck::unavailableText()
{
    return QCoreApplication::translate("radsynth::workflow", "out-of-distribution check unavailable (bundle not evaluated)");
}

QString OodCheck::warningText(const OodResult &result, bool withView)
{
    if (!result.flagged())
        return {};
    const QString text = QCoreApplication::translate("radsynth::workflow", "Input unlike the model's training data (score %1 times the "
                                                                           "threshold): treat the synthetic output with extra caution")
                             .arg(result.ratio, 0, 'f', result.ratio < 1.05 ? 2 : 1); // a flagged input never reads "1.0"
    return withView && !result.view.isEmpty() ? result.view + QStringLiteral(": ") + text : text;
}

QString OodCheck::statusText(const OodResult &result)
{
    switch (result.state) {
    case OodResult::State::OutOfDistribution:
        return warningText(result);
    case OodResult::State::InDistribution:
        return QCoreApplication::translate("radsynth::workflow", "Input within the model's training data "
                                                                 "(score %1 of the threshold)")
            .arg(result.ratio, 0, 'f', 2);
    case OodResult::State::Unavailable:
    case OodResult::State::Failed:
        break;
    }
    return result.message.isEmpty() ? unavailableText() : result.message;
}

QString OodCheck::explanation(const OodResult &result)
{
    if (!result.scored())
        return QCoreApplication::translate("radsynth::workflow", "The out-of-distribution check compares an input image with the "
                                                                 "images the model was trained on. It needs the "
                                                                 "thresholds that 'radsynth-cli evaluate' writes into the model "
                                                                 "bundle (ood.json); %1")
            .arg(result.message.isEmpty() ? unavailableText() : result.message);
    QString text = QCoreApplication::translate("radsynth::workflow", "Two scores, computed with the model's own components, "
                                                                     "each compared with a threshold set at the %1th "
                                                                     "percentile of %2 validation images (so about %3 % of "
                                                                     "ordinary inputs exceed one of them):")
                       .arg(result.percentile, 0, 'f', 0)
                       .arg(result.validationImages)
                       .arg(2 * (100 - result.percentile), 0, 'f', 0);
    text += QLatin1Char('\n');
    text += QCoreApplication::translate("radsynth::workflow", "- encoder distance: %1 (threshold %2, %3 times): 1 - the "
                                                              "highest cosine similarity of the image's embedding to the "
                                                              "training images' embeddings;")
                .arg(result.distance, 0, 'f', 3)
                .arg(result.distanceThreshold, 0, 'f', 3)
                .arg(result.distanceThreshold > 0 ? result.distance / result.distanceThreshold : 0.0, 0, 'f', 2);
    text += QLatin1Char('\n');
    if (result.reconstruction >= 0 && result.reconstructionThreshold > 0)
        text += QCoreApplication::translate("radsynth::workflow", "- reconstruction error: %1 (threshold %2, %3 times): how "
                                                                  "badly the model's autoencoder redraws the image.")
                    .arg(result.reconstruction, 0, 'g', 3)
                    .arg(result.reconstructionThreshold, 0, 'g', 3)
                    .arg(result.reconstruction / result.reconstructionThreshold, 0, 'f', 2);
    else
        text += QCoreApplication::translate("radsynth::workflow", "- reconstruction error: not used (the bundle has no autoencoder).");
    text += QLatin1Char('\n');
    text += result.flagged()
                ? QCoreApplication::translate("radsynth::workflow", "The input is out of distribution because a score is above "
                                                                    "its threshold (the higher ratio is %1): "
                                                                    "the model was not trained on images like it, so what it "
                                                                    "synthesizes from it is less reliable.")
                      .arg(result.ratio, 0, 'f', 2)
                : QCoreApplication::translate("radsynth::workflow", "Both scores are within their thresholds.");
    return text;
}

OodResult OodCheck::worst(const QList<OodResult> &results)
{
    OodResult out;
    int best = -1;
    for (const OodResult &r : results) {
        const int s = severity(r);
        if (s > best || (s == best && r.ratio > out.ratio)) {
            best = s;
            out = r;
        }
    }
    return out;
}

QString OodCheck::provenanceText(const QList<OodResult> &results)
{
    QStringList lines;
    for (const OodResult &r : results)
        if (r.flagged())
            lines << warningText(r, true);
    if (!lines.isEmpty())
        return lines.join(QLatin1Char('\n'));
    for (const OodResult &r : results)
        if (!r.scored())
            return r.message.isEmpty() ? unavailableText() : r.message;
    return {};
}

} // namespace radsynth::workflow
