#!/usr/bin/env bash
# Packages the extension as a .vsix and checks the package a user would install: vsce prints no
# warning, the archive holds only what .vscodeignore keeps, and the installed copy activates in a
# real VS Code (the harness's code-server, opened without an extension under development).
#
#   bash scripts/package/check-vsix.sh [OUT_VSIX]   (default: a temporary file, deleted afterwards)
#
# vsce comes from the npm registry on demand (pinned below); it runs `vscode:prepublish`, which
# builds the production bundle.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
VSCE_VERSION="4.1.0"

step() { printf '[package %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
fail() { step "FAILED: $*"; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
VSIX="${1:-$WORK/x.vsix}"
mkdir -p "$(dirname "$VSIX")"
started=$SECONDS

step "vsce $VSCE_VERSION package (runs vscode:prepublish: the production bundle)"
cd "$REPO"
package_started=$SECONDS
if ! npx --yes "@vscode/vsce@$VSCE_VERSION" package --no-dependencies --allow-missing-repository -o "$VSIX" >"$WORK/vsce.log" 2>&1; then
  cat "$WORK/vsce.log" >&2
  fail "vsce package"
fi
# Without colour codes, so that a warning is found wherever vsce's formatting puts it.
sed 's/\x1b\[[0-9;]*m//g' "$WORK/vsce.log" >"$WORK/vsce.txt"
cat "$WORK/vsce.txt" >&2
if grep -iE '^\s*WARNING\b' "$WORK/vsce.txt" >&2; then
  fail "vsce printed the warning line(s) above"
fi
step "packaged in $((SECONDS - package_started))s"

step "contents (unzip -Z1), checked against the '!' entries of .vscodeignore"
unzip -Z1 "$VSIX" | sort >"$WORK/contents"
node "$HERE/vsixContents.js" "$REPO/.vscodeignore" "$WORK/contents" || fail "the .vsix does not hold exactly what .vscodeignore keeps"
unzip -l "$VSIX" >&2
size=$(stat -c %s "$VSIX")
step "size of the .vsix: $size bytes ($(((size + 1023) / 1024)) KiB)"

step "install into the harness's code-server and check that it activates"
check_started=$SECONDS
bash "$REPO/scripts/harness/vscode-harness.sh" vsix "$VSIX" || fail "the installed .vsix did not activate"
step "activation check took $((SECONDS - check_started))s; whole check $((SECONDS - started))s"
