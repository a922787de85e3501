#!/usr/bin/env bash
# Installs the npm dependencies when node_modules is missing or was installed
# from another package-lock.json. Compares content, not mtimes: a checkout or
# a new git worktree touches package-lock.json without changing it, and a
# needless `npm ci` empties node_modules under every process using it.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.goconc-lock-sha
want=$(node -e "process.stdout.write(require('crypto').createHash('sha256').update(require('fs').readFileSync('package-lock.json')).digest('hex'))")
if [ -d node_modules ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then exit 0; fi
echo "== installing npm dependencies"
npm ci --no-audit --no-fund --ignore-scripts
printf '%s' "$want" > "$stamp"
