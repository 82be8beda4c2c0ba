# Simulator: frontal + lateral pairs per second at 256 px on 2 threads (docs/BENCHMARKS.md).
if(TARGET radsynth_simulation)
  radsynth_add_benchmark(bench-simulation SOURCES ${CMAKE_CURRENT_LIST_DIR}/simulation/BenchSimulation.cpp
    LIBS radsynth_simulation)
  # Not a benchmark: draws docs/simulator.png (simulated pairs next to real normal frontals).
  add_executable(simulator-sheet ${CMAKE_CURRENT_LIST_DIR}/simulation/SimulatorSheet.cpp)
  set_target_properties(simulator-sheet PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bench)
  target_link_libraries(simulator-sheet PRIVATE radsynth_simulation opencv_core opencv_imgproc opencv_imgcodecs)
  target_compile_definitions(simulator-sheet PRIVATE RADSYNTH_SHARED_DATA_DIR="${RADSYNTH_SHARED_DATA_DIR}")
endif()
# Realism: phantom vs CT engine vs real normal frontals (docs/SIMULATOR.md).
if(TARGET radsynth_simulation)
  radsynth_add_benchmark(bench-realism SOURCES ${CMAKE_CURRENT_LIST_DIR}/simulation/BenchRealism.cpp
    LIBS radsynth_simulation opencv_core opencv_imgproc opencv_imgcodecs)
endif()
