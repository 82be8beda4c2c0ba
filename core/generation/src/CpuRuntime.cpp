#include "radsynth/generation/CpuRuntime.h"

#include <cstdlib>

#include <dlfcn.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace radsynth::generation {

bool tuneAllocatorForTensors()
{
#if defined(__GLIBC__)
    if (std::getenv("RADSYNTH_DEFAULT_MALLOC"))
        return false;
    // glibc's upper limit for the mmap threshold on 64-bit systems (HEAP_MAX_SIZE / 2).
    constexpr int kMmapThreshold = 32 * 1024 * 1024;
    constexpr int kTrimThreshold = 512 * 1024 * 1024;
    constexpr int kTopPad = 64 * 1024 * 1024;
    bool changed = false;
    if (!std::getenv("MALLOC_MMAP_THRESHOLD_"))
        changed = mallopt(M_MMAP_THRESHOLD, kMmapThreshold) == 1 || changed;
    if (!std::getenv("MALLOC_TRIM_THRESHOLD_"))
        changed = mallopt(M_TRIM_THRESHOLD, kTrimThreshold) == 1 || changed;
    if (!std::getenv("MALLOC_TOP_PAD_"))
        changed = mallopt(M_TOP_PAD, kTopPad) == 1 || changed;
    // One arena for every thread: a thread's own arena lives in 64 MB heaps that are mapped and
    // unmapped as its buffers come and go (two UNet stages side by side: 39-44 s for 60 steps with
    // one arena, 51 s with one per thread).
    if (!std::getenv("MALLOC_ARENA_MAX"))
        changed = mallopt(M_ARENA_MAX, 1) == 1 || changed;
    return changed;
#else
    return false;
#endif
}

namespace {
template <typename Function>
Function blasSymbol(const char *name)
{
    // The BLAS library is already loaded (LibTorch links it); RTLD_DEFAULT finds its symbols.
    return reinterpret_cast<Function>(dlsym(RTLD_DEFAULT, name));
}
} // namespace

bool setBlasThreads(int threads)
{
    if (threads < 1)
        return false;
    if (auto set = blasSymbol<void (*)(int)>("openblas_set_num_threads")) {
        set(threads);
        return true;
    }
    return false;
}

int blasThreads()
{
    if (auto get = blasSymbol<int (*)()>("openblas_get_num_threads"))
        return get();
    return 0;
}

} // namespace radsynth::generation
