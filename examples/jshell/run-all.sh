#!/usr/bin/env bash
# Runs every examples/jshell/*.jsh script (except startup.jsh) non-interactively, as a user would:
#
#   jshell --class-path <runtime class path> --startup DEFAULT --startup examples/jshell/startup.jsh SCRIPT.jsh
#
# from the repository root (so ../shared/data resolves), with assertions enabled in the JShell VM.
# A script fails when jshell exits non-zero (scripts end with `/exit`, and `/exit 1` on a failed check), or when
# its output shows a snippet that did not compile or threw ("|  Error:", "|  Exception ..."). The class path
# comes from ./propensity --classpath, which builds the modules first when needed.
# Usage: examples/jshell/run-all.sh [SCRIPT.jsh ...]     exit status: the number of failed scripts (0 = all passed)
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
cp="$(./propensity --classpath)" || { echo "run-all.sh: could not build the class path" >&2; exit 1; }

if [[ $# -gt 0 ]]; then
  scripts=("$@")
else
  scripts=()
  for f in examples/jshell/*.jsh; do
    [[ "$(basename "$f")" == startup.jsh ]] || scripts+=("$f")
  done
fi

failed=0
for script in "${scripts[@]}"; do
  log="$(mktemp "${TMPDIR:-/tmp}/jshell-run.XXXXXX")"
  start=$(date +%s)
  jshell -R-ea -R-Djava.awt.headless=true -R-Xmx2g --class-path "$cp" \
      --startup DEFAULT --startup examples/jshell/startup.jsh "$script" </dev/null >"$log" 2>&1
  rc=$?
  secs=$(( $(date +%s) - start ))
  if [[ $rc -ne 0 ]] || grep -Eq '^(\|  )?(Error:|Exception |Caused by:)|State engine terminated' "$log"; then
    echo "FAIL $script (exit $rc, ${secs}s):"
    sed 's/^/    /' "$log"
    failed=$((failed + 1))
  else
    echo "ok   $script (${secs}s)"
  fi
  rm -f "$log"
done
[[ $failed -eq 0 ]] && echo "all ${#scripts[@]} JShell scripts passed" || echo "$failed of ${#scripts[@]} JShell scripts failed"
exit "$failed"
