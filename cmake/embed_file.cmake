# Embed one file in the binary as a NUL-terminated byte array.
#   cmake -DIN=<file> -DOUT=<generated .c> -DSYMBOL=<name> -P embed_file.cmake
# Defines `const char SYMBOL[]` and `const unsigned long SYMBOL_len` (without the NUL).
include(${CMAKE_CURRENT_LIST_DIR}/embed.cmake)
embed_bytes(${IN} bytes)
file(SIZE ${IN} len)
set(body "/* Generated from ${IN} by cmake/embed_file.cmake. Do not edit. */\n")
string(APPEND body "const char ${SYMBOL}[] = {\n${bytes}0x00};\n")
string(APPEND body "const unsigned long ${SYMBOL}_len = ${len};\n")
embed_write(${OUT} "${body}")
