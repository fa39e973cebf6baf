#!/usr/bin/env bash
# The one command that runs every test of Skirmish: unit tests and bounded fuzzing (Surefire),
# then integration tests against real redis-server, a real 3-node Redis Cluster and a real
# Elasticsearch node started by the tests themselves on free loopback ports (Failsafe).
# Where a Docker engine answers, it also builds the images (profile images) and runs the
# container tests (profile container-tests: every image, then the whole stack in containers);
# CI (CI=true) requires the engine. SKIRMISH_CONTAINER_TESTS=0 leaves them out.
#
# Extra arguments go to Maven, for example: deploy/local/test.sh -pl protocol
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/prerequisites.sh"

require_jdk17
require_maven
require_command redis-server "apt-get install -y redis-server"
require_command redis-cli "apt-get install -y redis-tools"
require_command node "apt-get install -y nodejs npm"
require_command npm "apt-get install -y npm"

container_args=()
if [ "${SKIRMISH_CONTAINER_TESTS:-1}" = "0" ]; then
  echo "container tests: left out (SKIRMISH_CONTAINER_TESTS=0)"
elif command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  # The local base image (deploy/images/base-image.sh) where it exists: no registry needed.
  base="${SKIRMISH_BASE_IMAGE:-}"
  if [ -z "$base" ] && docker image inspect skirmish-base:bookworm-jre17 >/dev/null 2>&1; then
    base=skirmish-base:bookworm-jre17
  fi
  container_args=(-Pimages,container-tests)
  [ -n "$base" ] && container_args+=("-Dimage.base=$base")
  echo "container tests: on (Docker engine found; images built on ${base:-the public eclipse-temurin:17-jre})"
elif [ "${CI:-}" = "true" ]; then
  missing_prerequisite "a running Docker engine (CI runs the container tests)" \
    "apt-get install -y docker.io && dockerd > /var/log/dockerd.log 2>&1 &"
else
  echo "container tests: skipped (no Docker engine answers; apt-get install -y docker.io, then start dockerd)"
fi

cd "$here/../.."
exec mvn -B -ntp verify "${container_args[@]}" "$@"
