#pragma once
// An untrained tiny model bundle (preset "tiny", 32 px, every component) made in the test with the
// generation library's createBundle, as tests/generation does: the GUI tests check the workstation's
// flow (jobs, progress, cancellation, placement, marks), not what the model learned.
#include "radsynth/generation/Bundle.h"
#include "radsynth/generation/EvaluationModels.h"
#include "radsynth/generation/Sha256.h"

#include <QString>

namespace radsynth::test {

inline QString createTinyBundle(const QString &directory, const char *preset = "tiny", uint64_t seed = 5)
{
    generation::CreateBundleOptions options;
    options.directory = directory.toStdString();
    options.name = "radsynth-test-tiny";
    options.version = "0.0.1";
    options.config = generation::ModelConfig::fromPreset(preset).value();
    options.tokenizerTexts = {"heart size is normal .", "lungs are clear .", "no pleural effusion .", "no pneumothorax ."};
    options.seed = seed;
    const generation::Status status = generation::createBundle(options);
    return status ? QString() : QString::fromStdString(status.message());
}

// Gives a bundle the two finding classifiers (briefly trained on a few random images) and a
// recommendation of `candidates` report drafts for F2R: the workstation then drafts reports
// finding-guided, as with the shipped model.
inline QString addFindingClassifiers(const QString &directory, int candidates = 4)
{
    using namespace generation;
    auto info = readManifest(directory.toStdString());
    if (!info)
        return QString::fromStdString(info.message());
    std::vector<ImageData> images(6);
    std::vector<FindingLabels> labels(6);
    for (size_t i = 0; i < images.size(); ++i) {
        images[i].width = images[i].height = 32;
        images[i].pixels.assign(32 * 32, 0.1f + 0.13f * float(i));
        labels[i] = FindingLabels{};
        labels[i][i % 3 == 0 ? 0 : 2] = 1; // no_finding or cardiomegaly
    }
    std::vector<const ImageData *> pointers;
    for (const auto &image : images)
        pointers.push_back(&image);
    FindingClassifierOptions options;
    options.size = 32;
    options.epochs = 1;
    options.minimumSteps = 2;
    options.batch = 6;
    Json entries = Json::object();
    for (const char *view : {"frontal", "lateral"}) {
        auto classifier = FindingClassifier::train(pointers, labels, options);
        if (!classifier)
            return QString::fromStdString(classifier.message());
        const std::string file = std::string("findings_") + view + ".pt";
        const std::string path = directory.toStdString() + "/" + file;
        if (const generation::Status saved = classifier.value()->save(path); !saved)
            return QString::fromStdString(saved.message());
        Json entry = Json::object();
        entry.set("file", file);
        entry.set("sha256", sha256File(path));
        entries.set(view, entry);
    }
    info->findingClassifiers = entries;
    Json f2r = Json::object();
    f2r.set("candidates", candidates);
    info->sampling.set("F2R", f2r);
    const generation::Status written = writeManifest(info.value());
    return written ? QString() : QString::fromStdString(written.message());
}

} // namespace radsynth::test
