# Viewer: time from a window/level or zoom change to the new frame, for a 2800x2300 12-bit image
# in a 1200x900 viewport (VTK on a Qt 6 QOpenGLWidget; under Xvfb/llvmpipe when there is no display).
if(TARGET radsynth_ui_view)
  radsynth_add_benchmark(bench-viewer SOURCES ${CMAKE_CURRENT_LIST_DIR}/viewer/BenchViewer.cpp LIBS radsynth_ui_view)
endif()
