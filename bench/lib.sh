# Shared by the bench scripts that run bench/blytz-load (run-realtime.sh, run-video.sh,
# run-idle-cluster.sh). Source it; bench_load and bench_serve need $build.

# bench_args USAGE SPEC... -- ARGS...: read a script's command line. A SPEC is NAME=VAR (the
# option --NAME takes a value, stored in VAR) or NAME!=VAR (the flag --NAME sets VAR to 1).
# Anything else (an unknown option, an option without its value, a bare word) prints USAGE on
# stderr and exits 2: a typo never runs a benchmark with a default it did not ask for.
bench_args() {
  local usage=$1 spec name
  local -A valued=() flags=()
  shift
  while [ $# -gt 0 ] && [ "$1" != -- ]; do
    spec=$1
    shift
    case $spec in
      *!=*) flags[${spec%%!=*}]=${spec#*!=} ;;
      *=*) valued[${spec%%=*}]=${spec#*=} ;;
    esac
  done
  shift
  while [ $# -gt 0 ]; do
    name=${1#--}
    if [[ $1 == --?* && -n ${flags[$name]-} ]]; then
      printf -v "${flags[$name]}" 1
      shift
    elif [[ $1 == --?* && -n ${valued[$name]-} && $# -ge 2 ]]; then
      printf -v "${valued[$name]}" '%s' "$2"
      shift 2
    else
      echo "$usage" >&2
      exit 2
    fi
  done
}

# bench_load: the path of the load generator, $build/bench/blytz-load, built first when it is
# not there yet (the build's output on stderr).
bench_load() {
  local load=$build/bench/blytz-load
  [ -x "$load" ] || cmake --build "$build" -j2 --target blytz-load >&2
  echo "$load"
}

# bench_serve PORT DATABASE DIR [VAR=VALUE...]: start "$build/blytz serve" in the background
# on 127.0.0.1:PORT with DATABASE and its files under DIR, log in DIR/server.log; its pid in
# $bench_pid. The extra VAR=VALUE pairs are added to (and override) the environment below.
#
# Setup registers a seller and up to BIDDERS accounts from one address within seconds: the
# auth and chat rate limits are configuration, so the benchmark raises them. The minimum
# argon2 cost only shortens that setup (one hash per account); no scenario measures logins.
# Every viewer comes from a handful of loopback addresses at 1000/s, so the per-address caps
# on connections and Engine.IO sessions are switched off too. Socket bidders keep a bid in
# flight, far past a person's rate: the per-socket event limits are raised for bids
# (BENCH_SOCKET_LIMITS; bench/run-flood.sh sets them itself).
bench_serve() {
  local port=$1 database=$2 dir=$3
  shift 3
  ulimit -n 1048576 2>/dev/null || ulimit -n "$(ulimit -Hn)"
  env BLYTZ_RATE_AUTH_PER_MIN=1000000 BLYTZ_RATE_AUTH_BURST=1000000 \
    BLYTZ_CHAT_RATE="${BENCH_CHAT_RATE:-1000000}" \
    BLYTZ_SOCKET_LIMITS="${BENCH_SOCKET_LIMITS-bid=off}" \
    BLYTZ_JOIN_CACHE_MS="${BENCH_JOIN_CACHE_MS:-1000}" \
    BLYTZ_CONNS_PER_ADDR=0 BLYTZ_EIO_SESSIONS_PER_ADDR=0 BLYTZ_EIO_SESSION_RATE=0 \
    BLYTZ_ARGON2=min BLYTZ_IDLE_TIMEOUT_MS=600000 \
    BLYTZ_ADDR="127.0.0.1:$port" BLYTZ_DATABASE="$database" BLYTZ_VAR_DIR="$dir" \
    BLYTZ_BLOB="file:$dir/media" BLYTZ_LOG_LEVEL=warn BLYTZ_WORKERS="${BENCH_WORKERS:-2}" \
    "$@" "$build/blytz" serve >"$dir/server.log" 2>&1 &
  bench_pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && return 0; sleep 0.1; done
  echo "blytz did not answer on port $port: $(tail -5 "$dir/server.log")" >&2
  return 1
}

# bench_free_port: a free loopback TCP port.
bench_free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}
