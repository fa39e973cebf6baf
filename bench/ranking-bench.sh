#!/usr/bin/env bash
# Benchmark of the ranking-server (results applied/s, Top and Around queries/s with p50/p99 at
# 1,000,000 players) next to redis-benchmark's figures for the raw commands, measured in the same
# run against one fresh redis-server. Figures and how to read them: docs/performance.md, "ranking-server".
#
#   bench/ranking-bench.sh [players=1000000] [results=20000] [query-seconds=5] [connections=8] [pipeline=1] [rounds=3] [io-threads=1]
#   bench/ranking-bench.sh cache [players=1000000] [rate=1000] [seconds=5] [connections=8] [rounds=3]
#       the read cache: Top 10 with the cache off and on next to raw ZREVRANGE while results are
#       applied at <rate>/s, and how long a write takes to show (docs/performance.md, "ranking-server read cache and Redis client")
#   bench/ranking-bench.sh link [players=1000000] [seconds=5] [concurrency=8,64] [rounds=3]
#       Top 10's Redis steps through the hand-written link and through Lettuce (docs/decisions.md)
#
# Builds with the reactor (mvn package at nice 15, nothing installed into ~/.m2). BENCH_NICE (default 0) runs
# the benchmark JVM under nice.
# Needs redis-server and redis-benchmark (apt-get install -y redis-server redis-tools).
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in redis-server redis-benchmark; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y redis-server redis-tools" >&2; exit 3; }
done
main=io.skirmish.ranking.bench.RankingBench
case "${1:-}" in
  cache) main=io.skirmish.ranking.bench.ReadCacheBench; shift ;;
  link) main=io.skirmish.ranking.bench.LinkBench; shift ;;
esac
# One reactor build: the sibling modules resolve to their freshly packaged jars, and each module
# writes its own target/bench.classpath (the ranking-server's is the one used).
nice -n 15 mvn -q -B -pl ranking-server -am package dependency:build-classpath -DskipTests -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath
nice -n "${BENCH_NICE:-0}" java -Xmx2g --add-exports java.base/jdk.internal.misc=ALL-UNNAMED \
    -cp "ranking-server/target/test-classes:ranking-server/target/classes:$(cat ranking-server/target/bench.classpath)" \
    "$main" "$@"
