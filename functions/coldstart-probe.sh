#!/usr/bin/env bash
# Builds the deployment jar and runs the cold-start probe (ColdStartProbe), which prints the table
# that docs/benchmarks.md records. Usage: bash functions/coldstart-probe.sh [ROUNDS [PREVIOUS_JAR]],
# where PREVIOUS_JAR is a deployment jar of an earlier commit to compare against in the same run.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# One invocation, so that the reactor resolves core and tools to the jars it just built.
./mvnw -q -B -pl functions -am package dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
classpath="functions/target/test-classes:functions/target/classes:$(cat functions/target/test-classpath.txt)"
exec java -cp "$classpath" dev.stepline.lambda.probe.ColdStartProbe "${1:-10}" \
  functions/target/stepline-functions-lambda.jar ${2:+"$2"}
