package doublelock_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/goconc/goconc/engine/rules/doublelock"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), doublelock.Analyzer, "a")
}
