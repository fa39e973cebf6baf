#!/usr/bin/env bash
# Renders every overlay of deploy/k8s (dev, prod, agones) with the kustomize built into kubectl
# and validates the result offline with validate.mjs (kubernetes-models, pinned in package.json):
#   deploy/k8s/validate/validate.sh [output-dir]       (default: deploy/k8s/validate/rendered)
#   deploy/k8s/validate/validate.sh --files <rendered.yaml>...   validates those files only
# Needs kubectl 1.27 or newer (kustomize v5: the labels and patches fields), node 18+ and npm;
# npm ci fetches the pinned validator once. Exit status: 0 valid, 1 invalid, 3 missing prerequisite.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../../local/prerequisites.sh"

require_command kubectl "apt-get install -y kubernetes-client (1.27 or newer; or the kubectl of your cluster tools)"
require_command node "apt-get install -y nodejs"
require_command npm "apt-get install -y npm"
if [ ! -d "$here/node_modules/kubernetes-models" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) >&2
fi

if [ "${1:-}" = "--files" ]; then
  shift
  exec node "$here/validate.mjs" "$@"
fi

out="${1:-$here/rendered}"
mkdir -p "$out"
for overlay in dev prod agones; do
  if ! kubectl kustomize "$here/../overlays/$overlay" > "$out/$overlay.yaml" 2> "$out/$overlay.err"; then
    echo "kustomize failed on overlays/$overlay:" >&2
    grep -v "^# Warning" "$out/$overlay.err" >&2
    exit 1
  fi
done
exec node "$here/validate.mjs" "$out/dev.yaml" "$out/prod.yaml" "$out/agones.yaml"
