#!/usr/bin/env bash
# Imports the Skirmish saved objects (data views, saved searches, visualizations, "Matches"
# dashboard, and the service-log searches of logs.ndjson) into Kibana with its saved-objects
# API. Existing objects with the same ids are overwritten, so running it again after an upgrade
# is safe.
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

# The match events (skirmish.ndjson) and the services' logs (logs.ndjson), one import each.
for objects in skirmish.ndjson logs.ndjson; do
  response="$(curl --silent --show-error --fail-with-body --max-time 60 "${auth[@]}" \
    -X POST "${kibana}${space_path}/api/saved_objects/_import?overwrite=true" \
    -H 'kbn-xsrf: true' \
    --form file=@"${here}/${objects}")" || {
    echo "import of ${objects} failed: ${response:-no answer from ${kibana}}" >&2
    exit 1
  }
  if [[ "${response}" != *'"success":true'* ]]; then
    echo "import of ${objects} reported errors: ${response}" >&2
    exit 1
  fi
  echo "imported $(grep -c . "${here}/${objects}") saved objects of ${objects} into ${kibana}${space_path}"
done
echo "open the \"Matches\" dashboard, or Discover's \"Skirmish: service logs\""
