package races

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/entrypoints"
	"github.com/goconc/goconc/engine/model/lockstate"
	"github.com/goconc/goconc/engine/model/ssaflow"
)

// Mixed races: an access holding no lock that races with an access of the
// same location holding one — the lockset argument (the two hold no lock in
// common) with its strongest evidence, the author's own lock on the other
// side saying the location is shared. At least one of the two writes. The
// two sides run concurrently by the entry-point model: two instances of an
// entry that runs concurrently with itself (a handler, goroutines started in
// a loop), an entry and its starter before the starter waits, or two entries
// of one starter; and they name one location: the same key in the entry's
// frame for instances of it, the key in the starter's frame otherwise (a
// field of a value the starter hands over, followed into the functions each
// side calls, up to liftDepth calls down).
//
// Hand-offs that order the two sides are respected: a side's access after a
// receive or Wait (in its goroutine) does not race with the other side when
// the other side can signal (send, close, Done, Signal, Broadcast, a cancel
// function), as it may be what the access waited for.

// mixed adds the mixed races of the package to res, one per access.
func (m *model) mixed(res *Result) {
	reported := map[ssa.Instruction]bool{}
	for _, r := range res.Races {
		reported[r.At.Instr] = true
	}
	add := func(r Race) {
		if !reported[r.At.Instr] {
			reported[r.At.Instr] = true
			res.Races = append(res.Races, r)
		}
	}
	entries := m.ep.Entries
	for i, e := range entries {
		if e.Multi {
			m.mixedWithItself(e, add)
		}
		if e.Starter == nil || e.Start == nil {
			continue
		}
		m.mixedWithStarter(e, add)
		for _, oe := range entries[i+1:] {
			if oe.Starter == e.Starter && oe.Start != nil && m.ep.Concurrent(e, oe) {
				m.mixedWithOther(e, oe, add)
			}
		}
		m.mixedEscaping(e, add)
	}
}

// mixedEscaping: an entry its starter does not wait for — a goroutine a
// constructor starts and returns from (`l := &Limiter{}; go l.janitor();
// return l`) — and the entries the constructor's caller starts after the
// call, on the object the constructor returns: the goroutine's accesses
// are named in the caller's frame through the returned value.
func (m *model) mixedEscaping(e *entrypoints.Entry, add func(Race)) {
	if !m.escapes(e) {
		return
	}
	rk, ok := m.returnedKey(e.Starter)
	if !ok {
		return
	}
	mine := m.entryInStarterAll(e)
	for _, c := range m.callSites()[e.Starter] {
		caller := c.Parent()
		names := valueNames(caller, c)
		if len(names) == 0 {
			continue
		}
		after := reachableAfter(c)
		for _, oe := range m.ep.Entries {
			if oe.Starter != caller || oe.Start == nil || !after[oe.Start] {
				continue
			}
			others := m.entryInStarterAll(oe)
			for _, xs := range mine {
				var ys []inStart
				for _, vk := range names {
					if k, ok := rebase(xs[0].starterKey, rk, vk); ok {
						ys = append(ys, others[k.ID()]...)
					}
				}
				m.pairEntries(e, oe, xs, ys, add)
			}
		}
	}
}

// valueNames are the keys v, a call's result in fn, goes by there: the
// value itself, and the variable it is stored in when that is its only
// value (`win := newWindow()` captured by a closure).
func valueNames(fn *ssa.Function, v *ssa.Call) []lockstate.Key {
	var out []lockstate.Key
	if k, ok := lockstate.ValueKey(fn, v); ok {
		out = append(out, k)
	}
	for _, r := range *v.Referrers() {
		st, ok := r.(*ssa.Store)
		if !ok || st.Val != ssa.Value(v) {
			continue
		}
		if a, ok := st.Addr.(*ssa.Alloc); ok && ssaflow.OnlyStore(a) != nil {
			if k, ok := lockstate.KeyOf(fn, a); ok {
				out = append(out, k.With(lockstate.Step{Deref: true}))
			}
		}
	}
	return out
}

// escapes: e can still run when its starter returns (no wait between the
// start and a return).
func (m *model) escapes(e *entrypoints.Entry) bool {
	if e.Starter == nil || e.Start == nil {
		return false
	}
	for _, in := range m.ep.AfterStart(e, nil) {
		if _, ok := in.(*ssa.Return); ok {
			return true
		}
	}
	return false
}

// returnedKey is what fn returns as its first result, named in fn's frame,
// when every return that returns something other than nil returns it.
func (m *model) returnedKey(fn *ssa.Function) (lockstate.Key, bool) {
	var out lockstate.Key
	found := false
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || len(ret.Results) == 0 {
			continue
		}
		r := ret.Results[0]
		if c, ok := r.(*ssa.Const); ok && c.IsNil() {
			continue
		}
		k, ok := lockstate.KeyOf(fn, r)
		if !ok || (found && k.ID() != out.ID()) {
			return lockstate.Key{}, false
		}
		out, found = k, true
	}
	return out, found
}

// rebase: k, a key in the frame where from names a value, as a key in the
// frame where to names it (k's path past from's).
func rebase(k, from, to lockstate.Key) (lockstate.Key, bool) {
	if k.Root != from.Root || k.Index != from.Index || k.Global != from.Global || k.Local != from.Local || len(k.Path) < len(from.Path) {
		return lockstate.Key{}, false
	}
	for i, s := range from.Path {
		if k.Path[i] != s {
			return lockstate.Key{}, false
		}
	}
	out := to
	out.Path = append(append([]lockstate.Step(nil), to.Path...), k.Path[len(from.Path):]...)
	return out, true
}

// reachableAfter: the instructions that can run after in, in its function.
func reachableAfter(in ssa.Instruction) map[ssa.Instruction]bool {
	return reachFrom(in.Block(), indexOf(in)+1, func(ssa.Instruction) bool { return false })
}

// mixedPair: a holds no lock, b holds one, one of them writes, and both are
// the same kind of access (a map's elements, or the variable itself).
func mixedPair(a, b lifted) bool {
	return !a.Locked && b.Locked && b.Lock != nil && a.Map == b.Map && (a.Write || b.Write)
}

// mixedWithItself: two instances of e, one accessing a location e's
// instances share without a lock, the other holding one.
func (m *model) mixedWithItself(e *entrypoints.Entry, add func(Race)) {
	var ctx entrypoints.Context
	for _, c := range m.contexts(e.Fn) {
		if c.Entry == e {
			ctx = c
		}
	}
	if ctx.Entry == nil {
		return
	}
	byKey := map[string][]lifted{}
	for _, l := range m.liftAll(e.Fn, 0) {
		if l.Key.Root != lockstate.RootLocal {
			byKey[l.Key.ID()] = append(byKey[l.Key.ID()], l)
		}
	}
	for _, ls := range byKey {
		if !anyLocked(ls) || !m.ep.SharedKey(ctx, e.Fn, ls[0].Key) {
			continue
		}
		for _, a := range ls {
			if m.callerLocked(a, e.Fn) {
				continue
			}
			for _, b := range ls {
				if mixedPair(a, b) {
					other := b.Access
					add(Race{At: a.Access, Context: ctx, Conflict: WithItself, Other: &other, OtherLock: b.Lock})
					break
				}
			}
		}
	}
}

// mixedWithStarter: e and its starter, before the starter waits.
func (m *model) mixedWithStarter(e *entrypoints.Entry, add func(Race)) {
	ctx := entrypoints.Context{Entry: e}
	starterGuarded := m.guardedByCallers(e.Starter, 0)
	starterSignals := m.signals(e.Starter, 0)
	for id, xs := range m.entryInStarterAll(e) {
		k := xs[0].starterKey
		var until ssa.Instruction
		if e.InLoop {
			until = m.declaredIn(e.Starter, k)
		}
		for _, s := range m.starterWhileAll(e, until)[id] {
			for _, x := range xs {
				if (m.afterWait(e.Fn, x.Site) && starterSignals) || storesStart(e, s) || storesStart(e, x.lifted) {
					continue
				}
				switch {
				case mixedPair(x.lifted, s) && !m.callerLocked(x.lifted, e.Fn):
					other := s.Access
					add(Race{At: x.Access, Context: ctx, Conflict: WithStarter, Other: &other, OtherLock: s.Lock})
				case mixedPair(s, x.lifted) && !starterGuarded && !m.callerLocked(s, e.Starter):
					other := x.Access
					add(Race{At: s.Access, Context: ctx, Conflict: WithStarter, Other: &other, OtherLock: x.Lock, InStarter: true})
				}
			}
		}
	}
}

// mixedWithOther: two entries of one starter that run concurrently.
func (m *model) mixedWithOther(e, oe *entrypoints.Entry, add func(Race)) {
	others := m.entryInStarterAll(oe)
	for id, xs := range m.entryInStarterAll(e) {
		m.pairEntries(e, oe, xs, others[id], add)
	}
}

// pairEntries reports the mixed pairs among xs, accesses of e, and ys, of
// oe, all naming one location: the unlocked side of each, unless a side
// runs only after a wait the other side can end.
func (m *model) pairEntries(e, oe *entrypoints.Entry, xs, ys []inStart, add func(Race)) {
	if len(xs) == 0 || len(ys) == 0 {
		return
	}
	eSignals, oSignals := m.signals(e.Fn, 0), m.signals(oe.Fn, 0)
	ectx, octx := entrypoints.Context{Entry: e}, entrypoints.Context{Entry: oe}
	for _, y := range ys {
		for _, x := range xs {
			if (m.afterWait(e.Fn, x.Site) && oSignals) || (m.afterWait(oe.Fn, y.Site) && eSignals) {
				continue
			}
			switch {
			case mixedPair(x.lifted, y.lifted) && !m.callerLocked(x.lifted, e.Fn):
				other := y.Access
				add(Race{At: x.Access, Context: ectx, Conflict: WithOther, Other: &other, OtherCtx: &octx, OtherLock: y.Lock})
			case mixedPair(y.lifted, x.lifted) && !m.callerLocked(y.lifted, oe.Fn):
				other := x.Access
				add(Race{At: y.Access, Context: octx, Conflict: WithOther, Other: &other, OtherCtx: &ectx, OtherLock: x.Lock})
			}
		}
	}
}

// callerLocked: the access's function, or the frame it is lifted into, runs
// under a lock its caller holds — documented so (lockdocs), or seen: it
// releases a lock it did not take, or some call of the frame holds a lock;
// or the access is to a map swapped out under the lock.
func (m *model) callerLocked(a lifted, frame *ssa.Function) bool {
	return m.lockedFuncs[funcObj(frame)] || m.lockedFuncs[funcObj(a.Fn)] || m.entersLocked(frame) || m.entersLocked(a.Fn) ||
		m.someCallerLocks(frame, 0) || m.swappedOut(a.Access)
}

// someCallerLocks: a call of fn (or of a function calling it, up to three
// calls up) holds, or may hold, a lock — which paths run under it depends on
// values the model does not know, so the access is not reported (as for a
// lock held on some paths to it).
func (m *model) someCallerLocks(fn *ssa.Function, depth int) bool {
	if depth > 3 {
		return false
	}
	for _, c := range m.callSites()[fn] {
		if locked, _ := m.heldAt(c); locked {
			return true
		}
		if c.Parent() != fn && m.someCallerLocks(c.Parent(), depth+1) {
			return true
		}
	}
	return false
}

// swappedOut: a map access through a value loaded from a field under a lock
// in a function that also stores to that field — the map was taken out and
// replaced (`subs := c.subs; c.subs = nil` under c.mu), and what is read
// afterwards is the function's own.
func (m *model) swappedOut(a Access) bool {
	if !a.Map {
		return false
	}
	ld, ok := mapOperand(a.Instr).(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return false
	}
	if locked, _ := m.heldAt(ld); !locked {
		return false
	}
	k, ok := lockstate.KeyOf(ld.Parent(), ld.X)
	if !ok {
		return false
	}
	for _, b := range ld.Parent().Blocks {
		for _, in := range b.Instrs {
			if st, ok := in.(*ssa.Store); ok {
				if sk, ok := lockstate.KeyOf(ld.Parent(), st.Addr); ok && sk.ID() == k.ID() {
					return true
				}
			}
		}
	}
	return false
}

// mapOperand is the map a map access uses.
func mapOperand(in ssa.Instruction) ssa.Value {
	switch in := in.(type) {
	case *ssa.Lookup:
		return in.X
	case *ssa.MapUpdate:
		return in.Map
	case *ssa.Range:
		return in.X
	case *ssa.Call:
		if len(in.Call.Args) == 2 {
			return in.Call.Args[0] // delete(m, k)
		}
	}
	return nil
}

// entersLocked: fn unlocks a mutex the lock model does not see it hold —
// one its caller locked (nats' doTLSHandshake, entered with c.mu held).
func (m *model) entersLocked(fn *ssa.Function) bool {
	if v, ok := m.th.entersLocked[fn]; ok {
		return v
	}
	v := false
	for _, b := range fn.Blocks {
		for _, in := range b.Instrs {
			call, ok := in.(*ssa.Call)
			if !ok || v {
				continue
			}
			k, ok := lockstate.ReleasedLock(fn, &call.Call)
			held, known := m.ls.HeldAt(call)
			if !ok || !known {
				continue
			}
			v = !holds(held.May, k)
		}
	}
	m.th.entersLocked[fn] = v
	return v
}

func funcObj(fn *ssa.Function) *types.Func {
	f, _ := fn.Object().(*types.Func)
	return f
}

func holds(ls []lockstate.HeldLock, k lockstate.Key) bool {
	for _, l := range ls {
		if l.Key.ID() == k.ID() {
			return true
		}
	}
	return false
}

// storesStart: the access stores the value the start returns — the timer
// of `t.timer = time.AfterFunc(d, f)`, whose callback cannot run before d
// has passed; the idiom is not reported.
func storesStart(e *entrypoints.Entry, a lifted) bool {
	st, ok := a.Instr.(*ssa.Store)
	if !ok {
		return false
	}
	v, ok := e.Start.(ssa.Value)
	return ok && st.Val == v
}

func anyLocked(ls []lifted) bool {
	for _, l := range ls {
		if l.Locked && l.Lock != nil {
			return true
		}
	}
	return false
}

// inStart is an entry's access named in its starter's frame.
type inStart struct {
	lifted
	starterKey lockstate.Key
}

// entryInStarterAll indexes every access of e (locked or not) by its key in
// e's starter: fields of values the starter hands over (package variables
// and bare variables have the race model's own checks).
func (m *model) entryInStarterAll(e *entrypoints.Entry) map[string][]inStart {
	idx, ok := m.th.inStartAll[e]
	if !ok {
		idx = map[string][]inStart{}
		for _, l := range m.liftAll(e.Fn, 0) {
			if k, ok := m.inStarter(e, l.Key); ok && k.Root != lockstate.RootGlobal && len(k.Path) > 0 {
				idx[k.ID()] = append(idx[k.ID()], inStart{l, k})
			}
		}
		m.th.inStartAll[e] = idx
	}
	return idx
}

// starterWhileAll indexes every access of the starter (locked or not) that
// can run while e runs, by key.
func (m *model) starterWhileAll(e *entrypoints.Entry, until ssa.Instruction) map[string][]lifted {
	ak := afterKey{e, until}
	idx, ok := m.th.starterAll[ak]
	if !ok {
		idx = map[string][]lifted{}
		after := m.reachedBeforeWait(e.Start.Block(), indexOf(e.Start)+1, until)
		for _, l := range m.liftAll(e.Starter, 0) {
			if after[l.Site] {
				idx[l.Key.ID()] = append(idx[l.Key.ID()], l)
			}
		}
		m.th.starterAll[ak] = idx
	}
	return idx
}

// afterWait: in, an instruction of fn, can only run after fn has waited
// (received, selected, Waited) or called a function that may.
func (m *model) afterWait(fn *ssa.Function, in ssa.Instruction) bool {
	before, ok := m.th.before[fn]
	if !ok {
		if len(fn.Blocks) > 0 {
			before = m.reachedBeforeWait(fn.Blocks[0], 0, nil)
		}
		m.th.before[fn] = before
	}
	return !before[in]
}

// signals: fn, or a function it calls (up to liftDepth calls down), can
// release a goroutine waiting on it: a send, a close, a WaitGroup Done, a
// Cond Signal or Broadcast, a call of a function value (a context's cancel
// function among them).
func (m *model) signals(fn *ssa.Function, depth int) bool {
	if s, ok := m.th.signals[fn]; ok {
		return s
	}
	if depth > liftDepth {
		return false
	}
	m.th.signals[fn] = false // a recursive call adds nothing
	s := false
	for _, b := range fn.Blocks {
		for _, in := range b.Instrs {
			if s {
				break
			}
			s = signalsHere(in)
			if call, ok := in.(ssa.CallInstruction); ok && !s {
				if callee, _ := lockstate.Callee(call.Common()); callee != nil && callee != fn && len(callee.Blocks) > 0 {
					s = m.signals(callee, depth+1)
				}
			}
		}
	}
	m.th.signals[fn] = s
	return s
}

func signalsHere(in ssa.Instruction) bool {
	switch in := in.(type) {
	case *ssa.Send:
		return true
	case *ssa.Select:
		for _, st := range in.States {
			if st.Dir == types.SendOnly {
				return true
			}
		}
	case ssa.CallInstruction:
		c := in.Common()
		if b, ok := c.Value.(*ssa.Builtin); ok {
			return b.Name() == "close"
		}
		if c.IsInvoke() {
			return false
		}
		if fn := c.StaticCallee(); fn != nil {
			if fn.Signature.Recv() == nil {
				return false
			}
			switch fn.Name() {
			case "Done", "Signal", "Broadcast":
				return fn.Pkg != nil && fn.Pkg.Pkg.Path() == "sync"
			}
			return false
		}
		// A call of a function value: a cancel function, a callback that
		// may signal.
		return true
	}
	return false
}
