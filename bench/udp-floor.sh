#!/usr/bin/env bash
# The floor under bench/game-server.sh: the game's packet traffic alone (one input per player
# per tick in, one snapshot per player per tick out, same sizes, clients sharing 4 sockets, the
# server reading with recvmmsg) through loopback UDP in one JVM, with no crypto, no protocol and
# no game. Reports CPU per player-tick against the 13.3 us that 5,000 players at 30 Hz allow on
# 2 cores. Figures and how to read them: docs/performance.md, "game-server", "The floor".
#
#   bench/udp-floor.sh                                   # 1000,2500,5000 players, sendto, 10 s each
#   bench/udp-floor.sh --send sendmmsg --steps 2000,3000 # batched sends; any option (see --help)
#
# bench/game-server.sh runs the same class for every step with --role server and --role clients
# (two processes, pinned like the game server and its clients) and reports the floor server's
# CPU per player-tick next to the game server's.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
command -v java >/dev/null || { echo "bench: java 17 is not on PATH" >&2; exit 1; }
command -v mvn >/dev/null || { echo "bench: mvn is not on PATH" >&2; exit 1; }
mkdir -p target/bench
if [ "${SKIRMISH_SKIP_BUILD:-0}" != "1" ]; then
  echo "bench: building load-bots (log: target/bench/udp-floor-build.log)..."
  mvn -q -B -ntp package -DskipTests -DskipFuzz -pl load-bots -am \
      org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
      -Dmdep.outputFile=target/stack.classpath -DincludeScope=runtime >target/bench/udp-floor-build.log 2>&1 \
    || { echo "bench: build failed; see target/bench/udp-floor-build.log" >&2; exit 1; }
fi
exec java -Xmx1g -cp "load-bots/target/classes:$(cat load-bots/target/stack.classpath)" \
    io.skirmish.bots.bench.UdpFloorBench "$@"
