#!/usr/bin/env bash
# The one command that runs Skirmish locally: checks prerequisites, builds every module, then
# starts Redis (system redis-server, else the binary bundled in embedded-redis), Elasticsearch and
# every built server on 127.0.0.1, prints what runs where, and stops everything on Ctrl-C.
#
# Options go to the launcher (io.skirmish.launcher.LocalStackMain); see: deploy/local/run.sh --help
#   deploy/local/run.sh --duration 60s --no-elasticsearch
# SKIRMISH_SKIP_BUILD=1 reuses the last build (faster restarts while nothing changed).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$here/prerequisites.sh"

require_jdk17
require_maven

build_log="$root/.run/build.log"
mkdir -p "$root/.run"

# One Maven run builds and installs every module and, in each, writes its runtime class path to
# target/stack.classpath: the launcher reads its own, and starts each server from its own.
skip_build="${SKIRMISH_SKIP_BUILD:-0}"
for arg in "$@"; do
  # --help needs no fresh build when an earlier one left the launcher behind.
  if { [ "$arg" = "--help" ] || [ "$arg" = "-h" ]; } && [ -s "$root/launcher/target/stack.classpath" ]; then
    skip_build=1
  fi
done
# Maven announces each module as "[INFO] Building <artifactId> <version>  [n/m]"; echoing just
# those lines shows the first build (a minute or more) moving while the full log stays on disk.
show_module_progress() {
  local line module_line='^\[INFO\] Building ([^ ]+) [^ ]+ +\[([0-9]+/[0-9]+)\]$'
  while IFS= read -r line; do
    if [[ $line =~ $module_line ]]; then
      printf '  [%s] %s (%d s)\n' "${BASH_REMATCH[2]}" "${BASH_REMATCH[1]}" $((SECONDS - start_s))
    fi
  done
}

if [ "$skip_build" != "1" ]; then
  echo "building (mvn install -DskipTests; log: ${build_log#"$PWD"/})..."
  start_s=$SECONDS
  # pipefail (set above) makes the pipeline fail when Maven does.
  if ! (cd "$root" && mvn -B -ntp install -DskipTests \
        org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
        -Dmdep.outputFile=target/stack.classpath -DincludeScope=runtime) 2>&1 \
      | tee "$build_log" | show_module_progress; then
    echo "build failed; the end of its log ($build_log):" >&2
    grep -v '^\[INFO\] Download' "$build_log" | tail -n 40 >&2
    exit 1
  fi
  echo "built in $((SECONDS - start_s)) s"
fi

classpath_file="$root/launcher/target/stack.classpath"
if [ ! -s "$classpath_file" ] || [ ! -d "$root/launcher/target/classes" ]; then
  echo "run.sh: $classpath_file is missing; run without SKIRMISH_SKIP_BUILD=1 to build first" >&2
  exit 1
fi

# exec: the JVM replaces this shell, so Ctrl-C and SIGTERM reach it directly and it stops what it started.
exec java -Dskirmish.repo.root="$root" \
  -cp "$root/launcher/target/classes:$(cat "$classpath_file")" \
  io.skirmish.launcher.LocalStackMain "$@"
