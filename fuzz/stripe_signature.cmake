blytz_fuzz_target(stripe_signature ${CMAKE_CURRENT_SOURCE_DIR}/stripe_signature.c bz_stripe)
