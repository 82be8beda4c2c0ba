// libFuzzer harness: arbitrary bytes as a model bundle's manifest.json (core/generation's
// standard-library part), as a bundle is opened before any weights are loaded: readManifest()
// (JSON parse, format, configuration bounds, component, tokenizer, classifier and calibration
// entries), then, for a manifest that is accepted, the parameter estimate and the budget check
// of every component (checkComponentBudget: no weights file is there, so it must refuse, never
// allocate) and the verification of each named file (none exists but manifest.json: refused).
// Checked besides the sanitizers: JSON the reader accepts is written back in a form it reads
// again, and an accepted configuration passes its own validation after a round trip.
// The bytes are written as manifest.json into one folder per process under TMPDIR.
#include "FuzzCheck.h"

#include "radsynth/generation/Bundle.h"
#include "radsynth/generation/Json.h"
#include "radsynth/generation/ModelConfig.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace {

using namespace radsynth::generation;

const std::string &bundleDirectory()
{
    static const std::string directory = [] {
        const char *tmp = std::getenv("TMPDIR");
        std::string d = std::string(tmp && *tmp ? tmp : "/tmp") + "/radsynth-fuzz-bundle-" + std::to_string(getpid());
        std::error_code ec;
        std::filesystem::create_directories(d, ec);
        return d;
    }();
    return directory;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);

    Json json;
    std::string error;
    if (Json::parse(text, json, &error)) {
        Json again;
        FUZZ_CHECK(Json::parse(json.dump(1), again, &error), "dumped JSON parses again");
        FUZZ_CHECK(again.dump(1) == json.dump(1), "dump is stable over a round trip");
        if (auto config = ModelConfig::fromJson(json["config"])) {
            FUZZ_CHECK(config->validate().isOk(), "an accepted configuration is valid");
            auto back = ModelConfig::fromJson(config->toJson());
            FUZZ_CHECK(back.isOk(), "an accepted configuration reads back from its JSON");
        }
    } else {
        FUZZ_CHECK(!error.empty(), "a parse error says where");
    }

    const std::string &directory = bundleDirectory();
    FILE *out = std::fopen((directory + "/manifest.json").c_str(), "wb");
    if (!out)
        return 0;
    const bool written = std::fwrite(data, 1, size, out) == size;
    if (std::fclose(out) != 0 || !written)
        return 0;
    auto info = readManifest(directory);
    if (!info) {
        FUZZ_CHECK(!info.message().empty(), "a refused manifest says why");
        return 0;
    }
    for (const ComponentInfo &component : info->components) {
        FUZZ_CHECK(estimatedParameters(info->config, component.component) > 0, "a component has parameters");
        const Status budget = checkComponentBudget(info.value(), component);
        if (component.file == "manifest.json") // the one file in the folder
            continue;
        FUZZ_CHECK(!budget.isOk(), "no weights file: the budget check refuses");
        FUZZ_CHECK(!verifyBundleFile(directory, component.file, component.sha256, "weights").isOk(), "missing file refused");
    }
    if (!info->tokenizerFile.empty() && info->tokenizerFile != "manifest.json")
        FUZZ_CHECK(!verifyBundleFile(directory, info->tokenizerFile, info->tokenizerSha256, "vocabulary").isOk(),
                   "missing vocabulary refused");
    return 0;
}
