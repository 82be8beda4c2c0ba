#pragma once
// What a harness does when an invariant of the code under test does not hold: print it and abort,
// so libFuzzer records the input as a crash (the sanitizers report memory and undefined-behaviour
// errors themselves). Only for properties the code documents; never for "the input was refused".
#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition, what)                                                                \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "FUZZ_CHECK failed: %s (%s) at %s:%d\n", what, #condition,       \
                         __FILE__, __LINE__);                                                      \
            std::abort();                                                                          \
        }                                                                                          \
    } while (0)
