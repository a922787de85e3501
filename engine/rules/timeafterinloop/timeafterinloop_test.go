package timeafterinloop_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/goconc/goconc/engine/rules/timeafterinloop"
)

// Each testdata directory is a module with its own go directive.
func TestGo121(t *testing.T) {
	results := analysistest.Run(t, filepath.Join(analysistest.TestData(), "go121"), timeafterinloop.Analyzer, "./...")
	want := map[string]string{"a.go": "warning", "a_test.go": "hint"}
	seen := map[string]int{}
	lines := map[string]bool{} // a.go is analysed twice: in the package and in its test variant
	for _, r := range results {
		for _, d := range r.Diagnostics {
			name := filepath.Base(r.Pass.Fset.File(d.Pos).Name())
			if p := r.Pass.Fset.Position(d.Pos); !lines[p.String()] {
				lines[p.String()] = true
				seen[name]++
			}
			if d.Category != want[name] {
				t.Errorf("%s: %s: severity %q, want %q", name, d.Message, d.Category, want[name])
			}
		}
	}
	if seen["a.go"] != 3 || seen["a_test.go"] != 1 {
		t.Errorf("findings per file %v, want a.go 3, a_test.go 1", seen)
	}
}

func TestGo123(t *testing.T) {
	results := analysistest.Run(t, filepath.Join(analysistest.TestData(), "go123"), timeafterinloop.Analyzer, "./...")
	severities := map[string]bool{}
	for _, r := range results {
		for _, d := range r.Diagnostics {
			severities[filepath.Base(r.Pass.Fset.File(d.Pos).Name())+" "+d.Category] = true
		}
	}
	for _, s := range []string{"b.go hint", "old.go warning"} {
		if !severities[s] {
			t.Errorf("no finding %s; got %v", s, severities)
		}
	}
}
