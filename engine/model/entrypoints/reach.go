package entrypoints

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/lockstate"
)

type visit struct {
	fn *ssa.Function
	e  *Entry
}

// computeReach follows each entry over the call graph: static calls, closures
// made on the way, and interface calls resolved to the package's own types.
// Goroutines started on the way are entries of their own. A parameter is
// shared in a callee when every call on the way binds it to a shared value.
func (r *Result) computeReach() {
	var work []visit
	put := func(fn *ssa.Function, e *Entry, shared []bool) {
		if fn == nil || len(fn.Blocks) == 0 {
			return
		}
		if r.reach[fn] == nil {
			r.reach[fn] = map[*Entry][]bool{}
		}
		old, seen := r.reach[fn][e]
		if !seen {
			r.reach[fn][e] = shared
			work = append(work, visit{fn, e})
			return
		}
		changed := false
		for i := range old {
			if old[i] && (i >= len(shared) || !shared[i]) {
				old[i], changed = false, true
			}
		}
		if changed {
			work = append(work, visit{fn, e})
		}
	}
	for _, e := range r.Entries {
		put(e.Fn, e, e.entryShared())
	}
	for len(work) > 0 {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		shared := r.reach[v.fn][v.e]
		for _, b := range v.fn.Blocks {
			for _, in := range b.Instrs {
				switch in := in.(type) {
				case *ssa.Go:
					// Another entry.
				case ssa.CallInstruction:
					c := in.Common()
					for _, callee := range r.callees(c) {
						put(callee, v.e, r.argsShared(v.fn, v.e, shared, c, callee))
					}
				case *ssa.MakeClosure:
					if fn, ok := in.Fn.(*ssa.Function); ok && !r.isEntry(fn) {
						put(fn, v.e, make([]bool, len(fn.Params)))
					}
				}
			}
		}
	}
}

func (r *Result) isEntry(fn *ssa.Function) bool {
	for _, e := range r.Entries {
		if e.Fn == fn {
			return true
		}
	}
	return false
}

// entryShared: which of the entry function's parameters are the same value
// in all its instances. A handler's request and writer are per request (its
// receiver is shared); a goroutine's arguments are shared unless made again
// by the loop that starts it.
func (e *Entry) entryShared() []bool {
	out := make([]bool, len(e.Fn.Params))
	if e.Kind == Handler {
		if e.Fn.Signature.Recv() != nil && len(out) > 0 {
			out[0] = true
		}
		return out
	}
	for i := range out {
		if i < len(e.args) {
			out[i] = !(e.InLoop && madeInCycle(e.args[i], e.Start.Block()))
		}
	}
	return out
}

// madeInCycle: v is computed anew on each round of the loop through b.
func madeInCycle(v ssa.Value, b *ssa.BasicBlock) bool {
	in, ok := v.(ssa.Instruction)
	return ok && in.Block() != nil && sameCycle(in.Block(), b)
}

// argsShared: which of callee's parameters the call binds to shared values.
func (r *Result) argsShared(fn *ssa.Function, e *Entry, shared []bool, c *ssa.CallCommon, callee *ssa.Function) []bool {
	args := c.Args
	if c.IsInvoke() {
		args = append([]ssa.Value{c.Value}, c.Args...)
	}
	out := make([]bool, len(callee.Params))
	for i := range out {
		if i >= len(args) {
			break
		}
		k, ok := lockstate.KeyOf(fn, args[i])
		if !ok {
			continue
		}
		out[i] = r.SharedKey(Context{Entry: e, Shared: shared}, k)
	}
	return out
}

// callees are the functions of this program a call can run: its static
// callee, or for an interface call the method of each type of this package
// that implements the interface (the package's own types are the ones whose
// accesses rules see).
func (r *Result) callees(c *ssa.CallCommon) []*ssa.Function {
	if !c.IsInvoke() {
		if fn := c.StaticCallee(); fn != nil {
			return []*ssa.Function{fn}
		}
		return nil
	}
	iface, ok := c.Value.Type().Underlying().(*types.Interface)
	if !ok || len(r.Funcs) == 0 || r.Funcs[0].Pkg == nil {
		return nil
	}
	pkg := r.Funcs[0].Pkg.Pkg
	var out []*ssa.Function
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		if _, isIface := tn.Type().Underlying().(*types.Interface); isIface {
			continue
		}
		for _, t := range []types.Type{tn.Type(), types.NewPointer(tn.Type())} {
			if !types.Implements(t, iface) {
				continue
			}
			if fn := r.prog.LookupMethod(t, c.Method.Pkg(), c.Method.Name()); fn != nil {
				out = append(out, fn)
			}
			break
		}
	}
	return out
}

// propagateMulti: an entry started by code that runs concurrently with
// itself runs concurrently with itself too.
func (r *Result) propagateMulti() {
	for changed := true; changed; {
		changed = false
		for _, e := range r.Entries {
			if e.Multi || e.Starter == nil {
				continue
			}
			for _, ctx := range r.Contexts(e.Starter) {
				if ctx.Entry.Multi {
					e.Multi, changed = true, true
					break
				}
			}
		}
	}
}

// AfterStart lists the instructions of e's starter that can run while e
// runs: those reachable from the start without passing a wait (a receive, a
// select, a WaitGroup or errgroup Wait). For an entry started in a loop, the
// loop's next rounds included.
func (r *Result) AfterStart(e *Entry) []ssa.Instruction {
	if e.Start == nil {
		return nil
	}
	var out []ssa.Instruction
	seen := map[*ssa.BasicBlock]bool{}
	var walk func(b *ssa.BasicBlock, from int)
	walk = func(b *ssa.BasicBlock, from int) {
		for _, in := range b.Instrs[from:] {
			if Waits(in) {
				return
			}
			out = append(out, in)
		}
		for _, s := range b.Succs {
			if !seen[s] {
				seen[s] = true
				walk(s, 0)
			}
		}
	}
	b := e.Start.Block()
	for i, in := range b.Instrs {
		if in == e.Start {
			walk(b, i+1)
			break
		}
	}
	return out
}

// Waits: the instruction blocks until another goroutine acts — a receive, a
// select without default (a range over a channel receives too), a WaitGroup
// or errgroup Wait — so what follows is ordered after what the other
// goroutine did before it.
func Waits(in ssa.Instruction) bool {
	switch in := in.(type) {
	case *ssa.UnOp:
		return in.Op == token.ARROW
	case *ssa.Select:
		return in.Blocking
	case *ssa.Call:
		obj := calleeObject(in.Common())
		if obj == nil || obj.Name() != "Wait" {
			return false
		}
		recv := obj.Signature().Recv()
		return recv != nil && (isNamed(recv.Type(), "sync", "WaitGroup") || isNamed(recv.Type(), "golang.org/x/sync/errgroup", "Group"))
	}
	return false
}
