# Private PostgreSQL 15 and Redis servers on loopback, for tests and benchmarks.
# Source this file, then:
#   svc_init DIR             DIR: a fresh temporary directory the services live in
#   svc_pg_start [durable]   initdb + start; exports SVC_PG_URL (database blytz_test).
#                            Without `durable`: fsync, synchronous_commit and
#                            full_page_writes are off (tests need speed, not durability).
#   svc_redis_start          exports SVC_REDIS_URL; no persistence
#   svc_stop                 stops whatever was started (safe to call twice)
#   svc_free_port            prints a free TCP port on 127.0.0.1
#   svc_kill_pids            kills and reaps every pid a script added to svc_pids (the nodes
#                            and load generators it started in the background)
#   svc_up TMP [SUB]         what most scripts want: on exit, svc_kill_pids, svc_stop and
#                            remove TMP; services in TMP/SUB (TMP itself without SUB);
#                            PostgreSQL and Redis started
#   svc_janus_start [DIR]    Janus (VideoRoom only, HTTP API only) with a generated config in
#                            DIR (default $svc_dir/janus), exports what blytz needs:
#                              JANUS_URL          the HTTP API, http://127.0.0.1:PORT/janus
#                              JANUS_ADMIN_KEY    the VideoRoom admin_key (creating rooms)
#                              JANUS_TOKEN_SECRET token_auth_secret (blytz signs tokens)
#                              JANUS_REC_DIR      where the VideoRoom writes .mjr recordings
#                              JANUS_PP_REC       the janus-pp-rec converter
#                            (also JANUS_ADMIN_URL + JANUS_ADMIN_SECRET: the admin API, loopback)
#                            Fresh random secrets each start; svc_stop (or svc_janus_stop) ends it.
#   svc_janus_stop           stops Janus only (safe to call twice)
# Nothing listens on anything but 127.0.0.1; as root, PostgreSQL runs as `postgres`.

svc_pg_bin=/usr/lib/postgresql/15/bin
svc_dir=

svc_as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

svc_pids=()

svc_kill_pids() {
  local p
  for p in "${svc_pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${svc_pids[@]}"; do wait "$p" 2>/dev/null; done
  svc_pids=()
  return 0
}

svc_free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

svc_init() {
  svc_dir=$1
  chmod 755 "$svc_dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$svc_dir"; fi
}

svc_pg_start() {
  local port opts
  port=$(svc_free_port)
  opts="-p $port -k $svc_dir -c listen_addresses=127.0.0.1 -c max_connections=200"
  if [ "${1:-}" != durable ]; then
    opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  fi
  svc_as_pg "$svc_pg_bin/initdb" -D "$svc_dir/pg" -U blytz -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  svc_as_pg "$svc_pg_bin/pg_ctl" -D "$svc_dir/pg" -l "$svc_dir/pg.log" -w start -o "$opts" >/dev/null
  svc_as_pg "$svc_pg_bin/createdb" -h 127.0.0.1 -p "$port" -U blytz blytz_test
  export SVC_PG_URL="postgres://blytz@127.0.0.1:$port/blytz_test"
}

svc_redis_start() {
  local port
  port=$(svc_free_port)
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no \
    --daemonize yes --pidfile "$svc_dir/redis.pid" --logfile "$svc_dir/redis.log" --dir "$svc_dir"
  export SVC_REDIS_URL="redis://127.0.0.1:$port"
}

svc_up() {
  svc_tmp=$1
  trap 'set +e; svc_kill_pids; svc_stop; rm -rf "$svc_tmp"' EXIT
  local dir=$1${2:+/$2}
  chmod 755 "$1"
  [ -d "$dir" ] || mkdir "$dir"
  svc_init "$dir"
  svc_pg_start
  svc_redis_start
}

svc_janus_lib=/usr/lib/$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)/janus
svc_janus_dir=

svc_random_hex() {
  od -An -tx1 -N32 /dev/urandom | tr -d ' \n'
}

# Janus reads every .so in its plugin and transport folders: private folders holding only
# the VideoRoom plugin and the HTTP transport are what "the others disabled" means without
# listing each by name (a new Debian package would otherwise add one silently).
svc_janus_start() {
  local dir=${1:-$svc_dir/janus} port admin_port i
  svc_janus_dir=$dir
  mkdir -p "$dir/etc" "$dir/plugins" "$dir/transports" "$dir/events" "$dir/loggers" "$dir/rec"
  ln -sf "$svc_janus_lib/plugins/libjanus_videoroom.so" "$dir/plugins/"
  ln -sf "$svc_janus_lib/transports/libjanus_http.so" "$dir/transports/"
  port=$(svc_free_port)
  admin_port=$(svc_free_port)
  JANUS_TOKEN_SECRET=$(svc_random_hex)
  JANUS_ADMIN_KEY=$(svc_random_hex)
  JANUS_ADMIN_SECRET=$(svc_random_hex)
  cat >"$dir/etc/janus.jcfg" <<EOF_JANUS
general: {
	configs_folder = "$dir/etc"
	plugins_folder = "$dir/plugins"
	transports_folder = "$dir/transports"
	events_folder = "$dir/events"
	loggers_folder = "$dir/loggers"
	log_to_stdout = false
	log_to_file = "$dir/janus.log"
	debug_level = 4
	debug_timestamps = true
	debug_colors = false
	admin_secret = "$JANUS_ADMIN_SECRET"
	token_auth = true
	token_auth_secret = "$JANUS_TOKEN_SECRET"
	server_name = "blytz"
	session_timeout = 60
	hide_dependencies = true
}
media: {
	rtp_port_range = "${JANUS_RTP_PORTS:-20000-40000}"
}
nat: {
	ice_ignore_list = "vmnet"
}
plugins: {
}
transports: {
}
events: {
	broadcast = false
}
EOF_JANUS
  cat >"$dir/etc/janus.transport.http.jcfg" <<EOF_HTTP
general: {
	json = "compact"
	base_path = "/janus"
	http = true
	ip = "127.0.0.1"
	port = $port
	https = false
}
admin: {
	admin_base_path = "/admin"
	admin_http = true
	admin_ip = "127.0.0.1"
	admin_port = $admin_port
	admin_https = false
}
cors: {
}
EOF_HTTP
  cat >"$dir/etc/janus.plugin.videoroom.jcfg" <<EOF_VR
general: {
	admin_key = "$JANUS_ADMIN_KEY"
	string_ids = true
	lock_rtp_forward = true
	events = false
}
EOF_VR
  chmod 600 "$dir/etc/"*.jcfg
  : >"$dir/janus.log"
  janus -C "$dir/etc/janus.jcfg" -F "$dir/etc" -N >"$dir/janus.out" 2>&1 &
  echo $! >"$dir/janus.pid"
  for i in $(seq 1 100); do
    if curl -sf -o /dev/null "http://127.0.0.1:$port/janus/info"; then break; fi
    if ! kill -0 "$(cat "$dir/janus.pid")" 2>/dev/null || [ "$i" -eq 100 ]; then
      echo "janus did not start; its log:" >&2
      tail -n 30 "$dir/janus.log" "$dir/janus.out" >&2
      svc_janus_stop
      return 1
    fi
    sleep 0.1
  done
  export JANUS_URL="http://127.0.0.1:$port/janus" JANUS_ADMIN_URL="http://127.0.0.1:$admin_port/admin"
  export JANUS_TOKEN_SECRET JANUS_ADMIN_KEY JANUS_ADMIN_SECRET
  export JANUS_REC_DIR="$dir/rec" JANUS_PP_REC=$(command -v janus-pp-rec || echo janus-pp-rec)
}

svc_janus_stop() {
  [ -n "$svc_janus_dir" ] && [ -f "$svc_janus_dir/janus.pid" ] || return 0
  local pid i
  pid=$(cat "$svc_janus_dir/janus.pid")
  if kill "$pid" 2>/dev/null; then
    for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  fi
  rm -f "$svc_janus_dir/janus.pid"
  return 0
}

svc_stop() {
  svc_janus_stop
  [ -n "$svc_dir" ] || return 0
  [ -f "$svc_dir/redis.pid" ] && kill "$(cat "$svc_dir/redis.pid")" 2>/dev/null
  [ -d "$svc_dir/pg" ] && svc_as_pg "$svc_pg_bin/pg_ctl" -D "$svc_dir/pg" -m immediate stop >/dev/null 2>&1
  rm -f "$svc_dir/redis.pid"
  return 0
}
