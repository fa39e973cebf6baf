#!/usr/bin/env bash
# What TLS costs the servers: match-server CPU per Login and game-server CPU per Connect, each
# on a fresh connection, plaintext against TLS 1.3 (a self-signed EC P-256 certificate made with
# the JDK's keytool, JDK TLS provider). Servers run as child JVMs against a fresh redis-server;
# their CPU is read from /proc before and after the measured requests. Figures and how to read
# them: docs/performance.md, "TLS".
#
#   bench/tls-cost.sh            # 2,000 requests per run (after a warm-up of half that, at least 500)
#   bench/tls-cost.sh 5000
#
# Environment: SKIRMISH_SKIP_BUILD=1 reuses the last build. Needs redis-server on PATH.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

command -v redis-server >/dev/null || { echo "bench: redis-server is not on PATH (apt-get install redis-server)" >&2; exit 1; }
mkdir -p target/bench
if [ "${SKIRMISH_SKIP_BUILD:-0}" != "1" ]; then
  echo "bench: building e2e-tests and what it needs (log: target/bench/tls-build.log)..."
  if ! mvn -q -B -ntp test-compile -pl e2e-tests -am \
        org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
        -Dmdep.outputFile=target/bench.classpath -DincludeScope=test >target/bench/tls-build.log 2>&1; then
    echo "bench: build failed; end of target/bench/tls-build.log:" >&2
    tail -n 30 target/bench/tls-build.log >&2
    exit 1
  fi
fi
[ -s e2e-tests/target/bench.classpath ] || { echo "bench: e2e-tests/target/bench.classpath missing: build first" >&2; exit 1; }
# Sibling modules as their target/classes (the reactor's), not as jars from ~/.m2.
modules=""
for module in protocol service-kit testkit client game-server match-server ranking-server load-bots log-shipper; do
  modules="$modules:$module/target/classes"
done
exec java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -Xmx512m \
  -cp "e2e-tests/target/test-classes${modules}:$(cat e2e-tests/target/bench.classpath)" \
  io.skirmish.e2e.bench.TlsCostBench "$@"
