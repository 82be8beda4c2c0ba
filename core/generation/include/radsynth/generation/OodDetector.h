#pragma once
// Out-of-distribution check of input images (torch-free interface): tells the user when an input
// image is unlike anything the model was trained on. Two scores per image:
//  - reconstruction: mean squared error of the bundle's autoencoder reconstruction;
//  - distance: 1 - the highest cosine similarity of the image-encoder embedding to a reference set
//    of training embeddings (stored in ood.json).
//  - layout: how much of the image's standardised 16 x 16 thumbnail the training thumbnails'
//    first 24 principal components do not explain (a chest radiograph's gross layout: two dark
//    lungs either side of a bright mediastinum, or a lateral's; a CT slice, an MR or a limb is off
//    that subspace even when the encoders, trained on chests only, embed it near a chest).
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
    double layout = -1;         // < 0: the calibration has no layout reference (older ood.json)
    // The largest score / its threshold: > 1 means out of distribution.
    double ratio = 0;
    bool outOfDistribution = false;
};

struct OodCalibration {
    double percentile = 99;
    double reconstructionThreshold = -1; // < 0: not used
    double distanceThreshold = 0;
    std::vector<Embedding> reference;    // training embeddings
    double layoutThreshold = -1;         // < 0: not used
    std::vector<Embedding> layoutReference; // the layout model: row 0 the thumbnails' mean, then the components
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
    // `validationGroups` (optional, one per validation image): the source of each image (e.g.
    // simulated, or one real collection); each threshold is then the highest of the groups'
    // percentiles, so that every source the model learnt is in distribution.
    static Outcome<OodCalibration> calibrate(const BundleFeatures &features, const std::vector<const ImageData *> &training,
                                             const std::vector<const ImageData *> &validation, double percentile = 99,
                                             int referenceCount = 256, const std::vector<int> &validationGroups = {});
    static Status save(const OodCalibration &calibration, const std::string &path);
    static Outcome<OodCalibration> read(const std::string &path);
    // Scores with already computed values (used by the evaluation tool and by score()).
    static std::vector<OodScore> score(const OodCalibration &calibration, const std::vector<Embedding> &embeddings,
                                       const std::vector<double> &reconstructionErrors, const std::vector<double> &layoutDistances = {});
    // The layout score of each image (empty when the calibration has no layout reference).
    static std::vector<double> layoutDistances(const OodCalibration &calibration, const std::vector<const ImageData *> &images);

    Outcome<OodScore> score(const ImageData &image) const;
    Outcome<std::vector<OodScore>> score(const std::vector<const ImageData *> &images) const;
    const OodCalibration &calibration() const;

private:
    OodDetector() = default;
    std::unique_ptr<BundleFeatures> m_features;
    OodCalibration m_calibration;
};

} // namespace radsynth::generation
