package waitgroupmisuse_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/goconc/goconc/engine/rules/waitgroupmisuse"
)

func Test(t *testing.T) {
	results := analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), waitgroupmisuse.Analyzer, "a")
	// Severity follows proof: the Wait after an Add on every path is an error, the others warnings.
	for _, r := range results {
		for _, d := range r.Diagnostics {
			line := r.Pass.Fset.Position(d.Pos).Line
			want := "" // the rule's default (warning)
			if strings.HasPrefix(d.Message, "done.Wait()") {
				want = "error"
			}
			if d.Category != want {
				t.Errorf("line %d: severity %q, want %q (%s)", line, d.Category, want, d.Message)
			}
		}
	}
}
