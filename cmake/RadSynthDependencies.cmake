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
# OpenJPEG (libopenjp2-7-dev): JPEG 2000 frames at reduced resolution for the first look at a large
# radiograph (GDCM decodes the full frame). Its CMake package also wants openjpip's files, so the
# library and header are found directly.
find_path(OPENJPEG_INCLUDE_DIR openjpeg.h PATH_SUFFIXES openjpeg-2.5 REQUIRED)
find_library(OPENJPEG_LIBRARY openjp2 REQUIRED)
add_library(radsynth_openjpeg INTERFACE)
target_include_directories(radsynth_openjpeg SYSTEM INTERFACE ${OPENJPEG_INCLUDE_DIR})
target_link_libraries(radsynth_openjpeg INTERFACE ${OPENJPEG_LIBRARY})

# Debian's VTK config needs MPI's C target first (BUILD-NOTES pitfall 2).
find_package(MPI COMPONENTS C)
find_package(VTK REQUIRED COMPONENTS
  CommonCore CommonDataModel ImagingCore InteractionStyle InteractionWidgets
  RenderingCore RenderingOpenGL2 RenderingFreeType RenderingAnnotation)

find_package(Torch REQUIRED)
