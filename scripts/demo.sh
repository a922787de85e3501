#!/usr/bin/env bash
# The main job: goconc on the bundled examples/ workspace.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v node >/dev/null 2>&1 || { echo "goconc: Node.js 20+ is required: https://nodejs.org/" >&2; exit 2; }
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --ignore-scripts
fi
node esbuild.mjs
echo "== goconc check examples/"
node dist/cli.js check examples || true
if command -v go >/dev/null 2>&1; then
  echo "== goconc race (go test -race on examples/: the race detector confirms orders.go:34)"
  (cd examples && node ../dist/cli.js race) || true
fi
