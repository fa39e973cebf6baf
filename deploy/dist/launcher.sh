#!/bin/sh
# Launcher of a Skirmish distribution: bin/<name> runs lib/<name>-<version>.jar (an executable jar
# whose manifest names the main class, the class path and the JDK export Agrona needs), so
# `bin/game-server --help` and `java -jar lib/game-server-*.jar --help` do the same thing.
#
# JAVA_OPTS replaces the JVM defaults below; JAVA names the java binary (default: $JAVA_HOME/bin/java,
# else java on the PATH). The defaults size the heap from the memory limit of the container or
# machine (MaxRAMPercentage) instead of a fixed -Xmx, and exit on OutOfMemoryError so the
# supervisor (systemd, Docker, Kubernetes) restarts a clean process; the game server also picks
# ParallelGC.
set -eu
app_home=$(cd "$(dirname "$0")/.." && pwd -P)
name=$(basename "$0")
if [ -z "${JAVA:-}" ]; then
  if [ -n "${JAVA_HOME:-}" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
fi
jar=""
for candidate in "$app_home/lib/$name"-[0-9]*.jar; do
  jar=$candidate
done
if [ ! -f "$jar" ]; then
  echo "$name: no $app_home/lib/$name-<version>.jar; is this an unpacked Skirmish distribution?" >&2
  exit 3
fi
defaults="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
if [ "$name" = game-server ]; then
  # ParallelGC: no concurrent refinement thread sharing the tick's core, shorter total pauses
  # than G1 at 2,000 players on one core; MaxTenuringThreshold=1: what survives two young
  # collections (connections, sessions, matches) is promoted instead of copied between the
  # survivor spaces up to 15 times (docs/decisions.md, "ParallelGC for the game server").
  defaults="$defaults -XX:+UseParallelGC -XX:MaxTenuringThreshold=1"
fi
# JAVA_OPTS is split on spaces on purpose: it holds several JVM options.
# shellcheck disable=SC2086
exec "$JAVA" ${JAVA_OPTS:-$defaults} -jar "$jar" "$@"
