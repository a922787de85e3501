// The workflow "Add a GitHub Actions workflow" creates: the seed's first
// checklist item, `go test -race ./...`, for each module of the repository.

/** `moduleDirs`: folders holding a go.mod, relative to the repository root ('' for the root). */
export function githubWorkflow(moduleDirs: string[]): string {
  const dirs = moduleDirs.length > 0 ? moduleDirs : [''];
  const steps = dirs
    .map((d) =>
      d
        ? `      - name: go test -race (${d})\n        working-directory: ${d}\n        run: go test -race ./...\n`
        : '      - name: go test -race\n        run: go test -race ./...\n',
    )
    .join('');
  const versionFile = dirs[0] ? `${dirs[0]}/go.mod` : 'go.mod';
  return `# Runs the tests with the race detector on every push and pull request.
name: Go
on:
  push:
  pull_request:
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-go@v5
        with:
          go-version-file: ${versionFile}
${steps}`;
}
