# WebSocket frame decoder (realtime/ws/ws.h): masking, fragments, caps, control frames.
blytz_fuzz_target(ws_frames ${CMAKE_CURRENT_SOURCE_DIR}/ws_frames.c bz_realtime_proto)
