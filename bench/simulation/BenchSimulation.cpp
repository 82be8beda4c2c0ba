// bench-simulation: frontal + lateral pairs per second at 256 px, 2 worker threads (one case each),
// for the phantom engine and, when the CT folder exists, the CT engine in the same run; the CT
// volumes' preparation (cached on disk after the first time) is timed apart.
//   bench-simulation [cases] [threads] [size] [ct-dir]
#include "radsynth/simulation/CtEngine.h"
#include "radsynth/simulation/Simulator.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>
#include <vector>

using namespace radsynth::simulation;

namespace {
void run(const char *engine, int count, int threads, int size, const CtLibrary *ct)
{
    std::atomic<int> next{0};
    std::atomic<long> checksum{0};
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
        workers.emplace_back([&] {
            for (int i = next++; i < count; i = next++) {
                const SimulatedCase c = simulateCase(uint64_t(1000 + i), randomFindings(uint64_t(1000 + i)), {size, true, ct});
                long sum = 0; // all pixels of both views, position-weighted: a change anywhere shows
                for (size_t k = 0; k < c.frontal.pixels.size(); ++k)
                    sum += long(c.frontal.pixels[k]) * long(k % 97 + 1) + long(c.lateral.pixels[k]) * long(k % 89 + 1);
                checksum += sum;
            }
        });
    for (auto &w : workers)
        w.join();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%-8s engine: %d frontal+lateral pairs at %d px on %d threads: %.2f s, %.1f pairs/s (checksum %ld)\n", engine, count,
                size, threads, seconds, count / seconds, checksum.load());
}
} // namespace

int main(int argc, char **argv)
{
    const int count = argc > 1 ? std::atoi(argv[1]) : 60;
    const int threads = argc > 2 ? std::atoi(argv[2]) : 2;
    const int size = argc > 3 ? std::atoi(argv[3]) : 256;
    const std::string ctDir = argc > 4 ? argv[4] : defaultCtDirectory();
    run("phantom", count, threads, size, nullptr);
    std::error_code ec;
    if (!std::filesystem::is_directory(ctDir, ec)) {
        std::printf("CT engine: no CT folder at %s (skipped)\n", ctDir.c_str());
        return 0;
    }
    // Preparation from the NIfTI files (no cache), then the cached load a later run gets.
    const std::string cache = (std::filesystem::temp_directory_path() / "radsynth-bench-ct-cache").string();
    std::filesystem::remove_all(cache, ec);
    auto start = std::chrono::steady_clock::now();
    auto library = CtLibrary::load(ctDir, cache, nullptr, threads);
    const double prepare = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!library) {
        std::printf("CT engine: %s\n", library.error().toString().c_str());
        return 1;
    }
    start = std::chrono::steady_clock::now();
    auto cached = CtLibrary::load(ctDir, cache, nullptr, threads);
    const double load = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("CT volumes: %zu prepared in %.2f s on %d threads (%.2f s each), loaded from the cache in %.2f s\n",
                library->volumes.size(), prepare, threads, prepare * threads / double(library->volumes.size()), load);
    run("CT", count, threads, size, &cached.value());
    std::filesystem::remove_all(cache, ec);
    return 0;
}
