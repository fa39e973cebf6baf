#!/usr/bin/env bash
# The reliability count: bots play for --duration while a schedule injects every fault the stack
# must survive (game-server link degraded through the fault proxy, a game server killed with
# kill -9, one of two match-servers behind HAProxy killed, the services' Redis link partitioned
# and healed, Redis restarted, Redis killed with kill -9 and started from its append-only file,
# the Redis link slow and lossy then every connection cut, Elasticsearch stopped and started);
# then everything heals
# and one final read counts matches formed / ended / aborted, results applied once / twice /
# never, ratings diverging from an OpenSkill replay, events in Elasticsearch once / twice /
# missing, and players in two matches at once.
#
#   bench/reliability-count.sh [--duration 3m] [--bots 40] [--redis both|single|cluster]
#
# --redis cluster runs the services on a Redis Cluster (3 masters, one replica each, reached
# directly) and replaces the Redis faults by a master killed and failed over; --redis both (the
# default) runs the single-node count, then the Cluster one, so one command injects every fault.
# Writes the count's section of docs/reliability.md (between its markers, one section per --redis;
# the rest of the file stays) and exits non-zero on any loss or duplicate. CI runs the same test shorter
# (ReliabilityCountDrillIT in e2e-tests' own reliability-count execution, 75 s, without touching
# the docs). Every service's log stays under e2e-tests/target/drills/reliability-count-<n>/.
# Needs what the tests need: a JDK 17, Maven, redis-server (deploy/local/prerequisites.sh checks).
set -euo pipefail
cd "$(dirname "$0")/.."
duration=3m
bots=40
redis=both
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --duration=*) duration="${1#*=}"; shift ;;
    --bots) bots="$2"; shift 2 ;;
    --bots=*) bots="${1#*=}"; shift ;;
    --redis) redis="$2"; shift 2 ;;
    --redis=*) redis="${1#*=}"; shift ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$duration" =~ ^[0-9]+[sm]$ ]] || { echo "--duration must look like 90s or 3m: $duration" >&2; exit 2; }
[[ "$redis" == both || "$redis" == single || "$redis" == cluster ]] || { echo "--redis must be both, single or cluster: $redis" >&2; exit 2; }
[[ "$bots" =~ ^[0-9]+$ ]] && [ "$bots" -ge 4 ] || { echo "--bots must be a number of at least 4: $bots" >&2; exit 2; }
topologies=("$redis")
[ "$redis" = both ] && topologies=(single cluster)
failed=()
for topology in "${topologies[@]}"; do
  echo "== reliability count: $bots bots for $duration on Redis $topology, every fault in turn; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  rm -rf e2e-tests/target/failsafe-reports-count
  # Each topology runs to its end even when the other found a loss: both sections are written.
  mvn -B -pl e2e-tests -am verify -Dtest=NONE -Dit.test=ReliabilityCountDrillIT \
      -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
      -Dskirmish.count.duration="$duration" -Dskirmish.count.bots="$bots" -Dskirmish.count.redis="$topology" \
      -Dskirmish.count.docs="$PWD/docs/reliability.md" || failed+=("$topology")
done
echo "== the count is in docs/reliability.md (section \"The count\")"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "== loss, duplicate or error on Redis: ${failed[*]} (logs under e2e-tests/target/drills/)" >&2
  exit 1
fi
