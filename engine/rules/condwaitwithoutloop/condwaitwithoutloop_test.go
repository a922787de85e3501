package condwaitwithoutloop_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/goconc/goconc/engine/rules/condwaitwithoutloop"
)

func Test(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), condwaitwithoutloop.Analyzer, "a")
}
