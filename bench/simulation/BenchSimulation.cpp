// bench-simulation: frontal + lateral pairs per second at 256 px, 2 worker threads (one case each).
#include "radsynth/simulation/Simulator.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

using namespace radsynth::simulation;

int main(int argc, char **argv)
{
    const int count = argc > 1 ? std::atoi(argv[1]) : 60;
    const int threads = argc > 2 ? std::atoi(argv[2]) : 2;
    const int size = argc > 3 ? std::atoi(argv[3]) : 256;
    std::atomic<int> next{0};
    std::atomic<long> checksum{0};
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
        workers.emplace_back([&] {
            for (int i = next++; i < count; i = next++) {
                const SimulatedCase c = simulateCase(uint64_t(1000 + i), randomFindings(uint64_t(1000 + i)), {size, true});
                long sum = 0; // all pixels of both views, position-weighted: a change anywhere shows
                for (size_t k = 0; k < c.frontal.pixels.size(); ++k)
                    sum += long(c.frontal.pixels[k]) * long(k % 97 + 1) + long(c.lateral.pixels[k]) * long(k % 89 + 1);
                checksum += sum;
            }
        });
    for (auto &w : workers)
        w.join();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("simulate %d frontal+lateral pairs at %d px on %d threads: %.2f s, %.1f pairs/s (checksum %ld)\n", count, size,
                threads, seconds, count / seconds, checksum.load());
    return 0;
}
