#!/usr/bin/env bash
# Prints the top of a leaderboard from the ranking-server of the local stack (deploy/local/run.sh).
#   deploy/local/leaderboard.sh duel
#   deploy/local/leaderboard.sh squad.kills --period daily --count 20
#   deploy/local/leaderboard.sh ffa --ranking-server 10.0.0.5:7720
# Needs a build (run.sh makes one); --help lists every option.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$here/prerequisites.sh"
require_jdk17
classpath_file="$root/load-bots/target/stack.classpath"
if [ ! -s "$classpath_file" ] || [ ! -d "$root/load-bots/target/classes" ]; then
  echo "leaderboard.sh: no build found ($classpath_file); run deploy/local/run.sh once first" >&2
  exit 1
fi
exec java -cp "$root/load-bots/target/classes:$(cat "$classpath_file")" io.skirmish.bots.swarm.LeaderboardMain "$@"
