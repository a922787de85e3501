package lockwithoutfencingtoken_test

import (
	"testing"

	"github.com/goconc/goconc/engine/rules/internal/realmod"
	"github.com/goconc/goconc/engine/rules/lockwithoutfencingtoken"
)

func Test(t *testing.T) { realmod.Run(t, lockwithoutfencingtoken.Analyzer, "fenceapp") }
