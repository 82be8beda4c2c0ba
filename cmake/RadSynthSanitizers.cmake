# Sanitizer and fuzzing builds (issue 24, finding 6). Both are off by default; scripts/sanitize.sh
# and scripts/fuzz.sh configure them in their own build folder (docs/TESTING.md).
#
# RADSYNTH_SANITIZE=ON: every target of the project is compiled and linked with AddressSanitizer
# and UndefinedBehaviorSanitizer (GCC or Clang). UBSan does not recover: the first undefined
# behaviour aborts the process (-fno-sanitize-recover=undefined), so a test that triggers one
# fails instead of printing a line nobody reads. float-cast-overflow is named explicitly because
# GCC leaves it out of -fsanitize=undefined (Clang includes it). The third-party libraries (Qt,
# DCMTK, GDCM, LibTorch, OpenCV) are Debian's uninstrumented builds: their own memory errors are
# not seen, but every access our code makes to their memory is.
#
# RADSYNTH_FUZZ=ON (Clang only): our libraries also get libFuzzer's coverage instrumentation
# (-fsanitize=fuzzer-no-link) and the harnesses in fuzz/ are built. Tests and programs linked
# from the same objects still run: the sanitizer runtime has empty defaults for the coverage hooks,
# which is why RADSYNTH_FUZZ=ON implies RADSYNTH_SANITIZE=ON (one build folder serves both scripts).
option(RADSYNTH_SANITIZE "Build with AddressSanitizer + UndefinedBehaviorSanitizer" OFF)
option(RADSYNTH_FUZZ "Build the libFuzzer harnesses in fuzz/ (Clang only; implies RADSYNTH_SANITIZE)" OFF)
if(RADSYNTH_FUZZ AND NOT RADSYNTH_SANITIZE)
  set(RADSYNTH_SANITIZE ON CACHE BOOL "Build with AddressSanitizer + UndefinedBehaviorSanitizer" FORCE)
endif()

if(RADSYNTH_SANITIZE)
  set(RADSYNTH_SANITIZER_FLAGS -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=undefined
      -fno-omit-frame-pointer)
  add_compile_options(${RADSYNTH_SANITIZER_FLAGS})
  add_link_options(-fsanitize=address,undefined,float-cast-overflow)
  message(STATUS "RadSynth: AddressSanitizer + UndefinedBehaviorSanitizer on (${CMAKE_CXX_COMPILER_ID})")
endif()

if(RADSYNTH_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "RADSYNTH_FUZZ=ON needs Clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
  message(STATUS "RadSynth: libFuzzer coverage instrumentation on; harnesses in fuzz/")
endif()
