# Embed one file in the binary as a NUL-terminated byte array.
#   cmake -DIN=<file> -DOUT=<generated .c> -DSYMBOL=<name> -P embed_file.cmake
# Defines `const char SYMBOL[]` and `const unsigned long SYMBOL_len` (without the NUL).
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" hexlen)
math(EXPR len "${hexlen} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x..,){16})" "\\1\n" bytes "${bytes}")
set(body "/* Generated from ${IN} by cmake/embed_file.cmake. Do not edit. */\n")
string(APPEND body "const char ${SYMBOL}[] = {\n${bytes}0x00};\n")
string(APPEND body "const unsigned long ${SYMBOL}_len = ${len};\n")
set(old "")
if(EXISTS ${OUT})
  file(READ ${OUT} old)
endif()
if(NOT old STREQUAL body)
  file(WRITE ${OUT} "${body}")
endif()
