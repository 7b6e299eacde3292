#!/usr/bin/env bash
# Runs this extension's tests inside a real VS Code: the VS Code server from the code-server npm
# package (with its Node extension host), driven by headless Debian chromium. Works offline with
# only the npm registry and Debian's archive; installs itself on first use.
#
#   vscode-harness.sh install               install into the cache folder (idempotent)
#   vscode-harness.sh test [TESTS_MODULE]   mocha suites in the extension host (default out/test/integration/index.js)
#   vscode-harness.sh ui [UI_MODULE]        Playwright UI check in the workbench (default out/test/ui/smoke.js)
#   vscode-harness.sh vsix VSIX_FILE        install a packaged .vsix and prove it activates (no extension under development)
#
# Environment: WORKITEM_HARNESS_CACHE (install folder), WORKITEM_HARNESS_PORT (default: a free port),
# WORKITEM_HARNESS_TIMEOUT_S (whole run, default 600), WORKITEM_HARNESS_WORKSPACE (folder to open,
# default an empty one), WORKITEM_HARNESS_EXTENSION_DIR (extension to load, default this repo),
# WORKITEM_HARNESS_CHROMIUM (browser, default /usr/bin/chromium), WORKITEM_HARNESS_KEEP_RUN=1 (keep
# the run folder with the server and browser logs), VERBOSE=1 (show the workbench's offline noise).
# The server's environment reaches the extension host, so variables set here are visible to tests.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
# shellcheck source=config.sh
source "$HERE/config.sh"

usage() {
  sed -n '6,9p' "${BASH_SOURCE[0]}" | sed 's/^# *//' >&2
  exit 2
}

require_file() {  # require_file PATH HINT
  [ -f "$1" ] || { harness_log "missing $1: $2"; exit 2; }
}

# Run folders of earlier runs whose harness process is gone (a killed run cannot delete its own).
prune_stale_runs() {
  local dir
  for dir in "$HARNESS_CACHE"/runs/*/; do
    [ -d "$dir" ] || continue
    kill -0 "$(basename "$dir")" 2>/dev/null || rm -rf "$dir"
  done
}

# `timeout` leads a process group of its own holding the Node driver, so the driver can be ended
# even if `timeout` itself is gone.
DRIVER_GROUP=""
RUN_DIR=""

stop_groups() {  # stop_groups GRACE_TENTHS PGID...: SIGTERM, then SIGKILL what outlives the grace period
  local grace="$1"; shift
  local pgid alive
  for pgid in "$@"; do kill -TERM -- "-$pgid" 2>/dev/null || true; done
  for _ in $(seq 1 "$grace"); do
    alive=0
    for pgid in "$@"; do kill -0 -- "-$pgid" 2>/dev/null && alive=1; done
    [ "$alive" -eq 0 ] && return 0
    sleep 0.1
  done
  for pgid in "$@"; do kill -KILL -- "-$pgid" 2>/dev/null || true; done
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  # The driver stops its server and browser itself when it can; give it the time to.
  [ -z "$DRIVER_GROUP" ] || stop_groups 150 "$DRIVER_GROUP"
  # Then whatever a driver that died hard left behind.
  if [ -f "$RUN_DIR/pgids" ]; then
    local pgids
    mapfile -t pgids <"$RUN_DIR/pgids"
    [ "${#pgids[@]}" -eq 0 ] || stop_groups 50 "${pgids[@]}"
  fi
  if [ "$status" -eq 0 ] && [ "${WORKITEM_HARNESS_KEEP_RUN:-0}" != 1 ]; then
    rm -rf "$RUN_DIR"
  else
    harness_log "run folder kept (server.log, browser.log): $RUN_DIR"
  fi
  exit "$status"
}

forward_signal() {
  [ -z "$DRIVER_GROUP" ] || kill -TERM -- "-$DRIVER_GROUP" 2>/dev/null || true
}

run_driver() {  # run_driver DRIVER_SCRIPT MODULE
  local driver="$1" module="$2"
  "$HERE/install.sh"
  local extension_dir="${WORKITEM_HARNESS_EXTENSION_DIR:-$REPO}"
  require_file "$extension_dir/package.json" "not an extension folder"
  [ "$extension_dir" != "$REPO" ] || require_file "$REPO/dist/extension.js" "build the extension first (npm run build)"
  require_file "$module" "compile the tests first (npx tsc -p . --outDir out)"
  [ -d "$REPO/node_modules/playwright-core" ] || { harness_log "playwright-core is missing: run npm ci"; exit 2; }

  mkdir -p "$HARNESS_CACHE/runs"
  prune_stale_runs
  RUN_DIR="$HARNESS_CACHE/runs/$$"
  rm -rf "$RUN_DIR"
  mkdir -p "$RUN_DIR"
  trap cleanup EXIT
  trap forward_signal INT TERM

  export HARNESS_RUN_DIR="$RUN_DIR" HARNESS_NODE HARNESS_SERVER_ENTRY HARNESS_CHROMIUM
  export HARNESS_EXTENSION_DIR="$(realpath "$extension_dir")" HARNESS_SCREENSHOTS_DIR="$REPO/test-artifacts/screenshots"
  mkdir -p "$HARNESS_SCREENSHOTS_DIR"
  local timeout_s="${WORKITEM_HARNESS_TIMEOUT_S:-600}"
  # A backstop above the driver's own timeout, should the driver itself hang.
  timeout --kill-after=20 "$((timeout_s + 60))" node "$HERE/$driver" "$module" &
  local child=$!
  DRIVER_GROUP=$child
  local status
  while :; do
    if wait "$child"; then status=0; else status=$?; fi
    kill -0 "$child" 2>/dev/null || break # still running: wait was cut short by a forwarded signal
  done
  return "$status"
}

case "${1:-}" in
  install) "$HERE/install.sh" ;;
  test) run_driver run-extension-tests.js "$(realpath -m "${2:-$REPO/out/test/integration/index.js}")" ;;
  ui) run_driver run-ui-check.js "$(realpath -m "${2:-$REPO/out/test/ui/smoke.js}")" ;;
  vsix) [ -n "${2:-}" ] || usage; run_driver run-vsix-check.js "$(realpath -m "$2")" ;;
  *) usage ;;
esac
