# bin/tap cluster: N instances of the service (separate JVMs) behind HAProxy on loopback, with
# a Redis of their own, as the stress and fault scenarios need them. Sourced by bin/tap.
#
#   bin/tap cluster up [N] [--sentinel]
#                                start N instances (default 2) on ports BASE+1..BASE+N, HAProxy
#                                on BASE (TAP_CLUSTER_PORT, default 8090), Redis on BASE+100.
#                                --sentinel: Redis as a primary (BASE+100), two replicas
#                                (BASE+102, +103) and three Sentinels (BASE+104..106), the
#                                instances following the Sentinels with `replicas` durability;
#                                given to a running cluster, it adds the replicas and Sentinels
#                                and restarts the instances so that they follow them
#   bin/tap cluster down         stop everything it started
#   bin/tap cluster status       what runs, and each instance's readiness
#   bin/tap cluster kill I       SIGKILL instance I (1..N)
#   bin/tap cluster stop I       SIGTERM instance I and wait for it to exit (graceful shutdown)
#   bin/tap cluster start I      start instance I again
#   bin/tap cluster redis-restart [--from-snapshot]
#                                SIGKILL Redis and start it again, empty; --from-snapshot: with
#                                what the last redis-snapshot saved (not under --sentinel)
#   bin/tap cluster redis-snapshot  save Redis' data to the file a restart --from-snapshot loads
#   bin/tap cluster redis-failover SIGKILL the Redis primary (under --sentinel), wait for the
#                                Sentinels to promote a replica, then start the old primary
#                                again, empty, as a replica of the new one
#   bin/tap cluster postgres-outage SECONDS
#                                the instances lose PostgreSQL for SECONDS: their connections
#                                are cut and new ones refused, as in a database restart
#
# State (pids, logs, the generated HAProxy configuration) is kept in TAP_CLUSTER_DIR
# (/tmp/tap-cluster-BASE). TAP_CLUSTER_ARGS adds Spring arguments to every instance.
# TAP_CLUSTER_POSTGRES=direct connects the instances to PostgreSQL itself rather than through
# HAProxy (no postgres-outage then; measurements of large results without the proxy's hop). The demo
# catalogue is loaded first when it is missing (TAP_CLUSTER_DEMO_ROWS rows, default 1000000).

CLUSTER_PORT=${TAP_CLUSTER_PORT:-8090}
CLUSTER_DIR=${TAP_CLUSTER_DIR:-/tmp/tap-cluster-$CLUSTER_PORT}
CLUSTER_REDIS_PORT=$((CLUSTER_PORT + 100))
# The instances reach PostgreSQL through HAProxy (TCP) so that an outage can be staged without
# touching the database server, which other work on this machine may be using.
CLUSTER_POSTGRES_PORT=$((CLUSTER_PORT + 101))
# Under --sentinel: the replicas' and the Sentinels' ports, and the name the Sentinels give the
# group. A replica's creations acknowledgement (WAIT 1) still has a replica after a failover.
CLUSTER_REPLICA_PORTS="$((CLUSTER_PORT + 102)) $((CLUSTER_PORT + 103))"
CLUSTER_SENTINEL_PORTS="$((CLUSTER_PORT + 104)) $((CLUSTER_PORT + 105)) $((CLUSTER_PORT + 106))"
CLUSTER_SENTINEL_MASTER=tap-cluster

cluster_instance_port() { echo $((CLUSTER_PORT + $1)); }

cluster_pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

cluster_wait() { # cluster_wait SECONDS DESCRIPTION COMMAND...: until COMMAND succeeds
  local seconds=$1 what=$2
  shift 2
  for _ in $(seq $((seconds * 4))); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  die "cluster: $what did not come up within $seconds s (logs in $CLUSTER_DIR)"
}

cluster_ready() { curl -sf "http://127.0.0.1:$1/tap/actuator/health/readiness" >/dev/null; }

cluster_redis_pidfile() { # the pid file of the Redis server on port $1
  if [ "$1" = "$CLUSTER_REDIS_PORT" ]; then echo "$CLUSTER_DIR/redis.pid"; else echo "$CLUSTER_DIR/redis-$1.pid"; fi
}

cluster_redis_dir() { # the working directory of the Redis server on port $1, where its dump.rdb goes
  # each server of a replication group writes its own dump.rdb during a full sync
  if [ "$1" = "$CLUSTER_REDIS_PORT" ]; then echo "$CLUSTER_DIR"; else echo "$CLUSTER_DIR/redis-$1"; fi
}

cluster_start_redis_server() { # cluster_start_redis_server PORT [PRIMARY_PORT]: empty, a replica when PRIMARY_PORT
  # a dump.rdb left by a full sync (the Sentinel set-up) or an earlier run would be loaded: not empty
  rm -f "$(cluster_redis_dir "$1")/dump.rdb"
  cluster_start_redis_server_as_saved "$@"
}

cluster_start_redis_server_as_saved() { # as cluster_start_redis_server, loading the server's dump.rdb if any
  local port=$1 dir
  dir=$(cluster_redis_dir "$port")
  mkdir -p "$dir"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no \
    --dir "$dir" --pidfile "$(cluster_redis_pidfile "$port")" --logfile "$CLUSTER_DIR/redis-$port.log" \
    ${2:+--replicaof 127.0.0.1 "$2"}
  # a server loading a snapshot answers LOADING until it is in: wait for a PONG
  cluster_wait 10 "Redis on $port" cluster_redis_answers "$port"
}

cluster_redis_answers() { [ "$(redis-cli -p "$1" ping 2>/dev/null)" = PONG ]; }

cluster_start_redis() { cluster_start_redis_server "$CLUSTER_REDIS_PORT"; }

cluster_sentinel() { [ -f "$CLUSTER_DIR/sentinel" ]; }

cluster_replica_in_sync() { # true when the server on port $1 is a replica whose link is up
  local info; info=$(redis-cli -p "$1" info replication 2>/dev/null) || return 1
  grep -q '^role:slave' <<<"$info" && grep -q '^master_link_status:up' <<<"$info"
}

cluster_primary_port() { # the port the Sentinels name as the primary's, asked of the first that answers
  local port
  for port in $CLUSTER_SENTINEL_PORTS; do
    redis-cli -p "$port" sentinel get-master-addr-by-name "$CLUSTER_SENTINEL_MASTER" 2>/dev/null | sed -n 2p \
      | grep . && return 0
  done
  return 1
}

cluster_start_sentinels() { # the replicas of the running primary, then the Sentinels watching them
  local port
  touch "$CLUSTER_DIR/sentinel"
  for port in $CLUSTER_REPLICA_PORTS; do
    cluster_pid_alive "$(cluster_redis_pidfile "$port")" || cluster_start_redis_server "$port" "$CLUSTER_REDIS_PORT"
  done
  for port in $CLUSTER_REPLICA_PORTS; do
    cluster_wait 60 "the replica on $port" cluster_replica_in_sync "$port"
  done
  for port in $CLUSTER_SENTINEL_PORTS; do
    cluster_pid_alive "$CLUSTER_DIR/sentinel-$port.pid" && continue
    # a Sentinel rewrites its own file with what it learns (replicas, other Sentinels, epochs)
    cat > "$CLUSTER_DIR/sentinel-$port.conf" <<CONFIG
port $port
bind 127.0.0.1
daemonize yes
dir $CLUSTER_DIR
pidfile $CLUSTER_DIR/sentinel-$port.pid
logfile $CLUSTER_DIR/sentinel-$port.log
sentinel monitor $CLUSTER_SENTINEL_MASTER 127.0.0.1 $CLUSTER_REDIS_PORT 2
sentinel down-after-milliseconds $CLUSTER_SENTINEL_MASTER 2000
sentinel failover-timeout $CLUSTER_SENTINEL_MASTER 10000
sentinel parallel-syncs $CLUSTER_SENTINEL_MASTER 1
CONFIG
    redis-sentinel "$CLUSTER_DIR/sentinel-$port.conf"
    cluster_wait 10 "the Sentinel on $port" cluster_primary_port
  done
}

cluster_redis_args() { # how an instance reaches Redis: the cluster's own server, or the Sentinels
  if cluster_sentinel; then
    local nodes port
    nodes=$(for port in $CLUSTER_SENTINEL_PORTS; do printf '127.0.0.1:%s,' "$port"; done)
    echo "--spring.data.redis.sentinel.master=$CLUSTER_SENTINEL_MASTER --spring.data.redis.sentinel.nodes=${nodes%,}" \
      "--tap.uws.durability.mode=replicas --tap.uws.durability.replicas=1"
  else
    echo "--spring.data.redis.host=127.0.0.1 --spring.data.redis.port=$CLUSTER_REDIS_PORT"
  fi
}

cluster_redis_failover() {
  local old new
  cluster_sentinel || die "cluster: redis-failover needs a cluster started with --sentinel"
  old=$(cluster_primary_port) || die "cluster: no Sentinel answers"
  cluster_stop_pid "$(cluster_redis_pidfile "$old")" KILL
  for _ in $(seq 240); do
    new=$(cluster_primary_port || true)
    [ -n "$new" ] && [ "$new" != "$old" ] && break
    sleep 0.25
  done
  [ -n "$new" ] && [ "$new" != "$old" ] || die "cluster: the Sentinels promoted no replica within 60 s"
  # back as the Sentinels would make it (as Kubernetes restarts a pod): a replica of the new primary
  cluster_start_redis_server "$old" "$new"
  cluster_wait 60 "the old primary as a replica" cluster_replica_in_sync "$old"
  echo "cluster: Redis primary $old killed, $new promoted, $old back as its replica" >&2
}

cluster_start_instance() { # cluster_start_instance I
  local port; port=$(cluster_instance_port "$1")
  cluster_pid_alive "$CLUSTER_DIR/instance-$1.pid" && return 0
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" $JVM_WORKAROUNDS ${TAP_JAVA_OPTS:--XX:+UseG1GC -Xmx1g -XX:+ExitOnOutOfMemoryError} -jar "$JAR" \
    --server.port="$port" --spring.datasource.url="jdbc:postgresql://$(cluster_postgres_address)/$TAP_DB" \
    $(cluster_redis_args) --tap.uws.namespace=cluster ${TAP_CLUSTER_ARGS:-} >> "$CLUSTER_DIR/instance-$1.log" 2>&1 &
  echo $! > "$CLUSTER_DIR/instance-$1.pid"
}

cluster_haproxy_config() { # the deployment's HAProxy configuration, pointed at loopback instances
  local n=$1 i
  awk -v port="$CLUSTER_PORT" -v dir="$CLUSTER_DIR" '
    /^global/ { print; print "    stats socket " dir "/haproxy.sock mode 600 level admin"; next }
    /^resolvers / { skip = 1; next }
    skip && /^[^ ]/ { skip = 0 }
    skip || /^    server / || /^# Docker/ { next }
    { sub(/ resolvers docker/, ""); sub(/bind :8080/, "bind 127.0.0.1:" port); sub(/^    log stdout.*/, ""); print }
  ' "$ROOT/deploy/haproxy/haproxy.cfg"
  for i in $(seq "$n"); do
    echo "    server tap$i 127.0.0.1:$(cluster_instance_port "$i")"
  done
  cat <<CONFIG

frontend postgres
    mode tcp
    bind 127.0.0.1:$CLUSTER_POSTGRES_PORT
    timeout client 1h
    default_backend postgres

backend postgres
    mode tcp
    timeout server 1h
    server postgres $PGHOST:$PGPORT
CONFIG
}

cluster_haproxy_admin() { # one command on HAProxy's admin socket
  python3 -c 'import socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.sendall((sys.argv[2] + "\n").encode())
print(s.recv(65536).decode(), end="")' "$CLUSTER_DIR/haproxy.sock" "$1"
}

cluster_postgres_address() { # host:port the instances reach PostgreSQL at
  if [ "${TAP_CLUSTER_POSTGRES:-proxied}" = direct ]; then echo "$PGHOST:$PGPORT"; else echo "127.0.0.1:$CLUSTER_POSTGRES_PORT"; fi
}

cluster_postgres_outage() { # cluster_postgres_outage SECONDS
  [ "${TAP_CLUSTER_POSTGRES:-proxied}" = direct ] && die "cluster: TAP_CLUSTER_POSTGRES=direct: no proxy to cut"
  cluster_haproxy_admin "set server postgres/postgres state maint" >/dev/null
  cluster_haproxy_admin "shutdown sessions server postgres/postgres" >/dev/null
  sleep "$1"
  cluster_haproxy_admin "set server postgres/postgres state ready" >/dev/null
}

cluster_up() {
  local n=2 sentinel=false i switch=false
  for i in "$@"; do
    case "$i" in
      --sentinel) sentinel=true ;;
      *) n=$i ;;
    esac
  done
  prepare
  if [ -z "$(demo_rows)" ]; then
    "$JAVA_HOME/bin/java" -jar "$JAR" admin demo --rows "${TAP_CLUSTER_DEMO_ROWS:-1000000}"
  fi
  command -v haproxy >/dev/null || die "cluster: haproxy is not installed (apt-get install haproxy)"
  mkdir -p "$CLUSTER_DIR"
  echo "$n" > "$CLUSTER_DIR/instances"
  cluster_pid_alive "$CLUSTER_DIR/redis.pid" || cluster_sentinel || cluster_start_redis
  if $sentinel && ! cluster_sentinel; then
    command -v redis-sentinel >/dev/null || die "cluster: redis-sentinel is not installed (apt-get install redis-sentinel)"
    cluster_start_sentinels
    switch=true
  fi
  if $switch; then
    # instances already running follow the cluster's Redis directly: stopped together and
    # started again below with the Sentinels' settings (one start-up's wait, not one each)
    for i in $(seq "$n"); do cluster_stop_pid "$CLUSTER_DIR/instance-$i.pid" TERM & done
    wait
  fi
  for i in $(seq "$n"); do cluster_start_instance "$i"; done
  cluster_haproxy_config "$n" > "$CLUSTER_DIR/haproxy.cfg"
  cluster_pid_alive "$CLUSTER_DIR/haproxy.pid" \
    || haproxy -D -f "$CLUSTER_DIR/haproxy.cfg" -p "$CLUSTER_DIR/haproxy.pid" 2>> "$CLUSTER_DIR/haproxy.log"
  for i in $(seq "$n"); do
    cluster_wait 300 "instance $i" cluster_ready "$(cluster_instance_port "$i")"
  done
  cluster_wait 30 "the load balancer" cluster_ready "$CLUSTER_PORT"
  echo "cluster: $n instances behind http://127.0.0.1:$CLUSTER_PORT/tap$(cluster_sentinel && echo ", Redis under Sentinel") (state in $CLUSTER_DIR)" >&2
}

cluster_stop_pid() { # cluster_stop_pid PIDFILE SIGNAL: signal it and wait up to 90 s for it to exit
  local pidfile=$1 signal=$2 pid
  cluster_pid_alive "$pidfile" || { rm -f "$pidfile"; return 0; }
  pid=$(cat "$pidfile")
  kill "-$signal" "$pid" 2>/dev/null || true
  for _ in $(seq 360); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

cluster_down() {
  local pidfile
  [ -d "$CLUSTER_DIR" ] || return 0
  cluster_stop_pid "$CLUSTER_DIR/haproxy.pid" TERM
  for pidfile in "$CLUSTER_DIR"/instance-*.pid; do
    [ -e "$pidfile" ] && cluster_stop_pid "$pidfile" TERM &
  done
  wait
  # the Sentinels first, so that stopping the servers is not taken for a failure to fail over
  for pidfile in "$CLUSTER_DIR"/sentinel-*.pid "$CLUSTER_DIR"/redis*.pid; do
    [ -e "$pidfile" ] && cluster_stop_pid "$pidfile" TERM
  done
  rm -f "$CLUSTER_DIR/sentinel"
  echo "cluster: stopped (logs kept in $CLUSTER_DIR)" >&2
}

cluster_status() {
  local n i port
  n=$(cat "$CLUSTER_DIR/instances" 2>/dev/null || echo 0)
  for i in $(seq "$n"); do
    port=$(cluster_instance_port "$i")
    if cluster_pid_alive "$CLUSTER_DIR/instance-$i.pid"; then
      cluster_ready "$port" && echo "instance $i: ready on $port" || echo "instance $i: running, not ready, on $port"
    else
      echo "instance $i: down"
    fi
  done
  cluster_pid_alive "$CLUSTER_DIR/haproxy.pid" && echo "load balancer: on $CLUSTER_PORT" || echo "load balancer: down"
  if cluster_sentinel; then
    local port
    for port in $CLUSTER_REDIS_PORT $CLUSTER_REPLICA_PORTS; do
      if cluster_pid_alive "$(cluster_redis_pidfile "$port")"; then
        echo "redis: on $port, $(redis-cli -p "$port" info replication | sed -n 's/^role:\(.*\)\r$/\1/p')"
      else
        echo "redis: down on $port"
      fi
    done
    echo "sentinels: primary on $(cluster_primary_port || echo "unknown (no Sentinel answers)")"
  else
    cluster_pid_alive "$CLUSTER_DIR/redis.pid" && echo "redis: on $CLUSTER_REDIS_PORT" || echo "redis: down"
  fi
}

cmd_cluster() {
  local action=${1:-}
  [ $# -gt 0 ] && shift
  case "$action" in
    up) cluster_up "$@" ;;
    down) cluster_down ;;
    status) cluster_status ;;
    kill) cluster_stop_pid "$CLUSTER_DIR/instance-${1:?instance number}.pid" KILL ;;
    stop) cluster_stop_pid "$CLUSTER_DIR/instance-${1:?instance number}.pid" TERM ;;
    start)
      cluster_start_instance "${1:?instance number}"
      cluster_wait 300 "instance $1" cluster_ready "$(cluster_instance_port "$1")"
      ;;
    postgres-outage) cluster_postgres_outage "${1:?seconds}" ;;
    redis-restart)
      cluster_sentinel && die "cluster: under --sentinel, redis-failover is the primary's loss"
      cluster_stop_pid "$CLUSTER_DIR/redis.pid" KILL
      case "${1:-}" in
        --from-snapshot)
          [ -f "$CLUSTER_DIR/dump.rdb" ] || die "cluster: no snapshot to restart from (bin/tap cluster redis-snapshot)"
          cluster_start_redis_server_as_saved "$CLUSTER_REDIS_PORT"
          ;;
        "") cluster_start_redis ;;
        *) die "cluster: redis-restart takes --from-snapshot or nothing, not $1" ;;
      esac
      ;;
    redis-snapshot)
      cluster_sentinel && die "cluster: redis-snapshot is for the single Redis"
      redis-cli -p "$CLUSTER_REDIS_PORT" save | grep -q OK || die "cluster: Redis did not save a snapshot"
      ;;
    redis-failover) cluster_redis_failover ;;
    *) sed -n '2,/^$/s/^# \{0,1\}//p' "$ROOT/bin/lib/cluster.bash" >&2; exit 2 ;;
  esac
}
