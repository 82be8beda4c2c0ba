# ui/ libraries (included from ui/CMakeLists.txt, which globs the sources).
#   radsynth_ui_view: the VTK image view (Qt 6 QOpenGLWidget bridge), viewport state, overlays and
#                     measurements. Depends on imaging only.
#   radsynth_ui:      main window, study browser, thumbnails, tag browser, settings, translations.
#                     Depends on the DICOM loader (radsynth_dicom); defined once that library exists.
# BUILD-NOTES pitfall 1: never VTK::GUISupportQt (Qt 5) here.
set(RADSYNTH_UI_VIEW_NAMES VtkImageView ViewportState Viewport Overlay Measurement)
set(RADSYNTH_UI_VIEW_SOURCES "")
set(RADSYNTH_UI_APP_SOURCES "")
foreach(file ${RADSYNTH_UI_SOURCES})
  get_filename_component(stem ${file} NAME_WE)
  if(file MATCHES "/src/pacs/" AND NOT TARGET radsynth_pacs)
    # The PACS dialogs need radsynth_pacs; left out until that library exists.
  elseif(stem IN_LIST RADSYNTH_UI_VIEW_NAMES)
    list(APPEND RADSYNTH_UI_VIEW_SOURCES ${file})
  else()
    list(APPEND RADSYNTH_UI_APP_SOURCES ${file})
  endif()
endforeach()

set(RADSYNTH_UI_VTK_MODULES VTK::CommonCore VTK::CommonDataModel VTK::CommonTransforms VTK::FiltersSources
  VTK::InteractionStyle VTK::RenderingCore VTK::RenderingOpenGL2 VTK::RenderingFreeType VTK::RenderingAnnotation)

radsynth_add_library(radsynth_ui_view AUTOMOC
  SOURCES ${RADSYNTH_UI_VIEW_SOURCES}
  PUBLIC_LIBS radsynth_imaging Qt6::Widgets Qt6::OpenGL Qt6::OpenGLWidgets
  PRIVATE_LIBS ${RADSYNTH_UI_VTK_MODULES})
# VTK's object factories (OpenGL2 render window, FreeType text) are registered by autoinit.
vtk_module_autoinit(TARGETS radsynth_ui_view MODULES ${RADSYNTH_UI_VTK_MODULES})

set(RADSYNTH_TS_FILES
  ${CMAKE_SOURCE_DIR}/translations/radsynth_en.ts
  ${CMAKE_SOURCE_DIR}/translations/radsynth_it.ts
  ${CMAKE_SOURCE_DIR}/translations/radsynth_de.ts)

# Generation in the workstation (jobs dock, report dock, any-to-any panel) needs the workflow
# services (job scheduler, generation service, draft store), core/report and the report editor.
if(TARGET radsynth_dicom AND TARGET radsynth_ui_report AND TARGET radsynth_generation AND RADSYNTH_UI_APP_SOURCES
   AND EXISTS ${CMAKE_SOURCE_DIR}/app/gui/main.cpp)
  radsynth_add_library(radsynth_ui AUTOMOC
    SOURCES ${RADSYNTH_UI_APP_SOURCES}
    PUBLIC_LIBS radsynth_ui_view radsynth_dicom radsynth_common radsynth_workflow radsynth_report radsynth_ui_report
      Qt6::Widgets Qt6::Concurrent)
  # Query/Retrieve dialog and PACS nodes editor (ui/src/pacs) use core/pacs (see above).
  if(TARGET radsynth_pacs)
    target_link_libraries(radsynth_ui PUBLIC radsynth_pacs)
  endif()
  # Export... and Send to PACS... (ExportController) write through core/export.
  target_link_libraries(radsynth_ui PUBLIC radsynth_export)
  # The application icon, embedded.
  qt_add_resources(radsynth_ui "radsynth_icons" PREFIX "/icons" BASE ${CMAKE_SOURCE_DIR}/resources/icons
    FILES ${CMAKE_SOURCE_DIR}/resources/icons/radsynth.svg)
  # Translations: `cmake --build <dir> --target radsynth_ui_lupdate` refreshes the .ts files from
  # every ui/ source; the .qm files are compiled at build time and embedded under :/i18n.
  # The lupdate sources also cover ui/src/report (its own library, left out of RADSYNTH_UI_SOURCES),
  # the GUI entry point and core/workflow (QCoreApplication::translate strings shown in the GUI);
  # the include paths let lupdate resolve the radsynth::ui / radsynth::workflow contexts.
  file(GLOB_RECURSE RADSYNTH_UI_LUPDATE_EXTRA CONFIGURE_DEPENDS
    ${CMAKE_CURRENT_SOURCE_DIR}/src/report/*.cpp ${CMAKE_CURRENT_SOURCE_DIR}/src/report/*.h
    ${CMAKE_SOURCE_DIR}/core/workflow/src/*.cpp ${CMAKE_SOURCE_DIR}/core/workflow/include/*.h
    ${CMAKE_SOURCE_DIR}/app/gui/*.cpp ${CMAKE_SOURCE_DIR}/core/imaging/include/radsynth/imaging/SyntheticMark.h)
  qt_add_lupdate(radsynth_ui TS_FILES ${RADSYNTH_TS_FILES}
    SOURCES ${RADSYNTH_UI_SOURCES} ${RADSYNTH_UI_LUPDATE_EXTRA}
    INCLUDE_DIRECTORIES ${CMAKE_CURRENT_SOURCE_DIR}/include ${CMAKE_CURRENT_SOURCE_DIR}/src/report/include
      ${CMAKE_CURRENT_SOURCE_DIR}/src/pacs ${CMAKE_SOURCE_DIR}/core/workflow/include
    OPTIONS -locations none)
  qt_add_lrelease(radsynth_ui TS_FILES ${RADSYNTH_TS_FILES} QM_FILES_OUTPUT_VARIABLE RADSYNTH_QM_FILES)
  qt_add_resources(radsynth_ui "radsynth_translations" PREFIX "/i18n" BASE ${CMAKE_CURRENT_BINARY_DIR}
    FILES ${RADSYNTH_QM_FILES})
else()
  message(STATUS "radsynth_ui: waiting for radsynth_dicom, radsynth_generation and radsynth_ui_report; only radsynth_ui_view is built")
endif()
