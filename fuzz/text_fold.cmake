blytz_fuzz_target(text_fold ${CMAKE_CURRENT_SOURCE_DIR}/text_fold.c bz_domain)
