#pragma once
// Out-of-distribution check of input images (torch-free interface): tells the user when an input
// image is unlike anything the model was trained on. Two scores per image:
//  - reconstruction: mean squared error of the bundle's autoencoder reconstruction;
//  - distance: 1 - the highest cosine similarity of the image-encoder embedding to a reference set
//    of training embeddings (stored in ood.json).
// Each has a threshold set on validation images (a percentile, 99 by default); an image is out of
// distribution when either score exceeds its threshold. Calibration writes <bundle>/ood.json.
#include "radsynth/generation/EvaluationModels.h"

#include <memory>
#include <string>
#include <vector>

namespace radsynth::generation {

struct OodScore {
    double reconstruction = -1; // < 0: the bundle has no autoencoder
    double distance = 0;
    // max(reconstruction / its threshold, distance / its threshold): > 1 means out of distribution.
    double ratio = 0;
    bool outOfDistribution = false;
};

struct OodCalibration {
    double percentile = 99;
    double reconstructionThreshold = -1; // < 0: not used
    double distanceThreshold = 0;
    std::vector<Embedding> reference;    // training embeddings
    int validationImages = 0;
};

class OodDetector {
public:
    ~OodDetector();
    OodDetector(const OodDetector &) = delete;
    OodDetector &operator=(const OodDetector &) = delete;

    static constexpr const char *kFileName = "ood.json";

    // Loads the bundle's encoders/autoencoder and <bundle>/ood.json (or `calibrationFile`).
    static Outcome<std::unique_ptr<OodDetector>> load(const std::string &bundleDirectory, const std::string &calibrationFile = {},
                                                      const std::string &device = "cpu");
    // Sets the thresholds from validation images and keeps up to `referenceCount` training
    // embeddings. Uses already loaded features.
    static Outcome<OodCalibration> calibrate(const BundleFeatures &features, const std::vector<const ImageData *> &training,
                                             const std::vector<const ImageData *> &validation, double percentile = 99,
                                             int referenceCount = 256);
    static Status save(const OodCalibration &calibration, const std::string &path);
    static Outcome<OodCalibration> read(const std::string &path);
    // Scores with already computed values (used by the evaluation tool and by score()).
    static std::vector<OodScore> score(const OodCalibration &calibration, const std::vector<Embedding> &embeddings,
                                       const std::vector<double> &reconstructionErrors);

    Outcome<OodScore> score(const ImageData &image) const;
    Outcome<std::vector<OodScore>> score(const std::vector<const ImageData *> &images) const;
    const OodCalibration &calibration() const;

private:
    OodDetector() = default;
    std::unique_ptr<BundleFeatures> m_features;
    OodCalibration m_calibration;
};

} // namespace radsynth::generation
