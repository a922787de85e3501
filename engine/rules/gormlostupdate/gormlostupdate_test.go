package gormlostupdate_test

import (
	"testing"

	"github.com/goconc/goconc/engine/rules/gormlostupdate"
	"github.com/goconc/goconc/engine/rules/internal/realmod"
)

func Test(t *testing.T) { realmod.Run(t, gormlostupdate.Analyzer, "shopapp") }
