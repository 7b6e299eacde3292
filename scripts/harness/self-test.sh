#!/usr/bin/env bash
# Proves the harness reports outcomes truthfully: a passing suite exits 0, a failing assertion and
# a test module that throws at load both exit non-zero, and no process of a run outlives it.
# Runs the project's compiled mocha runner (out/test/integration/index.js) over the fixtures in
# self-test/ only, from a scratch folder under out/, so the result does not depend on the
# project's own suites.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
# shellcheck source=config.sh
source "$HERE/config.sh"
RUNNER="$REPO/out/test/integration/index.js"
SCRATCH="$REPO/out/harness-self-test"
[ -f "$RUNNER" ] || { harness_log "compile the tests first (npx tsc -p . --outDir out)"; exit 2; }

trap 'rm -rf "$SCRATCH"' EXIT

failures=0
# pgrep is safe here: this script's own command line does not contain the cache path.
no_leftover_processes() { ! pgrep -f "$HARNESS_CACHE" >/dev/null; }
check() {  # check DESCRIPTION COMMAND...
  local description="$1"; shift
  if "$@"; then echo "self-test ok:     $description"; else echo "self-test FAILED: $description"; failures=$((failures + 1)); fi
}

run_case() {  # run_case NAME FIXTURE...; sets STATUS and OUTPUT
  local name="$1"; shift
  rm -rf "$SCRATCH"
  mkdir -p "$SCRATCH"
  cp "$RUNNER" "$SCRATCH/index.js"
  local fixture
  for fixture in "$@"; do cp "$HERE/self-test/$fixture" "$SCRATCH/"; done
  echo "--- self-test run: $name"
  local started=$SECONDS
  OUTPUT="$(bash "$HERE/vscode-harness.sh" test "$SCRATCH/index.js" 2>&1)" && STATUS=0 || STATUS=$?
  echo "$OUTPUT" | grep -E '^[0-9]+ passed, [0-9]+ failed$|exit status' || true
  echo "--- exit status $STATUS after $((SECONDS - started))s"
}

run_case "a passing suite" passing.test.js
check "passing suite exits 0" test "$STATUS" -eq 0
check "passing suite prints '2 passed, 0 failed'" grep -qx '2 passed, 0 failed' <<<"$OUTPUT"
check "no process left after the passing run" no_leftover_processes

run_case "a failing assertion" passing.test.js failing-assertion.test.js
check "failing assertion exits non-zero" test "$STATUS" -ne 0
check "failing assertion prints '3 passed, 1 failed'" grep -qx '3 passed, 1 failed' <<<"$OUTPUT"
check "failing assertion shows mocha's report" grep -q 'HARNESS-SELF-TEST deliberate failure' <<<"$OUTPUT"
check "no process left after the failing run" no_leftover_processes

run_case "a module that throws at load" passing.test.js throws-at-load.test.js
check "load error exits non-zero" test "$STATUS" -ne 0
check "load error is printed" grep -q 'HARNESS-SELF-TEST module throws at load' <<<"$OUTPUT"
check "load error prints '0 passed, 1 failed'" grep -qx '0 passed, 1 failed' <<<"$OUTPUT"
check "no process left after the load error" no_leftover_processes

echo "self-test: $failures check(s) failed"
[ "$failures" -eq 0 ]
