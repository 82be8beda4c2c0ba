# Every dependency is a Debian 12 package; see ../shared/BUILD-NOTES.md.
# LibTorch headers define `slots`-like identifiers: Qt keywords are off project-wide.
add_compile_definitions(QT_NO_KEYWORDS)

find_package(Qt6 REQUIRED COMPONENTS Core Gui Widgets OpenGL OpenGLWidgets Concurrent Test LinguistTools)
qt_standard_project_setup()
set(CMAKE_AUTOMOC OFF) # enabled per target

find_package(spdlog REQUIRED)
find_package(ZLIB REQUIRED) # NIfTI (.nii.gz) CT volumes
find_package(DCMTK REQUIRED CONFIG)
find_package(GDCM REQUIRED CONFIG PATHS /usr/lib/x86_64-linux-gnu/gdcm-3.0)
find_package(OpenCV REQUIRED COMPONENTS core imgproc imgcodecs)

# Debian's VTK config needs MPI's C target first (BUILD-NOTES pitfall 2).
find_package(MPI COMPONENTS C)
find_package(VTK REQUIRED COMPONENTS
  CommonCore CommonDataModel ImagingCore InteractionStyle InteractionWidgets
  RenderingCore RenderingOpenGL2 RenderingFreeType RenderingAnnotation)

find_package(Torch REQUIRED)
