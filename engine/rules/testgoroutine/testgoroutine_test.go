package testgoroutine_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/goconc/goconc/engine/rules/testgoroutine"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), testgoroutine.Analyzer, "a")
}
