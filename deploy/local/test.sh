#!/usr/bin/env bash
# The one command that runs every test of Skirmish: unit tests and bounded fuzzing (Surefire),
# then integration tests against real redis-server, a real 3-node Redis Cluster and a real
# Elasticsearch node started by the tests themselves on free loopback ports (Failsafe).
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

cd "$here/../.."
exec mvn -B -ntp verify "$@"
