// bench-generation: the default model's CPU latency targets (F2L 20 DPM-Solver++ steps with
// guidance <= 1.5 s, image -> report <= 0.3 s, report -> frontal + lateral <= 3 s), peak memory
// with the bundle loaded (<= 1.5 GB), and one sampling step of the paper-sized preset, giving the
// speed-up over the paper's 50-step guided sampler as a ratio. Untrained weights: the cost of a
// forward pass does not depend on their values (the report decoder runs to its maximum length).
#include "radsynth/generation/CpuRuntime.h"
#include "radsynth/generation/Generator.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

using namespace radsynth::generation;

namespace {
double peakRssMb()
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmHWM:", 0) == 0)
            return std::atof(line.c_str() + 6) / 1024.0;
    return 0;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

ImageData phantom(int size)
{
    ImageData image;
    image.width = image.height = size;
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x)
            image.pixels.push_back(float((x * 7 + y * 3) % size) / float(size));
    return image;
}
} // namespace

int main(int argc, char **argv)
{
    // As the applications do (RADSYNTH_DEFAULT_MALLOC=1 measures glibc's defaults instead).
    const bool tuned = tuneAllocatorForTensors();
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // figures appear as they are measured
    std::printf("allocator: %s\n", tuned ? "tuned for tensors (generation/CpuRuntime.h)" : "the C library's defaults");
    const int threads = argc > 1 ? std::atoi(argv[1]) : 2;
    Generator::setThreads(threads);
    const std::string dir = (std::filesystem::temp_directory_path() / ("radsynth-bench-generation-" + std::to_string(::getpid()))).string();
    CreateBundleOptions create;
    create.directory = dir;
    create.config = ModelConfig::fromPreset("default").value();
    // A vocabulary of realistic size (about 2000 words, as for IU X-ray at min count 3).
    for (int i = 0; i < 2000; ++i)
        create.tokenizerTexts.push_back("word" + std::to_string(i));
    create.tokenizerMinCount = 1;
    Status s = createBundle(create);
    if (!s) {
        std::fprintf(stderr, "bench-generation: %s\n", s.message().c_str());
        return 1;
    }
    auto t0 = std::chrono::steady_clock::now();
    auto loaded = Generator::load(dir);
    const double loadMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (!loaded) {
        std::fprintf(stderr, "bench-generation: %s\n", loaded.message().c_str());
        return 1;
    }
    Generator &g = *loaded.value();
    std::printf("default preset (%d px, latent %dx%dx%d, UNet base %d), %d thread(s); bundle load %.0f ms\n", create.config.resolution,
                create.config.latentChannels, create.config.latentSize(), create.config.latentSize(), create.config.unetBase, threads, loadMs);
    for (const auto &c : g.info().components)
        std::printf("  %-15s %10lld parameters\n", componentName(c.component), (long long)c.parameterCount);

    auto measure = [&](const char *label, Request r, double target) {
        std::vector<double> totals;
        Timings last;
        for (int i = 0; i < 4; ++i) {
            auto out = g.run(r);
            if (!out) {
                std::fprintf(stderr, "bench-generation: %s: %s\n", label, out.message().c_str());
                std::exit(1);
            }
            if (i > 0) // the first run warms up
                totals.push_back(out->timings.totalMs);
            last = out->timings;
        }
        const double m = median(totals);
        // The minimum is printed too: on a shared machine it is the figure least distorted by others' load.
        const double fastest = *std::min_element(totals.begin(), totals.end());
        std::printf("%-44s %8.0f ms median, %6.0f ms min (target %5.0f ms: %s)  [last run: encode %.0f, sample %.0f, decode %.0f, report %.0f]\n",
                    label, m, fastest, target, m <= target ? "met" : "MISSED", last.encodeMs, last.sampleMs, last.decodeMs, last.reportMs);
        return m;
    };
    Request f2l;
    f2l.task = Task::F2L;
    f2l.frontal = phantom(512);
    f2l.steps = 20;
    f2l.guidance = 2.0;
    const double f2lMs = measure("F2L, 20 DPM-Solver++(2M) steps, guidance 2", f2l, 1500);
    Request f2r;
    f2r.task = Task::F2R;
    f2r.frontal = phantom(512);
    f2r.minTokens = 1000; // untrained: never stop early, decode the full length
    measure("F2R, greedy, full 96 tokens", f2r, 300);
    Request r2fl;
    r2fl.task = Task::R2FL;
    r2fl.report = "Heart size is normal. The lungs are clear. No pleural effusion or pneumothorax.";
    r2fl.steps = 20;
    r2fl.guidance = 2.0;
    measure("R2FL, 20 DPM-Solver++(2M) steps each, guidance 2", r2fl, 3000);
    const double peak = peakRssMb();
    std::printf("peak resident memory with the bundle loaded: %.0f MB (target 1536 MB: %s)\n", peak, peak <= 1536 ? "met" : "MISSED");
    loaded.value().reset();
    std::filesystem::remove_all(dir);

    auto paper = ModelConfig::fromPreset("paper").value();
    int64_t parameters = 0;
    auto step = measureDenoisingStepMs(paper, 2, 2, &parameters);
    if (!step) {
        std::fprintf(stderr, "bench-generation: paper preset: %s\n", step.message().c_str());
        return 1;
    }
    const double paperSampling = 50 * step.value();
    std::printf("paper preset UNet (%d px, base %d, mults 1,2,4,4, context %d): %.1f M parameters, one guided step (batch 2) %.0f ms\n",
                paper.resolution, paper.unetBase, paper.contextDim, parameters / 1e6, step.value());
    std::printf("paper sampler, 50 guided steps: %.1f s; default F2L (20 steps, all stages): %.2f s; speed-up %.0fx\n", paperSampling / 1000,
                f2lMs / 1000, paperSampling / f2lMs);
    return 0;
}
