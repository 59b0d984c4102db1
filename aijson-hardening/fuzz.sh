#!/usr/bin/env bash
# Fuzzes one target for a chosen time: fuzz.sh TARGET [SECONDS]
#   TARGET: DocumentFuzzTest#parse, DocumentFuzzTest#replayer or ReplayModuleFuzzTest#from
# Crashing inputs land in src/test/resources/dev/aijson/hardening/<Class>Inputs/<method>/,
# where every later build replays them; the campaign's figures are appended to
# fuzz-campaigns.jsonl. The generated corpus stays in .cifuzz-corpus/ (not committed).
set -euo pipefail
target="${1:?usage: fuzz.sh TARGET [SECONDS]}"
seconds="${2:-300}"
cd "$(dirname "$0")/.."
JAZZER_FUZZ=1 mvn -B -Pfuzz -pl aijson-hardening -am test \
  -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.seconds="$seconds" "${@:3}"
