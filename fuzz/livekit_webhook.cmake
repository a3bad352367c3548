blytz_fuzz_target(livekit_webhook ${CMAKE_CURRENT_SOURCE_DIR}/livekit_webhook.c bz_livekit)
