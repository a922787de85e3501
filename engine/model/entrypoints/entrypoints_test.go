package entrypoints_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/entrypoints"
	"github.com/goconc/goconc/engine/model/lockstate"
)

// entryPrinter reports each entry at its start, and at each observe(x) call
// the entries the call runs under and whether x is shared by their instances.
var entryPrinter = &analysis.Analyzer{
	Name:     "entryprinter",
	Doc:      "prints the entry-point model (test only)",
	Requires: []*analysis.Analyzer{entrypoints.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		res := entrypoints.Of(pass)
		for _, e := range res.Entries {
			pass.Reportf(e.Site, "entry %s %s via %s multi=%v", e.Kind, e.Fn.Name(), e.Via, e.Multi)
		}
		for _, fn := range res.Funcs {
			for _, b := range fn.Blocks {
				for _, in := range b.Instrs {
					call, ok := in.(*ssa.Call)
					if !ok || call.Call.StaticCallee() == nil || call.Call.StaticCallee().Name() != "observe" {
						continue
					}
					var names []string
					var shared []string
					for _, ctx := range res.Contexts(fn) {
						names = append(names, ctx.Entry.Fn.Name())
						k, ok := lockstate.KeyOf(fn, call.Call.Args[0].(*ssa.MakeInterface).X)
						shared = append(shared, fmt.Sprint(ok && res.SharedKey(ctx, fn, k)))
					}
					sort.Strings(names)
					pass.Reportf(call.Pos(), "in [%s] shared=[%s]", strings.Join(names, " "), strings.Join(shared, " "))
				}
			}
		}
		return nil, nil
	},
}

func TestEntries(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), entryPrinter, "entries")
}
