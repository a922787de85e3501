#!/usr/bin/env bash
# Runs every goconc test on a fresh clone: installs npm dependencies, builds,
# type-checks, runs the Go runtime's tests (real Redis/PostgreSQL, -race) and
# then the Node test runner (unit, fixtures, LSP, end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "goconc: '$1' is required but not on PATH. $2" >&2; exit 2; }
}
need node "Install Node.js 20 or newer: https://nodejs.org/"
need npm "It comes with Node.js."
need go "Install the Go toolchain (1.22+): https://go.dev/dl/"

bash scripts/npm-deps.sh

echo "== building"
node esbuild.mjs
echo "== type-checking"
npx --no-install tsc -p .

echo "== Go engine (analysistest fixtures; builds the engine binary the CLI and server use)"
(cd engine && GOFLAGS=-mod=vendor go vet ./... && GOFLAGS=-mod=vendor go test ./...)
engine=$(node dist/cli.js vettool)
# Warm the go build cache for the examples' dependencies (GORM, go-redis…) as a user's first run would, so
# the editor tests time the analysis rather than compiling GORM.
(cd examples && go vet -vettool="$engine" ./... >/dev/null 2>&1 || true)
# The same for the database evaluation set (test/eval/database: GORM, pgx, go-redis, redsync, redislock):
# the first run downloads its modules into the module cache, later runs (and evalFloors.test.ts) are offline.
(cd test/eval && go vet -vettool="$engine" ./database/... >/dev/null 2>&1 || true)

if [ -x scripts/test-runtime.sh ] && [ "${GOCONC_SKIP_RUNTIME:-}" != 1 ]; then
  echo "== Go primitives runtime (go test -race)"
  bash scripts/test-runtime.sh
fi

if [ -x scripts/test-e2e-setup.sh ] && [ "${GOCONC_SKIP_E2E:-}" != 1 ]; then
  echo "== end-to-end prerequisites"
  bash scripts/test-e2e-setup.sh
fi

# One Go module cache for every test file of this run (the wizard/vendor tests fetch
# modules through the proxy); it is read-only, so make it writable before removing it.
export GOCONC_TEST_GOPATH="${GOCONC_TEST_GOPATH:-$(mktemp -d "${TMPDIR:-/tmp}/goconc-gopath-XXXXXX")}"
cleanup_gopath() { chmod -R u+w "$GOCONC_TEST_GOPATH" 2>/dev/null || true; rm -rf "$GOCONC_TEST_GOPATH"; }
trap cleanup_gopath EXIT

echo "== node tests"
shopt -s nullglob
files=(test/unit/*.test.ts test/lsp/*.test.ts)
if [ "${GOCONC_SKIP_E2E:-}" != 1 ]; then files+=(test/e2e/*.test.ts); fi
node --import tsx --test --test-timeout=900000 "${files[@]}"
