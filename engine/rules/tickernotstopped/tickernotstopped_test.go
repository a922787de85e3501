package tickernotstopped_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/goconc/goconc/engine/rules/tickernotstopped"
)

// Each testdata directory is a module with its own go directive.
func TestGo121(t *testing.T) {
	results := analysistest.RunWithSuggestedFixes(t, filepath.Join(analysistest.TestData(), "go121"), tickernotstopped.Analyzer, "./...")
	want := map[string]string{"bad.go": "warning", "main.go": "warning", "t_test.go": "information"}
	for _, r := range results {
		for _, d := range r.Diagnostics {
			name := filepath.Base(r.Pass.Fset.File(d.Pos).Name())
			if d.Category != want[name] {
				t.Errorf("%s: %s: severity %q, want %q", r.Pass.Fset.Position(d.Pos), d.Message, d.Category, want[name])
			}
		}
	}
}

func TestGo123(t *testing.T) {
	results := analysistest.Run(t, filepath.Join(analysistest.TestData(), "go123"), tickernotstopped.Analyzer, "./...")
	want := map[string]string{"b.go": "hint", "old.go": "warning"}
	for _, r := range results {
		for _, d := range r.Diagnostics {
			name := filepath.Base(r.Pass.Fset.File(d.Pos).Name())
			if d.Category != want[name] {
				t.Errorf("%s: %s: severity %q, want %q", r.Pass.Fset.Position(d.Pos), d.Message, d.Category, want[name])
			}
		}
	}
}
