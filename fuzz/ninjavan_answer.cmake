blytz_fuzz_target(ninjavan_answer ${CMAKE_CURRENT_SOURCE_DIR}/ninjavan_answer.c bz_ninjavan)
