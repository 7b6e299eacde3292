#!/usr/bin/env bash
# `npm start`: from a fresh clone (after `npm ci`) to a running inspector. Builds the extension, then
# opens VS Code with it loaded and the Workitems view shown:
#   - desktop VS Code (`code --extensionDevelopmentPath=<repo>`) when `code` is on PATH;
#   - otherwise the browser VS Code of the test harness (code-server from npm, installed on first
#     use into its cache folder), whose URL is printed; it keeps running until Ctrl-C. That URL carries
#     a secret made at start; a request without it gets an empty 403 (scripts/harness/authGateway.js).
# The extension starts its local NCX sandbox by itself when the view first needs data.
#
# Environment: WORKITEM_START_BROWSER=1 (use the browser VS Code even when `code` exists),
# WORKITEM_START_PORT (browser VS Code port, default a free one), WORKITEM_START_FOLDER (folder to
# open, default this repository).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

say() { printf '[start] %s\n' "$*" >&2; }

[ -d node_modules/esbuild ] || { say "dependencies are missing: run 'npm ci' first"; exit 2; }

say "building (node esbuild.js)"
node esbuild.js

# Read by the extension in development mode: reveal the Workitems view once activated.
export WORKITEM_INSPECTOR_SHOW_VIEW=1
FOLDER="${WORKITEM_START_FOLDER:-$REPO}"

if command -v code >/dev/null 2>&1 && [ "${WORKITEM_START_BROWSER:-0}" != 1 ]; then
  say "opening desktop VS Code with the extension loaded from $REPO"
  exec code --new-window --extensionDevelopmentPath="$REPO" "$FOLDER"
fi

say "'code' is not on PATH: starting the browser VS Code (the test harness's code-server)"
# shellcheck source=harness/config.sh
source "$REPO/scripts/harness/config.sh"
"$REPO/scripts/harness/install.sh"
export HARNESS_NODE HARNESS_SERVER_ENTRY HARNESS_CACHE
export WORKITEM_START_FOLDER="$FOLDER"
exec node "$REPO/scripts/start.js"
