#!/usr/bin/env bash
# Runs the documented spark-submit line without a Spark distribution: `spark-submit` only starts
# org.apache.spark.deploy.SparkSubmit from spark-core, so this starts exactly that class, with Spark's jars (resolved by
# Maven into spark/target/classpath.txt) as the class path, and hands it the command's jar and the project's jars the
# way the documented line does. It then checks the outputs against the single-machine command's.
#
#   spark/submit-check.sh [EVENTS.csv] [OUT_DIR]
#       default: 2,000 simulated sessions in the REES46 format (seed 7), a fresh temporary directory
#
# Checks: `features` through SparkSubmit writes the same feature CSV as `./propensity features` (the same header and
# the same rows; Spark's file is sorted by session id), and `dashboard` through SparkSubmit writes model.propensity,
# which the single-machine `./propensity score` loads and scores every session with.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${2:-$(mktemp -d "${TMPDIR:-/tmp}/propensity-submit.XXXXXX")}"
mkdir -p "$out"
cd "$root"
./propensity --classpath > /dev/null   # builds the jars and both class path files when missing
events="${1:-$out/events.csv}"
[[ -n "${1:-}" ]] || ./propensity simulate -n 2000 -f rees46 --seed 7 -o "$events" > /dev/null
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)"
app="examples/target/propensity-examples-$version.jar"
[[ -s "$app" ]] || { echo "submit-check: $app is missing (mvn -pl examples -am package)" >&2; exit 1; }
spark_cp="$(cat spark/target/classpath.txt)"
# the project's jars and their libraries, minus what the Spark class path already holds (the cluster's Spark)
jars="$(tr ':' '\n' < examples/target/classpath.txt | grep -v -x -F -f <(tr ':' '\n' < spark/target/classpath.txt) \
  | paste -sd, -)"
opens=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true)
submit() {
  # what `spark-submit --master local[2] --class dev.propensity.examples.PropensityCommand --jars ... APP ARGS` runs
  java -Xmx${SUBMIT_XMX:-2g} -Djava.awt.headless=true "${opens[@]}" \
    "-Dlog4j2.configurationFile=$root/spark/log4j2-command.properties" -cp "$spark_cp" \
    org.apache.spark.deploy.SparkSubmit --master 'local[2]' --conf spark.ui.enabled=false \
    --class dev.propensity.examples.PropensityCommand --jars "$jars" "$app" "$@"
}
echo "submit-check: features through SparkSubmit"
submit features --engine spark --input "$events" --out "$out/spark-features.csv"
./propensity features --input "$events" --out "$out/single-features.csv" > /dev/null
cmp <(head -1 "$out/spark-features.csv") <(head -1 "$out/single-features.csv")
cmp <(tail -n +2 "$out/spark-features.csv" | LC_ALL=C sort) <(tail -n +2 "$out/single-features.csv" | LC_ALL=C sort)
echo "submit-check: the feature CSV equals the single machine's ($(($(wc -l < "$out/spark-features.csv") - 1)) rows)"
echo "submit-check: dashboard through SparkSubmit"
submit dashboard --engine spark --input "$events" --out "$out/dash"
[[ -s "$out/dash/model.propensity" && -s "$out/dash/dashboard.png" ]]
./propensity score --model "$out/dash/model.propensity" --input "$events" --out "$out/scores.csv" > /dev/null
[[ $(wc -l < "$out/scores.csv") -eq $(wc -l < "$out/single-features.csv") ]]
echo "submit-check: ok (outputs in $out)"
