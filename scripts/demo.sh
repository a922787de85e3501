#!/usr/bin/env bash
# The main job: goconc on the bundled examples/ workspace, in VS Code in your browser.
# Packages the extension (.vsix), installs it into a private code-server (installed on first
# run into .cache/, see scripts/test-e2e-setup.sh), opens a copy of examples/ and prints the URL.
# GOCONC_DEMO_PORT picks the port (default: a free one).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v node >/dev/null 2>&1 || { echo "goconc: Node.js 20+ is required: https://nodejs.org/" >&2; exit 2; }
bash scripts/npm-deps.sh
node esbuild.mjs
echo "== goconc check examples/"
node dist/cli.js check examples || true
if command -v go >/dev/null 2>&1; then
  echo "== goconc race (go test -race on examples/: the race detector confirms orders.go:34)"
  (cd examples && node ../dist/cli.js race) || true
fi
echo "== starting VS Code (code-server) with goconc"
bash scripts/test-e2e-setup.sh --no-browser >/dev/null
exec node --import tsx scripts/demo.ts
