blytz_fuzz_target(stripe_event ${CMAKE_CURRENT_SOURCE_DIR}/stripe_event.c bz_stripe)
