package concurrentmapwrite_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/goconc/goconc/engine/rules/concurrentmapwrite"
)

func Test(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), concurrentmapwrite.Analyzer, "a")
}

// The TypeScript version's fixture module, messages and fix included.
func TestFixture(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, filepath.Join("..", "..", "..", "test", "fixtures", "concurrent-map-write"), concurrentmapwrite.Analyzer, "./...")
}
