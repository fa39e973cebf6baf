#!/usr/bin/env bash
# Runs the whole Skirmish stack in containers (deploy/compose/compose.yaml) with one command:
# builds the images (mvn -Pimages package), starts the stack, waits until every container is
# healthy and prints where everything is. Play it from the host with the bot swarm:
#   deploy/local/run.sh --target 127.0.0.1:7600,127.0.0.1:7720
#
#   deploy/compose/up.sh             build, start, wait
#   deploy/compose/up.sh --no-build  start the images built last time
#   deploy/compose/up.sh --down      stop and remove the containers (volumes too with --volumes)
#
# The images start FROM $SKIRMISH_BASE_IMAGE, else the local skirmish-base:bookworm-jre17 if
# deploy/images/base-image.sh built it, else the public eclipse-temurin:17-jre.
# Exit status: 0 up (or down), 1 build or start failed, 2 bad option, 3 missing prerequisite.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$root/deploy/local/prerequisites.sh"

build=1 down=0 volumes=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --down) down=1 ;;
    --volumes) volumes=(--volumes) ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "up.sh: unknown option $arg (see --help)" >&2; exit 2 ;;
  esac
done

require_command docker "apt-get install -y docker.io"
docker info >/dev/null 2>&1 || missing_prerequisite "a running Docker engine" "dockerd > /var/log/dockerd.log 2>&1 &"
if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose)
else
  missing_prerequisite "Docker Compose (v2 plugin or docker-compose 1.29)" "apt-get install -y docker-compose"
fi
compose+=(--project-name skirmish --file "$here/compose.yaml")

if [ "$down" = "1" ]; then
  exec "${compose[@]}" down "${volumes[@]}"
fi

if [ "$build" = "1" ]; then
  require_jdk17
  require_maven
  base="${SKIRMISH_BASE_IMAGE:-}"
  if [ -z "$base" ] && docker image inspect skirmish-base:bookworm-jre17 >/dev/null 2>&1; then
    base=skirmish-base:bookworm-jre17
  fi
  base="${base:-eclipse-temurin:17-jre}"
  mkdir -p "$root/.run"
  log="$root/.run/compose-build.log"
  echo "building the images on $base (mvn -Pimages package; log: $log)..."
  start_s=$SECONDS
  if ! (cd "$root" && mvn -B -ntp package -DskipTests -Pimages "-Dimage.base=$base") >"$log" 2>&1; then
    echo "image build failed; the end of its log:" >&2
    grep -v 'Download' "$log" | tail -n 30 >&2
    echo "(no registry? build a local base first: deploy/images/base-image.sh)" >&2
    exit 1
  fi
  grep '^\[images\]' "$log" || true
  echo "built in $((SECONDS - start_s)) s"
fi

for image in redis elasticsearch game-server match-server ranking-server log-shipper haproxy; do
  docker image inspect "skirmish-$image:${SKIRMISH_IMAGE_TAG:-latest}" >/dev/null 2>&1 \
    || missing_prerequisite "the image skirmish-$image:${SKIRMISH_IMAGE_TAG:-latest}" "deploy/compose/up.sh (without --no-build)"
done

"${compose[@]}" up -d
echo "waiting until every container is healthy..."
deadline=$((SECONDS + 240))
while :; do
  states=$(docker inspect -f '{{.Name}} {{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' \
           $("${compose[@]}" ps -q))
  waiting=$(echo "$states" | grep -cv ' healthy$' || true)
  [ "$waiting" = "0" ] && break
  if [ $SECONDS -ge $deadline ]; then
    echo "not healthy after 240 s:" >&2
    echo "$states" | grep -v ' healthy$' >&2
    echo "logs: ${compose[*]} logs <service>" >&2
    exit 1
  fi
  sleep 2
done
cat <<INFO
skirmish is up ($(echo "$states" | wc -l) containers healthy):
  match (HAProxy, TCP)       127.0.0.1:${SKIRMISH_MATCH_PORT:-7600}
  ranking (HAProxy, TCP)     127.0.0.1:${SKIRMISH_RANKING_PORT:-7720}
  game-server (TCP/UDP)      ${SKIRMISH_PUBLIC_HOST:-127.0.0.1}:${SKIRMISH_GAME_TCP_PORT:-7700}/${SKIRMISH_GAME_UDP_PORT:-7701}
  HAProxy stats              http://127.0.0.1:${SKIRMISH_HAPROXY_OPS_PORT:-8404}/stats
  Elasticsearch              http://127.0.0.1:${SKIRMISH_ES_PORT:-9200}
  Redis                      redis://127.0.0.1:${SKIRMISH_REDIS_PORT:-6379}
play:  deploy/local/run.sh --target 127.0.0.1:${SKIRMISH_MATCH_PORT:-7600},127.0.0.1:${SKIRMISH_RANKING_PORT:-7720}
stop:  deploy/compose/up.sh --down
INFO
