#!/usr/bin/env bash
# Run every test suite against a build directory (default build/asan):
#   1. CTest: cmocka unit tests, storage contract tests (SQLite and PostgreSQL),
#      fuzz corpus replays, integration tests against local fakes (tests/integration);
#   2. Node's test runner: HTTP API and real-time suites against the real binary;
#   3. browser tests, when web/ has them.
# A private PostgreSQL 15 and Redis listen on loopback from a temporary
# directory for the duration and are stopped on exit, pass or fail.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/asan}
root=$(pwd)
tmp=$(mktemp -d /tmp/blytz-test.XXXXXX)
chmod 755 "$tmp"

pg_bin=/usr/lib/postgresql/15/bin
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

cleanup() {
  set +e
  [ -f "$tmp/redis.pid" ] && kill "$(cat "$tmp/redis.pid")" 2>/dev/null
  [ -d "$tmp/pg" ] && as_pg "$pg_bin/pg_ctl" -D "$tmp/pg" -m immediate stop >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT

# PostgreSQL: throwaway cluster, trust auth on loopback only, fsync off (tests, not durability).
pg_port=$(free_port)
if [ "$(id -u)" -eq 0 ]; then chown postgres "$tmp"; fi
as_pg "$pg_bin/initdb" -D "$tmp/pg" -U blytz -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$tmp/pg" -l "$tmp/pg.log" -w start \
  -o "-p $pg_port -k $tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null
as_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U blytz blytz_test
export BLYTZ_TEST_PG="postgres://blytz@127.0.0.1:$pg_port/blytz_test"

# Redis: no persistence, loopback only.
redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
  --daemonize yes --pidfile "$tmp/redis.pid" --logfile "$tmp/redis.log" --dir "$tmp"
export BLYTZ_TEST_REDIS="redis://127.0.0.1:$redis_port"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

echo "== C tests (unit, contract, fuzz corpora)"
(cd "$build" && ctest --output-on-failure -j"$(nproc)")

export BLYTZ_BIN="$root/$build/blytz" BLYTZ_BUILD_DIR="$root/$build"
if ls tests/api/*.test.* >/dev/null 2>&1; then
  echo "== API tests on SQLite (node:test)"
  BLYTZ_TEST_DB=sqlite node --test --test-concurrency=2 tests/api/
  echo "== API tests on PostgreSQL (node:test)"
  BLYTZ_TEST_DB=pg node --test --test-concurrency=2 tests/api/
fi

if [ -f web/package.json ] && ls tests/e2e/*.test.* >/dev/null 2>&1; then
  echo "== browser tests (Playwright + chromium)"
  node --test --test-concurrency=1 tests/e2e/
fi
echo "== all tests passed"
