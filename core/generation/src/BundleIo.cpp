// Bundle weights: save, load with SHA-256 and shape checks, creation of untrained bundles.
#include "ModelSet.h"
#include "radsynth/generation/Sha256.h"

#include <filesystem>
#include <sstream>

namespace radsynth::generation::detail {
namespace {
std::string shapeText(const std::vector<int64_t> &shape)
{
    std::string s = "[";
    for (size_t i = 0; i < shape.size(); ++i)
        s += (i ? "," : "") + std::to_string(shape[i]);
    return s + "]";
}

Json shapesJson(torch::nn::Module &module, int64_t &count)
{
    Json shapes = Json::object();
    count = 0;
    for (const auto &p : module.named_parameters(true))
        count += p.value().numel();
    for (const auto &[name, shape] : shapeSummary(module)) {
        Json dims = Json::array();
        for (int64_t d : shape)
            dims.push(Json((long long)d));
        shapes.set(name, dims);
    }
    return shapes;
}
} // namespace

std::shared_ptr<torch::nn::Module> ModelSet::module(Component component) const
{
    switch (component) {
    case Component::Autoencoder: return autoencoder ? autoencoder.ptr() : nullptr;
    case Component::Encoders: return encoders ? encoders.ptr() : nullptr;
    case Component::FrontalUNet: return frontal ? frontal.ptr() : nullptr;
    case Component::LateralUNet: return lateral ? lateral.ptr() : nullptr;
    case Component::ReportDecoder: return reportDecoder ? reportDecoder.ptr() : nullptr;
    }
    return nullptr;
}

std::shared_ptr<torch::nn::Module> makeComponent(Component component, const ModelConfig &config, ModelSet &set)
{
    switch (component) {
    case Component::Autoencoder: set.autoencoder = Autoencoder(config); return set.autoencoder.ptr();
    case Component::Encoders: set.encoders = PromptEncoders(config); return set.encoders.ptr();
    case Component::FrontalUNet: set.frontal = UNet(config); return set.frontal.ptr();
    case Component::LateralUNet: set.lateral = UNet(config); return set.lateral.ptr();
    case Component::ReportDecoder: set.reportDecoder = ReportDecoder(config); return set.reportDecoder.ptr();
    }
    return nullptr;
}

Outcome<torch::Device> parseDevice(const std::string &device)
{
    try {
        torch::Device d(device.empty() ? std::string("cpu") : device);
        if (d.is_cuda() && !torch::cuda::is_available())
            return Outcome<torch::Device>::failure("device '" + device + "' requested but this LibTorch has no usable CUDA");
        return d;
    } catch (const std::exception &) {
        return Outcome<torch::Device>::failure("unknown device '" + device + "' (cpu, cuda, cuda:N)");
    }
}

Status saveComponent(BundleInfo &info, Component component, torch::nn::Module &module, const Json &metrics)
{
    const std::string file = std::string(componentName(component)) + ".pt";
    const std::string path = info.directory + "/" + file;
    try {
        torch::serialize::OutputArchive archive;
        for (const auto &p : module.named_parameters(true))
            archive.write(p.key(), p.value().detach().to(torch::kCPU));
        for (const auto &b : module.named_buffers(true))
            archive.write(b.key(), b.value().detach().to(torch::kCPU), true);
        archive.save_to(path + ".part");
        std::filesystem::rename(path + ".part", path);
    } catch (const std::exception &e) {
        return Status::error(std::string("cannot save component '") + componentName(component) + "' to " + path + ": " + e.what());
    }
    ComponentInfo entry;
    entry.component = component;
    entry.file = file;
    entry.sha256 = sha256File(path);
    entry.shapes = shapesJson(module, entry.parameterCount);
    entry.metrics = metrics;
    for (auto &c : info.components)
        if (c.component == component) {
            c = entry;
            return Status::ok();
        }
    info.components.push_back(entry);
    return Status::ok();
}

namespace {
Status loadComponent(const BundleInfo &info, const ComponentInfo &entry, torch::nn::Module &module, const torch::Device &device)
{
    const std::string name = componentName(entry.component);
    const std::string path = info.directory + "/" + entry.file;
    if (!std::filesystem::exists(path))
        return Status::error("component '" + name + "': weights file " + entry.file + " is missing from the bundle");
    const std::string hash = sha256File(path);
    if (hash != entry.sha256)
        return Status::error("component '" + name + "': weights file " + entry.file + " is corrupted or modified (SHA-256 " +
                             hash.substr(0, 12) + "..., manifest says " + entry.sha256.substr(0, 12) + "...)");
    // The manifest's shape summary must match the architecture the configuration builds.
    auto expected = shapeSummary(module);
    if (entry.shapes.size() != expected.size())
        return Status::error("component '" + name + "': the manifest lists " + std::to_string(entry.shapes.size()) +
                             " tensors, the configuration builds " + std::to_string(expected.size()));
    try {
        torch::serialize::InputArchive archive;
        archive.load_from(path);
        torch::NoGradGuard noGrad;
        auto check = [&](const std::string &key, torch::Tensor &target, bool buffer) -> Status {
            torch::Tensor value;
            if (!archive.try_read(key, value, buffer))
                return Status::error("component '" + name + "': tensor '" + key + "' is missing from " + entry.file);
            if (value.sizes() != target.sizes())
                return Status::error("component '" + name + "': tensor '" + key + "' has shape " + shapeText(value.sizes().vec()) + " in " +
                                     entry.file + ", the model expects " + shapeText(target.sizes().vec()));
            if (value.scalar_type() != target.scalar_type())
                return Status::error("component '" + name + "': tensor '" + key + "' has the wrong element type in " + entry.file);
            target.copy_(value);
            return Status::ok();
        };
        for (auto &p : module.named_parameters(true)) {
            Status s = check(p.key(), p.value(), false);
            if (!s)
                return s;
        }
        for (auto &b : module.named_buffers(true)) {
            Status s = check(b.key(), b.value(), true);
            if (!s)
                return s;
        }
    } catch (const std::exception &e) {
        std::string what = e.what();
        what = what.substr(0, what.find('\n'));
        return Status::error("component '" + name + "': weights file " + entry.file + " cannot be read: " + what);
    }
    module.to(device);
    module.eval();
    return Status::ok();
}
} // namespace

Outcome<ModelSet> loadModelSet(const std::string &directory, const std::string &deviceName, const std::vector<Component> &only)
{
    auto info = readManifest(directory);
    if (!info)
        return Outcome<ModelSet>(info.status());
    auto device = parseDevice(deviceName);
    if (!device)
        return Outcome<ModelSet>(device.status());
    ModelSet set;
    set.info = info.value();
    set.device = device.value();
    // Every file the manifest names is checked against its SHA-256 before it is used, and every
    // component's implied size against its weights file before anything is allocated.
    for (const auto &entry : set.info.components) {
        if (!only.empty() && std::find(only.begin(), only.end(), entry.component) == only.end())
            continue;
        if (Status s = checkComponentBudget(set.info, entry); !s)
            return Outcome<ModelSet>(s);
    }
    if (!set.info.tokenizerFile.empty()) {
        if (Status s = verifyBundleFile(directory, set.info.tokenizerFile, set.info.tokenizerSha256,
                                        "the vocabulary " + set.info.tokenizerFile);
            !s)
            return Outcome<ModelSet>(Status::error("tokenizer: " + s.message()));
        Status s = set.tokenizer.load(directory + "/" + set.info.tokenizerFile);
        if (!s)
            return Outcome<ModelSet>(Status::error("tokenizer: " + s.message()));
        if (set.info.config.vocabSize != set.tokenizer.size())
            return Outcome<ModelSet>(Status::error("tokenizer: the vocabulary has " + std::to_string(set.tokenizer.size()) +
                                                   " tokens, the model was built for " + std::to_string(set.info.config.vocabSize)));
        set.hasTokenizer = true;
    }
    for (const auto &entry : set.info.components) {
        if (!only.empty() && std::find(only.begin(), only.end(), entry.component) == only.end())
            continue;
        std::shared_ptr<torch::nn::Module> module;
        try {
            module = makeComponent(entry.component, set.info.config, set);
        } catch (const std::exception &e) {
            return Outcome<ModelSet>(Status::error(std::string("component '") + componentName(entry.component) + "' cannot be built: " + e.what()));
        }
        Status s = loadComponent(set.info, entry, *module, set.device);
        if (!s)
            return Outcome<ModelSet>(s);
    }
    return set;
}

} // namespace radsynth::generation::detail

namespace radsynth::generation {

Status createBundle(const CreateBundleOptions &options)
{
    Status valid = options.config.validate();
    if (!valid)
        return valid;
    std::error_code ec;
    std::filesystem::create_directories(options.directory, ec);
    if (ec)
        return Status::error("cannot create the bundle folder " + options.directory + ": " + ec.message());
    BundleInfo info;
    info.directory = options.directory;
    info.name = options.name;
    info.version = options.version;
    info.config = options.config;
    Tokenizer tokenizer;
    if (!options.tokenizerFile.empty()) {
        if (Status loaded = tokenizer.load(options.tokenizerFile); !loaded)
            return loaded;
    } else {
        tokenizer.build(options.tokenizerTexts, options.tokenizerMinCount);
    }
    info.tokenizerFile = "vocab.txt";
    Status s = tokenizer.save(options.directory + "/vocab.txt");
    if (!s)
        return s;
    info.config.vocabSize = tokenizer.size();
    info.trainingData = Json::object();
    info.trainingData.set("description", "untrained (random initialisation)");
    try {
        torch::manual_seed(options.seed);
        detail::ModelSet set;
        for (Component c : options.components) {
            auto module = detail::makeComponent(c, info.config, set);
            s = detail::saveComponent(info, c, *module, Json::object());
            if (!s)
                return s;
        }
    } catch (const std::exception &e) {
        return Status::error(std::string("cannot build the model: ") + e.what());
    }
    return writeManifest(info);
}

Outcome<double> weightDifference(const std::string &bundleA, const std::string &bundleB, Component component)
{
    using R = Outcome<double>;
    auto a = detail::loadModelSet(bundleA, "cpu", {component});
    if (!a)
        return R(a.status());
    auto b = detail::loadModelSet(bundleB, "cpu", {component});
    if (!b)
        return R(b.status());
    if (!a->module(component) || !b->module(component))
        return R::failure(std::string("a bundle has no component '") + componentName(component) + "'");
    auto named = [&](detail::ModelSet &set) {
        auto all = set.module(component)->named_parameters(true);
        for (const auto &buffer : set.module(component)->named_buffers(true))
            all.insert(buffer.key(), buffer.value());
        return all;
    };
    const auto left = named(a.value()), right = named(b.value());
    if (left.size() != right.size())
        return R::failure(std::string("the two '") + componentName(component) + "' components have different layers");
    double largest = 0;
    for (const auto &item : left) {
        const torch::Tensor *other = right.find(item.key());
        if (!other || other->sizes() != item.value().sizes())
            return R::failure("the layer " + item.key() + " differs in shape or is missing");
        if (item.value().numel() > 0)
            largest = std::max(largest, (item.value().to(torch::kFloat64) - other->to(torch::kFloat64)).abs().max().item<double>());
    }
    return largest;
}

} // namespace radsynth::generation
