package advisorylockpooledconn_test

import (
	"testing"

	"github.com/goconc/goconc/engine/rules/advisorylockpooledconn"
	"github.com/goconc/goconc/engine/rules/internal/realmod"
)

func Test(t *testing.T) { realmod.Run(t, advisorylockpooledconn.Analyzer, "pgapp") }
