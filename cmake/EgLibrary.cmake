# eg_library(NAME DIR dir DEPS ...): one static library per source folder.
# Sources are globbed so that adding a file to a folder needs no CMake edit;
# CONFIGURE_DEPENDS makes the build notice new files.
function(eg_library name)
  cmake_parse_arguments(ARG "" "DIR" "DEPS;EXTRA_SOURCES" ${ARGN})
  if(NOT ARG_DIR)
    set(ARG_DIR ${CMAKE_CURRENT_SOURCE_DIR})
  endif()
  file(GLOB srcs CONFIGURE_DEPENDS "${ARG_DIR}/*.cpp")
  if(srcs OR ARG_EXTRA_SOURCES)
    add_library(${name} STATIC ${srcs} ${ARG_EXTRA_SOURCES})
    target_link_libraries(${name} PUBLIC ${ARG_DEPS})
  else()
    add_library(${name} INTERFACE)
    target_link_libraries(${name} INTERFACE ${ARG_DEPS})
  endif()
endfunction()

# eg_test(NAME DIR dir DEPS ...): one GoogleTest executable per test folder,
# registered with ctest test by test.
function(eg_test name)
  cmake_parse_arguments(ARG "" "DIR" "DEPS" ${ARGN})
  file(GLOB srcs CONFIGURE_DEPENDS "${ARG_DIR}/*.cpp")
  if(NOT srcs)
    return()
  endif()
  add_executable(${name} ${srcs})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    EG_SHARED_DIR="${EG_SHARED_DIR}"
    EG_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
    EG_BINARY_DIR="${CMAKE_BINARY_DIR}")
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 600)
endfunction()
