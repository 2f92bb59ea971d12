#!/usr/bin/env bash
# Fuzzes one target of examples/src/test/java/dev/propensity/examples/fuzz/ReaderFuzzTest for real (Jazzer).
#
#   fuzz/run.sh TARGET SECONDS        e.g. fuzz/run.sh rees46 300
#   fuzz/run.sh list                  the targets
#
# Targets: rees46 retailrocket otto events uci detect featureCsv modelFile commandOptions.
# The JVM gets a bounded heap (FUZZ_HEAP, default 512m), every input at most FUZZ_TIMEOUT seconds (default 10): an
# OutOfMemoryError or a hang is a finding like any other crash. A crash is written by Jazzer to
# examples/src/test/resources/dev/propensity/examples/fuzz/ReaderFuzzTestInputs/TARGET/crash-*, where `mvn verify`
# then replays it as a regression test: fix the bug, keep the file. The generated corpus goes to
# examples/.cifuzz-corpus/ (not committed). The last line printed gives the executions and seconds survived.
# Coverage guidance covers the project's classes (jazzer.instrument=dev.propensity.**; Jazzer's JUnit default is the
# fuzz test's own package only). Environment: MVN (maven binary), MVN_ARGS (extra flags, e.g. -o).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
targets="rees46 retailrocket otto events uci detect featureCsv modelFile commandOptions"
if [[ $# -lt 1 || "$1" == "list" || "$1" == "-h" || "$1" == "--help" ]]; then
  echo "usage: fuzz/run.sh TARGET SECONDS; targets: $targets"
  [[ "${1:-}" == "list" ]] && exit 0 || exit 2
fi
target="$1"
seconds="${2:?usage: fuzz/run.sh TARGET SECONDS}"
if [[ " $targets " != *" $target "* ]]; then
  echo "fuzz/run.sh: unknown target '$target'; targets: $targets" >&2
  exit 2
fi
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || (( seconds < 1 )); then
  echo "fuzz/run.sh: SECONDS must be a whole number >= 1, was '$seconds'" >&2
  exit 2
fi
log="$(mktemp -t "fuzz-$target.XXXXXX.log")"
cd "$root"
start=$(date +%s)
set +e
JAZZER_FUZZ=1 "${MVN:-mvn}" -B ${MVN_ARGS:-} -pl examples -am verify \
  -Dtest="ReaderFuzzTest#$target" -Dsurefire.failIfNoSpecifiedTests=false -Dmaven.javadoc.skip=true \
  -Dsurefire.excludedGroups= \
  -Dtest.heap="${FUZZ_HEAP:-512m}" \
  -Djazzer.instrument='dev.propensity.**' \
  -Djazzer.internal.arg.0=fuzz \
  -Djazzer.internal.arg.1=-max_total_time="$seconds" \
  -Djazzer.internal.arg.2=-timeout="${FUZZ_TIMEOUT:-10}" \
  >"$log" 2>&1
rc=$?
set -e
end=$(date +%s)
grep -E "^(#[0-9]+ +(DONE|pulse)|Done [0-9]+ runs|==[0-9]+== ERROR|.*Test unit written|.*crash-|ERROR\] +Tests run|Tests run:.*ReaderFuzzTest)" "$log" | tail -8 || true
runs="$(grep -oE "Done [0-9]+ runs in [0-9]+ second" "$log" | tail -1 || true)"
echo "fuzz/run.sh: target $target, exit $rc, ${runs:-no libFuzzer summary found}, wall $((end - start)) s (log $log)"
exit $rc
