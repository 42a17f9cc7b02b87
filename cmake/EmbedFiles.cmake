# embed_files(OUTPUT <cpp> NAMESPACE <ns> BASE <dir> FILES <abs paths...>)
# Generates a .cpp defining `const std::vector<soulspot::EmbeddedFile>& <ns>::embeddedFiles()` so static
# assets (web UI, OpenAPI document) ship inside the binary. Re-runs when any input changes.
function(embed_files)
  cmake_parse_arguments(E "" "OUTPUT;NAMESPACE;BASE" "FILES" ${ARGN})
  add_custom_command(
    OUTPUT ${E_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${E_OUTPUT} -DNAMESPACE=${E_NAMESPACE} -DBASE=${E_BASE} "-DFILES=${E_FILES}"
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    DEPENDS ${E_FILES} ${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake
    COMMENT "Embedding ${E_NAMESPACE} files"
    VERBATIM)
endfunction()
