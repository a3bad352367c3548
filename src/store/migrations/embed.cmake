# Turn migrations/NNNN_name.<dialect>.sql into a C file of byte arrays, so the
# binary carries its schema and never reads SQL files at run time.
#   cmake -DDIR=<migrations dir> -DOUT=<generated .c> -P embed.cmake
# Each version must exist for every dialect, and versions must run 1, 2, 3...
# without gaps: the build fails otherwise.
include(${CMAKE_CURRENT_LIST_DIR}/../../../cmake/embed.cmake)
set(dialects sqlite pg)
file(GLOB files RELATIVE ${DIR} ${DIR}/*.sql)
list(SORT files)

set(body "/* Generated from src/store/migrations by embed.cmake. Do not edit. */\n")
string(APPEND body "#include \"store/migrations/migrations.h\"\n\n#include <string.h>\n\n")

foreach(dialect ${dialects})
  set(${dialect}_table "")
  set(${dialect}_count 0)
endforeach()

foreach(f ${files})
  if(NOT f MATCHES "^([0-9][0-9][0-9][0-9])_([a-z0-9_]+)\\.(sqlite|pg)\\.sql$")
    message(FATAL_ERROR "migration file name not NNNN_name.(sqlite|pg).sql: ${f}")
  endif()
  set(version_text ${CMAKE_MATCH_1})
  set(name ${CMAKE_MATCH_2})
  set(dialect ${CMAKE_MATCH_3})
  math(EXPR version "${version_text}") # drops leading zeros
  math(EXPR expected "${${dialect}_count} + 1")
  if(NOT version EQUAL expected)
    message(FATAL_ERROR "${dialect} migrations: expected version ${expected}, found ${f}")
  endif()
  set(${dialect}_count ${version})

  embed_bytes(${DIR}/${f} bytes)
  set(var "${dialect}_${version_text}")
  string(APPEND body "static const char ${var}[] = {\n${bytes}0x00};\n\n")
  string(APPEND ${dialect}_table "    {${version}, \"${name}\", ${var}},\n")
endforeach()

if(NOT sqlite_count EQUAL pg_count)
  message(FATAL_ERROR "sqlite has ${sqlite_count} migrations but pg has ${pg_count}")
endif()

foreach(dialect ${dialects})
  string(APPEND body "static const store_migration ${dialect}_migrations[] = {\n"
         "${${dialect}_table}    {0, NULL, NULL},\n};\n\n")
endforeach()

string(APPEND body
  "const store_migration *store_migrations(const char *dialect, size_t *n)\n{\n"
  "    if (strcmp(dialect, \"sqlite\") == 0) {\n"
  "        *n = ${sqlite_count};\n        return sqlite_migrations;\n    }\n"
  "    if (strcmp(dialect, \"pg\") == 0) {\n"
  "        *n = ${pg_count};\n        return pg_migrations;\n    }\n"
  "    *n = 0;\n    return NULL;\n}\n")

embed_write(${OUT} "${body}")
