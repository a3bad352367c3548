# What the scripts that compile files into the binary share (cmake/embed_file.cmake,
# src/store/migrations/embed.cmake): include() it, then call.

# The bytes of FILE as the items of a C initializer, "0x..," sixteen a line, into VAR.
function(embed_bytes file var)
  file(READ ${file} hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(REGEX REPLACE "((0x..,){16})" "\\1\n" bytes "${bytes}")
  set(${var} "${bytes}" PARENT_SCOPE)
endfunction()

# Write CONTENT to PATH only when it differs, so an unchanged input does not trigger a
# rebuild.
function(embed_write path content)
  set(old "")
  if(EXISTS ${path})
    file(READ ${path} old)
  endif()
  if(NOT old STREQUAL content)
    file(WRITE ${path} "${content}")
  endif()
endfunction()
