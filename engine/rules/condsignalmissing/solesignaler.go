package condsignalmissing

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/ssaflow"
)

// The second case: a Cond that something signals, but only one goroutine,
// started once, and that goroutine can return without signalling — the
// plugin activation of moby#29733/#30408: `go p.activate()`, whose error path
// returns before `p.cond.Broadcast()`, while the starter waits for
// `p.activated`. On that path no one is left to wake the waiter.

// soleSignaler is what the check found: the function that signals, the one
// go statement that runs it, and its returns that do not signal.
type soleSignaler struct {
	fn      *ssa.Function
	start   *ssa.Go
	returns []*ssa.Return
}

// soleSignalerOf checks a class whose Signal/Broadcast calls are sites. It
// answers only when every site is in one function, that function runs only
// as one goroutine started outside any loop (no other call, no other use as a
// value), and some return of it is reached without passing a site.
func soleSignalerOf(sites []ssa.CallInstruction, funcs []*ssa.Function) (*soleSignaler, bool) {
	if len(sites) == 0 {
		return nil, false
	}
	fn := sites[0].Parent()
	for _, s := range sites[1:] {
		if s.Parent() != fn {
			return nil, false
		}
	}
	// A closure's signals belong to whoever runs the closure; a method or
	// function declared at package level is looked for by its uses.
	if fn.Parent() != nil || len(fn.Blocks) == 0 {
		return nil, false
	}
	if sole, ok := startedOnce(fn, sites, funcs); ok {
		return sole, true
	}
	// Not a goroutine itself, but called from one place only, in a goroutine
	// started once (kubernetes#11298: the goroutine's stop case returns
	// before `n.setChanged()`): that goroutine must reach the call.
	call, ok := onlyCall(fn, funcs)
	if !ok {
		return nil, false
	}
	caller := call.Parent()
	var start *ssa.Go
	for _, g := range funcs {
		for _, b := range g.Blocks {
			for _, instr := range b.Instrs {
				goStmt, ok := instr.(*ssa.Go)
				if !ok {
					continue
				}
				mc, isClosure := goStmt.Call.Value.(*ssa.MakeClosure)
				if (isClosure && mc.Fn == caller) || (!isClosure && !goStmt.Call.IsInvoke() && goStmt.Call.StaticCallee() == caller) {
					if start != nil || ssaflow.InLoop(b) {
						return nil, false
					}
					start = goStmt
				}
			}
		}
	}
	if start == nil || (caller.Parent() == nil && !onlyStarted(caller, funcs)) {
		return nil, false
	}
	returns := returnsAvoiding(caller, []ssa.CallInstruction{call})
	if len(returns) == 0 {
		return nil, false
	}
	return &soleSignaler{fn: fn, start: start, returns: returns}, true
}

// onlyCall: fn is called statically from exactly one place and used nowhere
// else.
func onlyCall(fn *ssa.Function, funcs []*ssa.Function) (*ssa.Call, bool) {
	var only *ssa.Call
	for _, g := range funcs {
		for _, b := range g.Blocks {
			for _, instr := range b.Instrs {
				if c, ok := instr.(ssa.CallInstruction); ok && c.Common().StaticCallee() == fn {
					call, isCall := instr.(*ssa.Call)
					if !isCall || only != nil {
						return nil, false
					}
					only = call
					continue
				}
				if mentions(instr, fn) {
					return nil, false
				}
			}
		}
	}
	return only, only != nil
}

// onlyStarted: a package-level function or method is used only in go
// statements.
func onlyStarted(fn *ssa.Function, funcs []*ssa.Function) bool {
	for _, g := range funcs {
		for _, b := range g.Blocks {
			for _, instr := range b.Instrs {
				if c, ok := instr.(ssa.CallInstruction); ok && c.Common().StaticCallee() == fn {
					if _, isGo := instr.(*ssa.Go); !isGo {
						return false
					}
					continue
				}
				if mentions(instr, fn) {
					return false
				}
			}
		}
	}
	return true
}

// returnsAvoiding: fn's returns reached from its entry without passing any
// of the given instructions.
func returnsAvoiding(fn *ssa.Function, through []ssa.CallInstruction) []*ssa.Return {
	stop := map[ssa.Instruction]bool{}
	for _, s := range through {
		stop[s] = true
	}
	var out []*ssa.Return
	for _, r := range ssaflow.ReturnsAvoidingFrom(fn.Blocks[0], 0, func(in ssa.Instruction) bool { return stop[in] }) {
		if r.Pos() != token.NoPos {
			out = append(out, r)
		}
	}
	return out
}

// startedOnce is the direct case: fn itself runs only as one goroutine
// started once, and some return of it passes no signal.
func startedOnce(fn *ssa.Function, sites []ssa.CallInstruction, funcs []*ssa.Function) (*soleSignaler, bool) {
	var start *ssa.Go
	for _, g := range funcs {
		for _, b := range g.Blocks {
			for _, instr := range b.Instrs {
				if call, ok := instr.(ssa.CallInstruction); ok && call.Common().StaticCallee() == fn {
					goStmt, isGo := instr.(*ssa.Go)
					if !isGo || start != nil || ssaflow.InLoop(b) {
						return nil, false // called, deferred, or started more than once
					}
					start = goStmt
					if !usedOnlyAsCallee(call, fn) {
						return nil, false
					}
					continue
				}
				if mentions(instr, fn) {
					return nil, false // a function value: run who knows how often
				}
			}
		}
	}
	if start == nil {
		return nil, false
	}
	returns := returnsAvoiding(fn, sites)
	if len(returns) == 0 {
		return nil, false
	}
	return &soleSignaler{fn: fn, start: start, returns: returns}, true
}

// usedOnlyAsCallee: fn appears in the call only as the function called.
func usedOnlyAsCallee(call ssa.CallInstruction, fn *ssa.Function) bool {
	for _, a := range call.Common().Args {
		if a == ssa.Value(fn) {
			return false
		}
	}
	return true
}

// mentions: instr uses fn as an operand — a function value, or a bound
// method or method expression (wrappers with fn's object).
func mentions(instr ssa.Instruction, fn *ssa.Function) bool {
	for _, op := range instr.Operands(nil) {
		if op == nil {
			continue
		}
		g, ok := (*op).(*ssa.Function)
		if ok && (g == fn || g.Object() != nil && g.Object() == fn.Object()) {
			return true
		}
	}
	return false
}
