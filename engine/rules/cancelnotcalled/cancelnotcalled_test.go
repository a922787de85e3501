package cancelnotcalled_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/goconc/goconc/engine/rules/cancelnotcalled"
)

func Test(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), cancelnotcalled.Analyzer, "a")
	// Test files get a hint, the rest the rule's default.
	for _, r := range results {
		for _, d := range r.Diagnostics {
			name := r.Pass.Fset.File(d.Pos).Name()
			want := ""
			if len(name) > 8 && name[len(name)-8:] == "_test.go" {
				want = "hint"
			}
			if d.Category != want {
				t.Errorf("%s: severity %q, want %q", r.Pass.Fset.Position(d.Pos), d.Category, want)
			}
		}
	}
}
