package goroutines_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/goconc/goconc/engine/model/goroutines"
	"github.com/goconc/goconc/engine/model/ssabuild"
)

// starts reports every goroutine start the model sees: which function starts
// it (a deferred closure's goroutine is the closure's), how it was started,
// the function it runs, and what that function's first parameter or free
// variable is in the starter's frame.
var starts = &analysis.Analyzer{
	Name:     "starts",
	Doc:      "reports the goroutine starts of model/goroutines, for its test",
	Requires: []*analysis.Analyzer{ssabuild.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		for _, fn := range ssabuild.Of(pass).Funcs() {
			for _, s := range goroutines.Of(fn) {
				name, bound := "?", "-"
				if s.Fn != nil {
					name = s.Fn.Name()
					switch {
					case len(s.Fn.FreeVars) > 0 && s.In(s.Fn.FreeVars[0]) != nil:
						bound = s.In(s.Fn.FreeVars[0]).Name()
					case len(s.Fn.Params) > 0 && s.In(s.Fn.Params[0]) != nil:
						bound = s.In(s.Fn.Params[0]).Name()
					}
				}
				pass.Reportf(s.Instr.Pos(), "%s starts: %s %s %s", fn.Name(), s.Via, name, bound)
			}
		}
		return nil, nil
	},
}

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), starts, "a")
}
