#include "radsynth/generation/ModelConfig.h"

namespace radsynth::generation {
namespace {
Json intArray(const std::vector<int> &values)
{
    Json a = Json::array();
    for (int v : values)
        a.push(Json(v));
    return a;
}
bool readInts(const Json &json, std::vector<int> &out)
{
    if (!json.isArray())
        return false;
    out.clear();
    for (const auto &item : json.items()) {
        if (!item.isInt())
            return false;
        out.push_back(item.toInt());
    }
    return true;
}
} // namespace

Outcome<ModelConfig> ModelConfig::fromPreset(const std::string &name)
{
    ModelConfig c;
    c.preset = name;
    // New bundles of every preset; bundles written before these fields existed load without them.
    c.spatialCondition = true;
    c.reportImageEncoder = true;
    if (name == "default")
        return c;
    if (name == "tiny") {
        c.resolution = 32;
        c.autoencoderChannels = {16, 32, 32, 32};
        c.unetBase = 32;
        c.unetMultipliers = {1, 2};
        c.crossAttentionLevels = {0, 1};
        c.selfAttentionLevels = {1};
        c.heads = 2;
        c.contextDim = 64;
        c.encoderLayers = 1;
        c.textLayers = 1;
        c.decoderLayers = 2;
        c.maxTokens = 32;
        return c;
    }
    if (name == "paper") {
        c.resolution = 256;
        c.autoencoderChannels = {128, 256, 512, 512};
        c.unetBase = 320;
        c.unetMultipliers = {1, 2, 4, 4};
        c.unetResBlocks = 2;
        c.crossAttentionLevels = {0, 1, 2};
        c.selfAttentionLevels = {0, 1, 2};
        c.heads = 8;
        c.contextDim = 768;
        c.encoderLayers = 6;
        c.textLayers = 6;
        c.decoderLayers = 6;
        c.maxTokens = 128;
        return c;
    }
    return Outcome<ModelConfig>::failure("unknown model preset '" + name + "' (default, tiny, paper)");
}

Json ModelConfig::toJson() const
{
    Json j = Json::object();
    j.set("preset", preset);
    j.set("resolution", resolution);
    j.set("latent_channels", latentChannels);
    j.set("autoencoder_channels", intArray(autoencoderChannels));
    j.set("unet_base", unetBase);
    j.set("unet_multipliers", intArray(unetMultipliers));
    j.set("unet_res_blocks", unetResBlocks);
    j.set("cross_attention_levels", intArray(crossAttentionLevels));
    j.set("self_attention_levels", intArray(selfAttentionLevels));
    j.set("heads", heads);
    j.set("context_dim", contextDim);
    j.set("encoder_layers", encoderLayers);
    j.set("text_layers", textLayers);
    j.set("decoder_layers", decoderLayers);
    j.set("max_tokens", maxTokens);
    j.set("vocab_size", vocabSize);
    j.set("diffusion_steps", diffusionSteps);
    j.set("spatial_condition", spatialCondition);
    j.set("report_image_encoder", reportImageEncoder);
    return j;
}

Outcome<ModelConfig> ModelConfig::fromJson(const Json &j)
{
    if (!j.isObject())
        return Outcome<ModelConfig>::failure("the model configuration is not a JSON object");
    ModelConfig c;
    c.preset = j["preset"].toString("custom");
    auto num = [&](const char *key, int &field) {
        if (!j[key].isInt()) // a size or a count: 32.5 or 1e20 is a field of the wrong type
            return false;
        field = j[key].toInt();
        return true;
    };
    bool ok = num("resolution", c.resolution) && num("latent_channels", c.latentChannels) && num("unet_base", c.unetBase) &&
              num("unet_res_blocks", c.unetResBlocks) && num("heads", c.heads) && num("context_dim", c.contextDim) &&
              num("encoder_layers", c.encoderLayers) && num("text_layers", c.textLayers) && num("decoder_layers", c.decoderLayers) &&
              num("max_tokens", c.maxTokens) && num("vocab_size", c.vocabSize) && num("diffusion_steps", c.diffusionSteps) &&
              readInts(j["autoencoder_channels"], c.autoencoderChannels) && readInts(j["unet_multipliers"], c.unetMultipliers) &&
              readInts(j["cross_attention_levels"], c.crossAttentionLevels) && readInts(j["self_attention_levels"], c.selfAttentionLevels);
    c.spatialCondition = j["spatial_condition"].toBool(false);
    c.reportImageEncoder = j["report_image_encoder"].toBool(false);
    if (!ok)
        return Outcome<ModelConfig>::failure("the model configuration is incomplete or has a field of the wrong type");
    Status valid = c.validate();
    if (!valid)
        return Outcome<ModelConfig>(valid);
    return c;
}

Status ModelConfig::validate() const
{
    if (resolution < 16 || resolution > 2048 || resolution % 8 != 0)
        return Status::error("resolution must be a multiple of 8 between 16 and 2048");
    if (autoencoderChannels.size() != 4)
        return Status::error("the autoencoder needs 4 channel counts (3 downsamplings, factor 8)");
    if (unetMultipliers.empty() || unetMultipliers.size() > 5)
        return Status::error("the UNet needs 1 to 5 levels");
    if (latentSize() % (1 << (unetMultipliers.size() - 1)) != 0)
        return Status::error("the latent size is not divisible by the UNet's downsampling");
    auto positive = [](int v, int limit) { return v > 0 && v <= limit; };
    if (!positive(latentChannels, 64) || !positive(unetBase, 4096) || !positive(heads, 64) || !positive(contextDim, 8192) ||
        !positive(unetResBlocks, 8) || encoderLayers < 0 || encoderLayers > 256 || textLayers < 0 || textLayers > 256 ||
        !positive(decoderLayers, 256) || !positive(maxTokens, 4096) || !positive(diffusionSteps, 100000) || vocabSize < 0 ||
        vocabSize > 10000000)
        return Status::error("a model size is out of range");
    if (contextDim % heads != 0)
        return Status::error("context_dim must be divisible by heads");
    for (int c : autoencoderChannels)
        if (!positive(c, 4096))
            return Status::error("autoencoder channels out of range");
    for (int m : unetMultipliers)
        if (!positive(m, 64) || (unetBase * m) % heads != 0)
            return Status::error("UNet multipliers out of range or channels not divisible by heads");
    return Status::ok();
}

} // namespace radsynth::generation
