blytz_fuzz_target(janus_mjr ${CMAKE_CURRENT_SOURCE_DIR}/janus_mjr.c bz_janus)
