#pragma once
// Models the evaluation tool and the workstation need besides the generator (torch-free interface;
// LibTorch stays in src/EvaluationModels.cpp):
//  - BundleFeatures: a bundle's own image encoder (pooled, normalised embeddings of images and
//    reports) and autoencoder (reconstruction error), loaded without the UNets and the decoder.
//  - FindingClassifier: a small CNN that predicts the 14 observations from one view, trained on
//    simulator images (finding fidelity of generated images, the downstream test).
#include "radsynth/generation/Generator.h"
#include "radsynth/generation/Status.h"
#include "radsynth/generation/TrainingCache.h"

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace radsynth::generation {

using Embedding = std::vector<float>;

// A training-cache image (side*side uint16, 0..65535 = intensity 0..1) as ImageData; empty
// pixels give an empty image. The one conversion the trainer's findings stage and the
// evaluation tool share.
ImageData imageFromCachePixels(const std::vector<uint16_t> &pixels, int side);

class BundleFeatures {
public:
    ~BundleFeatures();
    BundleFeatures(const BundleFeatures &) = delete;
    BundleFeatures &operator=(const BundleFeatures &) = delete;

    // Loads the encoders and (when present) the autoencoder of a bundle, with the same checks as
    // Generator::load. Fails when the bundle has no encoders.
    static Outcome<std::unique_ptr<BundleFeatures>> load(const std::string &bundleDirectory, const std::string &device = "cpu");

    const BundleInfo &info() const;
    int dimension() const;           // embedding width (the model's context width)
    bool hasAutoencoder() const;
    bool hasTokenizer() const;

    // Pooled, L2-normalised image-encoder embeddings, one per image. Images of any size are padded
    // to square and resized to the model resolution as the generator does.
    Outcome<std::vector<Embedding>> embedImages(const std::vector<const ImageData *> &images, int batch = 32) const;
    // Pooled, L2-normalised report-encoder embeddings (the aligned space of embedImages).
    Outcome<std::vector<Embedding>> embedReports(const std::vector<std::string> &reports, int batch = 32) const;
    // Mean squared error between each image (at model resolution) and its autoencoder
    // reconstruction (posterior mean decoded).
    Outcome<std::vector<double>> reconstructionErrors(const std::vector<const ImageData *> &images, int batch = 16) const;
    // The autoencoder reconstructions themselves (model resolution): the sharpest any latent
    // generator of this bundle can draw a given image, a ceiling for its paired-image metrics.
    Outcome<std::vector<ImageData>> reconstructions(const std::vector<const ImageData *> &images, int batch = 16) const;

    struct Impl;

private:
    explicit BundleFeatures(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

using FindingLabels = std::array<int8_t, kObservationCount>; // 1 positive, 0 negative, -1 uncertain
using FindingScores = std::array<float, kObservationCount>;  // probabilities 0..1

struct FindingClassifierOptions {
    int size = 64;        // input resolution (images are resized to size x size)
    // Channels of the first convolution; each strided convolution doubles them, up to 8 x width.
    // The network strides down by 2 until the map is at most 8 x 8, then adds one unstrided
    // convolution: at 64 px, four convolutions of 16, 32, 64 and 128 channels (0.1 M parameters);
    // at 128 px and width 32, five of 32 ... 256 (1.0 M).
    int width = 16;
    int epochs = 12;
    int minimumSteps = 300; // more epochs when the set is small, so that small sets train as long
    int batch = 32;
    double learningRate = 2e-3;
    uint64_t seed = 1;
    bool augment = true;  // small random shifts and intensity changes
};

// Small CNN (strided convolutions, global mean and max pooling, 14 logits; its shape in
// FindingClassifierOptions) trained with binary cross-entropy; uncertain labels (-1) count as
// positive. The file records the input size, width and depth; files without width and depth are
// the original 64 px shape (width 16, four convolutions). Training runs on one LibTorch thread, so the same
// images, labels and seed give the same classifier whatever the caller's thread count.
class FindingClassifier {
public:
    ~FindingClassifier();
    FindingClassifier(const FindingClassifier &) = delete;
    FindingClassifier &operator=(const FindingClassifier &) = delete;

    static Outcome<std::unique_ptr<FindingClassifier>> train(const std::vector<const ImageData *> &images, const std::vector<FindingLabels> &labels,
                                                             const FindingClassifierOptions &options = {},
                                                             const std::function<void(int epoch, double loss)> &progress = {});
    static Outcome<std::unique_ptr<FindingClassifier>> load(const std::string &path);
    Status save(const std::string &path) const;

    int size() const;
    int width() const;
    int layers() const; // convolutions
    int64_t parameterCount() const;
    Outcome<std::vector<FindingScores>> predict(const std::vector<const ImageData *> &images, int batch = 64) const;
    // Where on a frontal the classifier sees each observation, in logit units; positive: on the
    // patient's left (the image's right, as radiographs are shown). Meaningless for a lateral view.
    //   MirroredHalves: its logit for the image made of the patient's left half beside that half's
    //     mirror image, minus the logit for the one made of the right half;
    //   LogitSplit: its logit (bias apart) as a sum over the last feature map's positions (mean
    //     pooling spreads each channel's weight, max pooling puts it at the channel's peak), the part
    //     in the patient's left half minus the part in the right half.
    enum class SideReading { MirroredHalves, LogitSplit };
    Outcome<std::vector<FindingScores>> sideEvidence(const std::vector<const ImageData *> &images, SideReading reading = SideReading::MirroredHalves,
                                                     int batch = 64) const;

    struct Impl;

private:
    explicit FindingClassifier(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace radsynth::generation
