# HTTP/1.1 request parser (http/wire.h): caps, chunked bodies, pipelining, pauses.
blytz_fuzz_target(http_request ${CMAKE_CURRENT_SOURCE_DIR}/http_request.c bz_http)
