# Workstation: the longest event-loop stall on the GUI thread while F2L and F2R generate
# (docs/BENCHMARKS.md, "Workstation responsiveness during generation").
if(TARGET radsynth_ui AND TARGET radsynth_generation)
  radsynth_add_benchmark(bench-ui-stall SOURCES ${CMAKE_CURRENT_LIST_DIR}/ui/BenchUiStall.cpp LIBS radsynth_ui radsynth_generation)
  # Exported symbols, so the stall sampler can name RadSynth's functions in the stacks it takes.
  set_target_properties(bench-ui-stall PROPERTIES ENABLE_EXPORTS ON)
endif()
