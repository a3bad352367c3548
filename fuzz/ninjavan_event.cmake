blytz_fuzz_target(ninjavan_event ${CMAKE_CURRENT_SOURCE_DIR}/ninjavan_event.c bz_ninjavan)
