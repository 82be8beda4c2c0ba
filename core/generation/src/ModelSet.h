#pragma once
// Internal: the modules of a bundle in memory, and component save/load with checks.
#include "Models.h"
#include "radsynth/generation/Bundle.h"
#include "radsynth/generation/Tokenizer.h"

namespace radsynth::generation::detail {

struct ModelSet {
    BundleInfo info;
    Tokenizer tokenizer;
    bool hasTokenizer = false;
    torch::Device device{torch::kCPU};
    Autoencoder autoencoder{nullptr};
    PromptEncoders encoders{nullptr};
    UNet frontal{nullptr}, lateral{nullptr};
    ReportDecoder reportDecoder{nullptr};
    std::shared_ptr<torch::nn::Module> module(Component component) const;
};

std::shared_ptr<torch::nn::Module> makeComponent(Component component, const ModelConfig &config, ModelSet &set);
// Writes the component's weights file and updates `info` (file, SHA-256, shapes); the caller
// writes the manifest.
Status saveComponent(BundleInfo &info, Component component, torch::nn::Module &module, const Json &metrics);
// Loads what the manifest lists, verifying hashes and shapes. `only` limits the components loaded.
Outcome<ModelSet> loadModelSet(const std::string &directory, const std::string &device, const std::vector<Component> &only = {});
Outcome<torch::Device> parseDevice(const std::string &device);

} // namespace radsynth::generation::detail
