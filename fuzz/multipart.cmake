# multipart/form-data parser, built from its source alone on bz_base (no bz_http).
blytz_fuzz_target(multipart ${CMAKE_CURRENT_SOURCE_DIR}/multipart.c bz_base)
target_sources(fuzz_multipart PRIVATE ${PROJECT_SOURCE_DIR}/src/http/multipart.c)
