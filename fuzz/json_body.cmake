blytz_fuzz_target(json_body ${CMAKE_CURRENT_SOURCE_DIR}/json_body.c bz_api bz_http bz_store_sqlite
                  bz_crypto)
