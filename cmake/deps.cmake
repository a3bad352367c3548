# Imported targets for the Debian libraries Blytz builds on. Each src/ folder
# links only the ones its layer may use.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

pkg_check_modules(UV REQUIRED IMPORTED_TARGET libuv)
pkg_check_modules(JANSSON REQUIRED IMPORTED_TARGET jansson)
pkg_check_modules(JWT REQUIRED IMPORTED_TARGET libjwt)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
pkg_check_modules(SQLITE REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(PQ REQUIRED IMPORTED_TARGET libpq)
pkg_check_modules(HIREDIS REQUIRED IMPORTED_TARGET hiredis)
pkg_check_modules(VIPS REQUIRED IMPORTED_TARGET vips)
# Receipts and invoices as PDF (integrations/pdf): cairo's PDF surface, pango, fontconfig.
pkg_check_modules(PDF REQUIRED IMPORTED_TARGET cairo-pdf pangocairo pangofc fontconfig)
pkg_check_modules(CMOCKA REQUIRED IMPORTED_TARGET cmocka)
pkg_check_modules(ZLIB REQUIRED IMPORTED_TARGET zlib)
pkg_check_modules(OPENSSL REQUIRED IMPORTED_TARGET libcrypto)
# Unicode normalisation and UTS #39 confusables (domain/text_fold.c only).
pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc icu-i18n)

find_library(HTTP_PARSER_LIB http_parser REQUIRED)
find_path(HTTP_PARSER_INC http_parser.h REQUIRED)
add_library(dep_http_parser INTERFACE)
target_link_libraries(dep_http_parser INTERFACE ${HTTP_PARSER_LIB})
target_include_directories(dep_http_parser INTERFACE ${HTTP_PARSER_INC})

find_library(WSLAY_LIB wslay)
find_path(WSLAY_INC wslay/wslay.h)
if(WSLAY_LIB AND WSLAY_INC)
  add_library(dep_wslay INTERFACE)
  target_link_libraries(dep_wslay INTERFACE ${WSLAY_LIB})
  target_include_directories(dep_wslay INTERFACE ${WSLAY_INC})
endif()

# blytz_module(NAME SOURCES... LINKS ...): a static library for one src/ folder.
function(blytz_module name)
  cmake_parse_arguments(M "" "" "SOURCES;LINKS" ${ARGN})
  add_library(${name} STATIC ${M_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  if(M_LINKS)
    target_link_libraries(${name} PUBLIC ${M_LINKS})
  endif()
endfunction()

# blytz_unit_test(NAME SOURCE LINKS...): a cmocka test registered with CTest.
function(blytz_unit_test name src)
  add_executable(${name} ${src})
  target_link_libraries(${name} PRIVATE ${ARGN} PkgConfig::CMOCKA)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests/unit) # unit_main.h
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES LABELS unit)
endfunction()
