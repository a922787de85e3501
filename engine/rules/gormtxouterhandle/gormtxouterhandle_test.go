package gormtxouterhandle_test

import (
	"testing"

	"github.com/goconc/goconc/engine/rules/gormtxouterhandle"
	"github.com/goconc/goconc/engine/rules/internal/realmod"
)

func Test(t *testing.T) { realmod.Run(t, gormtxouterhandle.Analyzer, "gormapp") }
