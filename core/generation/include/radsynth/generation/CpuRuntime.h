#pragma once
// What LibTorch on the CPU needs from the process around it: the C library's allocator and the
// BLAS library's own thread pool, both set up for many small models running side by side.
// (The header includes no LibTorch: applications call it from main().)
namespace radsynth::generation {

// Every training and sampling step allocates activation buffers of a few MB and frees them again.
// glibc serves blocks above its mmap threshold (128 KB, raised only slowly) with mmap, gives them
// back with munmap and trims its heap whenever 128 KB are free at the top, so each step faults its
// working memory in again from zeroed pages; a thread's own arena maps and unmaps 64 MB heaps the
// same way. This keeps blocks up to 32 MB in the heap, returns free memory to the system only above
// 512 MB and gives every thread the one main arena: one lateral UNet training step (batch 16) took
// 1.39 s with glibc's defaults and 0.62 s with these settings on the 2-core CPU (docs/BENCHMARKS.md,
// "CPU runtime"). glibc's own MALLOC_MMAP_THRESHOLD_, MALLOC_TRIM_THRESHOLD_, MALLOC_TOP_PAD_ and
// MALLOC_ARENA_MAX, where the user set them, win; RADSYNTH_DEFAULT_MALLOC leaves the allocator
// alone. Call it first thing in main(), before any thread starts. Returns whether anything changed
// (false on other C libraries). Safe to call more than once.
bool tuneAllocatorForTensors();

// LibTorch's matrix products on Debian go to OpenBLAS, whose own thread pool ignores
// torch::set_num_threads: two jobs on two cores that each ask for one LibTorch thread still get
// two BLAS threads each, which then spin against each other (two UNet stages side by side trained
// at 0.6 steps/s each, against 1.5 in separate processes). Sets the BLAS pool's size where the
// library offers it (OpenBLAS, looked up at run time: nothing is linked); returns whether it did.
// The setting is process-wide.
bool setBlasThreads(int threads);
// The BLAS pool's size, or 0 where it cannot be asked.
int blasThreads();

} // namespace radsynth::generation
