#!/usr/bin/env bash
# Builds the Skirmish base image from Debian packages, for machines that reach a Debian mirror
# but no image registry: debootstrap a minimal bookworm with the Java 17 runtime, then
# `docker import` it. The mirror is the one this machine's apt already uses (read from its apt
# sources at run time), so nothing here names a host.
#
#   deploy/images/base-image.sh                 # builds skirmish-base:bookworm-jre17
#   deploy/images/base-image.sh --tag my/base:1 --suite bookworm
#   SKIRMISH_DEBIAN_MIRROR=http://mirror/debian deploy/images/base-image.sh
#
# Then build the service images on it: mvn -Pimages package -Dimage.base=skirmish-base:bookworm-jre17
# Runs as root (debootstrap needs it). Exit status: 0 built (or already there), 2 bad option,
# 3 missing prerequisite.
set -euo pipefail

tag="skirmish-base:bookworm-jre17"
suite="bookworm"
rebuild=0
# ca-certificates for TLS to Redis/Elasticsearch; procps (pgrep, ps) for operators in a shell.
packages="openjdk-17-jre-headless,ca-certificates,procps"

usage() {
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
  echo "Options: --tag <name:tag> (default $tag), --suite <debian suite> (default $suite), --rebuild"
}

while [ $# -gt 0 ]; do
  case "$1" in
    --tag) tag="${2:?--tag needs a value}"; shift 2 ;;
    --suite) suite="${2:?--suite needs a value}"; shift 2 ;;
    --rebuild) rebuild=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "base-image.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

for tool in debootstrap docker tar; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    case "$tool" in
      docker) pkg=docker.io ;;
      *) pkg=$tool ;;
    esac
    echo "base-image.sh: $tool is missing; install it with: apt-get install -y $pkg" >&2
    exit 3
  fi
done
if ! docker info >/dev/null 2>&1; then
  echo "base-image.sh: no Docker engine answers (start it: dockerd > /var/log/dockerd.log 2>&1 &)" >&2
  exit 3
fi
if [ "$(id -u)" != "0" ]; then
  echo "base-image.sh: debootstrap needs root; run it with sudo" >&2
  exit 3
fi
if [ "$rebuild" = "0" ] && docker image inspect "$tag" >/dev/null 2>&1; then
  echo "base image $tag is already there (--rebuild to build it again)"
  exit 0
fi

# The first Debian archive URI of this machine's apt sources: deb822 files (URIs: ...) first,
# then one-line sources.list entries (deb [options] URI suite ...). Security archives are skipped.
debian_mirror() {
  if [ -n "${SKIRMISH_DEBIAN_MIRROR:-}" ]; then
    echo "$SKIRMISH_DEBIAN_MIRROR"
    return
  fi
  local uri
  uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null \
        | awk '/^URIs:/ { for (i = 2; i <= NF; i++) print $i }' | grep -v -- '-security' | head -n 1 || true)
  if [ -z "$uri" ]; then
    uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
          | sed -e 's/\[[^]]*\]//' | awk '$1 == "deb" { print $2 }' | grep -v -- '-security' | head -n 1 || true)
  fi
  echo "$uri"
}

mirror="$(debian_mirror)"
if [ -z "$mirror" ]; then
  echo "base-image.sh: no Debian mirror in /etc/apt/sources.list{,.d}; set SKIRMISH_DEBIAN_MIRROR" >&2
  exit 3
fi

root_dir="$(mktemp -d "${TMPDIR:-/tmp}/skirmish-base-XXXXXX")"
trap 'rm -rf "$root_dir"' EXIT
start_s=$SECONDS
echo "debootstrap $suite from $mirror (minbase + $packages)..."
debootstrap --variant=minbase --include="$packages" "$suite" "$root_dir" "$mirror" \
  > "$root_dir.log" 2>&1 || { tail -n 30 "$root_dir.log" >&2; rm -f "$root_dir.log"; exit 1; }
rm -f "$root_dir.log"
# Images need no package lists or docs; apt in a derived image runs `apt-get update` itself.
chroot "$root_dir" apt-get clean
rm -rf "$root_dir"/var/lib/apt/lists/* "$root_dir"/usr/share/doc/* "$root_dir"/usr/share/man/* "$root_dir"/var/log/*
echo "imported as $tag..."
tar -C "$root_dir" -c . | docker import \
  --change 'ENV LANG=C.UTF-8' \
  --change 'CMD ["/bin/bash"]' \
  --message "debootstrap --variant=minbase $suite + $packages" - "$tag" >/dev/null
echo "base image $tag built in $((SECONDS - start_s)) s ($(docker image inspect -f '{{.Size}}' "$tag" | awk '{ printf "%.0f MB", $1 / 1e6 }'))"
