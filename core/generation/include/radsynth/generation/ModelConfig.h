#pragma once
// Architecture hyper-parameters of a model family (standard library only). Stored in the bundle
// manifest, so a bundle can be rebuilt exactly when it is loaded.
#include "radsynth/generation/Json.h"
#include "radsynth/generation/Status.h"

#include <string>
#include <vector>

namespace radsynth::generation {

struct ModelConfig {
    std::string preset = "default";
    int resolution = 128;                       // images are R x R, values 0..1
    int latentChannels = 4;                     // KL autoencoder latent: 4 x R/8 x R/8
    std::vector<int> autoencoderChannels{16, 32, 48, 48}; // one per level; 3 downsamplings (factor 8)
    int unetBase = 48;                          // UNet base channels
    std::vector<int> unetMultipliers{1, 2, 2};  // one per UNet level
    int unetResBlocks = 1;                      // residual blocks per level (down path)
    std::vector<int> crossAttentionLevels{0, 1, 2}; // levels with cross-attention to the prompt tokens
    std::vector<int> selfAttentionLevels{1, 2};     // levels that also have self-attention
    int heads = 4;
    int contextDim = 128;                       // prompt embedding / context token width
    int encoderLayers = 2;                      // image encoder transformer layers
    int textLayers = 2;                         // report text encoder layers
    int decoderLayers = 2;                      // report generator layers
    int maxTokens = 96;                         // report length in tokens, <bos> and <eos> included
    int vocabSize = 0;                          // from the tokenizer
    int diffusionSteps = 1000;                  // training noise schedule length
    // The UNets also see the other view's latent, concatenated to their input (with a presence
    // plane), besides its tokens through cross-attention: frontal and lateral share the
    // craniocaudal axis, so heights (apices, diaphragm, heart) carry over position by position.
    bool spatialCondition = false;
    // The report generator owns an image encoder (initialised from the aligned one) that it trains
    // with the language loss, instead of reading the frozen aligned tokens.
    bool reportImageEncoder = false;

    int latentSize() const { return resolution / 8; }
    int encoderInputSize() const { return resolution < 64 ? resolution : 64; }
    int imageTokens() const { return (encoderInputSize() / 8) * (encoderInputSize() / 8); }

    // "default" (128 px, CPU), "tiny" (32 px, tests), "paper" (256 px, 320 base channels,
    // multipliers 1,2,4,4, context 768: the published model's size, for GPUs and comparisons).
    static Outcome<ModelConfig> fromPreset(const std::string &name);
    Json toJson() const;
    static Outcome<ModelConfig> fromJson(const Json &json);
    Status validate() const;
};

} // namespace radsynth::generation
