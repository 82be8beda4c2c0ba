# Generation: latency of the three CPU targets with an untrained default-size model (timing does
# not depend on the weights), peak memory, and one sampling step of the paper-sized preset.
if(TARGET radsynth_generation)
  radsynth_add_benchmark(bench-generation SOURCES ${CMAKE_CURRENT_LIST_DIR}/generation/BenchGeneration.cpp LIBS radsynth_generation)
endif()
