#!/usr/bin/env bash
# Throughput benchmark of the log-shipper: starts a private redis-server and Elasticsearch node
# (full JIT) on free loopback ports, then alternates rounds of a raw bulk loader and of the
# log-shipper (stream already filled, clock from shipper start to the last document searchable)
# over the same documents, bulk size and concurrency. Prints each round and the medians.
#
#   bench/log-shipper.sh                     # 200,000 events, 3 rounds, bulk 1000
#   bench/log-shipper.sh 100000 5 500        # events, rounds, bulk size
#
# Environment: SKIRMISH_SKIP_BUILD=1 reuses the last build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
command -v redis-server >/dev/null || { echo "bench: redis-server is not on PATH (apt-get install redis-server)" >&2; exit 1; }
work="$root/log-shipper/target/bench"
mkdir -p "$work"
if [ "${SKIRMISH_SKIP_BUILD:-0}" != "1" ]; then
  echo "bench: building log-shipper (log: $work/build.log)..."
  if ! mvn -q -B -ntp -pl log-shipper -am test-compile \
       org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
       -Dmdep.outputFile=target/bench.classpath -DincludeScope=test >"$work/build.log" 2>&1; then
    echo "bench: build failed; end of $work/build.log:" >&2
    tail -n 30 "$work/build.log" >&2
    exit 1
  fi
fi
cp="log-shipper/target/test-classes:log-shipper/target/classes:$(cat log-shipper/target/bench.classpath)"
exec java -Xmx1g -XX:+UseG1GC --add-exports java.base/jdk.internal.misc=ALL-UNNAMED \
  -cp "$cp" io.skirmish.logship.bench.ShipperBench "${1:-200000}" "${2:-3}" "${3:-1000}" "$work"
