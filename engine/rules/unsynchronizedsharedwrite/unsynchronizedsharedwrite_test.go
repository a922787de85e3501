package unsynchronizedsharedwrite_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/goconc/goconc/engine/rules/unsynchronizedsharedwrite"
)

func Test(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), unsynchronizedsharedwrite.Analyzer, "a")
}

// The TypeScript version's fixture module.
func TestFixture(t *testing.T) {
	analysistest.Run(t, filepath.Join("..", "..", "..", "test", "fixtures", "unsynchronized-shared-write"), unsynchronizedsharedwrite.Analyzer, "./...")
}
