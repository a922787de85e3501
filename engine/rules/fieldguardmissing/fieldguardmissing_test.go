package fieldguardmissing_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/goconc/goconc/engine/rules/fieldguardmissing"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), fieldguardmissing.Analyzer, "a")
}
