#!/usr/bin/env bash
# Run by the dist build after lib/ is filled: installs bin/berth and makes lib/client.jsa, the class
# data sharing archive of the client commands (every class berth queue, show, … load), by running
# them once against canned answers (dev.berth.core.cli.client.CdsTraining).
set -euo pipefail
src="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
layout="$(mkdir -p "$1" && cd "$1" && pwd -P)"
java="$2/bin/java"
mkdir -p "$layout/bin"
install -m 0755 "$src/bin/berth" "$layout/bin/berth"
install -m 0644 "$src/bin/berth-java" "$layout/bin/berth-java"
source "$layout/bin/berth-java"
rm -f "$layout/lib/client.jsa"
BERTH_TOKEN=cds-training NO_COLOR=1 BERTH_CONFIG_DIR="$layout/.cds-training" "$java" \
  -XX:ArchiveClassesAtExit="$layout/lib/client.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k \
  -cp "$(berth_client_classpath "$layout")" dev.berth.core.cli.client.CdsTraining
rm -rf "$layout/.cds-training"
