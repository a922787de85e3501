// Package realmod runs analysistest on a testdata module that requires the
// real libraries (go-redis, redigo, gorm…) instead of stubs. analysistest
// loads a directory with a go.mod in module mode with GOPROXY=off, so the
// module's requirements are downloaded first with the go command's own
// settings (the module cache, or the proxy on a fresh machine), and the load
// runs with -mod=readonly: the engine's tests run with -mod=vendor, which
// the testdata module has no vendor directory for.
package realmod

import (
	"os/exec"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// Run checks a's diagnostics against the // want comments of every package
// of the module testdata/src/<module>, and its suggested fixes against
// .golden files.
func Run(t *testing.T, a *analysis.Analyzer, module string) {
	t.Helper()
	dir := filepath.Join(analysistest.TestData(), "src", module)
	t.Setenv("GOFLAGS", "-mod=readonly")
	download := exec.Command("go", "mod", "download")
	download.Dir = dir
	if out, err := download.CombinedOutput(); err != nil {
		t.Fatalf("go mod download in %s: %v\n%s", dir, err, out)
	}
	analysistest.RunWithSuggestedFixes(t, dir, a, "./...")
}
