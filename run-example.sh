#!/usr/bin/env bash
# The main job in one command: build the example, train a sentiment classifier while aijson
# records its Guice wiring, then serve it from that record alone and check every prediction.
# Usage: bash run-example.sh [output-folder]   (default: example-pipeline/target/example-output)
set -euo pipefail
cd "$(dirname "$0")"
OUT="${1:-example-pipeline/target/example-output}"
START=$SECONDS

echo "== build: mvn package of example-pipeline and the modules it uses (tests run in 'mvn verify')"
LOG=$(mktemp)
if ! mvn -B -q -DskipTests -pl example-pipeline -am package >"$LOG" 2>&1; then
  cat "$LOG"; rm -f "$LOG"; echo "run-example.sh: the build failed (output above)"; exit 1
fi
rm -f "$LOG"
CP="example-pipeline/target/classes:$(cat example-pipeline/target/classpath.txt)"

echo
echo "== 1/2 train (dev.aijson.example.Train): Guice builds the pipeline from SentimentModule,"
echo "       AiJsonModule records the wiring, Trainer.fit trains it, the results go to $OUT"
java -cp "$CP" dev.aijson.example.Train "$OUT"

echo
echo "== 2/2 serve (dev.aijson.example.Serve): no SentimentModule, only $OUT/pipeline.json,"
echo "       replayed by ReplayModule, plus the saved weights"
java -cp "$CP" dev.aijson.example.Serve "$OUT"

echo
echo "== done in $((SECONDS - START)) s"
