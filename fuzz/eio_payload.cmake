# Engine.IO polling payloads, packets and query strings (realtime/engineio/eio.h).
blytz_fuzz_target(eio_payload ${CMAKE_CURRENT_SOURCE_DIR}/eio_payload.c bz_realtime_proto)
