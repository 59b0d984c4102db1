#!/usr/bin/env bash
# Builds aijson-benchmarks (and what it depends on) and runs every benchmark beside its baseline,
# then writes docs/BENCHMARKS.md. Takes 8 to 10 minutes on 2 cores, depending on the machine's load.
#
#   bash aijson-benchmarks/run.sh                  # everything
#   bash aijson-benchmarks/run.sh --report-only    # rewrite docs/BENCHMARKS.md from the last results
#   MVN_FLAGS=-o bash aijson-benchmarks/run.sh     # build offline
#
# Other options go to dev.aijson.benchmarks.BenchmarkReport (--sizes, --include, --iterations, ...).
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck disable=SC2086
mvn -B -q ${MVN_FLAGS:-} -pl aijson-benchmarks -am package dependency:build-classpath \
  -DskipTests -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime

classpath="aijson-benchmarks/target/classes:$(cat aijson-benchmarks/target/classpath.txt)"
exec java -Xms2g -Xmx2g -cp "$classpath" dev.aijson.benchmarks.BenchmarkReport \
  --out docs/BENCHMARKS.md --notes aijson-benchmarks/FINDINGS.md "$@"
