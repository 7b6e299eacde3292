#!/usr/bin/env bash
# Installs the harness into its cache folder: Debian packages (chromium, the Kerberos headers one of
# code-server's native modules compiles against), Node 24 and code-server from npm. Idempotent: a
# version stamp makes a second call a no-op.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=config.sh
source "$HERE/config.sh"

if harness_is_installed; then
  harness_log "already installed in $HARNESS_CACHE"
  exit 0
fi

mkdir -p "$HARNESS_CACHE/logs" "$HARNESS_CACHE/tmp"
INSTALL_LOG_DIR="$HARNESS_CACHE/logs"
# Called from `npm test`, this script inherits the calling npm's resolved settings as npm_*
# variables, which the nested npm would take as its own: its user agent (code-server's postinstall
# reads the Node version from it), its cache in the home directory, its nodedir. Only the settings
# that reach the registry are kept.
for variable in $(compgen -e); do
  case "${variable,,}" in
    npm_config_registry | npm_config_*proxy | npm_config_cafile | npm_config_ca | npm_config_strict_ssl) ;;
    npm_*) unset "$variable" ;;
  esac
done
export npm_config_cache="${WORKITEM_HARNESS_NPM_CACHE:-$HARNESS_CACHE/npm-cache}"
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
# code-server writes a default config and logs under XDG_CONFIG_HOME / XDG_DATA_HOME even for --version.
export TMPDIR="$HARNESS_CACHE/tmp" XDG_CACHE_HOME="$HARNESS_CACHE/tmp/xdg" XDG_CONFIG_HOME="$HARNESS_CACHE/tmp/xdg" \
  XDG_DATA_HOME="$HARNESS_CACHE/tmp/xdg" XDG_STATE_HOME="$HARNESS_CACHE/tmp/xdg"

fail_with_log() {
  harness_log "FAILED: $1 (last lines of $2 follow)"
  tail -40 "$2" >&2
  exit 1
}

missing_debian_packages() {
  local wanted=(libkrb5-dev)
  [ -x "$HARNESS_CHROMIUM" ] || wanted+=(chromium)
  command -v make >/dev/null || wanted+=(make)
  command -v g++ >/dev/null || wanted+=(g++)
  command -v python3 >/dev/null || wanted+=(python3)
  local pkg
  for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || echo "$pkg"
  done
}

install_debian_packages() {
  local missing
  mapfile -t missing < <(missing_debian_packages)
  [ "${#missing[@]}" -eq 0 ] && return
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { harness_log "need root (or sudo) to apt-get install: ${missing[*]}"; exit 1; }
    sudo=(sudo)
  fi
  harness_log "apt-get install ${missing[*]}"
  local log="$INSTALL_LOG_DIR/apt.log"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update >"$log" 2>&1 || fail_with_log "apt-get update" "$log"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >>"$log" 2>&1 \
    || fail_with_log "apt-get install" "$log"
}

# npm 11 blocks dependency install scripts that the root package.json does not approve in allowScripts.
npm_project() {  # npm_project DIR NAME PACKAGE...ALLOWED
  local dir="$1" name="$2"; shift 2
  mkdir -p "$dir"
  local allowed="" pkg
  for pkg in "$@"; do allowed+="${allowed:+,}\"$pkg\":true"; done
  printf '{"name":"%s","private":true,"allowScripts":{%s}}\n' "$name" "$allowed" >"$dir/package.json"
}

install_node24() {
  harness_log "npm install node@$HARNESS_NODE_VERSION"
  local dir="$HARNESS_CACHE/node24" log="$INSTALL_LOG_DIR/node24.log"
  npm_project "$dir" harness-node24 "node@$HARNESS_NODE_VERSION"
  (cd "$dir" && npm install --no-save "node@$HARNESS_NODE_VERSION") >"$log" 2>&1 || fail_with_log "npm install node" "$log"
  "$HARNESS_NODE" --version >/dev/null || fail_with_log "Node 24 does not run" "$log"
}

install_code_server() {
  harness_log "npm install code-server@$HARNESS_CODE_SERVER_VERSION (compiles native modules, about 2 minutes)"
  local dir="$HARNESS_CACHE/code-server" log="$INSTALL_LOG_DIR/code-server.log"
  npm_project "$dir" harness-code-server "code-server@$HARNESS_CODE_SERVER_VERSION" argon2
  # The postinstall insists on Node 24 (read from npm's user agent, so Node 24 must run npm), and
  # node-gyp must compile against Node 24's headers whatever nodedir the user's npmrc names.
  (cd "$dir" && PATH="$HARNESS_NODE_HOME/bin:$PATH" npm_config_nodedir="$HARNESS_NODE_HOME" \
    npm install --no-save --foreground-scripts "code-server@$HARNESS_CODE_SERVER_VERSION") >"$log" 2>&1 \
    || fail_with_log "npm install code-server" "$log"
  "$HARNESS_NODE" "$HARNESS_SERVER_ENTRY" --version >>"$log" 2>&1 || fail_with_log "code-server does not run" "$log"
}

started=$SECONDS
rm -f "$HARNESS_CACHE"/installed-*
install_debian_packages
install_node24
install_code_server
version="$("$HARNESS_NODE" "$HARNESS_SERVER_ENTRY" --version 2>/dev/null | grep 'with Code')"
rm -rf "$HARNESS_CACHE/tmp"
touch "$HARNESS_STAMP"
harness_log "installed in $HARNESS_CACHE in $((SECONDS - started))s: code-server $version"
