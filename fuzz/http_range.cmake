# The Range header of a static file's GET (http/range.h): what a media player seeks with.
blytz_fuzz_target(http_range ${CMAKE_CURRENT_SOURCE_DIR}/http_range.c bz_http)
