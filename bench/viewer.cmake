# Viewer: time from a window/level or zoom change to the new frame, for a 2800x2300 12-bit image
# in a 1200x900 viewport (VTK into an offscreen framebuffer, painted by a QWidget; under
# Xvfb/llvmpipe when there is no display). Linked with the generation library for the allocator
# settings the workstation runs with (generation/CpuRuntime.h).
if(TARGET radsynth_ui_view AND TARGET radsynth_generation)
  radsynth_add_benchmark(bench-viewer SOURCES ${CMAKE_CURRENT_LIST_DIR}/viewer/BenchViewer.cpp LIBS radsynth_ui_view radsynth_generation)
endif()
