package lockorderinversion_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/goconc/goconc/engine/rules/lockorderinversion"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), lockorderinversion.Analyzer, "a", "b")
}
