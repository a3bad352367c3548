#!/usr/bin/env bash
# 100,000 idle Socket.IO connections held by a cluster of blytz nodes (docs/benchmarks.md).
# Usage: bench/run-idle-cluster.sh [--build DIR] [--nodes N] [--connections TOTAL]
# One process may hold at most RLIMIT_NOFILE sockets; where that hard limit is below the
# target (20,000 on the machines this was written on, and only CAP_SYS_RESOURCE raises it),
# the connections are spread over N nodes (default 6) sharing a private PostgreSQL and Redis,
# as a deployment would be. Each node gets its own blytz-load process (the client side has the
# same limit), running the `idle` scenario against it at the same time. Prints each node's
# JSON line and one summary line: connections held in all, and bytes per connection (the sum
# of the nodes' RSS growth over the sum of connections held).
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/release
nodes=6
total=100000
. bench/lib.sh
bench_args "usage: $0 [--build DIR] [--nodes N] [--connections TOTAL]" \
  build=build nodes=nodes connections=total -- "$@"
per_node=$(( (total + nodes - 1) / nodes ))
hard=$(ulimit -Hn)
if [ "$per_node" -gt $((hard - 200)) ]; then
  echo "$per_node connections per node exceed RLIMIT_NOFILE ($hard): use more --nodes" >&2
  exit 2
fi
ulimit -n "$hard"
load=$(bench_load)
tmp=$(mktemp -d /tmp/blytz-cluster.XXXXXX)
chmod 755 "$tmp"
. scripts/services.sh
svc_up "$tmp" svc

ports=()
loads=()
for i in $(seq "$nodes"); do
  port=$(svc_free_port)
  ports+=("$port")
  # Every viewer comes from loopback: the per-address caps are off, as the rate limits are.
  BLYTZ_RATE_AUTH_PER_MIN=1000000 BLYTZ_RATE_AUTH_BURST=1000000 BLYTZ_ARGON2=min \
    BLYTZ_CONNS_PER_ADDR=0 BLYTZ_EIO_SESSIONS_PER_ADDR=0 BLYTZ_EIO_SESSION_RATE=0 \
    BLYTZ_IDLE_TIMEOUT_MS=600000 BLYTZ_ADDR=127.0.0.1:$port BLYTZ_DATABASE="$SVC_PG_URL" \
    BLYTZ_REDIS="$SVC_REDIS_URL" BLYTZ_VAR_DIR="$tmp" BLYTZ_BLOB="file:$tmp/media" \
    BLYTZ_LOG_LEVEL=warn BLYTZ_WORKERS=1 "$build/blytz" serve >"$tmp/node$i.log" 2>&1 &
  svc_pids+=($!)
  # one node at a time: the first applies the migrations
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
done

for i in $(seq "$nodes"); do
  "$load" --url "http://127.0.0.1:${ports[$((i - 1))]}" --server-pid "${svc_pids[$((i - 1))]}" \
    --scenario idle --viewers "$per_node" --duration "${BENCH_DURATION:-20}" \
    --connect-rate 2000 --join-timeout 120 >"$tmp/load$i.json" 2>"$tmp/load$i.err" &
  loads+=($!)
done
failed=0
for i in $(seq "$nodes"); do
  if ! wait "${loads[$((i - 1))]}" || [ ! -s "$tmp/load$i.json" ]; then
    echo "blytz-load against node $i failed:" >&2
    tail -5 "$tmp/load$i.err" >&2
    failed=1
  fi
done
cat "$tmp"/load*.json
node -e '
const fs = require("fs"), dir = process.argv[1];
const rows = fs.readdirSync(dir).filter(f => /^load\d+\.json$/.test(f))
  .map(f => fs.readFileSync(dir + "/" + f, "utf8").trim()).filter(Boolean).map(JSON.parse);
const sum = k => rows.reduce((a, r) => a + (r[k] || 0), 0);
const held = sum("connections_joined") - sum("connections_dropped");
const grown = rows.reduce((a, r) => a + (r.server_rss_after - r.server_rss_before), 0);
console.log(JSON.stringify({scenario: "idle_cluster", nodes: rows.length,
  connections: sum("connections"), connections_joined: sum("connections_joined"),
  connections_failed: sum("connections_failed"), connections_dropped: sum("connections_dropped"),
  connections_held: held, server_rss_growth: grown,
  server_bytes_per_connection: held > 0 ? +(grown / held).toFixed(1) : null}));
' "$tmp"
exit $failed
