#!/usr/bin/env bash
# Runs the benchmark suite: Propensity against DuckDB, pandas, scikit-learn and Tribuo as shipped, side by side.
#   bench/run.sh                      full run (about 1 GB of simulated REES46 data, 2M x 20 training rows)
#   bench/run.sh --quick              a sanity run on small data
#   bench/run.sh --out bench/RESULTS.md   also write the table with the date and the machine
# Other options: see dev.propensity.bench.BenchSuite. Needs a JDK 17+ and Maven; the Python peers need
# Debian's python3-pandas and python3-sklearn (skipped with a note when absent).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${BENCH_SKIP_BUILD:-}" != "1" ]]; then
  mvn -q -B -pl bench -am package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true
fi
exec java -Xmx2g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.propensity.bench.BenchSuite "$@"
