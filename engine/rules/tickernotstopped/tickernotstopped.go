// Package tickernotstopped reports a time.NewTicker whose ticker is never
// stopped, and time.Tick (which cannot be stopped) outside main and init.
// Before Go 1.23 a ticker that is not stopped is never garbage-collected: it
// keeps firing for the life of the process, one more each time the code
// runs. From Go 1.23 the runtime collects unreferenced tickers, so there a
// missing Stop only keeps it firing until it is collected: a hint. The Go
// version is the file's (filever, as time-after-in-loop asks it).
package tickernotstopped

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"go/version"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/ssabuild"
	"github.com/goconc/goconc/engine/model/ssaflow"
	"github.com/goconc/goconc/engine/model/syncops"
	"github.com/goconc/goconc/engine/rules/internal/deferfix"
	"github.com/goconc/goconc/engine/rules/internal/filever"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

var Analyzer = &analysis.Analyzer{
	Name: "ticker_not_stopped",
	Doc: `a time.NewTicker never stopped, or a time.Tick (leaks before Go 1.23)

Before Go 1.23 a ticker that is not stopped is never garbage-collected and
keeps firing for the life of the process: every call of a function that
creates one and returns without Stop leaks a ticker. Since Go 1.23 the
runtime collects unreferenced tickers, so a missing Stop only keeps the
ticker firing until it is collected.

Reported: a time.NewTicker result that no Stop reaches — neither in the
function (defer t.Stop(), a method value t.Stop, a closure that captures it)
nor in a same-package function it is passed to — when the function (or the
goroutine the ticker is handed to) can return. Silent when the ticker
escapes: returned, stored in a field, global, map or slice, sent on a
channel, converted to an interface, or passed to another package's function
or a dynamic call; and in what runs a fixed number of times per process:
main.main, init, and the functions, unexported methods and literals only
called (outside loops) from them. time.Tick, whose ticker can never be
stopped, is reported in functions that can return after it, below Go 1.23
only (as staticcheck's SA1015 does in its releases that read the Go
version; SA1015 skips test files and package main, here tests are
information and in main only what runs once is exempt).

Severity by the file's Go version (its go directive or //go:build line): a
warning below go1.23, a hint from go1.23; one level lower in test files.
Timers are not reported: a time.NewTimer that is never stopped fires once
and is then collectable in every Go version, so the leak is bounded by its
duration (time-after-in-loop covers the case that piles them up).

Quick fix: "defer t.Stop()" after "t := time.NewTicker(d)" when that
statement is at the top level of the function body (in a loop or branch a
defer would pile up or outlive the block) and no goroutine uses the ticker.`,
	Requires: []*analysis.Analyzer{ssabuild.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Warning, Category: "goroutines", Checklist: "context-timeouts"}

func run(pass *analysis.Pass) (any, error) {
	if !ssabuild.Imports(pass, "time") {
		return nil, nil
	}
	res := ssabuild.Of(pass)
	var once map[*ssa.Function]bool
	for _, fn := range res.Funcs() {
		for _, b := range fn.Blocks {
			for i, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok {
					continue
				}
				name := syncops.CalleeName(call.Common())
				if name != "time.NewTicker" && name != "time.Tick" {
					continue
				}
				if once == nil {
					once = runOnce(res)
				}
				if once[fn] {
					continue
				}
				if name == "time.NewTicker" {
					newTicker(pass, res, call, b, i)
				} else {
					tick(pass, res, call, b, i)
				}
			}
		}
	}
	return nil, nil
}

// processLifetime: main.main and init functions run once per process, and
// the tickers they start live as long as it anyway (cancel-not-called
// exempts main too).
func processLifetime(fn *ssa.Function) bool {
	if fn.Parent() != nil || fn.Signature.Recv() != nil || fn.Pkg == nil {
		return false
	}
	name := fn.Name()
	return name == "init" || strings.HasPrefix(name, "init#") || (name == "main" && fn.Pkg.Pkg.Name() == "main")
}

// runOnce is the functions of the package that run at most a fixed number
// of times per process, so a ticker they leave behind is not a leak that
// grows: main and init, and the functions, unexported methods and function
// literals whose every use is a call, go or defer, outside a loop, in one of
// those (a metrics goroutine main starts, a run() helper it calls). Not: an
// exported method (another package's interface may call it), a method of a
// type made an interface here, anything used as a value (a handler literal
// passed to http.HandleFunc, a method value).
func runOnce(res *ssabuild.Result) map[*ssa.Function]bool {
	type site struct {
		caller *ssa.Function
		inLoop bool
	}
	calls := map[*ssa.Function][]site{}
	used := map[*ssa.Function]bool{}    // used other than as a callee
	boxed := map[*types.TypeName]bool{} // named types made interfaces
	funcs := res.Funcs()
	if init := res.Package().Func("init"); init != nil {
		funcs = append(funcs, init)
	}
	var ops []*ssa.Value
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if mi, ok := instr.(*ssa.MakeInterface); ok {
					if n, ok := types.Unalias(derefType(mi.X.Type())).(*types.Named); ok {
						boxed[n.Obj()] = true
					}
				}
				var callee ssa.Value
				if c, ok := instr.(ssa.CallInstruction); ok && !c.Common().IsInvoke() {
					callee = c.Common().Value
				}
				mc, _ := instr.(*ssa.MakeClosure)
				ops = instr.Operands(ops[:0])
				for _, op := range ops {
					var f *ssa.Function
					switch v := (*op).(type) {
					case *ssa.Function:
						if mc != nil && op == &mc.Fn {
							continue // the closure's use is the MakeClosure's
						}
						f = v
					case *ssa.MakeClosure:
						f, _ = v.Fn.(*ssa.Function)
					}
					if f == nil {
						continue
					}
					if f.Synthetic != "" { // a method value's wrapper
						if m, ok := f.Object().(*types.Func); ok {
							if mf := res.Package().Prog.FuncValue(m); mf != nil {
								used[mf] = true
							}
						}
						continue
					}
					if *op == callee {
						calls[f] = append(calls[f], site{caller: fn, inLoop: ssaflow.InLoop(b)})
					} else {
						used[f] = true
					}
				}
			}
		}
	}
	once := map[*ssa.Function]bool{}
	for _, fn := range funcs {
		if processLifetime(fn) {
			once[fn] = true
		}
	}
	for changed := true; changed; {
		changed = false
		for f, sites := range calls {
			if once[f] || used[f] || len(f.Blocks) == 0 {
				continue
			}
			if recv := f.Signature.Recv(); recv != nil {
				n, ok := types.Unalias(derefType(recv.Type())).(*types.Named)
				if !ok || f.Object() == nil || f.Object().Exported() || boxed[n.Obj()] {
					continue
				}
			}
			all := true
			for _, s := range sites {
				if s.inLoop || !once[s.caller] {
					all = false
				}
			}
			if all {
				once[f] = true
				changed = true
			}
		}
	}
	return once
}

func derefType(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// collected: the file holding pos is compiled at Go 1.23 or later, where
// unreferenced tickers are garbage-collected.
func collected(pass *analysis.Pass, pos ast.Node) bool {
	return version.Compare(filever.At(pass, pos.Pos()), "go1.23") >= 0
}

// severity: a warning below Go 1.23, a hint from it; one level lower in a
// test (a short-lived process).
func severity(pass *analysis.Pass, n ast.Node, collected bool) string {
	test := strings.HasSuffix(pass.Fset.File(n.Pos()).Name(), "_test.go")
	switch {
	case collected:
		return meta.Hint
	case test:
		return meta.Information
	}
	return meta.Warning
}

func newTicker(pass *analysis.Pass, res *ssabuild.Result, call *ssa.Call, b *ssa.BasicBlock, i int) {
	expr := res.Call(call.Pos())
	if expr == nil {
		return
	}
	tr := &tracker{pkg: res.Package(), seen: map[ssa.Value]bool{}}
	tr.value(call)
	if tr.stops || tr.escapes || tr.kept {
		return
	}
	// The ticker is dropped when the function holding it returns: the
	// goroutines it was handed to, else the function that made it.
	var returns []*ssa.Return
	if len(tr.goroutines) > 0 {
		for _, g := range tr.goroutines {
			returns = append(returns, ssaflow.ReturnsAvoiding(g, never)...)
		}
	} else {
		returns = ssaflow.ReturnsAvoidingFrom(b, i+1, never)
	}
	if len(returns) == 0 {
		return // runs until the process ends, ticking all along
	}
	gc := collected(pass, expr)
	text := srctext.Expr(pass.Fset, expr)
	assign, name := declaredAt(pass, call.Parent(), expr)
	stop := "`Stop()`"
	if name != "" {
		stop = "`defer " + name + ".Stop()`"
	}
	msg := fmt.Sprintf("the ticker from `%s` is never stopped: before Go 1.23 a ticker that is not stopped is never garbage-collected and keeps firing for the life of the process, one more each time this code runs (stop it when done: %s)", text, stop)
	if gc {
		msg = fmt.Sprintf("the ticker from `%s` is never stopped: since Go 1.23 it is collected once unreferenced, but it keeps firing until then (stop it when done: %s)", text, stop)
	}
	var related []analysis.RelatedInformation
	for _, r := range returns {
		if r.Pos().IsValid() {
			related = append(related, analysis.RelatedInformation{Pos: r.Pos(), Message: "returns without stopping the ticker"})
		}
	}
	d := analysis.Diagnostic{Pos: expr.Pos(), End: expr.End(), Category: severity(pass, expr, gc), Message: msg, Related: related}
	if assign != nil && len(tr.goroutines) == 0 && !tr.chanLeaves {
		if body := bodyOf(call.Parent()); body != nil {
			if fix, ok := deferfix.AfterStmt(pass, body, assign, name+".Stop()"); ok {
				d.SuggestedFixes = []analysis.SuggestedFix{fix}
			}
		}
	}
	pass.Report(d)
}

// tick reports time.Tick below Go 1.23 in a function that can return after
// it: its ticker can never be stopped, so each call leaves one behind.
func tick(pass *analysis.Pass, res *ssabuild.Result, call *ssa.Call, b *ssa.BasicBlock, i int) {
	expr := res.Call(call.Pos())
	if expr == nil || collected(pass, expr) {
		return
	}
	if !returnsAfterTick(call, b, i) {
		return // `for range time.Tick(d)` with no way out: ticks for the process's life by design
	}
	pass.Report(analysis.Diagnostic{
		Pos: expr.Pos(), End: expr.End(), Category: severity(pass, expr, false),
		Message: fmt.Sprintf("`%s` leaks its ticker: before Go 1.23 the ticker behind time.Tick can never be stopped or collected, so each run of this code leaves one firing for the life of the process (use time.NewTicker and defer its Stop)", srctext.Expr(pass.Fset, expr)),
	})
}

// returnsAfterTick: a return is reachable from the time.Tick call, not
// counting the exit of a receive loop on its channel (never closed).
func returnsAfterTick(call *ssa.Call, b *ssa.BasicBlock, i int) bool {
	for _, instr := range b.Instrs[i:] {
		if _, ok := instr.(*ssa.Return); ok {
			return true
		}
	}
	seen := map[*ssa.BasicBlock]bool{}
	stack := succs(call, b)
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[x] || x == x.Parent().Recover {
			continue
		}
		seen[x] = true
		ends := false
		for _, instr := range x.Instrs {
			if ssaflow.Ends(instr) {
				ends = true
				break
			}
			if _, ok := instr.(*ssa.Return); ok {
				return true
			}
		}
		if !ends {
			stack = append(stack, succs(call, x)...)
		}
	}
	return false
}

// succs are b's successors minus the exit of `for range ch` (or a `v, ok :=
// <-ch` test) on the channel time.Tick returned.
func succs(call *ssa.Call, b *ssa.BasicBlock) []*ssa.BasicBlock {
	if recv, _, ok := ssaflow.ReceiveTest(b); ok && recv.X == ssa.Value(call) {
		return b.Succs[:1]
	}
	return b.Succs
}

func never(ssa.Instruction) bool { return false }

// tracker follows a ticker through the values that hold it.
type tracker struct {
	pkg        *ssa.Package
	seen       map[ssa.Value]bool
	stops      bool            // some Stop is called (or deferred) on it
	escapes    bool            // it leaves what the analysis follows
	kept       bool            // a same-package callee holding it never returns
	chanLeaves bool            // its channel C is handed on
	goroutines []*ssa.Function // functions run as goroutines that hold it
}

func (t *tracker) value(v ssa.Value) {
	if t.seen[v] || v.Referrers() == nil {
		return
	}
	t.seen[v] = true
	for _, r := range *v.Referrers() {
		switch r := r.(type) {
		case *ssa.Call:
			t.call(r.Common(), v, false)
		case *ssa.Defer:
			t.call(&r.Call, v, false)
		case *ssa.Go:
			t.call(&r.Call, v, true)
		case *ssa.FieldAddr:
			t.field(r)
		case *ssa.BinOp, *ssa.DebugRef:
			// t == nil
		case *ssa.Phi:
			t.value(r)
		case *ssa.ChangeType:
			t.value(r)
		case *ssa.Store:
			if alloc, ok := r.Addr.(*ssa.Alloc); ok && r.Val == v {
				t.cell(alloc) // a local variable captured or addressed
			} else {
				t.escapes = true
			}
		case *ssa.MakeClosure:
			t.closure(r, v, t.value)
		default: // Return, Send, MapUpdate, MakeInterface, a *t copy…
			t.escapes = true
		}
	}
}

// field: t.C read. Receiving from it keeps the ticker here; the channel
// handed on (returned, stored, passed) means a Stop here would silence
// whoever reads it, so no fix is offered.
func (t *tracker) field(fa *ssa.FieldAddr) {
	for _, r := range *fa.Referrers() {
		load, ok := r.(*ssa.UnOp)
		if !ok || load.Op != token.MUL {
			t.chanLeaves = true
			continue
		}
		for _, u := range *load.Referrers() {
			switch u := u.(type) {
			case *ssa.UnOp:
				if u.Op != token.ARROW {
					t.chanLeaves = true
				}
			case *ssa.Select, *ssa.DebugRef:
			default:
				t.chanLeaves = true
			}
		}
	}
}

// cell follows a local variable's address: its loads hold the ticker.
func (t *tracker) cell(p ssa.Value) {
	if t.seen[p] || p.Referrers() == nil {
		return
	}
	t.seen[p] = true
	for _, r := range *p.Referrers() {
		switch r := r.(type) {
		case *ssa.UnOp:
			if r.Op == token.MUL {
				t.value(r)
			} else {
				t.escapes = true
			}
		case *ssa.Store:
			if r.Addr != p {
				t.escapes = true // the variable's address stored somewhere
			}
		case *ssa.DebugRef:
		case *ssa.MakeClosure:
			t.closure(r, p, t.cell)
		default:
			t.escapes = true
		}
	}
}

// call: v is an argument (or receiver) of a call, defer or go statement.
func (t *tracker) call(c *ssa.CallCommon, v ssa.Value, goStmt bool) {
	if c.IsInvoke() {
		t.escapes = true
		return
	}
	if name := syncops.CalleeName(c); strings.HasPrefix(name, "(*time.Ticker).") {
		if len(c.Args) > 0 && c.Args[0] == v {
			if name == "(*time.Ticker).Stop" {
				t.stops = true
			}
			return
		}
	}
	callee := c.StaticCallee()
	if c.Value == v {
		return // not a function
	}
	if callee == nil || callee.Pkg != t.pkg || len(callee.Blocks) == 0 || len(callee.Params) != len(c.Args) {
		t.escapes = true // another package, a dynamic call, a generic instance
		return
	}
	for j, a := range c.Args {
		if a != v {
			continue
		}
		t.enter(callee, goStmt)
		t.value(callee.Params[j])
	}
}

// enter records the function the ticker is handed to: a goroutine's
// returns drop it; a synchronous callee that never returns keeps it.
func (t *tracker) enter(fn *ssa.Function, goStmt bool) {
	if goStmt {
		t.goroutines = append(t.goroutines, fn)
	} else if len(ssaflow.ReturnsAvoiding(fn, never)) == 0 {
		t.kept = true
	}
}

// closure: v (the ticker, or the address of its variable) is captured by a
// function literal or a method value. follow is how its free variable is
// followed inside.
func (t *tracker) closure(mc *ssa.MakeClosure, v ssa.Value, follow func(ssa.Value)) {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		t.escapes = true
		return
	}
	if obj, ok := fn.Object().(*types.Func); ok && fn.Synthetic != "" && strings.HasPrefix(syncops.FuncOf(obj), "(*time.Ticker).") {
		if obj.Name() == "Stop" { // the method value t.Stop
			t.stops = true
		}
		return
	}
	// How the closure runs: called or deferred here, started as a
	// goroutine, or handed on (then the ticker goes with it).
	goStmt := false
	for _, r := range *mc.Referrers() {
		switch r := r.(type) {
		case *ssa.Call:
			if r.Call.Value != mc {
				t.escapes = true
			}
		case *ssa.Defer:
			if r.Call.Value != mc {
				t.escapes = true
			}
		case *ssa.Go:
			if r.Call.Value != mc {
				t.escapes = true
			}
			goStmt = true
		case *ssa.DebugRef:
		default:
			t.escapes = true
		}
	}
	for k, bound := range mc.Bindings {
		if bound == v && k < len(fn.FreeVars) {
			t.enter(fn, goStmt)
			follow(fn.FreeVars[k])
		}
	}
}

// declaredAt is the statement `name := time.NewTicker(d)` at the top level
// of fn's body holding expr, nil (and the variable's name if any) otherwise.
func declaredAt(pass *analysis.Pass, fn *ssa.Function, expr *ast.CallExpr) (ast.Stmt, string) {
	body := bodyOf(fn)
	if body == nil {
		return nil, ""
	}
	var found ast.Stmt
	name := ""
	ast.Inspect(body, func(n ast.Node) bool {
		if found != nil || name != "" {
			return false
		}
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 || ast.Unparen(as.Rhs[0]) != expr {
			return true
		}
		id, ok := as.Lhs[0].(*ast.Ident)
		if !ok || id.Name == "_" {
			return false
		}
		name = id.Name
		for _, s := range body.List {
			if s == as && as.Tok.String() == ":=" {
				found = as
			}
		}
		return false
	})
	return found, name
}

func bodyOf(fn *ssa.Function) *ast.BlockStmt {
	switch s := fn.Syntax().(type) {
	case *ast.FuncDecl:
		return s.Body
	case *ast.FuncLit:
		return s.Body
	}
	return nil
}
