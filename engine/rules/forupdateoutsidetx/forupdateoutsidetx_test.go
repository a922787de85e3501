package forupdateoutsidetx_test

import (
	"testing"

	"github.com/goconc/goconc/engine/rules/forupdateoutsidetx"
	"github.com/goconc/goconc/engine/rules/internal/realmod"
)

func Test(t *testing.T) { realmod.Run(t, forupdateoutsidetx.Analyzer, "lockapp") }
