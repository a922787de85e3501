package sqltxleak_test

import (
	"testing"

	"github.com/goconc/goconc/engine/rules/internal/realmod"
	"github.com/goconc/goconc/engine/rules/sqltxleak"
)

func Test(t *testing.T) { realmod.Run(t, sqltxleak.Analyzer, "sqlapp") }
