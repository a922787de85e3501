package closemisuse_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/goconc/goconc/engine/rules/closemisuse"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), closemisuse.Analyzer, "a")
}
