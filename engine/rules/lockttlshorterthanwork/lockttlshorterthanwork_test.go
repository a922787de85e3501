package lockttlshorterthanwork_test

import (
	"testing"

	"github.com/goconc/goconc/engine/rules/internal/realmod"
	"github.com/goconc/goconc/engine/rules/lockttlshorterthanwork"
)

func Test(t *testing.T) { realmod.Run(t, lockttlshorterthanwork.Analyzer, "lockapp") }
