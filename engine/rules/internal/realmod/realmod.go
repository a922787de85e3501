// Package realmod runs analysistest on a testdata module that requires the
// real libraries (go-redis, redigo, gorm…) instead of stubs. analysistest
// loads a directory with a go.mod in module mode with GOPROXY=off, so the
// module's requirements are downloaded first with the go command's own
// settings (the module cache, or the proxy on a fresh machine), and the load
// runs with -mod=readonly: the engine's tests run with -mod=vendor, which
// the testdata module has no vendor directory for.
package realmod

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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
	buildFixed(t, dir)
}

// buildFixed checks that the module with every quick fix applied (each
// .go.golden in place of its file) still builds against the real
// libraries: a fix must never leave the user with code that does not
// compile.
func buildFixed(t *testing.T, dir string) {
	t.Helper()
	tmp := t.TempDir()
	goldens := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		to := filepath.Join(tmp, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.HasSuffix(path, ".go.golden") {
			goldens++
			to = strings.TrimSuffix(to, ".golden")
		} else if _, err := os.Stat(path + ".golden"); err == nil {
			return nil // replaced by its golden file
		}
		return os.WriteFile(to, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if goldens == 0 {
		return
	}
	build := exec.Command("go", "build", "./...")
	build.Dir = tmp
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("the module with its quick fixes applied does not build: %v\n%s", err, out)
	}
}
