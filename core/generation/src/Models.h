#pragma once
// Internal: the LibTorch modules of the model family. Only the library's own sources include this
// header (the public API is torch-free), so Qt programs and tests never parse LibTorch.
#include "radsynth/generation/Generator.h"
#include "radsynth/generation/ModelConfig.h"

#include <torch/torch.h>

#include <functional>
#include <string>
#include <vector>

namespace radsynth::generation::detail {

int groupsFor(int channels);

// Multi-head attention with an optional key mask ([B, M] bool, true = attend) and causal masking.
struct AttentionImpl : torch::nn::Module {
    AttentionImpl(int dim, int contextDim, int heads);
    torch::Tensor forward(const torch::Tensor &x, const torch::Tensor &context, const torch::Tensor &mask, bool causal);
    torch::nn::Linear q{nullptr}, k{nullptr}, v{nullptr}, o{nullptr};
    int heads;
};
TORCH_MODULE(Attention);

// Pre-norm transformer block: self-attention (optional), cross-attention (when contextDim > 0), MLP.
struct TransformerBlockImpl : torch::nn::Module {
    TransformerBlockImpl(int dim, int contextDim, int heads, bool selfAttention, bool causal);
    torch::Tensor forward(torch::Tensor x, const torch::Tensor &selfMask, const torch::Tensor &context, const torch::Tensor &contextMask);
    torch::nn::LayerNorm norm1{nullptr}, norm2{nullptr}, norm3{nullptr};
    Attention selfAttention{nullptr}, crossAttention{nullptr};
    torch::nn::Linear fc1{nullptr}, fc2{nullptr};
    bool causal;
};
TORCH_MODULE(TransformerBlock);

struct ResBlockImpl : torch::nn::Module {
    ResBlockImpl(int in, int out, int timeDim);
    torch::Tensor forward(const torch::Tensor &x, const torch::Tensor &time);
    torch::nn::GroupNorm norm1{nullptr}, norm2{nullptr};
    torch::nn::Conv2d conv1{nullptr}, conv2{nullptr}, skip{nullptr};
    torch::nn::Linear timeProjection{nullptr};
};
TORCH_MODULE(ResBlock);

// KL-regularised autoencoder shared by both views: 1 x R x R (0..1) <-> latentChannels x R/8 x R/8.
struct AutoencoderImpl : torch::nn::Module {
    explicit AutoencoderImpl(const ModelConfig &config);
    // Returns {mean, logvar} of the posterior (unscaled latent).
    std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor &image);
    torch::Tensor decode(const torch::Tensor &latent); // image 0..1 (not clamped)
    torch::nn::Conv2d encoderIn{nullptr}, encoderOut{nullptr}, decoderIn{nullptr}, decoderOut{nullptr};
    std::vector<ResBlock> encoderBlocks, decoderBlocks;
    std::vector<torch::nn::Conv2d> downsamplers, upsamplers;
    ResBlock encoderMid{nullptr}, decoderMid{nullptr};
    torch::nn::GroupNorm encoderNorm{nullptr}, decoderNorm{nullptr};
    torch::Tensor latentScale; // buffer: 1 / std of training latents (set after training)
};
TORCH_MODULE(Autoencoder);

// Prompt encoders in one aligned space: image encoder (shared by both views) and report encoder.
struct PromptEncodersImpl : torch::nn::Module {
    explicit PromptEncodersImpl(const ModelConfig &config);
    // image: [B, 1, R, R] 0..1 -> tokens [B, T, D]; pooled: normalised [B, D]
    std::pair<torch::Tensor, torch::Tensor> encodeImage(const torch::Tensor &image);
    // ids: [B, L] (0 = pad) -> tokens [B, L, D], pooled [B, D]; mask [B, L] bool
    std::pair<torch::Tensor, torch::Tensor> encodeText(const torch::Tensor &ids);
    ModelConfig config;
    torch::nn::Conv2d imageConv1{nullptr}, imageConv2{nullptr}, imageConv3{nullptr};
    torch::nn::GroupNorm imageNorm1{nullptr}, imageNorm2{nullptr};
    torch::Tensor imagePosition, textPosition, logitScale;
    std::vector<TransformerBlock> imageLayers, textLayers;
    torch::nn::LayerNorm imageNorm{nullptr}, textNorm{nullptr};
    torch::nn::Linear imageProjection{nullptr}, textProjection{nullptr};
    torch::nn::Embedding textEmbedding{nullptr};
};
TORCH_MODULE(PromptEncoders);

enum ConditionSlot { kSlotFrontal = 0, kSlotLateral = 1, kSlotReport = 2 };

// A conditioning context: tokens of the inputs present, concatenated, and their key mask.
struct Context {
    torch::Tensor tokens; // [B, M, D]
    torch::Tensor mask;   // [B, M] bool
};

// Latent diffusion UNet (epsilon prediction) with cross-attention to the prompt context. The
// context always starts with a learned null token (the only token for the unconditional branch),
// then the tokens of each input with a learned modality embedding added.
struct UNetImpl : torch::nn::Module {
    explicit UNetImpl(const ModelConfig &config);
    // `condition` ([B, C + 1, S, S]: the other view's scaled latent and a presence plane) is used
    // when config.spatialCondition; undefined means no other view (zeros).
    torch::Tensor forward(const torch::Tensor &latent, const torch::Tensor &timesteps, const Context &context,
                          const torch::Tensor &condition = {});
    // The spatial condition for `latent` [B, C, S, S] (undefined: none), `present` [B] bool or undefined (all).
    static torch::Tensor spatialCondition(const torch::Tensor &latent, const torch::Tensor &present);
    // Builds the context from per-slot tokens; a slot with an undefined tensor is absent. `keep`
    // ([B] bool per slot, optional) drops a slot for some samples (multi-prompt training, CFG).
    Context buildContext(const std::vector<std::pair<int, torch::Tensor>> &slots, const std::vector<torch::Tensor> &slotMasks) const;
    ModelConfig config;
    torch::nn::Linear time1{nullptr}, time2{nullptr};
    torch::nn::Conv2d input{nullptr}, output{nullptr};
    torch::nn::GroupNorm outputNorm{nullptr};
    struct Stage {
        ResBlock res{nullptr};
        TransformerBlock attention{nullptr};
        torch::nn::GroupNorm attentionNorm{nullptr};
        torch::nn::Conv2d sample{nullptr}; // downsampler / upsampler after this block, or null
    };
    std::vector<Stage> down, up;
    ResBlock mid1{nullptr}, mid2{nullptr};
    TransformerBlock midAttention{nullptr};
    torch::nn::GroupNorm midNorm{nullptr};
    torch::Tensor nullToken, modalityEmbedding;
};
TORCH_MODULE(UNet);

// Report generator: transformer decoder with cross-attention to image context tokens.
// Per-layer keys and values of the tokens decoded so far (self-attention) and of the context
// (cross-attention, computed once): incremental decoding costs one token per step, not the prefix.
struct DecoderCache {
    std::vector<torch::Tensor> selfKeys, selfValues, crossKeys, crossValues;
    void reorder(const torch::Tensor &parents); // keep/duplicate hypotheses (beam search)
};

struct ReportDecoderImpl : torch::nn::Module {
    explicit ReportDecoderImpl(const ModelConfig &config);
    torch::Tensor forward(const torch::Tensor &ids, const Context &context); // logits [B, S, V]
    // Logits [B, V] of the token after `lastIds` [B] at position `at`, given `cache` (updated).
    // Equal to forward(prefix).select(1, at) for the same prefix.
    torch::Tensor step(const torch::Tensor &lastIds, int64_t at, const Context &context, DecoderCache &cache);
    Context buildContext(const torch::Tensor &frontalTokens, const torch::Tensor &lateralTokens) const;
    // Context tokens of an image [B, 1, R, R]: the decoder's own encoder when config.reportImageEncoder,
    // else `shared`'s (the aligned prompt encoder).
    torch::Tensor imageTokens(const torch::Tensor &image, PromptEncodersImpl &shared);
    ModelConfig config;
    PromptEncoders imageEncoder{nullptr}; // only with config.reportImageEncoder
    torch::nn::Embedding embedding{nullptr};
    torch::Tensor position, modalityEmbedding;
    std::vector<TransformerBlock> layers;
    torch::nn::LayerNorm norm{nullptr};
    torch::nn::Linear head{nullptr};
};
TORCH_MODULE(ReportDecoder);

// Noise schedule (scaled-linear betas as latent diffusion) and the two samplers.
struct Schedule {
    explicit Schedule(int steps);
    std::vector<double> alphaBar;
    int steps() const { return int(alphaBar.size()); }
};

enum class SamplerKind { Ddim, DpmSolver2M };
// Noise prediction for latents x at integer timestep t.
using NoiseModel = std::function<torch::Tensor(const torch::Tensor &x, int64_t t)>;
// Runs the sampler from x (noise at the schedule's end). `onStep(i)` is called before step i and
// returns false to stop (the function then returns an undefined tensor).
torch::Tensor sample(const Schedule &schedule, SamplerKind kind, int steps, double eta, torch::Tensor x, const NoiseModel &model,
                     at::Generator &generator, const std::function<bool(int)> &onStep);

at::Generator makeGenerator(uint64_t seed);

// Flattened parameter + buffer names and shapes of a module, for the manifest and for checks.
std::vector<std::pair<std::string, std::vector<int64_t>>> shapeSummary(torch::nn::Module &module);

// Resizes [B,1,H,W] images to size x size (area when shrinking, bilinear when enlarging).
torch::Tensor resizeImages(const torch::Tensor &images, int size);

// An input image as the model reads it: [1, 1, size, size], clamped to 0..1. Inputs prepared by
// imaging::prepareModelInput are already size x size and pass unchanged; any other image is
// padded to a square (zeros, centred) and resized.
torch::Tensor inputImage(const ImageData &image, int size);

} // namespace radsynth::generation::detail
