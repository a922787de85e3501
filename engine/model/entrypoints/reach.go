package entrypoints

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/lockstate"
	"github.com/goconc/goconc/engine/model/ssaflow"
	"github.com/goconc/goconc/engine/model/syncops"
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
	r.reach = map[*ssa.Function]map[*Entry][]bool{}
	r.guarded = map[*ssa.Function]map[*Entry]bool{}
	var work []visit
	put := func(fn *ssa.Function, e *Entry, shared []bool, guarded bool) {
		if fn == nil || len(fn.Blocks) == 0 {
			return
		}
		if r.reach[fn] == nil {
			r.reach[fn] = map[*Entry][]bool{}
			r.guarded[fn] = map[*Entry]bool{}
		}
		old, seen := r.reach[fn][e]
		if !seen {
			r.reach[fn][e] = shared
			r.guarded[fn][e] = guarded
			work = append(work, visit{fn, e})
			return
		}
		changed := false
		for i := range old {
			if old[i] && (i >= len(shared) || !shared[i]) {
				old[i], changed = false, true
			}
		}
		if r.guarded[fn][e] && !guarded {
			r.guarded[fn][e], changed = false, true
		}
		if changed {
			work = append(work, visit{fn, e})
		}
	}
	for _, e := range r.Entries {
		put(e.Fn, e, append([]bool(nil), e.shared...), false)
	}
	for len(work) > 0 {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		shared := r.reach[v.fn][v.e]
		guarded := r.guarded[v.fn][v.e]
		for _, b := range v.fn.Blocks {
			for _, in := range b.Instrs {
				switch in := in.(type) {
				case *ssa.Go:
					// Another entry.
				case ssa.CallInstruction:
					c := in.Common()
					g := guarded || r.lockHeld(in)
					for _, callee := range r.Callees(c) {
						if c.IsInvoke() && r.inTestFile(callee) && !r.inTestFile(v.fn) {
							continue // a test double: not what production code calls
						}
						put(callee, v.e, r.argsShared(v.fn, v.e, shared, c, callee), g)
					}
				case *ssa.MakeClosure:
					// A closure called right here runs in this context (its
					// call is dynamic only in form); one handed to other code
					// runs when, and under whatever lock, that code decides.
					if fn, ok := in.Fn.(*ssa.Function); ok && !r.isEntry(fn) && calledInPlace(in) {
						put(fn, v.e, make([]bool, len(fn.Params)), guarded)
					}
				}
			}
		}
	}
}

// inTestFile: fn is declared in a _test.go file.
func (r *Result) inTestFile(fn *ssa.Function) bool {
	return strings.HasSuffix(r.prog.Fset.Position(fn.Pos()).Filename, "_test.go")
}

// calledInPlace: every use of the closure is a call or defer of it.
func calledInPlace(mc *ssa.MakeClosure) bool {
	refs := *mc.Referrers()
	for _, ref := range refs {
		c, ok := ref.(ssa.CallInstruction)
		if !ok || c.Common().Value != mc {
			return false
		}
	}
	return len(refs) > 0
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
func (e *Entry) initialShared() []bool {
	out := make([]bool, len(e.Fn.Params))
	if e.ServesRequests() {
		if e.Fn.Signature.Recv() != nil && len(out) > 0 {
			out[0] = true
		}
		return out
	}
	for i := range out {
		if i < len(e.args) {
			out[i] = !e.madeInLoop(e.args[i])
		}
	}
	return out
}

// madeInLoop: v is computed anew on each round of the loop that starts e.
func (e *Entry) madeInLoop(v ssa.Value) bool {
	in, ok := v.(ssa.Instruction)
	return ok && e.InLoop && in.Parent() == e.Starter && e.cycle[in.Block()]
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
		k, ok := r.argKey(fn, args[i])
		if !ok {
			continue
		}
		out[i] = r.SharedKey(Context{Entry: e, Shared: shared}, fn, k)
	}
	return out
}

// argKey is lockstate.KeyOf, memoised while the reach is computed (run
// only, before any rule reads the result): the same call is propagated
// once per entry that reaches it.
func (r *Result) argKey(fn *ssa.Function, v ssa.Value) (lockstate.Key, bool) {
	q := argQuery{fn, v}
	if a, ok := r.argKeys[q]; ok {
		return a.key, a.ok
	}
	k, ok := lockstate.KeyOf(fn, v)
	if r.argKeys == nil {
		r.argKeys = map[argQuery]argAnswer{}
	}
	r.argKeys[q] = argAnswer{k, ok}
	return k, ok
}

type argQuery struct {
	fn *ssa.Function
	v  ssa.Value
}

type argAnswer struct {
	key lockstate.Key
	ok  bool
}

// Callees are the functions of this program a call can run: its static
// callee, or for an interface call the method of each type of this package
// that implements the interface (the package's own types are the ones whose
// accesses rules see).
func (r *Result) Callees(c *ssa.CallCommon) []*ssa.Function {
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
	key := types.TypeString(c.Value.Type(), nil) + "." + c.Method.Name()
	r.cacheMu.Lock()
	fns, ok := r.impls[key]
	r.cacheMu.Unlock()
	if ok {
		return fns
	}
	fns = r.implementations(iface, c.Method)
	r.cacheMu.Lock()
	if r.impls == nil {
		r.impls = map[string][]*ssa.Function{}
	}
	r.impls[key] = fns
	r.cacheMu.Unlock()
	return fns
}

// implementations are the methods named m of the package's types that
// implement iface.
func (r *Result) implementations(iface *types.Interface, m *types.Func) []*ssa.Function {
	r.byMethodOnce.Do(r.indexMethods)
	var out []*ssa.Function
	for _, named := range r.byMethod[m.Name()] {
		for _, t := range []types.Type{named, types.NewPointer(named)} {
			if !types.Implements(t, iface) {
				continue
			}
			if fn := r.prog.LookupMethod(t, m.Pkg(), m.Name()); fn != nil {
				out = append(out, fn)
			}
			break
		}
	}
	return out
}

// indexMethods lists each concrete named type of the package under the
// names of the methods of its pointer (promoted ones included): the only
// types an interface call of that method can reach.
func (r *Result) indexMethods() {
	r.byMethod = map[string][]types.Type{}
	scope := r.Funcs[0].Pkg.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		if _, isIface := tn.Type().Underlying().(*types.Interface); isIface {
			continue
		}
		for sel := range types.NewMethodSet(types.NewPointer(tn.Type())).Methods() {
			r.byMethod[sel.Obj().Name()] = append(r.byMethod[sel.Obj().Name()], tn.Type())
		}
	}
}

// refineStarted: an argument of an entry whose starter runs in entries is
// shared only if it is shared in every context of the starter.
func (r *Result) refineStarted() {
	for _, e := range r.Entries {
		if e.Starter == nil {
			continue
		}
		ctxs := r.Contexts(e.Starter)
		for i := range e.shared {
			if !e.shared[i] || i >= len(e.args) {
				continue
			}
			k, ok := lockstate.KeyOf(e.Starter, e.args[i])
			for _, ctx := range ctxs {
				if !ok || !r.SharedKey(ctx, e.Starter, k) {
					e.shared[i] = false
					break
				}
			}
		}
	}
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

// Concurrent says whether two different entries can run at the same time:
// two handlers, or two entries of one starter where one starts before the
// starter waits for the other.
func (r *Result) Concurrent(a, b *Entry) bool {
	if a.ServesRequests() && b.ServesRequests() {
		return true
	}
	if a.Starter == nil || a.Starter != b.Starter {
		return false
	}
	for _, in := range r.AfterStart(a, nil) {
		if in == b.Start {
			return true
		}
	}
	for _, in := range r.AfterStart(b, nil) {
		if in == a.Start {
			return true
		}
	}
	return false
}

// AfterStart lists the instructions of e's starter that can run while e
// runs: those reachable from the start without passing a wait (a receive, a
// select, a WaitGroup or errgroup Wait). For an entry started in a loop, the
// loop's next rounds included, up to until (a variable's declaration: past
// it, the next round has a new variable), if not nil.
func (r *Result) AfterStart(e *Entry, until ssa.Instruction) []ssa.Instruction {
	if e.Start == nil {
		return nil
	}
	key := afterKey{e, until}
	r.cacheMu.Lock()
	cached, ok := r.after[key]
	r.cacheMu.Unlock()
	if ok {
		return cached
	}
	var out []ssa.Instruction
	seen := map[*ssa.BasicBlock]bool{}
	var walk func(b *ssa.BasicBlock, from int)
	walk = func(b *ssa.BasicBlock, from int) {
		for _, in := range b.Instrs[from:] {
			if Waits(in) || in == until || r.CallWaits(in) {
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
	r.cacheMu.Lock()
	if r.after == nil {
		r.after = map[afterKey][]ssa.Instruction{}
	}
	r.after[key] = out
	r.cacheMu.Unlock()
	return out
}

type afterKey struct {
	e     *Entry
	until ssa.Instruction
}

// Waits: the instruction blocks until another goroutine acts — a receive, a
// select without default (a range over a channel receives too), a WaitGroup
// or errgroup Wait, any method named Wait, testing/synctest.Wait — so what
// follows is ordered after what the other goroutine did before it.
func Waits(in ssa.Instruction) bool {
	switch in := in.(type) {
	case *ssa.UnOp:
		return in.Op == token.ARROW
	case *ssa.Select:
		return in.Blocking && !doneFallsThrough(in)
	case *ssa.Call:
		obj := calleeObject(in.Common())
		if obj == nil || obj.Name() != "Wait" {
			return false
		}
		recv := obj.Signature().Recv()
		if recv == nil {
			// testing/synctest.Wait: every other goroutine of the bubble is
			// durably blocked, and what they did happens before it returns.
			return obj.Pkg() != nil && obj.Pkg().Path() == "testing/synctest"
		}
		// A WaitGroup's or errgroup's Wait; and any other method named Wait
		// (a Cond's, a process's, a test double's `n.Wait(1)` that returns
		// once the goroutine recorded its action): it blocks until
		// something else happens, and what follows it is not counted as
		// running alongside the goroutine.
		return true
	}
	return false
}

// CallWaits: in calls a function of the package that waits (itself or in a
// function it calls, up to three calls down) — a closure kept in a
// variable, a sync.Once's function included (`closeChannels()` doing
// `once.Do(func() { wg.Wait(); <-done })`).
func (r *Result) CallWaits(in ssa.Instruction) bool {
	call, ok := in.(*ssa.Call)
	if !ok {
		return false
	}
	for _, fn := range calledFuncs(&call.Call) {
		if r.mayWait(fn, 0) {
			return true
		}
	}
	return false
}

// calledFuncs: the function a call runs, when known, and the function a
// sync.Once's Do runs.
func calledFuncs(c *ssa.CallCommon) []*ssa.Function {
	callee, _ := lockstate.Callee(c)
	if callee == nil {
		return nil
	}
	out := []*ssa.Function{callee}
	if obj, ok := callee.Object().(*types.Func); ok && obj.Name() == "Do" && len(c.Args) == 2 {
		if recv := obj.Signature().Recv(); recv != nil && syncops.IsNamed(recv.Type(), "sync", "Once") {
			if f := funcOf(c.Args[1]); f != nil {
				out = append(out, f)
			}
		}
	}
	return out
}

// mayWait: fn, or a function it calls (up to three calls down), waits.
func (r *Result) mayWait(fn *ssa.Function, depth int) bool {
	if len(fn.Blocks) == 0 || depth > 3 {
		return false
	}
	r.cacheMu.Lock()
	w, ok := r.waits[fn]
	r.cacheMu.Unlock()
	if ok {
		return w
	}
	w = false
	for _, b := range fn.Blocks {
		for _, in := range b.Instrs {
			if w {
				break
			}
			if Waits(in) {
				w = true
			} else if call, ok := in.(*ssa.Call); ok {
				for _, g := range calledFuncs(&call.Call) {
					if g != fn && r.mayWait(g, depth+1) {
						w = true
					}
				}
			}
		}
	}
	if depth == 0 {
		r.cacheMu.Lock()
		if r.waits == nil {
			r.waits = map[*ssa.Function]bool{}
		}
		r.waits[fn] = w
		r.cacheMu.Unlock()
	}
	return w
}

// doneFallsThrough: the select has a case on a context's Done channel whose
// body carries on past the select (`select { case <-ctx.Done(): case
// <-ready: }; use(x)`): on that way nothing was received from the goroutine
// it waits for, so what follows is not ordered after it (grpc-go#4627). A
// Done case that returns, or a select whose shape is not recognised, waits.
func doneFallsThrough(sel *ssa.Select) bool {
	done := -1
	for i, st := range sel.States {
		if st.Dir == types.RecvOnly && isContextDone(st.Chan) {
			done = i
		}
	}
	if done < 0 {
		return false
	}
	body := ssaflow.SelectCase(sel, done)
	if body == nil {
		return false
	}
	if len(body.Preds) > 1 {
		return true // an empty case: its branch goes straight to the code after the select
	}
	for _, b := range sel.Parent().Blocks {
		if !body.Dominates(b) || len(b.Instrs) == 0 {
			continue
		}
		switch b.Instrs[len(b.Instrs)-1].(type) {
		case *ssa.Return, *ssa.Panic:
			return false
		}
	}
	return true
}

// isContextDone: v is ctx.Done() of a context.Context.
func isContextDone(v ssa.Value) bool {
	call, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	c := call.Common()
	if c.IsInvoke() {
		return c.Method.Name() == "Done" && syncops.IsNamed(c.Value.Type(), "context", "Context")
	}
	obj := calleeObject(c)
	return obj != nil && obj.Name() == "Done" && obj.Pkg() != nil && obj.Pkg().Path() == "context"
}
