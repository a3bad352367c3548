#!/usr/bin/env bash
# Benchmark scenarios. Usage: bench/run.sh [BUILD_DIR] (default build/release).
#   product_get: GET /api/v1/products/{id}, 64 keep-alive connections (wrk, 1 thread)
# Starts its own server on a free loopback port with a throwaway SQLite
# database, seeds one seller and product through the API, prints one JSON line
# per scenario on stdout, and stops the server. The load generator shares the
# machine with the server: quote figures with the machine they ran on.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
duration=${BENCH_DURATION:-10}
tmp=$(mktemp -d /tmp/blytz-bench.XXXXXX)
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
url="http://127.0.0.1:$port"
BLYTZ_ADDR=127.0.0.1:$port BLYTZ_DATABASE="sqlite:$tmp/blytz.db" BLYTZ_VAR_DIR="$tmp" \
  BLYTZ_BLOB="file:$tmp/media" BLYTZ_LOG_LEVEL=warn BLYTZ_WORKERS=${BENCH_WORKERS:-2} \
  "$build/blytz" serve >"$tmp/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do curl -sf "$url/healthz" >/dev/null && break; sleep 0.1; done

product_id=$(node bench/seed.mjs "$url")
BENCH_SCENARIO=product_get BENCH_CONNECTIONS=64 \
  wrk -t1 -c64 -d"${duration}s" -s bench/report.lua "$url/api/v1/products/$product_id" | grep '^{'
