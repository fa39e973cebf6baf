#!/usr/bin/env bash
# Imports the Skirmish saved objects (data view, saved searches, visualizations, "Matches"
# dashboard) into Kibana with its saved-objects API. Existing objects with the same ids are
# overwritten, so running it again after an upgrade is safe.
#
#   deploy/kibana/import.sh                        # Kibana at http://127.0.0.1:5601
#   KIBANA_URL=https://kibana.example:5601 KIBANA_AUTH=elastic:secret deploy/kibana/import.sh
#   KIBANA_SPACE=ops deploy/kibana/import.sh       # into a space other than the default one
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
kibana="${KIBANA_URL:-http://127.0.0.1:5601}"
space_path=""
if [[ -n "${KIBANA_SPACE:-}" ]]; then
  space_path="/s/${KIBANA_SPACE}"
fi
auth=()
if [[ -n "${KIBANA_AUTH:-}" ]]; then
  auth=(--user "${KIBANA_AUTH}")
fi

response="$(curl --silent --show-error --fail-with-body --max-time 60 "${auth[@]}" \
  -X POST "${kibana}${space_path}/api/saved_objects/_import?overwrite=true" \
  -H 'kbn-xsrf: true' \
  --form file=@"${here}/skirmish.ndjson")" || {
  echo "import failed: ${response:-no answer from ${kibana}}" >&2
  exit 1
}
# Kibana answers 200 even when single objects fail: check "success".
if [[ "${response}" != *'"success":true'* ]]; then
  echo "import reported errors: ${response}" >&2
  exit 1
fi
echo "imported $(grep -c . "${here}/skirmish.ndjson") saved objects into ${kibana}${space_path}: open the \"Matches\" dashboard"
