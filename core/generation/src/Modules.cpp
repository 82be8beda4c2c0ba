#include "Models.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>

namespace F = torch::nn::functional;

namespace radsynth::generation::detail {

int groupsFor(int channels)
{
    for (int g : {32, 16, 8, 4, 2})
        if (channels % g == 0 && channels / g >= 2)
            return g;
    return 1;
}

namespace {
torch::nn::Conv2d conv(int in, int out, int kernel, int stride = 1)
{
    return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel).stride(stride).padding(kernel / 2));
}
torch::nn::GroupNorm groupNorm(int channels) { return torch::nn::GroupNorm(torch::nn::GroupNormOptions(groupsFor(channels), channels)); }

torch::Tensor timestepEmbedding(const torch::Tensor &t, int dim)
{
    const int half = dim / 2;
    auto freqs = torch::exp(-std::log(10000.0) * torch::arange(0, half, torch::TensorOptions().dtype(torch::kFloat32).device(t.device())) / half);
    auto args = t.to(torch::kFloat32).unsqueeze(1) * freqs.unsqueeze(0);
    return torch::cat({torch::cos(args), torch::sin(args)}, 1);
}
} // namespace

AttentionImpl::AttentionImpl(int dim, int contextDim, int heads_) : heads(heads_)
{
    q = register_module("q", torch::nn::Linear(torch::nn::LinearOptions(dim, dim).bias(false)));
    k = register_module("k", torch::nn::Linear(torch::nn::LinearOptions(contextDim, dim).bias(false)));
    v = register_module("v", torch::nn::Linear(torch::nn::LinearOptions(contextDim, dim).bias(false)));
    o = register_module("o", torch::nn::Linear(dim, dim));
}

torch::Tensor AttentionImpl::forward(const torch::Tensor &x, const torch::Tensor &context, const torch::Tensor &mask, bool causal)
{
    const auto B = x.size(0), N = x.size(1), C = x.size(2), M = context.size(1);
    const int64_t d = C / heads;
    auto query = q(x).view({B, N, heads, d}).transpose(1, 2);
    auto key = k(context).view({B, M, heads, d}).transpose(1, 2);
    auto value = v(context).view({B, M, heads, d}).transpose(1, 2);
    auto scores = torch::matmul(query, key.transpose(-2, -1)) * (1.0 / std::sqrt(double(d)));
    if (mask.defined())
        scores = scores.masked_fill(mask.logical_not().view({B, 1, 1, M}), -1e9);
    if (causal) {
        auto future = torch::ones({N, M}, torch::TensorOptions().dtype(torch::kBool).device(x.device())).triu(1);
        scores = scores.masked_fill(future, -1e9);
    }
    auto out = torch::matmul(torch::softmax(scores, -1), value).transpose(1, 2).reshape({B, N, C});
    return o(out);
}

TransformerBlockImpl::TransformerBlockImpl(int dim, int contextDim, int heads, bool withSelf, bool causal_) : causal(causal_)
{
    if (withSelf) {
        norm1 = register_module("norm1", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim})));
        selfAttention = register_module("self_attention", Attention(dim, dim, heads));
    }
    if (contextDim > 0) {
        norm2 = register_module("norm2", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim})));
        crossAttention = register_module("cross_attention", Attention(dim, contextDim, heads));
    }
    norm3 = register_module("norm3", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim})));
    fc1 = register_module("fc1", torch::nn::Linear(dim, 4 * dim));
    fc2 = register_module("fc2", torch::nn::Linear(4 * dim, dim));
}

torch::Tensor TransformerBlockImpl::forward(torch::Tensor x, const torch::Tensor &selfMask, const torch::Tensor &context, const torch::Tensor &contextMask)
{
    if (selfAttention) {
        auto h = norm1(x);
        x = x + selfAttention(h, h, selfMask, causal);
    }
    if (crossAttention && context.defined())
        x = x + crossAttention(norm2(x), context, contextMask, false);
    return x + fc2(F::gelu(fc1(norm3(x))));
}

ResBlockImpl::ResBlockImpl(int in, int out, int timeDim)
{
    norm1 = register_module("norm1", groupNorm(in));
    conv1 = register_module("conv1", conv(in, out, 3));
    norm2 = register_module("norm2", groupNorm(out));
    conv2 = register_module("conv2", conv(out, out, 3));
    if (in != out)
        skip = register_module("skip", conv(in, out, 1));
    if (timeDim > 0)
        timeProjection = register_module("time", torch::nn::Linear(timeDim, out));
}

torch::Tensor ResBlockImpl::forward(const torch::Tensor &x, const torch::Tensor &time)
{
    auto h = conv1(torch::silu(norm1(x)));
    if (timeProjection && time.defined())
        h = h + timeProjection(torch::silu(time)).unsqueeze(-1).unsqueeze(-1);
    h = conv2(torch::silu(norm2(h)));
    return (skip ? skip(x) : x) + h;
}

AutoencoderImpl::AutoencoderImpl(const ModelConfig &config)
{
    const auto &ch = config.autoencoderChannels;
    const int levels = int(ch.size());
    encoderIn = register_module("encoder_in", conv(1, ch[0], 3));
    int previous = ch[0];
    for (int l = 0; l < levels; ++l) {
        encoderBlocks.push_back(register_module("encoder_block" + std::to_string(l), ResBlock(previous, ch[l], 0)));
        previous = ch[l];
        if (l + 1 < levels)
            downsamplers.push_back(register_module("down" + std::to_string(l), conv(ch[l], ch[l], 3, 2)));
    }
    encoderMid = register_module("encoder_mid", ResBlock(previous, previous, 0));
    encoderNorm = register_module("encoder_norm", groupNorm(previous));
    encoderOut = register_module("encoder_out", conv(previous, 2 * config.latentChannels, 3));

    decoderIn = register_module("decoder_in", conv(config.latentChannels, ch[levels - 1], 3));
    decoderMid = register_module("decoder_mid", ResBlock(ch[levels - 1], ch[levels - 1], 0));
    previous = ch[levels - 1];
    for (int l = levels - 1; l >= 0; --l) {
        decoderBlocks.push_back(register_module("decoder_block" + std::to_string(l), ResBlock(previous, ch[l], 0)));
        previous = ch[l];
        if (l > 0)
            upsamplers.push_back(register_module("up" + std::to_string(l), conv(ch[l], ch[l], 3)));
    }
    decoderNorm = register_module("decoder_norm", groupNorm(previous));
    decoderOut = register_module("decoder_out", conv(previous, 1, 3));
    latentScale = register_buffer("latent_scale", torch::ones({1}));
}

std::pair<torch::Tensor, torch::Tensor> AutoencoderImpl::encode(const torch::Tensor &image)
{
    auto h = encoderIn(image * 2 - 1);
    for (size_t l = 0; l < encoderBlocks.size(); ++l) {
        h = encoderBlocks[l](h, torch::Tensor());
        if (l < downsamplers.size())
            h = downsamplers[l](h);
    }
    h = encoderOut(torch::silu(encoderNorm(encoderMid(h, torch::Tensor()))));
    auto parts = h.chunk(2, 1);
    return {parts[0], parts[1].clamp(-30, 20)};
}

torch::Tensor AutoencoderImpl::decode(const torch::Tensor &latent)
{
    auto h = decoderMid(decoderIn(latent), torch::Tensor());
    for (size_t i = 0; i < decoderBlocks.size(); ++i) {
        h = decoderBlocks[i](h, torch::Tensor());
        if (i < upsamplers.size())
            h = upsamplers[i](F::interpolate(h, F::InterpolateFuncOptions().scale_factor(std::vector<double>{2.0, 2.0}).mode(torch::kNearest)));
    }
    return (decoderOut(torch::silu(decoderNorm(h))) + 1) * 0.5;
}

PromptEncodersImpl::PromptEncodersImpl(const ModelConfig &c) : config(c)
{
    const int D = c.contextDim;
    imageConv1 = register_module("image_conv1", conv(1, D / 4, 3, 2));
    imageNorm1 = register_module("image_norm1", groupNorm(D / 4));
    imageConv2 = register_module("image_conv2", conv(D / 4, D / 2, 3, 2));
    imageNorm2 = register_module("image_norm2", groupNorm(D / 2));
    imageConv3 = register_module("image_conv3", conv(D / 2, D, 3, 2));
    imagePosition = register_parameter("image_position", torch::randn({1, c.imageTokens(), D}) * 0.02);
    for (int i = 0; i < c.encoderLayers; ++i)
        imageLayers.push_back(register_module("image_layer" + std::to_string(i), TransformerBlock(D, 0, c.heads, true, false)));
    imageNorm = register_module("image_norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({D})));
    imageProjection = register_module("image_projection", torch::nn::Linear(D, D));

    textEmbedding = register_module("text_embedding", torch::nn::Embedding(std::max(c.vocabSize, 4), D));
    textPosition = register_parameter("text_position", torch::randn({1, c.maxTokens, D}) * 0.02);
    for (int i = 0; i < c.textLayers; ++i)
        textLayers.push_back(register_module("text_layer" + std::to_string(i), TransformerBlock(D, 0, c.heads, true, false)));
    textNorm = register_module("text_norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({D})));
    textProjection = register_module("text_projection", torch::nn::Linear(D, D));
    logitScale = register_parameter("logit_scale", torch::full({1}, std::log(1 / 0.07)));
}

std::pair<torch::Tensor, torch::Tensor> PromptEncodersImpl::encodeImage(const torch::Tensor &image)
{
    auto x = resizeImages(image, config.encoderInputSize()) * 2 - 1;
    x = torch::silu(imageNorm1(imageConv1(x)));
    x = torch::silu(imageNorm2(imageConv2(x)));
    x = imageConv3(x).flatten(2).transpose(1, 2) + imagePosition; // [B, T, D]
    for (auto &layer : imageLayers)
        x = layer(x, torch::Tensor(), torch::Tensor(), torch::Tensor());
    x = imageNorm(x);
    auto pooled = F::normalize(imageProjection(x.mean(1)), F::NormalizeFuncOptions().dim(-1));
    return {x, pooled};
}

std::pair<torch::Tensor, torch::Tensor> PromptEncodersImpl::encodeText(const torch::Tensor &ids)
{
    auto mask = ids.ne(0);
    const auto L = ids.size(1);
    auto x = textEmbedding(ids) + textPosition.narrow(1, 0, L);
    for (auto &layer : textLayers)
        x = layer(x, mask, torch::Tensor(), torch::Tensor());
    x = textNorm(x);
    auto weights = mask.unsqueeze(-1).to(x.dtype());
    auto mean = (x * weights).sum(1) / weights.sum(1).clamp_min(1);
    auto pooled = F::normalize(textProjection(mean), F::NormalizeFuncOptions().dim(-1));
    return {x, pooled};
}

UNetImpl::UNetImpl(const ModelConfig &c) : config(c)
{
    const int base = c.unetBase, timeDim = 4 * base, D = c.contextDim;
    time1 = register_module("time1", torch::nn::Linear(base, timeDim));
    time2 = register_module("time2", torch::nn::Linear(timeDim, timeDim));
    input = register_module("input", conv(c.spatialCondition ? 2 * c.latentChannels + 1 : c.latentChannels, base, 3));
    auto has = [](const std::vector<int> &levels, int l) { return std::find(levels.begin(), levels.end(), l) != levels.end(); };
    const int levels = int(c.unetMultipliers.size());
    std::vector<int> skips{base};
    int ch = base;
    int index = 0;
    auto makeStage = [&](int in, int out, int level, const std::string &prefix) {
        Stage s;
        s.res = register_module(prefix + "_res" + std::to_string(index), ResBlock(in, out, timeDim));
        if (has(c.crossAttentionLevels, level)) {
            s.attentionNorm = register_module(prefix + "_norm" + std::to_string(index), groupNorm(out));
            s.attention = register_module(prefix + "_attention" + std::to_string(index),
                                          TransformerBlock(out, D, c.heads, has(c.selfAttentionLevels, level), false));
        }
        ++index;
        return s;
    };
    for (int l = 0; l < levels; ++l) {
        const int out = base * c.unetMultipliers[size_t(l)];
        for (int r = 0; r < c.unetResBlocks; ++r) {
            down.push_back(makeStage(ch, out, l, "down"));
            ch = out;
            skips.push_back(ch);
        }
        if (l + 1 < levels) {
            down.back().sample = register_module("downsample" + std::to_string(l), conv(ch, ch, 3, 2));
            skips.push_back(ch);
        }
    }
    mid1 = register_module("mid1", ResBlock(ch, ch, timeDim));
    midNorm = register_module("mid_norm", groupNorm(ch));
    midAttention = register_module("mid_attention", TransformerBlock(ch, D, c.heads, true, false));
    mid2 = register_module("mid2", ResBlock(ch, ch, timeDim));
    index = 0;
    for (int l = levels - 1; l >= 0; --l) {
        const int out = base * c.unetMultipliers[size_t(l)];
        for (int r = 0; r < c.unetResBlocks + 1; ++r) {
            const int skip = skips.back();
            skips.pop_back();
            up.push_back(makeStage(ch + skip, out, l, "up"));
            ch = out;
        }
        if (l > 0)
            up.back().sample = register_module("upsample" + std::to_string(l), conv(ch, ch, 3));
    }
    outputNorm = register_module("output_norm", groupNorm(ch));
    output = register_module("output", conv(ch, c.latentChannels, 3));
    nullToken = register_parameter("null_token", torch::randn({1, 1, D}) * 0.02);
    modalityEmbedding = register_parameter("modality_embedding", torch::randn({3, D}) * 0.02);
}

namespace {
torch::Tensor applyAttention(UNetImpl::Stage &stage, const torch::Tensor &h, const Context &context)
{
    if (!stage.attention)
        return h;
    const auto B = h.size(0), C = h.size(1), H = h.size(2), W = h.size(3);
    auto x = stage.attentionNorm(h).flatten(2).transpose(1, 2);
    x = stage.attention(x, torch::Tensor(), context.tokens, context.mask);
    return h + x.transpose(1, 2).reshape({B, C, H, W});
}
} // namespace

torch::Tensor UNetImpl::spatialCondition(const torch::Tensor &latent, const torch::Tensor &present)
{
    auto plane = torch::ones({latent.size(0), 1, latent.size(2), latent.size(3)}, latent.options());
    if (present.defined())
        plane = plane * present.to(latent.dtype()).view({-1, 1, 1, 1});
    return torch::cat({latent * plane, plane}, 1);
}

torch::Tensor UNetImpl::forward(const torch::Tensor &latent, const torch::Tensor &timesteps, const Context &context, const torch::Tensor &condition)
{
    auto t = time2(torch::silu(time1(timestepEmbedding(timesteps, config.unetBase))));
    torch::Tensor h;
    if (config.spatialCondition) {
        auto c = condition.defined() ? condition : torch::zeros({latent.size(0), latent.size(1) + 1, latent.size(2), latent.size(3)}, latent.options());
        if (c.size(0) != latent.size(0))
            c = c.expand({latent.size(0), c.size(1), c.size(2), c.size(3)});
        h = input(torch::cat({latent, c}, 1));
    } else {
        h = input(latent);
    }
    std::vector<torch::Tensor> skips{h};
    for (auto &stage : down) {
        h = applyAttention(stage, stage.res(h, t), context);
        skips.push_back(h);
        if (stage.sample) {
            h = stage.sample(h);
            skips.push_back(h);
        }
    }
    h = mid1(h, t);
    {
        const auto B = h.size(0), C = h.size(1), H = h.size(2), W = h.size(3);
        auto x = midNorm(h).flatten(2).transpose(1, 2);
        x = midAttention(x, torch::Tensor(), context.tokens, context.mask);
        h = h + x.transpose(1, 2).reshape({B, C, H, W});
    }
    h = mid2(h, t);
    for (auto &stage : up) {
        h = torch::cat({h, skips.back()}, 1);
        skips.pop_back();
        h = applyAttention(stage, stage.res(h, t), context);
        if (stage.sample)
            h = stage.sample(F::interpolate(h, F::InterpolateFuncOptions().scale_factor(std::vector<double>{2.0, 2.0}).mode(torch::kNearest)));
    }
    return output(torch::silu(outputNorm(h)));
}

Context UNetImpl::buildContext(const std::vector<std::pair<int, torch::Tensor>> &slots, const std::vector<torch::Tensor> &slotMasks) const
{
    int64_t B = 1;
    torch::Device device = nullToken.device();
    for (const auto &slot : slots)
        if (slot.second.defined()) {
            B = slot.second.size(0);
            device = slot.second.device();
        }
    std::vector<torch::Tensor> tokens{nullToken.expand({B, 1, nullToken.size(2)})};
    std::vector<torch::Tensor> masks{torch::ones({B, 1}, torch::TensorOptions().dtype(torch::kBool).device(device))};
    for (size_t i = 0; i < slots.size(); ++i) {
        const auto &[slot, t] = slots[i];
        if (!t.defined())
            continue;
        tokens.push_back(t + modalityEmbedding[slot].view({1, 1, -1}));
        auto m = torch::ones({B, t.size(1)}, torch::TensorOptions().dtype(torch::kBool).device(device));
        if (i < slotMasks.size() && slotMasks[i].defined())
            m = m.logical_and(slotMasks[i].dim() == 1 ? slotMasks[i].view({B, 1}) : slotMasks[i]);
        masks.push_back(m);
    }
    return {torch::cat(tokens, 1), torch::cat(masks, 1)};
}

ReportDecoderImpl::ReportDecoderImpl(const ModelConfig &c) : config(c)
{
    const int D = c.contextDim;
    embedding = register_module("embedding", torch::nn::Embedding(std::max(c.vocabSize, 4), D));
    position = register_parameter("position", torch::randn({1, c.maxTokens, D}) * 0.02);
    modalityEmbedding = register_parameter("modality_embedding", torch::randn({2, D}) * 0.02);
    for (int i = 0; i < c.decoderLayers; ++i)
        layers.push_back(register_module("layer" + std::to_string(i), TransformerBlock(D, D, c.heads, true, true)));
    norm = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({D})));
    head = register_module("head", torch::nn::Linear(D, std::max(c.vocabSize, 4)));
    if (c.reportImageEncoder) {
        ModelConfig imageOnly = c; // the text branch of its own encoder stays minimal (unused)
        imageOnly.textLayers = 0;
        imageOnly.vocabSize = 4;
        imageEncoder = register_module("image_encoder", PromptEncoders(imageOnly));
    }
}

torch::Tensor ReportDecoderImpl::imageTokens(const torch::Tensor &image, PromptEncodersImpl &shared)
{
    return imageEncoder ? imageEncoder->encodeImage(image).first : shared.encodeImage(image).first;
}

Context ReportDecoderImpl::buildContext(const torch::Tensor &frontalTokens, const torch::Tensor &lateralTokens) const
{
    std::vector<torch::Tensor> tokens;
    if (frontalTokens.defined())
        tokens.push_back(frontalTokens + modalityEmbedding[0].view({1, 1, -1}));
    if (lateralTokens.defined())
        tokens.push_back(lateralTokens + modalityEmbedding[1].view({1, 1, -1}));
    return {torch::cat(tokens, 1), {}};
}

torch::Tensor ReportDecoderImpl::forward(const torch::Tensor &ids, const Context &context)
{
    const auto S = ids.size(1);
    auto x = embedding(ids) + position.narrow(1, 0, S);
    for (auto &layer : layers)
        x = layer(x, torch::Tensor(), context.tokens, context.mask);
    return head(norm(x));
}

namespace {
// Multi-head attention of `query` [B, N, C] over precomputed keys/values [B, M, C].
torch::Tensor attend(AttentionImpl &a, const torch::Tensor &query, const torch::Tensor &keys, const torch::Tensor &values, const torch::Tensor &mask)
{
    const auto B = query.size(0), N = query.size(1), C = query.size(2), M = keys.size(1);
    const int64_t d = C / a.heads;
    auto q = a.q(query).view({B, N, a.heads, d}).transpose(1, 2);
    auto k = keys.view({B, M, a.heads, d}).transpose(1, 2);
    auto v = values.view({B, M, a.heads, d}).transpose(1, 2);
    auto scores = torch::matmul(q, k.transpose(-2, -1)) * (1.0 / std::sqrt(double(d)));
    if (mask.defined())
        scores = scores.masked_fill(mask.logical_not().view({B, 1, 1, M}), -1e9);
    return a.o(torch::matmul(torch::softmax(scores, -1), v).transpose(1, 2).reshape({B, N, C}));
}
} // namespace

void DecoderCache::reorder(const torch::Tensor &parents)
{
    for (auto *list : {&selfKeys, &selfValues})
        for (auto &t : *list)
            if (t.defined())
                t = t.index_select(0, parents);
}

torch::Tensor ReportDecoderImpl::step(const torch::Tensor &lastIds, int64_t at, const Context &context, DecoderCache &cache)
{
    const size_t L = layers.size();
    cache.selfKeys.resize(L), cache.selfValues.resize(L), cache.crossKeys.resize(L), cache.crossValues.resize(L);
    const auto B = lastIds.size(0);
    auto x = embedding(lastIds.view({B, 1})) + position.narrow(1, at, 1);
    for (size_t i = 0; i < L; ++i) {
        auto &layer = *layers[i];
        auto h = layer.norm1(x);
        auto &self = *layer.selfAttention;
        auto k = self.k(h), v = self.v(h);
        cache.selfKeys[i] = cache.selfKeys[i].defined() ? torch::cat({cache.selfKeys[i], k}, 1) : k;
        cache.selfValues[i] = cache.selfValues[i].defined() ? torch::cat({cache.selfValues[i], v}, 1) : v;
        x = x + attend(self, h, cache.selfKeys[i], cache.selfValues[i], torch::Tensor()); // the cache holds only the past: causal
        if (layer.crossAttention && context.tokens.defined()) {
            auto &cross = *layer.crossAttention;
            if (!cache.crossKeys[i].defined() || cache.crossKeys[i].size(0) < B) {
                cache.crossKeys[i] = cross.k(context.tokens);
                cache.crossValues[i] = cross.v(context.tokens);
            }
            auto mask = context.mask.defined() ? context.mask.narrow(0, 0, B) : torch::Tensor();
            x = x + attend(cross, layer.norm2(x), cache.crossKeys[i].narrow(0, 0, B), cache.crossValues[i].narrow(0, 0, B), mask);
        }
        x = x + layer.fc2(F::gelu(layer.fc1(layer.norm3(x))));
    }
    return head(norm(x)).squeeze(1);
}

Schedule::Schedule(int steps)
{
    // Scaled-linear betas (latent diffusion): sqrt(beta) linear from sqrt(0.00085) to sqrt(0.012).
    double product = 1.0;
    alphaBar.resize(size_t(steps));
    const double b0 = std::sqrt(0.00085), b1 = std::sqrt(0.012);
    for (int i = 0; i < steps; ++i) {
        const double s = steps > 1 ? b0 + (b1 - b0) * i / (steps - 1) : b0;
        product *= 1.0 - s * s;
        alphaBar[size_t(i)] = product;
    }
}

at::Generator makeGenerator(uint64_t seed) { return at::detail::createCPUGenerator(seed); }

torch::Tensor sample(const Schedule &schedule, SamplerKind kind, int steps, double eta, torch::Tensor x, const NoiseModel &model,
                     at::Generator &generator, const std::function<bool(int)> &onStep)
{
    const int T = schedule.steps();
    steps = std::max(1, std::min(steps, T));
    std::vector<int64_t> times;
    for (int i = 0; i < steps; ++i)
        times.push_back(int64_t(std::llround(double(T - 1) * (1.0 - double(i) / steps))));
    auto abarAt = [&](int i) { return i < steps ? schedule.alphaBar[size_t(times[size_t(i)])] : 1.0; };
    torch::Tensor previousX0;
    double previousH = 0;
    for (int i = 0; i < steps; ++i) {
        if (onStep && !onStep(i))
            return {};
        const double a = abarAt(i), aNext = abarAt(i + 1);
        const double alpha = std::sqrt(a), sigma = std::sqrt(1 - a);
        auto eps = model(x, times[size_t(i)]);
        auto x0 = (x - sigma * eps) / alpha;
        if (kind == SamplerKind::Ddim) {
            const double sigmaStep = eta * std::sqrt((1 - aNext) / (1 - a)) * std::sqrt(std::max(0.0, 1 - a / aNext));
            const double direction = std::sqrt(std::max(0.0, 1 - aNext - sigmaStep * sigmaStep));
            x = std::sqrt(aNext) * x0 + direction * eps;
            if (sigmaStep > 0)
                x = x + sigmaStep * torch::randn(x.sizes(), generator, torch::TensorOptions().dtype(x.dtype())).to(x.device());
        } else {
            // DPM-Solver++(2M), data prediction, multistep; first-order at the first and last steps.
            if (i + 1 == steps) {
                x = x0;
                break;
            }
            const double alphaNext = std::sqrt(aNext), sigmaNext = std::sqrt(1 - aNext);
            const double lambda = std::log(alpha / sigma), lambdaNext = std::log(alphaNext / sigmaNext);
            const double h = lambdaNext - lambda;
            torch::Tensor D = x0;
            if (previousX0.defined()) {
                const double r = previousH / h;
                D = (1 + 1 / (2 * r)) * x0 - (1 / (2 * r)) * previousX0;
            }
            x = (sigmaNext / sigma) * x - alphaNext * std::expm1(-h) * D;
            previousX0 = x0;
            previousH = h;
        }
    }
    return x;
}

std::vector<std::pair<std::string, std::vector<int64_t>>> shapeSummary(torch::nn::Module &module)
{
    std::vector<std::pair<std::string, std::vector<int64_t>>> out;
    for (const auto &item : module.named_parameters(true))
        out.emplace_back(item.key(), item.value().sizes().vec());
    for (const auto &item : module.named_buffers(true))
        out.emplace_back(item.key(), item.value().sizes().vec());
    return out;
}

torch::Tensor resizeImages(const torch::Tensor &images, int size)
{
    if (images.size(2) == size && images.size(3) == size)
        return images;
    auto options = F::InterpolateFuncOptions().size(std::vector<int64_t>{size, size});
    if (images.size(2) > size && images.size(3) > size)
        return F::interpolate(images, options.mode(torch::kArea));
    return F::interpolate(images, options.mode(torch::kBilinear).align_corners(false));
}

torch::Tensor inputImage(const ImageData &image, int size)
{
    auto t = torch::from_blob(const_cast<float *>(image.pixels.data()), {1, 1, image.height, image.width}, torch::kFloat32).clone();
    const int side = std::max(image.width, image.height);
    const int padX = side - image.width, padY = side - image.height;
    if (padX || padY)
        t = torch::constant_pad_nd(t, {padX / 2, padX - padX / 2, padY / 2, padY - padY / 2}, 0);
    return resizeImages(t, size).clamp(0, 1);
}

} // namespace radsynth::generation::detail
