#!/usr/bin/env bash
# The layer check must pass on the real tree and fail on each kind of
# violation: a project header across a forbidden edge, a third-party header in
# the wrong layer, and a non-libc header in a pure layer.
set -euo pipefail
root=$1
check=$root/scripts/check-layers.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$check" "$root" >/dev/null || { echo "FAIL: the real tree should pass"; exit 1; }

expect_failure() { # name, file relative to src/, line to add
  rm -rf "$tmp/src" && cp -r "$root/src" "$tmp/src"
  printf '%s\n' "$3" >>"$tmp/src/$2"
  if "$check" "$tmp" >/dev/null 2>&1; then
    echo "FAIL: $1 was not caught"; exit 1
  fi
  echo "ok: $1 is refused"
}
expect_failure "domain including app" domain/money.c '#include "app/app.h"'
expect_failure "app including an adapter" app/app.c '#include "store/store_open.h"'
expect_failure "sqlite3.h outside store" http/router.c '#include <sqlite3.h>'
expect_failure "libuv in the domain" domain/money.c '#include <uv.h>'
expect_failure "a non-libc header in base" base/buf.c '#include <glib.h>'
expect_failure "sqlite3.h in the queries written once" store/sql/users.c '#include <sqlite3.h>'
expect_failure "an adapter in the SQL driver interface" store/db/db.c '#include "store/pg/pg_db.h"'
expect_failure "jansson in the app" app/app.c '#include <jansson.h>'
expect_failure "the app including wire" app/chat.c '#include "wire/wire.h"'
expect_failure "wire including a transport" wire/wire.c '#include "http/http.h"'
expect_failure "cairo outside integrations" api/share.c '#include <cairo.h>'
expect_failure "pango in the app" app/app.c '#include <pango/pangocairo.h>'
echo "13 passed, 0 failed"
