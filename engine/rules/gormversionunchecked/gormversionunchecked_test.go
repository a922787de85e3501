package gormversionunchecked_test

import (
	"testing"

	"github.com/goconc/goconc/engine/rules/gormversionunchecked"
	"github.com/goconc/goconc/engine/rules/internal/realmod"
)

func Test(t *testing.T) { realmod.Run(t, gormversionunchecked.Analyzer, "shopapp") }
