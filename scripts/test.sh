#!/usr/bin/env bash
# Run every test suite against a build directory (default build/asan):
#   1. CTest: cmocka unit tests, storage contract tests (SQLite and PostgreSQL),
#      fuzz corpus replays, integration tests against local fakes (tests/integration);
#   2. Node's test runner: HTTP API and real-time suites against the real binary;
#   3. the web app's unit tests (web/test), then browser tests, when web/ has them;
#   4. the video tests (tests/video): real Janus and Chromium inside a network namespace
#      that scripts/netns-run.sh makes for them (WebRTC needs an interface that is not
#      loopback).
# A private PostgreSQL 15, Redis and Janus listen on loopback from a temporary
# directory for the duration and are stopped on exit, pass or fail.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/asan}
root=$(pwd)
tmp=$(mktemp -d /tmp/blytz-test.XXXXXX)

. scripts/services.sh
svc_up "$tmp"
export BLYTZ_TEST_PG=$SVC_PG_URL BLYTZ_TEST_REDIS=$SVC_REDIS_URL
svc_janus_start "$tmp/janus" # exports JANUS_*: the video API tests use it

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

if ls web/test/*.test.* >/dev/null 2>&1; then
  echo "== web app unit tests (node:test)"
  (cd web && node --test test/)
fi

if [ -f web/package.json ] && ls tests/e2e/*.test.* >/dev/null 2>&1; then
  echo "== browser tests (Playwright + chromium)"
  node --test --test-concurrency=1 tests/e2e/
fi
if ls tests/video/*.test.* >/dev/null 2>&1; then
  echo "== video tests (Janus + Chromium, in a network namespace of their own)"
  scripts/netns-run.sh node --test --test-concurrency=1 tests/video/
fi
echo "== all tests passed"
