package condsignalmissing_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/goconc/goconc/engine/rules/condsignalmissing"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), condsignalmissing.Analyzer, "a")
}
