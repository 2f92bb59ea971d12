#!/usr/bin/env bash
# The Spark engine's bench: a ~1 GB REES46-format file (the real slice in ../shared/data/rees46 repeated with fresh
# ids by ../shared/peers/scale_rees46.py), features on local[2] against the single-machine path, and Spark with 1, 2
# and 4 shuffle partitions. Whole-process wall time, CPU time and peak resident memory from /usr/bin/time -v.
#
#   spark/bench/run.sh [COPIES|FILE]  (default 11000 copies: 988 MB, 7.5M events, 2.64M sessions; or an existing
#                                      REES46-format file)
#   PARTITIONS="1 2 4" XMX=6g         the partition counts to run, and every JVM's heap (-Xmx)
#
# DuckDB's side is bench/'s IngestDuckDb (one GROUP BY user_session, 2 threads) on the same file.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
arg="${1:-11000}"
xmx="${XMX:-6g}"
dir="${BENCH_DIR:-${TMPDIR:-/tmp}/propensity-spark-bench}"
mkdir -p "$dir"
if [[ -f "$arg" ]]; then
  file="$arg"
else
  file="$dir/rees46-$arg.csv"
  [[ -s "$file" ]] || /usr/bin/python3 "$root/../shared/peers/scale_rees46.py" "$root/../shared/data/rees46/2019-11-01-head.csv" "$file" "$arg"
fi
export JAVA_OPTS="-Xmx$xmx ${JAVA_OPTS:-}"
cd "$root"
./propensity --classpath > /dev/null   # build once, outside the timings
run() {
  local name="$1"; shift
  uptime > "$dir/$name.load"
  /usr/bin/time -v "$@" > "$dir/$name.log" 2>&1
  printf '%-14s %s | wall %s | cpu %.1f s | peak %d MiB\n' "$name" \
    "$(grep -m1 'sessions' "$dir/$name.log" || true)" \
    "$(grep 'Elapsed' "$dir/$name.log" | awk '{print $NF}')" \
    "$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$dir/$name.log")" \
    "$(( $(grep 'Maximum resident' "$dir/$name.log" | awk '{print $NF}') / 1024 ))"
  uptime >> "$dir/$name.load"
}
run single      ./propensity features --input "$file" --out "$dir/single.csv"
for p in ${PARTITIONS:-1 2 4}; do
  run "spark-p$p" ./propensity features --engine spark --master 'local[2]' --partitions "$p" --input "$file" --out "$dir/spark-p$p.csv"
done
duck="$dir/duck"
mkdir -p "$duck"
jar="$(find ~/.m2/repository/org/duckdb/duckdb_jdbc -name 'duckdb_jdbc-*.jar' | head -1)"
javac -d "$duck" -cp "$jar" bench/src/main/java/dev/propensity/bench/IngestDuckDb.java bench/src/main/java/dev/propensity/bench/Probe.java
run duckdb java "-Xmx$xmx" -cp "$duck:$jar" dev.propensity.bench.IngestDuckDb "$file" 2
