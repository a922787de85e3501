package gormlockoutsidetx_test

import (
	"testing"

	"github.com/goconc/goconc/engine/rules/gormlockoutsidetx"
	"github.com/goconc/goconc/engine/rules/internal/realmod"
)

func Test(t *testing.T) { realmod.Run(t, gormlockoutsidetx.Analyzer, "gormapp") }
