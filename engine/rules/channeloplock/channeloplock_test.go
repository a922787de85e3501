package channeloplock_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/goconc/goconc/engine/rules/channeloplock"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), channeloplock.Analyzer, "a")
}
