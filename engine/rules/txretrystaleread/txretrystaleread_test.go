package txretrystaleread_test

import (
	"testing"

	"github.com/goconc/goconc/engine/rules/internal/realmod"
	"github.com/goconc/goconc/engine/rules/txretrystaleread"
)

func Test(t *testing.T) { realmod.Run(t, txretrystaleread.Analyzer, "txapp") }
