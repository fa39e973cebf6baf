#!/usr/bin/env bash
# Builds one Skirmish image with the Docker engine; the Maven build calls it (profile `images`),
# and it can be run by hand after `mvn package`:
#
#   deploy/images/build.sh service <module> <dist-dir> <version> <base-image>
#       <module> = game-server | match-server | ranking-server | log-shipper | load-bots;
#       <dist-dir> = <module>/target/<module>-<version>-dist/<module> (deploy/dist)
#   deploy/images/build.sh elasticsearch <integ-test-zip> <version> <base-image>
#   deploy/images/build.sh redis <version> <base-image>
#   deploy/images/build.sh haproxy <version> <base-image>
#
# Every image is tagged skirmish-<name>:<version> and skirmish-<name>:latest and labelled with
# the version and the git commit. Without a Docker engine it prints why and exits 0, so a build
# on a machine without Docker still passes; SKIRMISH_REQUIRE_DOCKER=1 makes that an error (exit 3).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; }

kind="${1:-}"
[ -n "$kind" ] || { usage >&2; exit 2; }
shift

if ! command -v docker >/dev/null 2>&1 || ! docker info >/dev/null 2>&1; then
  why="no Docker engine answers (install docker.io and start dockerd)"
  command -v docker >/dev/null 2>&1 || why="docker is not installed (apt-get install -y docker.io)"
  if [ "${SKIRMISH_REQUIRE_DOCKER:-0}" = "1" ]; then
    echo "build.sh: $why; cannot build the $kind image" >&2
    exit 3
  fi
  echo "[images] SKIPPED $kind image: $why"
  exit 0
fi

revision="$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)"
context="$(mktemp -d "${TMPDIR:-/tmp}/skirmish-image-XXXXXX")"
trap 'rm -rf "$context"' EXIT

# docker build with the common labels and both tags; $1 = image name, $2 = Dockerfile, rest = build args.
build() {
  local name="$1" dockerfile="$2"
  shift 2
  local start_s=$SECONDS
  # The output is shown only when the build fails (the legacy builder also warns on every build).
  if ! docker build --file "$dockerfile" \
      --build-arg "VERSION=$version" --build-arg "REVISION=$revision" --build-arg "BASE_IMAGE=$base" \
      --label "org.opencontainers.image.version=$version" --label "org.opencontainers.image.revision=$revision" \
      --tag "skirmish-$name:$version" --tag "skirmish-$name:latest" "$@" "$context" >"$context.log" 2>&1; then
    tail -n 40 "$context.log" >&2
    rm -f "$context.log"
    echo "build.sh: the skirmish-$name image failed to build on $base" >&2
    exit 1
  fi
  rm -f "$context.log"
  echo "[images] skirmish-$name:$version on $base in $((SECONDS - start_s)) s" \
       "($(docker image inspect -f '{{.Size}}' "skirmish-$name:$version" | awk '{ printf "%.0f MB", $1 / 1e6 }'))"
}

case "$kind" in
  service)
    [ $# -eq 4 ] || { usage >&2; exit 2; }
    module="$1" dist="$2" version="$3" base="$4"
    case "$module" in
      game-server)    ports="7700/tcp 7701/udp 7780/tcp" ops=7780 ;;
      match-server)   ports="7600/tcp 7680/tcp" ops=7680 ;;
      ranking-server) ports="7720/tcp 7782/tcp" ops=7782 ;;
      log-shipper)    ports="7980/tcp" ops=7980 ;;
      load-bots)      ports="7880/tcp" ops=7880 ;;
      *) echo "build.sh: no image for module $module" >&2; exit 2 ;;
    esac
    [ -x "$dist/bin/$module" ] || { echo "build.sh: $dist/bin/$module is missing; run mvn package first" >&2; exit 1; }
    mkdir -p "$context/deps" "$context/app" "$context/bin"
    cp "$dist/bin/$module" "$context/bin/"
    for jar in "$dist"/lib/*.jar; do
      case "$(basename "$jar")" in
        *-"$version".jar) cp "$jar" "$context/app/" ;;
        *) cp "$jar" "$context/deps/" ;;
      esac
    done
    build "$module" "$here/service/Dockerfile" \
      --build-arg "APP_NAME=$module" --build-arg "PORTS=$ports" --build-arg "OPS_PORT=$ops"
    ;;
  elasticsearch)
    [ $# -eq 3 ] || { usage >&2; exit 2; }
    zip="$1" version="$2" base="$3"
    [ -f "$zip" ] || { echo "build.sh: no Elasticsearch distribution at $zip" >&2; exit 1; }
    command -v unzip >/dev/null 2>&1 || { echo "build.sh: unzip is missing (apt-get install -y unzip)" >&2; exit 3; }
    # unzip keeps the scripts' execute bits, which Maven's own unpacking drops.
    unzip -q "$zip" -d "$context/unpacked"
    mv "$context"/unpacked/elasticsearch-* "$context/elasticsearch"
    rmdir "$context/unpacked"
    cp "$here/elasticsearch/elasticsearch.yml" "$context/"
    build elasticsearch "$here/elasticsearch/Dockerfile"
    ;;
  redis | haproxy)
    [ $# -eq 2 ] || { usage >&2; exit 2; }
    version="$1" base="$2"
    cp -a "$here/$kind/." "$context/"
    [ "$kind" = haproxy ] && cp "$root/deploy/haproxy/haproxy.cfg" "$context/"
    build "$kind" "$here/$kind/Dockerfile"
    ;;
  *) usage >&2; exit 2 ;;
esac
