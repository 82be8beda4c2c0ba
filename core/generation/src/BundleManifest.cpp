// Bundle manifest and model card (standard library only).
#include "radsynth/generation/Bundle.h"
#include "radsynth/generation/SentenceSet.h"
#include "radsynth/generation/Sha256.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>
#endif

namespace radsynth::generation {
namespace {
constexpr const char *kFormat = "radsynth-bundle";
constexpr int kFormatVersion = 1;

bool readText(const std::string &path, std::string &out)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    std::ostringstream s;
    s << in.rdbuf();
    out = s.str();
    return true;
}

bool writeTextAtomic(const std::string &path, const std::string &text)
{
    const std::string part = path + ".part";
    {
        std::ofstream out(part, std::ios::binary | std::ios::trunc);
        if (!out)
            return false;
        out << text;
        if (!out)
            return false;
    }
    return std::rename(part.c_str(), path.c_str()) == 0;
}

bool safeFileName(const std::string &name)
{
    return !name.empty() && name.find('/') == std::string::npos && name.find('\\') == std::string::npos && name != "." && name != "..";
}
} // namespace

const char *componentName(Component component)
{
    switch (component) {
    case Component::Autoencoder: return "autoencoder";
    case Component::Encoders: return "encoders";
    case Component::FrontalUNet: return "frontal_unet";
    case Component::LateralUNet: return "lateral_unet";
    case Component::ReportDecoder: return "report_decoder";
    }
    return "?";
}

bool parseComponent(const std::string &name, Component &out)
{
    for (Component c : kAllComponents)
        if (name == componentName(c)) {
            out = c;
            return true;
        }
    return false;
}

bool BundleInfo::has(Component component) const { return find(component) != nullptr; }

const ComponentInfo *BundleInfo::find(Component component) const
{
    for (const auto &c : components)
        if (c.component == component)
            return &c;
    return nullptr;
}

Outcome<BundleInfo> readManifest(const std::string &directory)
{
    using R = Outcome<BundleInfo>;
    const std::string path = directory + "/manifest.json";
    std::string text;
    if (!readText(path, text))
        return R::failure("no model bundle at " + directory + " (manifest.json missing or unreadable)");
    Json json;
    std::string error;
    if (!Json::parse(text, json, &error))
        return R::failure("manifest.json of " + directory + " is not valid JSON: " + error);
    if (!json.isObject() || json["format"].toString() != kFormat)
        return R::failure("manifest.json of " + directory + " is not a RadSynth model bundle manifest");
    if (json["format_version"].toInt(-1) != kFormatVersion)
        return R::failure("manifest.json of " + directory + " has an unsupported format version");
    BundleInfo info;
    info.directory = directory;
    info.name = json["name"].toString("unnamed");
    info.version = json["version"].toString("0");
    auto config = ModelConfig::fromJson(json["config"]);
    if (!config)
        return R::failure("manifest.json of " + directory + ": " + config.message());
    info.config = config.value();
    if (json["resolution"].toInt() != info.config.resolution)
        return R::failure("manifest.json of " + directory + ": resolution disagrees with the configuration");
    const Json &tokenizer = json["tokenizer"];
    if (tokenizer.isObject()) {
        info.tokenizerFile = tokenizer["file"].toString();
        info.tokenizerSha256 = tokenizer["sha256"].toString();
        if (!safeFileName(info.tokenizerFile))
            return R::failure("manifest.json of " + directory + ": bad tokenizer file name");
        if (info.tokenizerSha256.size() != 64)
            return R::failure("manifest.json of " + directory + ": the tokenizer lacks its SHA-256");
    }
    const Json &ood = json["ood"];
    if (ood.isObject()) {
        info.oodFile = ood["file"].toString();
        info.oodSha256 = ood["sha256"].toString();
        if (!safeFileName(info.oodFile) || info.oodSha256.size() != 64)
            return R::failure("manifest.json of " + directory + ": the out-of-distribution calibration lacks its file or SHA-256");
    }
    const Json &sentences = json["report_sentences"];
    if (sentences.isObject()) {
        info.reportSentencesFile = sentences["file"].toString();
        info.reportSentencesSha256 = sentences["sha256"].toString();
        info.reportSentenceCount = sentences["sentences"].toInt64(0);
        if (!safeFileName(info.reportSentencesFile) || info.reportSentencesSha256.size() != 64)
            return R::failure("manifest.json of " + directory + ": the training sentences lack their file or SHA-256");
    }
    info.trainingData = json["training_data"];
    info.metrics = json["metrics"];
    info.sampling = json["sampling"].isObject() ? json["sampling"] : Json::object();
    info.findingClassifiers = json["finding_classifiers"].isObject() ? json["finding_classifiers"] : Json::object();
    for (const auto &[view, entry] : info.findingClassifiers.members())
        if ((view != "frontal" && view != "lateral") || !safeFileName(entry["file"].toString()) || entry["sha256"].toString().size() != 64)
            return R::failure("manifest.json of " + directory + ": finding classifier '" + view + "' lacks its file or SHA-256");
    const Json &components = json["components"];
    if (!components.isObject())
        return R::failure("manifest.json of " + directory + " lists no components");
    for (const auto &[name, entry] : components.members()) {
        ComponentInfo c;
        if (!parseComponent(name, c.component))
            return R::failure("manifest.json of " + directory + ": unknown component '" + name + "'");
        c.file = entry["file"].toString();
        c.sha256 = entry["sha256"].toString();
        c.parameterCount = entry["parameters"].toInt64(0);
        c.shapes = entry["shapes"];
        c.metrics = entry["metrics"];
        if (!safeFileName(c.file) || c.sha256.size() != 64 || !c.shapes.isObject())
            return R::failure("manifest.json of " + directory + ": component '" + name + "' lacks its file, SHA-256 or shape summary");
        info.components.push_back(std::move(c));
    }
    info.manifestSha256 = sha256Hex(text.data(), text.size());
    info.identity = info.name + " " + info.version + " (" + info.manifestSha256.substr(0, 12) + ")";
    return info;
}

Status writeManifest(const BundleInfo &info)
{
    Json json = Json::object();
    json.set("format", kFormat);
    json.set("format_version", kFormatVersion);
    json.set("name", info.name);
    json.set("version", info.version);
    json.set("resolution", info.config.resolution);
    json.set("config", info.config.toJson());
    if (!info.tokenizerFile.empty()) {
        Json tokenizer = Json::object();
        tokenizer.set("file", info.tokenizerFile);
        tokenizer.set("sha256", sha256File(info.directory + "/" + info.tokenizerFile));
        json.set("tokenizer", tokenizer);
    } else {
        json.set("tokenizer", Json());
    }
    if (!info.oodFile.empty()) {
        Json ood = Json::object();
        ood.set("file", info.oodFile);
        ood.set("sha256", info.oodSha256);
        json.set("ood", ood);
    }
    if (!info.reportSentencesFile.empty()) {
        Json sentences = Json::object();
        sentences.set("file", info.reportSentencesFile);
        sentences.set("sha256", info.reportSentencesSha256);
        sentences.set("sentences", info.reportSentenceCount);
        json.set("report_sentences", sentences);
    }
    json.set("training_data", info.trainingData.isNull() ? Json::object() : info.trainingData);
    json.set("metrics", info.metrics.isNull() ? Json::object() : info.metrics);
    if (info.sampling.isObject() && info.sampling.size() > 0)
        json.set("sampling", info.sampling);
    if (info.findingClassifiers.isObject() && info.findingClassifiers.size() > 0)
        json.set("finding_classifiers", info.findingClassifiers);
    Json components = Json::object();
    for (Component which : kAllComponents) {
        const ComponentInfo *c = info.find(which);
        if (!c)
            continue;
        Json entry = Json::object();
        entry.set("file", c->file);
        entry.set("sha256", c->sha256);
        entry.set("parameters", (long long)c->parameterCount);
        entry.set("shapes", c->shapes);
        entry.set("metrics", c->metrics.isNull() ? Json::object() : c->metrics);
        components.set(componentName(which), entry);
    }
    json.set("components", components);
    if (!writeTextAtomic(info.directory + "/manifest.json", json.dump(1) + "\n"))
        return Status::error("cannot write " + info.directory + "/manifest.json");
    return writeModelCard(info);
}

std::string trustedBundleList()
{
    const char *list = std::getenv("RADSYNTH_TRUSTED_BUNDLES");
    return list ? std::string(list) : std::string();
}

Status checkTrustedBundle(const BundleInfo &info, const std::string &listPath)
{
    if (listPath.empty())
        return Status::ok();
    std::ifstream in(listPath);
    if (!in)
        return Status::error("the trusted-bundle list " + listPath + " (RADSYNTH_TRUSTED_BUNDLES) cannot be read: no bundle is used");
    std::string line;
    while (std::getline(in, line)) {
        const size_t start = line.find_first_not_of(" \t");
        if (start == std::string::npos || line[start] == '#')
            continue;
        std::string hash = line.substr(start, 64);
        std::transform(hash.begin(), hash.end(), hash.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        if (hash == info.manifestSha256)
            return Status::ok();
    }
    return Status::error("the model bundle " + info.directory + " (" + info.name + " " + info.version +
                         ") is not on the trusted list " + listPath + ": its manifest.json has SHA-256 " + info.manifestSha256 +
                         "; add that line to the list to trust it");
}

Status verifyBundleFile(const std::string &directory, const std::string &file, const std::string &sha256,
                        const std::string &what)
{
    const std::string path = directory + "/" + file;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return Status::error(what + " is missing from the bundle " + directory);
    const std::string hash = sha256File(path);
    if (hash.empty())
        return Status::error(what + " cannot be read (" + path + ")");
    if (hash != sha256)
        return Status::error(what + " is corrupted or modified (SHA-256 " + hash.substr(0, 12) + "..., manifest.json says " +
                             sha256.substr(0, 12) + "...): refusing to use the bundle " + directory);
    return Status::ok();
}

Status recordOodCalibration(const std::string &directory)
{
    auto info = readManifest(directory);
    if (!info)
        return Status::error(info.message());
    const std::string file = "ood.json";
    const std::string hash = sha256File(directory + "/" + file);
    if (hash.empty())
        return Status::error("cannot read " + directory + "/" + file);
    BundleInfo updated = info.value();
    updated.oodFile = file;
    updated.oodSha256 = hash;
    return writeManifest(updated);
}

Status writeReportSentences(const std::string &directory, const std::vector<std::string> &reports)
{
    auto info = readManifest(directory);
    if (!info)
        return Status::error(info.message());
    const SentenceSet set = SentenceSet::fromReports(reports);
    if (set.empty())
        return Status::error("the training reports hold no sentence: nothing to write into " + directory);
    const std::string file = "report_sentences.bin";
    if (Status saved = set.save(directory + "/" + file); !saved)
        return saved;
    BundleInfo updated = info.value();
    updated.reportSentencesFile = file;
    updated.reportSentencesSha256 = sha256File(directory + "/" + file);
    updated.reportSentenceCount = (long long)set.size();
    if (updated.reportSentencesSha256.empty())
        return Status::error("cannot read " + directory + "/" + file);
    return writeManifest(updated);
}

Status checkComponentBudget(const BundleInfo &info, const ComponentInfo &component)
{
    const std::string name = componentName(component.component);
    const std::int64_t parameters = estimatedParameters(info.config, component.component);
    const double megaParameters = double(parameters) / 1e6;
    auto mib = [](double bytes) { return std::to_string((long long)(bytes / (1024.0 * 1024.0))) + " MiB"; };
    std::error_code ec;
    const auto fileSize = std::filesystem::file_size(info.directory + "/" + component.file, ec);
    if (ec)
        return Status::error("component '" + name + "': weights file " + component.file + " is missing from the bundle");
    // Every parameter is stored as a 4-byte float: the weights file bounds what the configuration may build.
    const double implied = double(parameters) * 4.0;
    if (implied > double(fileSize) + 65536.0)
        return Status::error("component '" + name + "': the configuration in manifest.json implies at least " +
                             std::to_string((long long)megaParameters) + " M parameters (" + mib(implied) + "), but " +
                             component.file + " holds only " + mib(double(fileSize)) +
                             ": manifest and weights disagree, refused before allocating anything");
#if defined(_SC_PHYS_PAGES) && defined(_SC_PAGESIZE)
    const long pages = sysconf(_SC_PHYS_PAGES), pageSize = sysconf(_SC_PAGESIZE);
    if (pages > 0 && pageSize > 0) {
        const double memory = double(pages) * double(pageSize);
        if (implied > memory / 2)
            return Status::error("component '" + name + "' needs at least " + mib(implied) + " for its weights alone, more than half of this machine's " +
                                 mib(memory) + ": refused before allocating anything");
    }
#endif
    return Status::ok();
}

namespace {

// The first line of every card RadSynth writes. A card without it was written by a person (the
// shipped default's is) and is never replaced: a new manifest, an OOD calibration or a resumed
// training would otherwise overwrite its tables with the generated summary.
constexpr const char *kGeneratedCardMark =
    "<!-- Written by RadSynth from manifest.json; rewritten with it. Delete this line to keep your own card. -->";

bool isGeneratedCard(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return true; // no card yet
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text.rfind(kGeneratedCardMark, 0) == 0)
        return true;
    // Cards written before the mark: the generated summary's fixed component table header.
    return text.rfind("# Model card: ", 0) == 0 &&
           text.find("\n## Components\n\n| component | file | parameters | SHA-256 | metrics |\n") != std::string::npos &&
           text.find("- A component without training metrics is untrained (random weights) and produces noise.\n") != std::string::npos;
}

} // namespace

Status writeModelCard(const BundleInfo &info)
{
    const std::string path = info.directory + "/MODEL_CARD.md";
    if (!isGeneratedCard(path))
        return Status::ok();
    std::ostringstream card;
    card << kGeneratedCardMark << "\n"
         << "# Model card: " << info.name << " " << info.version << "\n\n"
         << "RadSynth any-to-any chest X-ray generation model (frontal, lateral, report), after MedCoDi-M / XGeM,\n"
         << "scaled for a workstation CPU. **Research and teaching use only: generated images and reports are\n"
         << "synthetic and must never be used for diagnosis.**\n\n"
         << "## Architecture\n"
         << "- Preset `" << info.config.preset << "`, images " << info.config.resolution << " x " << info.config.resolution
         << ", latent " << info.config.latentChannels << " x " << info.config.latentSize() << " x " << info.config.latentSize() << "\n"
         << "- KL autoencoder shared by both views; aligned image/report prompt encoders (context width " << info.config.contextDim << ")\n"
         << "- Latent diffusion UNets per view (base " << info.config.unetBase << " channels), cross-attention to the prompt tokens\n"
         << "- Report generator: transformer decoder (" << info.config.decoderLayers << " layers, " << info.config.maxTokens << " tokens max)\n\n"
         << "## Components\n\n| component | file | parameters | SHA-256 | metrics |\n|---|---|---|---|---|\n";
    for (const auto &c : info.components)
        card << "| " << componentName(c.component) << " | " << c.file << " | " << c.parameterCount << " | `" << c.sha256.substr(0, 16)
             << "...` | " << (c.metrics.isNull() ? "" : c.metrics.dump(0)) << " |\n";
    card << "\n## Training data\n\n```json\n" << (info.trainingData.isNull() ? Json::object() : info.trainingData).dump(2) << "\n```\n\n"
         << "## Metrics\n\n```json\n" << (info.metrics.isNull() ? Json::object() : info.metrics).dump(2) << "\n```\n\n"
         << "## Limits\n- Trained on public chest X-ray data of limited size and diversity; outputs may look plausible and be wrong.\n"
         << "- A component without training metrics is untrained (random weights) and produces noise.\n";
    if (!writeTextAtomic(path, card.str()))
        return Status::error("cannot write " + path);
    return Status::ok();
}

} // namespace radsynth::generation
