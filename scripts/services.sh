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

svc_stop() {
  [ -n "$svc_dir" ] || return 0
  [ -f "$svc_dir/redis.pid" ] && kill "$(cat "$svc_dir/redis.pid")" 2>/dev/null
  [ -d "$svc_dir/pg" ] && svc_as_pg "$svc_pg_bin/pg_ctl" -D "$svc_dir/pg" -m immediate stop >/dev/null 2>&1
  rm -f "$svc_dir/redis.pid"
  return 0
}
