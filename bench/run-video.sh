#!/usr/bin/env bash
# Video beside the auction (docs/benchmarks.md, "Video beside the auction").
# Usage: bench/run-video.sh [--build DIR] [--rounds N] [--shows S] [--viewers V] [--clients-share W]
#        bench/run-video.sh --capacity [--build DIR] [--max N] [--step K] [--seconds T]
# Runs itself inside a network namespace of its own (scripts/netns-run.sh: WebRTC needs an
# interface that is not loopback; nothing in there reaches any other network). In there: a
# private Janus, and blytz (Release, SQLite, video through that Janus) on loopback.
#   default:    N rounds (3) of the fanout and bids scenarios of bench/blytz-load, each
#               round once with no video and once while S live shows (1) publish the
#               seller's fake camera through the app's own "Go live" and V anonymous viewer
#               pages (2 per show) decode it (bench/video/rooms.mjs, headless Chromium).
#               One JSON line per scenario, with "video": "off" or "on" and "round",
#               Janus's CPU while it ran, the video clients' (the pages' Node driver and every
#               Chromium process under it: the seller's encoder, the viewers' decoders), and
#               with video on what each viewer received meanwhile (viewer_fps, viewer_kbit_s).
#               The clients are phones in a real show, not the server's neighbours; here they
#               share its cores, so they run in a cpu cgroup of weight W (cpu.shares, 2: they
#               take what the server side leaves; 0: no cgroup, they compete as equals) and
#               the scenarios measure what video costs the server side, Janus and blytz.
#   --capacity: one live show; viewer pages added K at a time (2) up to N (8); at each step,
#               Janus's CPU and each viewer's frames and bitrate over T seconds (10). The
#               clients run in the same low-weight cgroup.
# Sizes of the auction scenarios: FANOUT_VIEWERS (1000), FANOUT_RATE (20), BIDDERS (64),
# BENCH_DURATION (10 s).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! ip -brief addr show v0 2>/dev/null | grep -q '10\.213\.0\.1/'; then
  exec scripts/netns-run.sh "$0" "$@"
fi
build=build/release
rounds=3 shows=1 viewers=2 capacity=0 max=8 step=2 seconds=10 clients_share=2
. bench/lib.sh
bench_args "$(sed -n '3,4p' "$0")" build=build rounds=rounds shows=shows viewers=viewers \
  clients-share=clients_share 'capacity!=capacity' max=max step=step seconds=seconds -- "$@"
duration=${BENCH_DURATION:-10}
load=$(bench_load)
[ -f web/dist/index.html ] || (cd web && npm run --silent build) >&2
tmp=$(mktemp -d /tmp/blytz-video.XXXXXX)
chmod 755 "$tmp"
. scripts/services.sh
bench_pid= rooms_pid= cgroup=
trap 'set +e; for p in $rooms_pid $bench_pid; do kill $p 2>/dev/null; wait $p 2>/dev/null; done
      svc_janus_stop; rm -rf "$tmp"; cgroup_remove' EXIT
# The clients' cpu cgroup (cgroup v1's cpu controller, or v2 with cpu enabled), when this
# machine lets us make one; otherwise they run at nice 19, which the kernel's autogroups
# (a session each) may ignore: the line says "clients_cgroup": false then.
cgroup_make() {
  local v1=/sys/fs/cgroup/cpu v2=/sys/fs/cgroup name=blytz-bench-clients.$$
  [ "$clients_share" != 0 ] || return 0
  if [ -w "$v1" ] && mkdir "$v1/$name" 2>/dev/null; then
    cgroup=$v1/$name
    echo "$clients_share" >"$cgroup/cpu.shares"
  elif grep -qw cpu "$v2/cgroup.subtree_control" 2>/dev/null && mkdir "$v2/$name" 2>/dev/null; then
    cgroup=$v2/$name
    echo $(((clients_share * 10000 + 262143) / 262144)) >"$cgroup/cpu.weight" # shares → weight
  else
    echo "no cpu cgroup for the video clients: they run at nice 19" >&2
  fi
}
cgroup_remove() {
  [ -n "$cgroup" ] || return 0
  for _ in 1 2 3 4 5; do rmdir "$cgroup" 2>/dev/null && return 0; sleep 0.2; done
}
cgroup_make
svc_janus_start "$tmp/janus" >&2
janus_pid=$(cat "$tmp/janus/janus.pid")
port=$(bench_free_port)
url="http://127.0.0.1:$port"
bench_serve "$port" "sqlite:$tmp/blytz.db" "$tmp" BLYTZ_VIDEO=janus BLYTZ_RATE_VIDEO_BURST=100000 \
  JANUS_URL="$JANUS_URL" JANUS_ADMIN_KEY="$JANUS_ADMIN_KEY" JANUS_TOKEN_SECRET="$JANUS_TOKEN_SECRET" \
  JANUS_REC_DIR="$JANUS_REC_DIR" JANUS_PP_REC="$JANUS_PP_REC"

# clients ARGS...: bench/video/rooms.mjs ARGS in the clients' cgroup, at nice 19.
clients() {
  if [ -n "$cgroup" ]; then echo "$BASHPID" >"$cgroup/cgroup.procs"; fi
  exec nice -n 19 node bench/video/rooms.mjs "$@"
}
if [ "$capacity" = 1 ]; then
  (clients capacity "$url" "$janus_pid" "$max" "$step" "$seconds")
  exit 0
fi

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# tree_ticks PID: the CPU ticks of PID and of every descendant alive now (0 without PID).
tree_ticks() {
  [ -n "$1" ] || { echo 0; return; }
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v root="$1" '
    { i = index($0, ") "); split(substr($0, i + 2), f, " "); up[$1] = f[2]; t[$1] = f[12] + f[13] }
    END { for (p in t) { q = p; while (q in up && q != root) q = up[q]; if (q == root) s += t[p] }
          print s + 0 }'
}
cores() { awk -v a="$1" -v b="$2" -v s="$3" 'BEGIN { printf "%.3f", (b - a) / 100 / s }'; }
# mark: with video on, what the viewers received since the last mark, as JSON members and a
# comma ("viewer_fps":F,"viewer_kbit_s":K,); nothing with video off.
mark() {
  [ -n "$rooms_pid" ] || return 0
  local m
  echo mark >&"${ROOMS[1]}"
  read -r m <&"${ROOMS[0]}"
  m=${m#*\"viewer_fps\"}
  echo "\"viewer_fps\"${m%\}},"
}
# scenario ARGS...: one blytz-load run, its JSON line tagged with the round, the video mode and
# the CPU (cores) of Janus and of the video clients over the run.
scenario() {
  local j0 c0 t0 line seen
  mark >/dev/null
  j0=$(cpu_ticks "$janus_pid") c0=$(tree_ticks "$rooms_pid") t0=$(date +%s.%N)
  line=$("$load" --url "$url" --server-pid "$bench_pid" "$@") || { echo "blytz-load $* failed" >&2; return 0; }
  local secs j1 c1
  j1=$(cpu_ticks "$janus_pid") c1=$(tree_ticks "$rooms_pid")
  secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
  seen=$(mark)
  echo "{\"round\":$round,\"video\":\"$mode\",\"clients_cgroup\":$([ -n "$cgroup" ] && echo true || echo false),$seen\"janus_cpu_cores\":$(cores "$j0" "$j1" "$secs"),\"clients_cpu_cores\":$(cores "$c0" "$c1" "$secs"),${line#\{}"
}
for round in $(seq "$rounds"); do
  for mode in off on; do
    if [ "$mode" = on ]; then
      coproc ROOMS { clients hold "$url" "$shows" "$viewers"; }
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
