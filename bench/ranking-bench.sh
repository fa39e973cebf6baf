#!/usr/bin/env bash
# Benchmark of the ranking-server (results applied/s, Top and Around queries/s with p50/p99 at
# 1,000,000 players) next to redis-benchmark's figures for the raw commands, measured in the same
# run against one fresh redis-server. Figures and how to read them: docs/performance.md, "ranking-server".
#
#   bench/ranking-bench.sh [players=1000000] [results=20000] [query-seconds=5] [connections=8] [pipeline=1] [rounds=3] [io-threads=1]
#
# Needs redis-server and redis-benchmark (apt-get install -y redis-server redis-tools).
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in redis-server redis-benchmark; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y redis-server redis-tools" >&2; exit 3; }
done
mvn -q -B -pl ranking-server -am install -DskipTests
mvn -q -B -pl ranking-server dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath
java -Xmx2g --add-exports java.base/jdk.internal.misc=ALL-UNNAMED \
    -cp "ranking-server/target/test-classes:ranking-server/target/classes:$(cat ranking-server/target/bench.classpath)" \
    io.skirmish.ranking.bench.RankingBench "$@"
