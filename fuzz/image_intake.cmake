# Image intake on libvips with arbitrary bytes; corpus: tiny JPEG/PNG/WebP/GIF and junk.
blytz_fuzz_target(image_intake ${CMAKE_CURRENT_SOURCE_DIR}/image_intake.c bz_image)
