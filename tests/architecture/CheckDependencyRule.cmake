# The dependency rule, checked on the sources (docs/ARCHITECTURE.md):
#  - ui/ and app/gui/ never include DCMTK, GDCM or LibTorch headers, and neither do core's public
#    headers (ui/ sees them);
#  - core/ never includes a Qt Widgets header (core is the layer below the widgets).
# Run: cmake -DSOURCE_DIR=<repo> -DQT_WIDGETS_INCLUDE_DIR=<.../qt6/QtWidgets> -P CheckDependencyRule.cmake
# Fails (FATAL_ERROR) naming every offending file and line.
if(NOT SOURCE_DIR OR NOT IS_DIRECTORY "${SOURCE_DIR}/core")
  message(FATAL_ERROR "SOURCE_DIR must name the repository root")
endif()
if(NOT QT_WIDGETS_INCLUDE_DIR OR NOT IS_DIRECTORY "${QT_WIDGETS_INCLUDE_DIR}")
  message(FATAL_ERROR "QT_WIDGETS_INCLUDE_DIR must name Qt's QtWidgets include folder")
endif()

set(violations "")

# Every #include line of `files` matching `pattern` is a violation described by `why`.
function(check_includes why pattern)
  foreach(file IN LISTS ARGN)
    file(STRINGS "${file}" lines REGEX "^[ \t]*#[ \t]*include")
    foreach(line IN LISTS lines)
      if(line MATCHES "${pattern}")
        file(RELATIVE_PATH relative "${SOURCE_DIR}" "${file}")
        string(STRIP "${line}" line)
        set(violations "${violations}\n  ${relative}: ${line} (${why})")
      endif()
    endforeach()
  endforeach()
  set(violations "${violations}" PARENT_SCOPE)
endfunction()

# ui/, app/gui/ and core's public headers: no DCMTK, GDCM or LibTorch.
file(GLOB_RECURSE ui_files "${SOURCE_DIR}/ui/*.h" "${SOURCE_DIR}/ui/*.cpp" "${SOURCE_DIR}/app/gui/*.h" "${SOURCE_DIR}/app/gui/*.cpp")
file(GLOB_RECURSE core_public "${SOURCE_DIR}/core/*/include/*.h")
set(backend "#[ \t]*include[ \t]*[<\"](dcmtk/|torch/|ATen/|c10/|caffe2/|gdcm[A-Za-z]*\\.h)")
check_includes("ui/ never sees DCMTK, GDCM or LibTorch" "${backend}" ${ui_files})
check_includes("a core public header reaches ui/: no DCMTK, GDCM or LibTorch" "${backend}" ${core_public})

# core/: no Qt Widgets header (<QtWidgets/...>, <QtWidgets>, or any class header QtWidgets installs).
file(GLOB widget_headers RELATIVE "${QT_WIDGETS_INCLUDE_DIR}" "${QT_WIDGETS_INCLUDE_DIR}/Q*")
list(FILTER widget_headers EXCLUDE REGEX "\\.")
list(LENGTH widget_headers count)
if(count LESS 100)
  message(FATAL_ERROR "only ${count} Qt Widgets class headers in ${QT_WIDGETS_INCLUDE_DIR}: not the QtWidgets include folder?")
endif()
list(JOIN widget_headers "|" widget_names)
file(GLOB_RECURSE core_files "${SOURCE_DIR}/core/*.h" "${SOURCE_DIR}/core/*.cpp")
check_includes("core/ has no widgets" "#[ \t]*include[ \t]*[<\"](QtWidgets[/>\"]|(${widget_names})[>\"])" ${core_files})

list(LENGTH core_files core_count)
list(LENGTH ui_files ui_count)
if(violations)
  message(FATAL_ERROR "dependency rule broken:${violations}")
endif()
message(STATUS "dependency rule holds: ${ui_count} ui/app-gui files, ${core_count} core files checked")
