// Package cancelnotcalled reports a context's cancel function that runs too
// late or not on every path, where go vet's lostcancel does not look:
// `defer cancel()` inside a loop (lostcancel counts any mention of cancel as
// a use, so a defer that postpones every iteration's cancel to the function's
// return passes), and a context.CancelFunc returned by a function other than
// context.With* (a helper wrapping it) that is dropped or not called on some
// path to a return (lostcancel knows only the context package's functions).
package cancelnotcalled

import (
	"fmt"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/ssabuild"
	"github.com/goconc/goconc/engine/model/ssaflow"
	"github.com/goconc/goconc/engine/model/syncops"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

var Analyzer = &analysis.Analyzer{
	Name: "cancel_not_called",
	Doc: `a context's cancel deferred in a loop, or a helper's cancel not called

What go vet's lostcancel does not report. (1) defer cancel() inside a loop,
for a context created in the same iteration: the defer runs when the
function returns, so every iteration's context (and timer) stays alive until
then. Not reported when the iteration's context is handed to a goroutine or
stored (it must outlive the iteration), or when the path after the defer
cannot go round the loop again. (2) A context.CancelFunc returned by a
function other than context.WithCancel/WithTimeout/WithDeadline (a helper
that wraps them) and discarded, or not called (nor stored, passed on or
returned) on some path to a return. A hint in test files.`,
	Requires:  []*analysis.Analyzer{ssabuild.Analyzer},
	Run:       run,
	FactTypes: []analysis.Fact{new(freshCancel)},
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Warning, Category: "context", Checklist: "context-timeouts"}

func run(pass *analysis.Pass) (any, error) {
	// The standard library's fresh cancels are known (freshInStd); building
	// its SSA in go vet's facts passes would cost more than all the rest.
	if !ssabuild.Imports(pass, "context") || ssabuild.InGOROOT(pass) {
		return nil, nil
	}
	res := ssabuild.Of(pass)
	fr := &freshness{pass: pass, pkg: res.Package(), memo: map[*ssa.Function][]bool{}}
	if returnsCancel(pass.Pkg) {
		fr.export(res.Funcs())
	}
	for _, fn := range res.Funcs() {
		for _, b := range fn.Blocks {
			for i, instr := range b.Instrs {
				switch x := instr.(type) {
				case *ssa.Defer:
					deferInLoop(pass, res, x)
				case *ssa.Call:
					helperCancel(pass, res, fr, x, b, i)
				}
			}
		}
	}
	return nil, nil
}

// severity: a test loops over a handful of cases in a short-lived process.
func severity(pass *analysis.Pass, instr ssa.Instruction) string {
	if strings.HasSuffix(pass.Fset.File(instr.Pos()).Name(), "_test.go") {
		return meta.Hint
	}
	return ""
}

// cancelOf: v is the cancel function of a context created by call (the
// second result of context.With* or of a function returning a
// context.CancelFunc).
func cancelOf(v ssa.Value) (*ssa.Call, bool) {
	ext, ok := v.(*ssa.Extract)
	if !ok {
		return nil, false
	}
	call, ok := ext.Tuple.(*ssa.Call)
	if !ok {
		return nil, false
	}
	if syncops.CancellingContext(syncops.CalleeName(call.Common())) && ext.Index == 1 {
		return call, true
	}
	return call, isCancelFunc(ext.Type())
}

func isCancelFunc(t types.Type) bool {
	return syncops.IsNamed(t, "context", "CancelFunc") || syncops.IsNamed(t, "context", "CancelCauseFunc")
}

func deferInLoop(pass *analysis.Pass, res *ssabuild.Result, d *ssa.Defer) {
	call, ok := cancelOf(d.Call.Value)
	if !ok || d.Call.IsInvoke() {
		return
	}
	db, cb := d.Block(), call.Block()
	if !ssaflow.InLoop(db) {
		return // the path after the defer leaves the loop (a return in a select case)
	}
	afterDefer := ssaflow.Reachable(db)
	if !afterDefer[cb] || !(cb == db || ssaflow.Reachable(cb)[db]) {
		return // created outside the loop: one context for all iterations
	}
	if ctx := contextOf(call); ctx != nil && outlivesIteration(ctx) {
		return
	}
	created := res.Call(call.Pos())
	if created == nil {
		return
	}
	name := deferredName(pass, res, d)
	pass.Report(analysis.Diagnostic{
		Pos: d.Pos(), End: d.Pos() + 5, Category: severity(pass, d),
		Message: fmt.Sprintf("`defer %s()` in a loop runs only when the function returns: every iteration's context and timer stay alive until then (call %s() at the end of the iteration, or move the body into a function)", name, name),
		Related: []analysis.RelatedInformation{{Pos: created.Pos(), End: created.End(), Message: "context created here, once per iteration"}},
	})
}

// contextOf is the context a context.With*-style call returns (its first
// result), nil if unused or not a tuple.
func contextOf(call *ssa.Call) ssa.Value {
	for _, r := range *call.Referrers() {
		if ext, ok := r.(*ssa.Extract); ok && ext.Index == 0 {
			return ext
		}
	}
	return nil
}

// outlivesIteration: the context (or one derived from it) is started with a
// goroutine, captured by a closure, stored, sent or returned — something may
// use it after the iteration ends, so cancelling it there could cut that off.
// Passing it to a call is what the iteration's context is for.
func outlivesIteration(ctx ssa.Value) bool {
	seen := map[ssa.Value]bool{}
	var walk func(v ssa.Value) bool
	walk = func(v ssa.Value) bool {
		if seen[v] || v.Referrers() == nil {
			return false
		}
		seen[v] = true
		for _, r := range *v.Referrers() {
			switch r := r.(type) {
			case *ssa.Go, *ssa.Store, *ssa.Send, *ssa.MakeClosure, *ssa.Return, *ssa.MapUpdate:
				return true
			case *ssa.MakeInterface, *ssa.ChangeInterface, *ssa.TypeAssert:
				if walk(r.(ssa.Value)) {
					return true
				}
			case *ssa.Call, *ssa.Extract, *ssa.ChangeType, *ssa.Phi:
				if w := r.(ssa.Value); carriesContext(w.Type()) && walk(w) {
					return true
				}
			}
		}
		return false
	}
	return walk(ctx)
}

// carriesContext: t is a context.Context, or a tuple holding one (what
// context.WithValue or WithTimeout of the context returns).
func carriesContext(t types.Type) bool {
	if tu, ok := t.(*types.Tuple); ok {
		for v := range tu.Variables() {
			if carriesContext(v.Type()) {
				return true
			}
		}
		return false
	}
	return syncops.IsNamed(t, "context", "Context")
}

// deferredName is how the deferred cancel is written ("cancel").
func deferredName(pass *analysis.Pass, res *ssabuild.Result, d *ssa.Defer) string {
	if c := res.Call(d.Call.Pos()); c != nil {
		return srctext.Expr(pass.Fset, c.Fun)
	}
	return "cancel"
}

// helperCancel: a call of a function other than context.With* that returns
// a context.CancelFunc, whose cancel is dropped or not used on some path
// from the call to a return. Any use counts (a call, a defer, a store, an
// argument, a return), as in lostcancel.
func helperCancel(pass *analysis.Pass, res *ssabuild.Result, fr *freshness, call *ssa.Call, b *ssa.BasicBlock, i int) {
	com := call.Common()
	if syncops.CancellingContext(syncops.CalleeName(com)) || isMain(b.Parent()) {
		return
	}
	results := com.Signature().Results()
	for idx := range results.Len() {
		// Only a cancel the callee created is the caller's to call: one it
		// looked up (a registry's Get) belongs to whoever stored it.
		if !isCancelFunc(results.At(idx).Type()) || !fr.resultFresh(com, idx) {
			continue
		}
		expr := res.Call(call.Pos())
		if expr == nil {
			return
		}
		callee := srctext.Callee(pass.Fset, expr)
		cancel := resultValue(call, idx, results.Len())
		if cancel == nil || cancel.Referrers() == nil || len(*cancel.Referrers()) == 0 {
			pass.Report(analysis.Diagnostic{
				Pos: expr.Pos(), End: expr.End(), Category: severity(pass, call),
				Message: fmt.Sprintf("the cancel function returned by %s is discarded: the context and its resources live until its parent is cancelled (call it when done, e.g. defer cancel())", callee),
			})
			continue
		}
		users := map[ssa.Instruction]bool{}
		for _, r := range *cancel.Referrers() {
			users[r] = true
		}
		returns := ssaflow.ReturnsAvoidingFrom(b, i+1, func(instr ssa.Instruction) bool { return users[instr] })
		returns = slices.DeleteFunc(returns, func(r *ssa.Return) bool { return onErrorPath(call, results, r) })
		if len(returns) == 0 {
			continue
		}
		var related []analysis.RelatedInformation
		for _, r := range returns {
			if r.Pos().IsValid() {
				related = append(related, analysis.RelatedInformation{Pos: r.Pos(), Message: "returns without calling the cancel function"})
			}
		}
		pass.Report(analysis.Diagnostic{
			Pos: expr.Pos(), End: expr.End(), Category: severity(pass, call),
			Message: fmt.Sprintf("the cancel function returned by %s is not called on every path: %d return(s) leave without it, and the context lives until its parent is cancelled", callee, len(returns)),
			Related: related,
		})
	}
}

// onErrorPath: ret is reached only through the branch where the call's
// error result is not nil — a helper that fails hands back no context to
// cancel (`o, cancel, err := opts(); if err != nil { return err }`), by the
// convention that a failing call's other results are zero.
func onErrorPath(call *ssa.Call, results *types.Tuple, ret *ssa.Return) bool {
	for idx := range results.Len() {
		if !types.Identical(results.At(idx).Type(), types.Universe.Lookup("error").Type()) {
			continue
		}
		errv := resultValue(call, idx, results.Len())
		if errv == nil || errv.Referrers() == nil {
			continue
		}
		for _, r := range *errv.Referrers() {
			cmp, ok := r.(*ssa.BinOp)
			if !ok || (cmp.Op != token.NEQ && cmp.Op != token.EQL) || !isNil(cmp.X) && !isNil(cmp.Y) {
				continue
			}
			for _, u := range *cmp.Referrers() {
				branch, ok := u.(*ssa.If)
				if !ok || branch.Cond != cmp {
					continue
				}
				failed := branch.Block().Succs[0] // err != nil: the true branch
				if cmp.Op == token.EQL {
					failed = branch.Block().Succs[1]
				}
				if failed.Dominates(ret.Block()) {
					return true
				}
			}
		}
	}
	return false
}

func isNil(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.IsNil()
}

// resultValue is result idx of call: the call itself when it has one result,
// else its Extract (nil when that result is never read).
func resultValue(call *ssa.Call, idx, n int) ssa.Value {
	if n == 1 {
		return call
	}
	for _, r := range *call.Referrers() {
		if ext, ok := r.(*ssa.Extract); ok && ext.Index == idx {
			return ext
		}
	}
	return nil
}

// returnsCancel: some function or method of the package has a
// context.CancelFunc result (only then can it export a fact).
func returnsCancel(pkg *types.Package) bool {
	has := func(sig *types.Signature) bool {
		for v := range sig.Results().Variables() {
			if isCancelFunc(v.Type()) {
				return true
			}
		}
		return false
	}
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		switch o := scope.Lookup(name).(type) {
		case *types.Func:
			if has(o.Signature()) {
				return true
			}
		case *types.TypeName:
			if n, ok := o.Type().(*types.Named); ok {
				for m := range n.Methods() {
					if has(m.Signature()) {
						return true
					}
				}
			}
		}
	}
	return false
}

// isMain: returning from main.main ends the process, cancelling everything.
func isMain(fn *ssa.Function) bool {
	return fn.Parent() == nil && fn.Name() == "main" && fn.Signature.Recv() == nil && fn.Pkg != nil && fn.Pkg.Pkg.Name() == "main"
}
