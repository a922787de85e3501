package blockingops

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/lockstate"
	"github.com/goconc/goconc/engine/model/ssaflow"
)

// Index holds the operations of a package's functions (closures included).
type Index struct {
	funcs map[*ssa.Function][]Op
	order []*ssa.Function
	// condLocks: the lock each Cond was made with (sync.NewCond(&mu)), from
	// the key of where the Cond is stored.
	condLocks []condLock
	// callers: the calls and go statements, in the indexed functions, that
	// run each indexed function.
	callers map[*ssa.Function][]callSite
	// fieldFuncs: the one function each func-typed field is given (by class).
	fieldFuncs map[string]*ssa.Function
}

// callSite is a call (or go statement) of an indexed function, with the
// bindings of the closure it runs.
type callSite struct {
	instr    ssa.CallInstruction
	bindings []ssa.Value
}

type condLock struct{ cond, lock lockstate.Key }

// Located is an operation with the function it is in.
type Located struct {
	Op
	Fn *ssa.Function
}

// New indexes the operations of fns.
func New(fns []*ssa.Function) *Index {
	ix := &Index{funcs: map[*ssa.Function][]Op{}, callers: map[*ssa.Function][]callSite{}}
	for _, fn := range fns {
		if _, dup := ix.funcs[fn]; dup {
			continue
		}
		ix.funcs[fn] = OpsOf(fn)
		ix.order = append(ix.order, fn)
		ix.condLocks = append(ix.condLocks, condLocksOf(fn)...)
	}
	ix.fieldFuncs = fieldFuncs(ix.order)
	for _, fn := range ix.order {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch instr.(type) {
				case *ssa.Call, *ssa.Go:
				default:
					continue
				}
				ci := instr.(ssa.CallInstruction)
				callee, bindings := lockstate.Callee(ci.Common())
				if callee != nil && callee != fn && ix.Has(callee) {
					ix.callers[callee] = append(ix.callers[callee], callSite{instr: ci, bindings: bindings})
				}
			}
		}
	}
	return ix
}

// Has reports whether fn is one of the indexed functions.
func (ix *Index) Has(fn *ssa.Function) bool { _, ok := ix.funcs[fn]; return ok }

// Ops of one indexed function.
func (ix *Index) Ops(fn *ssa.Function) []Op { return ix.funcs[fn] }

// Partners lists the operations, outside fn itself, that can unblock op.
func (ix *Index) Partners(fn *ssa.Function, op Op) []Located {
	var out []Located
	for _, g := range ix.order {
		if g == fn {
			continue
		}
		for _, p := range ix.funcs[g] {
			if op.Kind.Unblocks(p.Kind) && ix.sameAtCallers(g, p.Key, op.Key, callerDepth) {
				out = append(out, Located{Op: p, Fn: g})
			}
		}
	}
	return out
}

// callerDepth bounds how many calls up a partner's parameter is followed.
const callerDepth = 2

// sameAtCallers: k, a key of g, names the same channel, WaitGroup or Cond as
// want — itself, or, when k is a bare parameter or free variable (no class:
// `func monitor(stop chan struct{})`), as the value some call or go statement
// of g in the index passes for it (`go monitor(c.health.stop)`).
func (ix *Index) sameAtCallers(g *ssa.Function, k, want lockstate.Key, depth int) bool {
	if Same(k, want) {
		return true
	}
	if depth == 0 || k.Class() != "" || (k.Root != lockstate.RootParam && k.Root != lockstate.RootFreeVar) {
		return false
	}
	for _, cs := range ix.callers[g] {
		caller := cs.instr.Parent()
		ck, ok := lockstate.Substitute(k, caller, cs.instr.Common().Args, cs.bindings)
		if ok && ix.sameAtCallers(caller, ck, want, depth-1) {
			return true
		}
	}
	return false
}

// Repeated reports whether fn runs more than once in the goroutine that
// calls it: a call of fn sits in a loop of its caller, or the caller is
// itself repeated, up to depth calls up. A go statement starts another
// goroutine each time: it does not count.
func (ix *Index) Repeated(fn *ssa.Function, depth int) bool {
	return ix.repeated(fn, depth, map[*ssa.Function]bool{})
}

func (ix *Index) repeated(fn *ssa.Function, depth int, seen map[*ssa.Function]bool) bool {
	if depth == 0 || seen[fn] {
		return false
	}
	seen[fn] = true
	for _, cs := range ix.callers[fn] {
		if _, isGo := cs.instr.(*ssa.Go); isGo {
			continue
		}
		if ssaflow.InLoop(cs.instr.Block()) || ix.repeated(cs.instr.Parent(), depth-1, seen) {
			return true
		}
	}
	return false
}

// CondLock is the lock a Cond at key was made with, if the package says.
func (ix *Index) CondLock(cond lockstate.Key) (lockstate.Key, bool) {
	for _, cl := range ix.condLocks {
		if Same(cl.cond, cond) {
			return cl.lock, true
		}
	}
	return lockstate.Key{}, false
}

// condLocksOf finds `x = sync.NewCond(&mu)` in fn: stores of a NewCond result.
func condLocksOf(fn *ssa.Function) []condLock {
	var out []condLock
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			st, ok := instr.(*ssa.Store)
			if !ok {
				continue
			}
			call, ok := st.Val.(*ssa.Call)
			if !ok || len(call.Call.Args) != 1 {
				continue
			}
			callee := call.Call.StaticCallee()
			if callee == nil || callee.Pkg == nil || callee.Pkg.Pkg.Path() != "sync" || callee.Name() != "NewCond" {
				continue
			}
			lockArg := call.Call.Args[0]
			if mi, ok := lockArg.(*ssa.MakeInterface); ok {
				lockArg = mi.X
			}
			cond, ok1 := lockstate.KeyOf(fn, st.Addr)
			lock, ok2 := lockstate.KeyOf(fn, lockArg)
			if ok1 && ok2 {
				// The Cond is what the stored pointer points at.
				out = append(out, condLock{cond: cond, lock: lock})
			}
		}
	}
	return out
}

// Reached is an operation a function performs itself or through the calls it
// makes (functions of the index, a few levels deep), with its key in the
// function's own terms.
type Reached struct {
	Op
	In    *ssa.Function // the function the operation is in
	Calls []ssa.CallInstruction
	// CallerReleased: locks of the function that a callee on the way had
	// unlocked, on some path, by the time the operation runs.
	CallerReleased []lockstate.Key
}

// Reach lists fn's operations and those of the functions it calls, up to
// depth calls deep. held answers what a callee has released of its caller's
// locks at an instruction (lockstate's HeldAt).
func (ix *Index) Reach(fn *ssa.Function, depth int, held func(ssa.Instruction) (lockstate.HeldSet, bool)) []Reached {
	var out []Reached
	for _, op := range ix.funcs[fn] {
		out = append(out, Reached{Op: op, In: fn})
	}
	if depth == 0 {
		return out
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			callee, bindings := lockstate.Callee(call.Common())
			if callee == nil || callee == fn || !ix.Has(callee) {
				continue
			}
			for _, r := range ix.Reach(callee, depth-1, held) {
				k, ok := lockstate.Substitute(r.Key, fn, call.Call.Args, bindings)
				if !ok {
					continue
				}
				var released []lockstate.Key
				inner := r.Instr
				if len(r.Calls) > 0 {
					inner = r.Calls[0]
				}
				if hs, ok := held(inner); ok {
					for _, rk := range hs.CallerReleased {
						if sk, ok := lockstate.Substitute(rk, fn, call.Call.Args, bindings); ok {
							released = append(released, sk)
						}
					}
				}
				for _, rk := range r.CallerReleased {
					if sk, ok := lockstate.Substitute(rk, fn, call.Call.Args, bindings); ok {
						released = append(released, sk)
					}
				}
				r.Key = k
				r.Calls = append([]ssa.CallInstruction{call}, r.Calls...)
				r.CallerReleased = released
				out = append(out, r)
			}
		}
	}
	return out
}

// Site is where a reached operation starts in fn: the first call on the way,
// or the operation itself.
func (r Reached) Site() token.Pos {
	if len(r.Calls) > 0 {
		return r.Calls[0].Pos()
	}
	return r.Pos
}
