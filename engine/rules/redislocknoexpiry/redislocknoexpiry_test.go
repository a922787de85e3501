package redislocknoexpiry_test

import (
	"testing"

	"github.com/goconc/goconc/engine/rules/internal/realmod"
	"github.com/goconc/goconc/engine/rules/redislocknoexpiry"
)

func Test(t *testing.T) { realmod.Run(t, redislocknoexpiry.Analyzer, "redisapp") }
