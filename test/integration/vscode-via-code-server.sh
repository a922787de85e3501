#!/usr/bin/env bash
# Stands in for the VS Code executable that @vscode/test-electron's runTests launches
# (runTests({ vscodeExecutablePath: this file })): desktop VS Code cannot be downloaded on
# machines without internet, so the same mocha suites run inside code-server's extension host.
# With internet, drop vscodeExecutablePath and runTests runs them in desktop VS Code unchanged.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
export GOCONC_CALLER_CWD="$PWD"
cd "$root"
exec node --import tsx test/integration/runInCodeServer.ts "$@"
