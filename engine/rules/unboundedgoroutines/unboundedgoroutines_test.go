package unboundedgoroutines_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/goconc/goconc/engine/rules/unboundedgoroutines"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unboundedgoroutines.Analyzer, "a")
}
