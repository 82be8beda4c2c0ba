#pragma once
// Model bundles (torch-free interface). A bundle is a folder:
//   manifest.json   name, version, resolution, configuration, components (file, shape summary,
//                   SHA-256, metrics), tokenizer file, training data description, metrics
//   <component>.pt  one weights file per component (named tensors, LibTorch archive)
//   vocab.txt       the report tokenizer's vocabulary
//   MODEL_CARD.md   what the model is, how it was trained, its limits
// A bundle may hold only some components; the generator then offers only the tasks it can do.
#include "radsynth/generation/Json.h"
#include "radsynth/generation/ModelConfig.h"
#include "radsynth/generation/Status.h"

#include <cstdint>
#include <string>
#include <vector>

namespace radsynth::generation {

enum class Component { Autoencoder, Encoders, FrontalUNet, LateralUNet, ReportDecoder };
inline constexpr Component kAllComponents[] = {Component::Autoencoder, Component::Encoders, Component::FrontalUNet,
                                               Component::LateralUNet, Component::ReportDecoder};
const char *componentName(Component component); // "autoencoder", "encoders", "frontal_unet", ...
bool parseComponent(const std::string &name, Component &out);

struct ComponentInfo {
    Component component;
    std::string file;
    std::string sha256;
    int64_t parameterCount = 0;
    Json shapes;  // {"name": [dims], ...}
    Json metrics; // e.g. {"steps": 2000, "train_loss": ..., "validation_loss": ...}
};

struct BundleInfo {
    std::string directory;
    std::string name = "radsynth-model";
    std::string version = "0.0.0";
    ModelConfig config;
    std::string tokenizerFile; // empty when the bundle has none
    std::string tokenizerSha256; // from the manifest; checked before the vocabulary is used
    // The out-of-distribution calibration (ood.json) when the manifest names it, with its SHA-256.
    std::string oodFile;
    std::string oodSha256;
    // The training reports' sentences as hashes (SentenceSet.h; report_sentences.bin) when the
    // manifest names them ("report_sentences": file, SHA-256, count): the drafting's preference
    // for sentences radiologists wrote.
    std::string reportSentencesFile;
    std::string reportSentencesSha256;
    long long reportSentenceCount = 0;
    Json trainingData;         // free description: dataset, studies, splits
    Json metrics;
    // Recommended sampling per task, chosen on the validation split: {"R2F": {"guidance": 4}, ...}.
    Json sampling;
    // Optional finding classifiers that guide report drafting (radsynth-cli train --stage findings):
    // {"frontal": {"file": "findings_frontal.pt", "sha256": "..."}, "lateral": {...}}.
    Json findingClassifiers;
    std::vector<ComponentInfo> components;
    bool has(Component component) const;
    const ComponentInfo *find(Component component) const;
    // "name version" plus the first 12 hex digits of the manifest hash, for provenance.
    std::string identity;
    // SHA-256 of manifest.json's bytes (what `sha256sum manifest.json` prints). The manifest holds
    // the SHA-256 of every file of the bundle, so this one hash pins the whole bundle.
    std::string manifestSha256;
};

// Reads and checks manifest.json (not the weights). Errors name what is wrong.
Outcome<BundleInfo> readManifest(const std::string &directory);
// Checks that <bundle>/<file> exists and matches the SHA-256 the manifest gives for it; `what`
// names it in the error ("the vocabulary vocab.txt"). Every file a manifest names is checked
// this way before it is used.
Status verifyBundleFile(const std::string &directory, const std::string &file, const std::string &sha256,
                        const std::string &what);
// Pinned bundles: when the environment names a trusted list (RADSYNTH_TRUSTED_BUNDLES=FILE: one
// SHA-256 of a manifest.json per line, as `sha256sum .../manifest.json` writes it; # comments), a
// bundle is used for generation only when its manifest hash is on the list. For sites that run only
// bundles they have vetted (a bundle downloaded or received, not trained here). Unset: no pinning.
std::string trustedBundleList();
Status checkTrustedBundle(const BundleInfo &info, const std::string &listPath);
// Records <bundle>/ood.json and its SHA-256 in the bundle's manifest.json (after calibration).
Status recordOodCalibration(const std::string &directory);
// Writes <bundle>/report_sentences.bin (the sentences of `reports`, hashed) and records it in the
// bundle's manifest.json.
Status writeReportSentences(const std::string &directory, const std::vector<std::string> &reports);

// Parameters a configuration implies for one component, from the configuration alone (nothing
// allocated). A lower bound of the real count (biases and norms left out), within a few percent.
std::int64_t estimatedParameters(const ModelConfig &config, Component component);
// Refuses, before anything is allocated, a configuration that implies more parameters than the
// component's weights file can hold (4 bytes each), or more memory than this machine has.
Status checkComponentBudget(const BundleInfo &info, const ComponentInfo &component);
Status writeManifest(const BundleInfo &info);
// Writes MODEL_CARD.md from the manifest, unless the bundle has a card a person wrote (one that does
// not start with RadSynth's generated-card line): that one is kept as it is.
Status writeModelCard(const BundleInfo &info);

struct CreateBundleOptions {
    std::string directory;
    std::string name = "radsynth-untrained";
    std::string version = "0.0.0";
    ModelConfig config;
    std::vector<Component> components{std::begin(kAllComponents), std::end(kAllComponents)};
    std::vector<std::string> tokenizerTexts; // reports to build the vocabulary from (may be empty)
    std::string tokenizerFile;               // or an existing vocabulary to keep (a fine-tuned bundle keeps its parent's words)
    int tokenizerMinCount = 1;
    uint64_t seed = 0;
};
// Creates a bundle with freshly initialised (untrained) weights: for benchmarks, tests and as the
// starting point of training.
Status createBundle(const CreateBundleOptions &options);

// The largest absolute difference between the weights (parameters and buffers) of one component in
// two bundles of the same configuration: how far two training runs ended apart (data-parallel
// against one process, docs/SCALING.md). An error when either lacks it or their shapes differ.
Outcome<double> weightDifference(const std::string &bundleA, const std::string &bundleB, Component component);

} // namespace radsynth::generation
