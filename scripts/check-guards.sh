#!/usr/bin/env bash
# One include-guard style: a header's guard is its path in upper case, with / and . as _
# (relative to src/ for the server's headers, to the repository root elsewhere):
#   src/store/db/db.h -> STORE_DB_DB_H, tests/unit/app/fixture.h -> TESTS_UNIT_APP_FIXTURE_H.
# The guard must open the header (#ifndef, then #define) and close it (#endif last).
# Run by `make format-check`. With --fix, rewrites guards that differ.
set -euo pipefail
cd "$(dirname "$0")/.."
fix=0
[ "${1:-}" = --fix ] && fix=1

fail=0
while IFS= read -r h; do
  rel=${h#src/}
  want=$(printf '%s' "$rel" | tr 'a-z/.-' 'A-Z___')
  have=$(sed -n 's/^#ifndef[[:space:]]\+\([A-Za-z0-9_]\+\).*/\1/p' "$h" | head -1)
  def=$(sed -n 's/^#define[[:space:]]\+\([A-Za-z0-9_]\+\)[[:space:]]*$/\1/p' "$h" | head -1)
  if [ -z "$have" ] || [ "$have" != "$def" ]; then
    echo "check-guards: $h has no #ifndef/#define include guard"; fail=1; continue
  fi
  if [ "$have" != "$want" ]; then
    if [ $fix = 1 ]; then
      sed -i "s/\\b$have\\b/$want/g" "$h"
    else
      echo "check-guards: $h guards with $have, expected $want"; fail=1
    fi
  fi
  [ "$(grep -v '^[[:space:]]*$' "$h" | tail -1 | cut -c1-6)" = "#endif" ] ||
    { echo "check-guards: $h does not end with its #endif"; fail=1; }
done < <(git ls-files -co --exclude-standard '*.h' | grep -v '^web/\|node_modules')
exit $fail
