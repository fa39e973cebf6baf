#!/usr/bin/env bash
# Load benchmark of the game server: builds, starts a private redis-server and one game server
# (its own JVM) on free loopback ports, then runs the load generator (load-bots,
# io.skirmish.bots.bench.GameLoadBench) through rising player counts in FFA matches of 8, each
# client sending inputs at the tick rate. Prints a progress line per second; stops everything
# when it ends (or on Ctrl-C) and prints where its JSON, HTML and Markdown reports are.
#
#   bench/game-server.sh                                  # 500..6000 players, 20 s each
#   bench/game-server.sh --steps 1000,2000 --measure 10s  # any GameLoadBench option (see --help)
#
# Environment: SKIRMISH_SKIP_BUILD=1 reuses the last build; BENCH_SERVER_OPTS adds game-server
# flags (e.g. "--udp-threads 2"); BENCH_SERVER_JVM / BENCH_CLIENT_JVM replace the JVM options;
# BENCH_SERVER_JAVA runs the server on another java (e.g. a Java 25 bin/java, for generational ZGC);
# BENCH_NICE=-10 runs Redis, server and clients at that nice level (negative needs root) so that
# other work on a shared machine does not starve them: the goal is about this machine, not its
# neighbours, and the report records the load average either way. BENCH_SERVER_CPUS=0
# BENCH_CLIENT_CPUS=1 pins the game server to CPU 0 and Redis and the clients to CPU 1 (taskset),
# to see what the server alone does with one core while the clients have another.
# BENCH_AUTOGROUP_NICE=-10 (as root) sets the nice level of this session's scheduler autogroup
# for the run and restores it after: with autogroups on (/proc/sys/kernel/sched_autogroup_enabled)
# the kernel shares the CPU between sessions first, so a neighbour's `nice -n 15` build still
# takes its session's share; run the script under `setsid` to keep your shell out of it.
# Before the server starts, every step's player count is run through the UDP floor
# (bench/udp-floor.sh's UdpFloorBench, server side and clients in two processes pinned like the
# game server and its clients); the report prints the game server's CPU per player-tick, user
# and kernel apart, next to the floor server's. BENCH_FLOOR=0 skips it; BENCH_FLOOR_OPTS adds
# UdpFloorBench options (default window: 3 s warm-up, 10 s measured).
# The report also splits the input-to-visible latency: the server's own stages (read to tick,
# sender wake-up, tick to socket, read to socket: game.latency.stage), the clients' delay in
# their read batches, and the kernel's receive-buffer drops at the server's and clients' sockets;
# then the same latency per input on the clients' clock alone (each match's tick times inferred
# from its snapshots): the inputs that missed the first tick after their send (the way in), the
# snapshots' delay beyond the quickest (the way out), and the p99 without each.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

for arg in "$@"; do
  if [ "$arg" = "--help" ] || [ "$arg" = "-h" ]; then
    sed -n '2,33p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
  fi
done

command -v redis-server >/dev/null || { echo "bench: redis-server is not on PATH (apt-get install redis-server)" >&2; exit 1; }
command -v java >/dev/null || { echo "bench: java 17 is not on PATH" >&2; exit 1; }

stamp="$(date -u +%Y%m%d-%H%M%S)"
work="$root/target/bench/run-$stamp"
mkdir -p "$work"

if [ "${SKIRMISH_SKIP_BUILD:-0}" != "1" ]; then
  echo "bench: building game-server and load-bots (log: $work/build.log)..."
  # package, not install: the class paths point into target/ and nothing lands in ~/.m2.
  if ! mvn -q -B -ntp package -DskipTests -DskipFuzz -pl game-server,load-bots -am \
      org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
      -Dmdep.outputFile=target/stack.classpath -DincludeScope=runtime >"$work/build.log" 2>&1; then
    echo "bench: build failed; end of $work/build.log:" >&2
    tail -n 30 "$work/build.log" >&2
    exit 1
  fi
fi
for module in game-server load-bots; do
  [ -s "$module/target/stack.classpath" ] || { echo "bench: $module/target/stack.classpath missing: build first" >&2; exit 1; }
done

# A free loopback TCP port: a random one nothing answers on (bounded tries), below the kernel's
# ephemeral range so that no outgoing connection of the run can be holding it.
free_port() {
  local port tries=0 low=20000 high
  high="$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)"
  [ "$high" -gt $((low + 1000)) ] || low=10000
  while [ $tries -lt 100 ]; do
    port=$(( low + RANDOM % (high - low) ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
    tries=$((tries + 1))
  done
  echo "bench: no free port found" >&2
  return 1
}

redis_pid=""
server_pid=""
floor_pids=()
autogroup_before=""
cleanup() {
  local status=$?
  for pid in "${floor_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    # TERM first (a JVM flight recording started with dumponexit=true is written), KILL after 10 s.
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ -n "$redis_pid" ] && kill -0 "$redis_pid" 2>/dev/null; then
    kill "$redis_pid" 2>/dev/null || true
    wait "$redis_pid" 2>/dev/null || true
  fi
  if [ -n "$autogroup_before" ]; then
    echo "$autogroup_before" >/proc/self/autogroup 2>/dev/null || true
  fi
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Both JVMs hold one TCP connection per player.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

nice_cmd=()
if [ -n "${BENCH_NICE:-}" ]; then
  nice_cmd=(nice -n "$BENCH_NICE")
fi
server_cmd=("${nice_cmd[@]}")
client_cmd=("${nice_cmd[@]}")
if [ -n "${BENCH_SERVER_CPUS:-}${BENCH_CLIENT_CPUS:-}" ]; then
  command -v taskset >/dev/null || { echo "bench: BENCH_*_CPUS needs taskset (apt-get install util-linux)" >&2; exit 1; }
  if [ -n "${BENCH_SERVER_CPUS:-}" ]; then server_cmd+=(taskset -c "$BENCH_SERVER_CPUS"); fi
  if [ -n "${BENCH_CLIENT_CPUS:-}" ]; then client_cmd+=(taskset -c "$BENCH_CLIENT_CPUS"); fi
fi
if [ -n "${BENCH_AUTOGROUP_NICE:-}" ]; then
  [ -w /proc/self/autogroup ] || { echo "bench: BENCH_AUTOGROUP_NICE needs /proc/self/autogroup (CONFIG_SCHED_AUTOGROUP)" >&2; exit 1; }
  autogroup_before="$(sed 's/.*nice //' /proc/self/autogroup)"
  echo "$BENCH_AUTOGROUP_NICE" >/proc/self/autogroup
  echo "bench: scheduler autogroup $(cat /proc/self/autogroup) (was nice $autogroup_before)"
fi
echo "bench: load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# The steps and tick rate the load generator will use, for the floor (same defaults as GameLoadBench).
steps="500,1000,2000,3000,4000,5000,6000"
tick_rate=30
prev=""
for arg in "$@"; do
  case "$prev" in
    --steps) steps="$arg" ;;
    --tick-rate) tick_rate="$arg" ;;
  esac
  case "$arg" in
    --steps=*) steps="${arg#--steps=}" ;;
    --tick-rate=*) tick_rate="${arg#--tick-rate=}" ;;
  esac
  prev="$arg"
done

floor_file="$work/floor-share.txt"
if [ "${BENCH_FLOOR:-1}" != "0" ]; then
  floor_cp="load-bots/target/classes:$(cat load-bots/target/stack.classpath)"
  for requested in ${steps//,/ }; do
    players=$(( (requested + 7) / 8 * 8 ))  # whole FFA matches of 8, as the load generator rounds
    port_file="$work/floor-port-$players"
    echo "bench: UDP floor, $players players (server side pinned like the game server)..."
    # shellcheck disable=SC2086
    "${server_cmd[@]}" java -Xmx256m -cp "$floor_cp" io.skirmish.bots.bench.UdpFloorBench --role server \
      --steps "$players" --tick-rate "$tick_rate" --warmup 3s --measure 10s --port-file "$port_file" \
      --share-file "$floor_file" ${BENCH_FLOOR_OPTS:-} >"$work/floor-server-$players.log" 2>&1 &
    floor_pids=($!)
    # shellcheck disable=SC2086
    "${client_cmd[@]}" java -Xmx512m -cp "$floor_cp" io.skirmish.bots.bench.UdpFloorBench --role clients \
      --steps "$players" --tick-rate "$tick_rate" --warmup 3s --measure 10s --port-file "$port_file" \
      ${BENCH_FLOOR_OPTS:-} >"$work/floor-clients-$players.log" 2>&1 &
    floor_pids+=($!)
    for pid in "${floor_pids[@]}"; do
      wait "$pid" || echo "bench: floor process $pid failed; see $work/floor-*-$players.log" >&2
    done
    floor_pids=()
    tail -n 1 "$work/floor-server-$players.log"
  done
fi

redis_port="$(free_port)"
"${client_cmd[@]}" redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" \
  --logfile "$work/redis.log" --daemonize no &
redis_pid=$!

ops_port="$(free_port)"
server_id="bench-$stamp"
# ParallelGC and the tenuring threshold as the distribution's launcher runs the game server
# (docs/decisions.md, "ParallelGC for the game server").
server_jvm=${BENCH_SERVER_JVM:-"-Xms2g -Xmx2g -XX:+UseParallelGC -XX:MaxTenuringThreshold=1"}
# shellcheck disable=SC2086
"${server_cmd[@]}" "${BENCH_SERVER_JAVA:-java}" --add-exports java.base/jdk.internal.misc=ALL-UNNAMED $server_jvm \
  -cp "game-server/target/classes:$(cat game-server/target/stack.classpath)" io.skirmish.game.GameServerMain --dev --max-connections-per-address 20000 \
  --server-id "$server_id" --redis-url "redis://127.0.0.1:$redis_port" --tcp-port 0 --udp-port 0 \
  --ops-port "$ops_port" --capacity-players 20000 --matches-per-agent 4096 --join-window 30s \
  --drain-timeout 5s ${BENCH_SERVER_OPTS:-} >"$work/game-server.log" 2>&1 &
server_pid=$!
echo "bench: redis on $redis_port (pid $redis_pid), game server $server_id ops on $ops_port (pid $server_pid), logs in $work"

# ZGC for the load generator: its pauses count in the latencies it measures as much as the
# server's (G1 stopped the clients for 12-16 ms every 4.5 s at 2,000 players); ZGC's stay under
# a millisecond. This is the instrument, not the server (docs/performance.md, "Pauses out of the window").
client_jvm=${BENCH_CLIENT_JVM:-"-Xms2g -Xmx2g -XX:+UseZGC"}
# shellcheck disable=SC2086
"${client_cmd[@]}" java $client_jvm -cp "load-bots/target/classes:$(cat load-bots/target/stack.classpath)" \
  io.skirmish.bots.bench.GameLoadBench --redis-url "redis://127.0.0.1:$redis_port" --server-id "$server_id" \
  --ops-port "$ops_port" --server-pid "$server_pid" --out "$root/target/bench" --floor "$floor_file" \
  --command-line "${BENCH_AUTOGROUP_NICE:+BENCH_AUTOGROUP_NICE=$BENCH_AUTOGROUP_NICE }${BENCH_SERVER_JAVA:+BENCH_SERVER_JAVA=$BENCH_SERVER_JAVA }${BENCH_SERVER_JVM:+BENCH_SERVER_JVM=\"$BENCH_SERVER_JVM\" }${BENCH_CLIENT_JVM:+BENCH_CLIENT_JVM=\"$BENCH_CLIENT_JVM\" }${BENCH_NICE:+BENCH_NICE=$BENCH_NICE }${BENCH_SERVER_CPUS:+BENCH_SERVER_CPUS=$BENCH_SERVER_CPUS }${BENCH_CLIENT_CPUS:+BENCH_CLIENT_CPUS=$BENCH_CLIENT_CPUS }${BENCH_SERVER_OPTS:+BENCH_SERVER_OPTS=\"$BENCH_SERVER_OPTS\" }bench/game-server.sh $*" "$@"
echo "bench: load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
