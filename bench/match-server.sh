#!/usr/bin/env bash
# Open-loop benchmark of the match-server: tickets arrive at a fixed rate over the real match/v1
# protocol (login, join, MatchFound) into 1 and then 3 match-server processes (MatchServerMain,
# one JVM each) sharing one fresh redis-server, with fake game servers registered in Redis so
# every match is allocated. Each instance count runs rising rates until two steps in a row miss
# the goals. Reports tickets/s formed into matches, join and wait p50/p99 from each ticket's
# scheduled arrival, match quality, CPU of Redis / servers / generator. Figures and how to read
# them: docs/performance.md, "match-server".
#
#   bench/match-server.sh                                         # 1 and 3 instances, 1,000..12,000/s
#   bench/match-server.sh --instances 3 --rates 1000 --measure 30s
#   bench/match-server.sh --help                                  # every option
#
# Environment: SKIRMISH_SKIP_BUILD=1 reuses the last build; BENCH_NICE=-10 runs the generator,
# Redis and the servers (its children) at that nice level (negative needs root) so that other work
# on a shared machine does not starve them: the goal is about this machine, not its neighbours,
# and the report records the load average either way. With BENCH_NICE, Redis gets 5 levels more
# (BENCH_REDIS_NICE overrides): it is the one process every instance waits for. Needs
# redis-server on PATH.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

command -v redis-server >/dev/null || { echo "bench: redis-server is not on PATH (apt-get install redis-server)" >&2; exit 1; }
command -v java >/dev/null || { echo "bench: java 17 is not on PATH" >&2; exit 1; }

mkdir -p target/bench
if [ "${SKIRMISH_SKIP_BUILD:-0}" != "1" ]; then
  # Class paths from the reactor (sibling modules as their target/classes), not from ~/.m2, which
  # other builds on the machine may overwrite at any time.
  echo "bench: building match-server (log: target/bench/match-build.log)..."
  if ! mvn -q -B -ntp test-compile -pl match-server -am \
          org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
          -Dmdep.outputFile=target/stack.classpath -DincludeScope=runtime >target/bench/match-build.log 2>&1 \
      || ! mvn -q -B -ntp test-compile -pl match-server -am \
          org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
          -Dmdep.outputFile=target/bench.classpath -DincludeScope=test >>target/bench/match-build.log 2>&1; then
    echo "bench: build failed; end of target/bench/match-build.log:" >&2
    tail -n 30 target/bench/match-build.log >&2
    exit 1
  fi
fi
for file in match-server/target/stack.classpath match-server/target/bench.classpath; do
  [ -s "$file" ] || { echo "bench: $file missing: build first (without SKIRMISH_SKIP_BUILD)" >&2; exit 1; }
done

# Every client connection and every server holds sockets; be generous.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
nice_cmd=()
redis_nice=()
if [ -n "${BENCH_NICE:-}" ]; then
  nice_cmd=(nice -n "$BENCH_NICE")
  redis_nice=(--redis-nice "${BENCH_REDIS_NICE:-$((BENCH_NICE - 5))}")
fi
"${nice_cmd[@]}" java -Xms1g -Xmx2g --add-exports java.base/jdk.internal.misc=ALL-UNNAMED \
  -cp "match-server/target/test-classes:match-server/target/classes:$(cat match-server/target/bench.classpath)" \
  io.skirmish.match.bench.MatchBench --command-line "${BENCH_NICE:+BENCH_NICE=$BENCH_NICE }bench/match-server.sh $*" \
  "${redis_nice[@]}" "$@"
