// Parameter count a configuration implies, computed from the configuration alone (no tensor is
// allocated), so that a bundle whose configuration would need far more memory than its weights
// files hold is refused before any allocation (issue 24: a "valid" manifest config allocated
// 11 GB over 69 s before failing). The count mirrors the constructors in Modules.cpp but leaves
// out biases and normalisation weights: it is a lower bound of the real count, within a few
// percent (test_generation_data checks it against built models).
#include "radsynth/generation/Bundle.h"

#include <algorithm>

namespace radsynth::generation {
namespace {
using I = std::int64_t;

I conv(I in, I out, I k) { return in * out * k * k; }
I resBlock(I in, I out, I timeDim) { return conv(in, out, 3) + conv(out, out, 3) + (in != out ? conv(in, out, 1) : 0) + timeDim * out; }
I attention(I dim, I context) { return 2 * dim * dim + 2 * context * dim; }
I transformer(I dim, I context, bool withSelf)
{
    return (withSelf ? attention(dim, dim) : 0) + (context > 0 ? attention(dim, context) : 0) + 8 * dim * dim;
}

I autoencoder(const ModelConfig &c)
{
    const auto &ch = c.autoencoderChannels;
    const I levels = I(ch.size());
    I n = conv(1, ch[0], 3);
    I previous = ch[0];
    for (I l = 0; l < levels; ++l) {
        n += resBlock(previous, ch[size_t(l)], 0);
        previous = ch[size_t(l)];
        if (l + 1 < levels)
            n += conv(previous, previous, 3);
    }
    n += resBlock(previous, previous, 0) + conv(previous, 2 * I(c.latentChannels), 3);
    const I last = ch[size_t(levels - 1)];
    n += conv(c.latentChannels, last, 3) + resBlock(last, last, 0);
    previous = last;
    for (I l = levels - 1; l >= 0; --l) {
        n += resBlock(previous, ch[size_t(l)], 0);
        previous = ch[size_t(l)];
        if (l > 0)
            n += conv(previous, previous, 3);
    }
    return n + conv(previous, 1, 3);
}

I encoders(const ModelConfig &c)
{
    const I D = c.contextDim;
    I n = conv(1, D / 4, 3) + conv(D / 4, D / 2, 3) + conv(D / 2, D, 3) + I(c.imageTokens()) * D;
    n += I(c.encoderLayers) * transformer(D, 0, true) + D * D;
    n += I(std::max(c.vocabSize, 4)) * D + I(c.maxTokens) * D;
    n += I(c.textLayers) * transformer(D, 0, true) + D * D;
    return n;
}

I unet(const ModelConfig &c)
{
    auto has = [](const std::vector<int> &levels, int l) { return std::find(levels.begin(), levels.end(), l) != levels.end(); };
    const I base = c.unetBase, timeDim = 4 * base, D = c.contextDim;
    I n = base * timeDim + timeDim * timeDim;
    n += conv(c.spatialCondition ? 2 * I(c.latentChannels) + 1 : I(c.latentChannels), base, 3);
    const int levels = int(c.unetMultipliers.size());
    std::vector<I> skips{base};
    I ch = base;
    auto stage = [&](I in, I out, int level) {
        I s = resBlock(in, out, timeDim);
        if (has(c.crossAttentionLevels, level))
            s += transformer(out, D, has(c.selfAttentionLevels, level));
        return s;
    };
    for (int l = 0; l < levels; ++l) {
        const I out = base * c.unetMultipliers[size_t(l)];
        for (int r = 0; r < c.unetResBlocks; ++r) {
            n += stage(ch, out, l);
            ch = out;
            skips.push_back(ch);
        }
        if (l + 1 < levels) {
            n += conv(ch, ch, 3);
            skips.push_back(ch);
        }
    }
    n += 2 * resBlock(ch, ch, timeDim) + transformer(ch, D, true);
    for (int l = levels - 1; l >= 0; --l) {
        const I out = base * c.unetMultipliers[size_t(l)];
        for (int r = 0; r < c.unetResBlocks + 1; ++r) {
            const I skip = skips.empty() ? 0 : skips.back();
            if (!skips.empty())
                skips.pop_back();
            n += stage(ch + skip, out, l);
            ch = out;
        }
        if (l > 0)
            n += conv(ch, ch, 3);
    }
    return n + conv(ch, c.latentChannels, 3);
}

I reportDecoder(const ModelConfig &c)
{
    const I D = c.contextDim, vocab = std::max(c.vocabSize, 4);
    I n = vocab * D + I(c.maxTokens) * D + I(c.decoderLayers) * transformer(D, D, true) + D * vocab;
    if (c.reportImageEncoder) {
        ModelConfig imageOnly = c;
        imageOnly.textLayers = 0;
        imageOnly.vocabSize = 4;
        n += encoders(imageOnly);
    }
    return n;
}
} // namespace

std::int64_t estimatedParameters(const ModelConfig &config, Component component)
{
    switch (component) {
    case Component::Autoencoder: return autoencoder(config);
    case Component::Encoders: return encoders(config);
    case Component::FrontalUNet:
    case Component::LateralUNet: return unet(config);
    case Component::ReportDecoder: return reportDecoder(config);
    }
    return 0;
}

} // namespace radsynth::generation
