#!/usr/bin/env bash
# The bot swarm against the whole local stack (Redis, Elasticsearch, game-, match-, ranking-server,
# log-shipper), bots and stack sharing this machine, once per bot count. Prints each run's summary
# and, at the end, one Markdown table (the one in docs/performance.md, "Whole stack under the swarm").
# Each run's HTML and JSON reports are in .run/swarm/.
#
#   bench/swarm.sh [bots ...]          default: 1000 5000
#   SWARM_DURATION=120s SWARM_WARMUP=30s MATCH_TIME=60s bench/swarm.sh 2000
#
# The figures cover the end of the warm-up (every JVM compiling its hot paths) to the moment bots
# stop queueing; the drain after it is left out too.
set -euo pipefail
cd "$(dirname "$0")/.."
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1000 5000)
duration="${SWARM_DURATION:-150s}"
warmup="${SWARM_WARMUP:-60s}"
match_time="${MATCH_TIME:-60s}"
rows=()
first=1
for bots in "${counts[@]}"; do
  ramp=$(( bots / 100 )); [ "$ramp" -ge 10 ] || ramp=10; [ "$ramp" -le 45 ] || ramp=45
  echo "== $bots bots: $duration of queueing (ramp-up ${ramp}s, figures after ${warmup}), matches capped at $match_time; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  log=".run/bench-swarm-$bots.log"
  mkdir -p .run
  # The first run builds; the others reuse that build.
  SKIRMISH_SKIP_BUILD=$(( first == 0 )) deploy/local/run.sh --bots "$bots" --swarm-duration "$duration" \
      --max-match-time "$match_time" --swarm-arg=--ramp-up=${ramp}s --swarm-arg=--warmup="$warmup" --swarm-arg=--threads=2 \
      --swarm-arg=--queue-timeout=120s --swarm-arg=--rank-timeout=30s | tee "$log" || true
  first=0
  rows+=("$(grep -o 'markdown: | [0-9].*' "$log" | tail -n 1 | sed 's/^markdown: //')")
  header="$(grep -o 'markdown: | bots.*' "$log" | tail -n 1 | sed 's/^markdown: //')"
done
echo
echo "$header"
echo "$header" | sed 's/[^|]/-/g; s/-\+/---/g'
printf '%s\n' "${rows[@]}"
