package lockstate_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/lockstate"
)

// heldPrinter reports, at each call of observe(), the locks lockstate says are held.
var heldPrinter = &analysis.Analyzer{
	Name:     "heldprinter",
	Doc:      "prints lockstate.HeldAt at each observe() call (test only)",
	Requires: []*analysis.Analyzer{lockstate.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		res := lockstate.Of(pass)
		for _, rep := range res.Reports {
			for _, b := range rep.Fn.Blocks {
				for _, instr := range b.Instrs {
					call, ok := instr.(*ssa.Call)
					if !ok || call.Call.StaticCallee() == nil || call.Call.StaticCallee().Name() != "observe" {
						continue
					}
					hs, ok := res.HeldAt(call)
					if !ok {
						pass.Reportf(call.Pos(), "unknown")
						continue
					}
					pass.Reportf(call.Pos(), "must=[%s] may=[%s]", names(hs.Must), names(hs.May))
				}
			}
		}
		return nil, nil
	},
}

func names(ls []lockstate.HeldLock) string {
	var out []string
	for _, l := range ls {
		s := l.Key.String()
		if l.Read {
			s += "(read)"
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

func TestHeldAt(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), heldPrinter, "held")
}
