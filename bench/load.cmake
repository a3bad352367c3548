# blytz-load: the real-time load generator (docs/benchmarks.md). Not part of src/,
# so the layer rules do not apply; bench_load_core is shared with its unit tests.
add_library(bench_load_core STATIC
  ${CMAKE_CURRENT_LIST_DIR}/load/stats.c
  ${CMAKE_CURRENT_LIST_DIR}/load/wsframe.c
  ${CMAKE_CURRENT_LIST_DIR}/load/wshandshake.c
  ${CMAKE_CURRENT_LIST_DIR}/load/jscan.c
  ${CMAKE_CURRENT_LIST_DIR}/load/sio.c
  ${CMAKE_CURRENT_LIST_DIR}/load/bidans.c
  ${CMAKE_CURRENT_LIST_DIR}/load/bidlog.c
  ${CMAKE_CURRENT_LIST_DIR}/load/procstat.c)
# The protocols' constants come from the server's codec headers (realtime/ws/ws.h,
# realtime/engineio/eio.h), header-only: the client's codec stays its own.
target_include_directories(bench_load_core PUBLIC ${CMAKE_CURRENT_LIST_DIR}/load
                           ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(bench_load_core PUBLIC PkgConfig::JANSSON PkgConfig::OPENSSL m)

add_executable(blytz-load
  ${CMAKE_CURRENT_LIST_DIR}/load/main.c
  ${CMAKE_CURRENT_LIST_DIR}/load/netutil.c
  ${CMAKE_CURRENT_LIST_DIR}/load/httpc.c
  ${CMAKE_CURRENT_LIST_DIR}/load/synchttp.c
  ${CMAKE_CURRENT_LIST_DIR}/load/sioc.c
  ${CMAKE_CURRENT_LIST_DIR}/load/setup.c
  ${CMAKE_CURRENT_LIST_DIR}/load/driver.c
  ${CMAKE_CURRENT_LIST_DIR}/load/viewers.c
  ${CMAKE_CURRENT_LIST_DIR}/load/scenario.c
  ${CMAKE_CURRENT_LIST_DIR}/load/scenario_fanout.c
  ${CMAKE_CURRENT_LIST_DIR}/load/scenario_idle.c
  ${CMAKE_CURRENT_LIST_DIR}/load/scenario_bids.c
  ${CMAKE_CURRENT_LIST_DIR}/load/scenario_flood.c)
target_link_libraries(blytz-load PRIVATE bench_load_core PkgConfig::UV dep_http_parser)
set_target_properties(blytz-load PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bench)
