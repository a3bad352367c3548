#!/usr/bin/env bash
# Video beside the auction (docs/benchmarks.md, "Video beside the auction").
# Usage: bench/run-video.sh [--build DIR] [--rounds N] [--shows S] [--viewers V]
#        bench/run-video.sh --capacity [--build DIR] [--max N] [--step K] [--seconds T]
# Runs itself inside a network namespace of its own (scripts/netns-run.sh: WebRTC needs an
# interface that is not loopback; nothing in there reaches any other network). In there: a
# private Janus, and blytz (Release, SQLite, video through that Janus) on loopback.
#   default:    N rounds (3) of the fanout and bids scenarios of bench/blytz-load, each
#               round once with no video and once while S live shows (1) publish the
#               seller's fake camera through the app's own "Go live" and V anonymous viewer
#               pages (2 per show) decode it (bench/video/rooms.mjs, headless Chromium).
#               One JSON line per scenario, with "video": "off" or "on" and "round", and
#               Janus's CPU while it ran.
#   --capacity: one live show; viewer pages added K at a time (2) up to N (8); at each step,
#               Janus's CPU and each viewer's frames and bitrate over T seconds (10).
# Sizes of the auction scenarios: FANOUT_VIEWERS (1000), FANOUT_RATE (20), BIDDERS (64),
# BENCH_DURATION (10 s).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! ip -brief addr show v0 2>/dev/null | grep -q '10\.213\.0\.1/'; then
  exec scripts/netns-run.sh "$0" "$@"
fi
build=build/release
rounds=3 shows=1 viewers=2 capacity=0 max=8 step=2 seconds=10
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --shows) shows=$2; shift 2 ;;
    --viewers) viewers=$2; shift 2 ;;
    --capacity) capacity=1; shift ;;
    --max) max=$2; shift 2 ;;
    --step) step=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    *) sed -n '3,4p' "$0" >&2; exit 2 ;;
  esac
done
duration=${BENCH_DURATION:-10}
. bench/lib.sh
load=$(bench_load)
[ -f web/dist/index.html ] || (cd web && npm run --silent build) >&2
tmp=$(mktemp -d /tmp/blytz-video.XXXXXX)
chmod 755 "$tmp"
. scripts/services.sh
bench_pid= rooms_pid=
trap 'set +e; for p in $rooms_pid $bench_pid; do kill $p 2>/dev/null; wait $p 2>/dev/null; done
      svc_janus_stop; rm -rf "$tmp"' EXIT
svc_janus_start "$tmp/janus" >&2
janus_pid=$(cat "$tmp/janus/janus.pid")
port=$(bench_free_port)
url="http://127.0.0.1:$port"
bench_serve "$port" "sqlite:$tmp/blytz.db" "$tmp" BLYTZ_VIDEO=janus BLYTZ_RATE_VIDEO_BURST=100000 \
  JANUS_URL="$JANUS_URL" JANUS_ADMIN_KEY="$JANUS_ADMIN_KEY" JANUS_TOKEN_SECRET="$JANUS_TOKEN_SECRET" \
  JANUS_REC_DIR="$JANUS_REC_DIR" JANUS_PP_REC="$JANUS_PP_REC"

if [ "$capacity" = 1 ]; then
  node bench/video/rooms.mjs capacity "$url" "$janus_pid" "$max" "$step" "$seconds"
  exit 0
fi

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# scenario ARGS...: one blytz-load run, its JSON line tagged with the round, the video mode and
# Janus's CPU (cores) over the run.
scenario() {
  local j0 t0 line
  j0=$(cpu_ticks "$janus_pid") t0=$(date +%s.%N)
  line=$("$load" --url "$url" --server-pid "$bench_pid" "$@") || { echo "blytz-load $* failed" >&2; return 0; }
  local janus_cores
  janus_cores=$(awk -v a="$j0" -v b="$(cpu_ticks "$janus_pid")" -v t0="$t0" -v t1="$(date +%s.%N)" \
    'BEGIN { printf "%.3f", (b - a) / 100 / (t1 - t0) }')
  echo "{\"round\":$round,\"video\":\"$mode\",\"janus_cpu_cores\":$janus_cores,${line#\{}"
}
for round in $(seq "$rounds"); do
  for mode in off on; do
    if [ "$mode" = on ]; then
      coproc ROOMS { node bench/video/rooms.mjs hold "$url" "$shows" "$viewers"; }
      rooms_pid=$ROOMS_PID
      read -r ready <&"${ROOMS[0]}" || { echo "the video rooms did not start" >&2; exit 1; }
      echo "$ready" | sed "s/^{/{\"round\":$round,/"
    fi
    scenario --scenario fanout --viewers "${FANOUT_VIEWERS:-1000}" --rate "${FANOUT_RATE:-20}" \
      --duration "$duration"
    scenario --scenario bids --bidders "${BIDDERS:-64}" --duration "$duration"
    if [ "$mode" = on ]; then
      eval "exec ${ROOMS[1]}>&-"
      read -r held <&"${ROOMS[0]}" && echo "$held" | sed "s/^{/{\"round\":$round,/"
      wait "$rooms_pid" 2>/dev/null || true
      rooms_pid=
    fi
  done
done
