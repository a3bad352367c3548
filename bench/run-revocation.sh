#!/usr/bin/env bash
# How soon a session that ends on one node is refused on the others (docs/api.md "Sessions").
# Usage: bench/run-revocation.sh [BUILD_DIR] [ROUNDS]   (default build/release, 30)
# Starts a private PostgreSQL and Redis (scripts/services.sh) and three nodes on them:
# node 1 and node 2 share Redis (node 2 polls the database only every 10 minutes, so what it
# refuses it heard on the bus), node 3 has no Redis and polls every second (the default).
# Prints one JSON line (bench/revocation.mjs), then stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
rounds=${2:-30}
tmp=$(mktemp -d /tmp/blytz-revocation.XXXXXX)
. scripts/services.sh
svc_up "$tmp"
key="k1:$(head -c 32 /dev/urandom | base64)"
urls=()
for n in 1 2 3; do
  port=$(svc_free_port)
  redis=$SVC_REDIS_URL poll=1000
  [ "$n" = 2 ] && poll=600000
  [ "$n" = 3 ] && redis=
  mkdir -p "$tmp/n$n"
  BLYTZ_ADDR=127.0.0.1:$port BLYTZ_DATABASE=$SVC_PG_URL BLYTZ_REDIS=$redis BLYTZ_JWT_SECRET=$key \
    BLYTZ_VAR_DIR="$tmp/n$n" BLYTZ_BLOB="file:$tmp/n$n/media" BLYTZ_LOG_LEVEL=warn \
    BLYTZ_ARGON2=min BLYTZ_RATE_AUTH_PER_MIN=1000000 BLYTZ_RATE_AUTH_BURST=1000000 \
    BLYTZ_REVOCATION_POLL_MS=$poll "$build/blytz" serve >"$tmp/n$n.log" 2>&1 &
  svc_pids+=($!)
  urls+=("http://127.0.0.1:$port")
  # one node at a time: the first migrates the database
  for _ in $(seq 200); do curl -sf "${urls[-1]}/readyz" >/dev/null && break; sleep 0.1; done
done
node bench/revocation.mjs "${urls[@]}" "$rounds"
