# .deb through CPack: `cpack -G DEB --config build/CPackConfig.cmake` (or `cmake --build build --target package`).
# Installs the two programs, the bundled models and sample study, a .desktop entry, the icon and
# AppStream metadata. Runtime dependencies come from dpkg-shlibdeps.
set(RADSYNTH_APP_ID org.radsynth.RadSynth)

install(FILES ${CMAKE_CURRENT_LIST_DIR}/linux/${RADSYNTH_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/linux/${RADSYNTH_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${CMAKE_SOURCE_DIR}/resources/icons/radsynth.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps RENAME ${RADSYNTH_APP_ID}.svg OPTIONAL)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/models/ DESTINATION ${CMAKE_INSTALL_DATADIR}/radsynth/models
        PATTERN "checkpoints" EXCLUDE PATTERN "*.part" EXCLUDE)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/resources/sample-study DESTINATION ${CMAKE_INSTALL_DATADIR}/radsynth/resources OPTIONAL)
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR} OPTIONAL)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME radsynth)
set(CPACK_PACKAGE_VENDOR "RadSynth")
set(CPACK_PACKAGE_CONTACT "RadSynth maintainers <maintainers@radsynth.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Chest X-ray workstation with an any-to-any generative model")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_FILE_NAME radsynth_${PROJECT_VERSION}_amd64)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "RadSynth opens chest radiograph studies (DICOM) and synthesizes the
 missing views and a draft report with a small any-to-any generative model. Synthetic output is
 marked as such and is not for diagnosis.")
set(CPACK_OUTPUT_FILE_PREFIX ${CMAKE_BINARY_DIR}/packages)
include(CPack)
