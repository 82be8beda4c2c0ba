# radsynth_add_library(NAME SOURCES ... [PUBLIC_LIBS ...] [PRIVATE_LIBS ...] [AUTOMOC])
# Libraries follow one shape: include/radsynth/<area>/*.h is public, src/ is private.
function(radsynth_add_library name)
  cmake_parse_arguments(ARG "AUTOMOC" "" "SOURCES;PUBLIC_LIBS;PRIVATE_LIBS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_link_libraries(${name} PUBLIC ${ARG_PUBLIC_LIBS} PRIVATE ${ARG_PRIVATE_LIBS})
  if(ARG_AUTOMOC)
    set_target_properties(${name} PROPERTIES AUTOMOC ON)
  endif()
  target_compile_options(${name} PRIVATE -Wall -Wextra)
endfunction()

# radsynth_add_test(NAME SOURCES ... LIBS ... [GUI] [LABELS ...] [TIMEOUT s])
# Qt Test classes, one per unit, registered with CTest. GUI tests run under Xvfb
# (BUILD-NOTES pitfall 9); the xvfb-run wrapper is added when DISPLAY is not set.
function(radsynth_add_test name)
  cmake_parse_arguments(ARG "GUI" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  set_target_properties(${name} PROPERTIES AUTOMOC ON RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
  target_compile_definitions(${name} PRIVATE
    RADSYNTH_SHARED_DATA_DIR="${RADSYNTH_SHARED_DATA_DIR}"
    RADSYNTH_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
    RADSYNTH_BINARY_DIR="${CMAKE_BINARY_DIR}")
  if(ARG_GUI)
    find_program(XVFB_RUN xvfb-run)
    add_test(NAME ${name} COMMAND ${XVFB_RUN} -a -s "-screen 0 1280x1024x24" $<TARGET_FILE:${name}>)
    set(labels gui ${ARG_LABELS})
  else()
    add_test(NAME ${name} COMMAND ${name})
    set(labels ${ARG_LABELS})
  endif()
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 600)
  endif()
  if(ARG_GUI)
    set(platform xcb)
  else()
    set(platform offscreen)
  endif()
  # Tests never touch the user's settings, logs or data: HOME and XDG folders point into the build.
  set(home ${CMAKE_BINARY_DIR}/test-home/${name})
  set_tests_properties(${name} PROPERTIES TIMEOUT ${ARG_TIMEOUT} LABELS "${labels}"
    ENVIRONMENT "QT_QPA_PLATFORM=${platform};HOME=${home};XDG_CONFIG_HOME=${home}/.config;XDG_DATA_HOME=${home}/.local/share;XDG_CACHE_HOME=${home}/.cache")
endfunction()
