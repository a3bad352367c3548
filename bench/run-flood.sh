#!/usr/bin/env bash
# Event floods against REST latency (docs/benchmarks.md, "Event floods"): the `flood` scenario
# of bench/run-realtime.sh twice on fresh servers, first with the per-socket event limits and
# the join cache off (every join:stream a store read, every chat:message up to the app's own
# per-user limit, as before they existed), then with the defaults. The app's chat limit keeps
# its default (5 per 10 s per user) in both. Prints the two JSON lines, each with a "limits"
# key, and a summary line: REST p99 during the flood over the baseline, off and on.
# Usage: bench/run-flood.sh [--build DIR] [--db sqlite|pg]; sizes: FLOOD_SOCKETS (10
# join:stream flooders), FLOOD_CHATTERS (4 signed-in chat:message flooders), FLOOD_RATE (700
# events/s per socket), FLOOD_PROBE_RATE (200 REST reads/s), BENCH_DURATION (10 s per phase).
set -euo pipefail
cd "$(dirname "$0")/.."
off='join=off,leave=off,chat=off,bid=off,other=off,flood=off'
export SCENARIOS=flood BENCH_CHAT_RATE=5
a=$(BENCH_SOCKET_LIMITS=$off BENCH_JOIN_CACHE_MS=0 bench/run-realtime.sh --target blytz "$@")
b=$(BENCH_SOCKET_LIMITS= BENCH_JOIN_CACHE_MS=1000 bench/run-realtime.sh --target blytz "$@")
[ -n "$a" ] && [ -n "$b" ] || { echo "run-flood: a run printed nothing" >&2; exit 1; }
echo "{\"limits\":\"off\",${a#\{}"
echo "{\"limits\":\"on\",${b#\{}"
node -e '
const [off, on] = process.argv.slice(1).map((s) => JSON.parse(s));
const f = (r) => `REST p99 ${r.rest_baseline_p99_ms} -> ${r.rest_flood_p99_ms} ms (x${r.rest_p99_ratio.toFixed(2)}), p50 x${r.rest_p50_ratio.toFixed(2)}`;
console.log(JSON.stringify({ summary: "flood", limits_off: f(off), limits_on: f(on) }));
' "$a" "$b"
