# Prerequisite checks shared by run.sh and test.sh. Each check names what is missing and the
# command that installs it, then exits with status 3, before any build starts.

missing_prerequisite() {
  echo "skirmish: missing prerequisite: $1" >&2
  echo "skirmish: install it with: $2" >&2
  exit 3
}

require_jdk17() {
  command -v java >/dev/null 2>&1 || missing_prerequisite "java (JDK 17 or newer)" "apt-get install -y openjdk-17-jdk-headless"
  command -v javac >/dev/null 2>&1 || missing_prerequisite "javac (a JDK, not only a JRE, 17 or newer)" "apt-get install -y openjdk-17-jdk-headless"
  local version
  version=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
  if [ -z "$version" ] || [ "${version%%.*}" -lt 17 ]; then
    missing_prerequisite "JDK 17 or newer (found java ${version:-unknown})" "apt-get install -y openjdk-17-jdk-headless"
  fi
}

require_maven() {
  command -v mvn >/dev/null 2>&1 || missing_prerequisite "mvn (Apache Maven 3.8 or newer)" "apt-get install -y maven"
}

# require_command <command> <install command>
require_command() {
  command -v "$1" >/dev/null 2>&1 || missing_prerequisite "$1" "$2"
}
