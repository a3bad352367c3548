#!/usr/bin/env bash
# Real-time scenarios with bench/blytz-load (docs/benchmarks.md).
# Usage: bench/run-realtime.sh [--target standin|blytz] [--build DIR] [--db sqlite|pg]
#   --target standin  the official socket.io stand-in in bench/standin (default)
#   --target blytz    DIR/blytz serve on a throwaway database
#   --build DIR       where blytz and bench/blytz-load are built (default build/release)
#   --db sqlite|pg    blytz's database: SQLite file (default) or a private PostgreSQL 15
#                     on loopback with fsync and synchronous_commit on (durable)
# Starts the server on a free loopback port, runs idle, fanout, max_deliveries and
# bids with modest sizes for a 2-core machine, prints one JSON line per scenario on
# stdout (progress on stderr) and stops the server. Sizes: IDLE_CONNECTIONS (10000),
# FANOUT_VIEWERS (1000), FANOUT_RATE (20), BIDDERS (64), BENCH_DURATION (10, seconds);
# SCENARIOS picks some of "idle fanout max_deliveries bids" (default: all four) or "flood"
# (bench/run-flood.sh runs it). Server settings for blytz: BENCH_SOCKET_LIMITS
# (BLYTZ_SOCKET_LIMITS, default bid=off), BENCH_JOIN_CACHE_MS, BENCH_CHAT_RATE (1000000).
set -euo pipefail
cd "$(dirname "$0")/.."
target=standin
build=build/release
db=sqlite
. bench/lib.sh
bench_args "usage: $0 [--target standin|blytz] [--build DIR] [--db sqlite|pg]" \
  target=target build=build db=db -- "$@"
duration=${BENCH_DURATION:-10}
load=$(bench_load)
tmp=$(mktemp -d /tmp/blytz-realtime.XXXXXX)
port=$(bench_free_port)
url="http://127.0.0.1:$port"
scenarios=" ${SCENARIOS:-idle fanout max_deliveries bids} "
. scripts/services.sh
pid=
bench_pid=
trap 'set +e; for p in $pid $bench_pid; do kill $p 2>/dev/null; wait $p 2>/dev/null; done; svc_stop; rm -rf "$tmp"' EXIT
database="sqlite:$tmp/blytz.db"
if [ "$target" = blytz ] && [ "$db" = pg ]; then
  chmod 755 "$tmp" && mkdir "$tmp/svc" && svc_init "$tmp/svc" && svc_pg_start durable
  database=$SVC_PG_URL
elif [ "$db" != sqlite ]; then
  echo "--db is sqlite or pg (pg only with --target blytz)" >&2; exit 2
fi

case $target in
  standin)
    [ -d bench/standin/node_modules ] || (cd bench/standin && npm ci --no-audit --no-fund >&2)
    node bench/standin/server.mjs "$port" >"$tmp/server.log" 2>&1 &
    pid=$!
    for _ in $(seq 100); do curl -sf "$url/healthz" >/dev/null && break; sleep 0.1; done
    ;;
  blytz)
    bench_serve "$port" "$database" "$tmp"
    pid=$bench_pid
    ;;
  *) echo "unknown target $target" >&2; exit 2 ;;
esac

run() {
  case $scenarios in *" $2 "*) ;; *) return 0 ;; esac
  "$load" --url "$url" --server-pid "$pid" "$@" || echo "blytz-load $1 $2 failed" >&2
}
# idle first: the RSS baseline is cleanest on a fresh server
run --scenario idle --viewers "${IDLE_CONNECTIONS:-10000}" --duration "$duration"
run --scenario fanout --viewers "${FANOUT_VIEWERS:-1000}" --rate "${FANOUT_RATE:-20}" \
  --duration "$duration"
run --scenario max_deliveries --viewers "${FANOUT_VIEWERS:-1000}" --rate 20 --duration 15
run --scenario bids --bidders "${BIDDERS:-64}" --duration "$duration"
# flood only when asked for (bench/run-flood.sh): it compares server settings
run --scenario flood --viewers "${FLOOD_SOCKETS:-10}" --chatters "${FLOOD_CHATTERS:-4}" \
  --rate "${FLOOD_RATE:-700}" --probe-rate "${FLOOD_PROBE_RATE:-200}" --duration "$duration"
