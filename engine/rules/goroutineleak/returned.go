package goroutineleak

import (
	"fmt"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/localchan"
	"github.com/goconc/goconc/engine/model/ssabuild"
)

// checkReturnedChans: a function makes an unbuffered channel, starts a
// goroutine literal that only sends on it, does nothing else with it and
// returns it (`func subscribe() (<-chan Event, <-chan error)`). The receiver
// is its caller: a caller in the package that keeps the channel to itself
// and can return without receiving from it (a select that takes ctx.Done(),
// an early return) leaves the goroutine blocked on its send.
func checkReturnedChans(pass *analysis.Pass, res *ssabuild.Result) {
	var calls map[*ssa.Function][]*ssa.Call
	for _, fn := range res.Funcs() {
		if fn.Signature.Results().Len() == 0 || !returnsChan(fn.Signature) {
			continue
		}
		for _, lc := range localchan.In(fn, localchan.Options{Unbuffered: true, Returned: true}) {
			if len(lc.Returned) == 0 || len(lc.OpsIn(fn)) > 0 || len(lc.Starts) != 1 {
				continue
			}
			g := lc.Starts[0]
			body := g.Call.Value.(*ssa.MakeClosure).Fn.(*ssa.Function)
			theirs := lc.OpsIn(body)
			if calls == nil {
				calls = callsByCallee(res)
			}
			for _, call := range calls[fn] {
				checkReturnedAt(pass, res, fn, call, g, theirs)
			}
		}
	}
}

// checkReturnedAt judges one caller: lc is made again for each, so one
// caller's uses do not leak into another's.
func checkReturnedAt(pass *analysis.Pass, res *ssabuild.Result, maker *ssa.Function, call *ssa.Call, g *ssa.Go, theirs []localchan.Op) {
	for _, lc := range localchan.In(maker, localchan.Options{Unbuffered: true, Returned: true}) {
		if len(lc.Starts) != 1 || lc.Starts[0] != g || !lc.AtCall(call) {
			continue
		}
		caller := call.Parent()
		own := lc.OpsIn(caller)
		dir, blocking, ok := sides(theirs, own)
		if !ok || dir != sends {
			continue
		}
		exits := leakingReturns(caller, call, lc, sends)
		if len(exits) == 0 {
			continue
		}
		name := lc.Name()
		d := leakDiagnostic(pass, res, blocking[0].Pos, g, exits, fmt.Sprintf("returns here without receiving from `%s`", name),
			"goroutine may block forever on `%s`: `%s` is unbuffered, %s returns it, and its caller %s can return without receiving from it (give the channel a buffer: make(%s, 1))",
			name, maker.Name(), caller.Name(), types.TypeString(lc.Make.Type(), types.RelativeTo(pass.Pkg)))
		d.SuggestedFixes = bufferFix(pass, res, lc, g, theirs, name)
		pass.Report(d)
		return
	}
}

func returnsChan(sig *types.Signature) bool {
	for i := 0; i < sig.Results().Len(); i++ {
		if _, ok := sig.Results().At(i).Type().Underlying().(*types.Chan); ok {
			return true
		}
	}
	return false
}

// callsByCallee: the package's static calls (not go or defer), by callee.
func callsByCallee(res *ssabuild.Result) map[*ssa.Function][]*ssa.Call {
	out := map[*ssa.Function][]*ssa.Call{}
	for _, fn := range res.Funcs() {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if call, ok := instr.(*ssa.Call); ok {
					if callee := call.Call.StaticCallee(); callee != nil {
						out[callee] = append(out[callee], call)
					}
				}
			}
		}
	}
	return out
}
