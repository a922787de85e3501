package races

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/entrypoints"
	"github.com/goconc/goconc/engine/model/lockstate"
	"github.com/goconc/goconc/engine/model/ssaflow"
)

// liftDepth bounds how many calls down a function's accesses are followed.
const liftDepth = 3

// lifted is an access of a function or of one it calls (statically, up to
// liftDepth calls down), named in that function's frame: a callee's
// parameter becomes the argument's key, so `cc.add()` and `cc.m[k] = v` in
// the caller name one map. Locals of the frame keep their names: they mean
// the same variable for every access of one call.
type lifted struct {
	Access
	Key  lockstate.Key   // the location, in the frame's function
	Site ssa.Instruction // the frame's instruction: the access, or the call that leads to it
	// Locked: a lock is (or may be) held at the access or at a call on the
	// way. Lock is one of them (a surely held one first); nil when the lock
	// model gave up on a function on the way.
	Locked bool
	Lock   *lockstate.HeldLock
}

type liftKey struct {
	fn    *ssa.Function
	depth int
}

// through holds the lifted accesses of the functions the through-pointer
// check has looked at, with their indexes.
type through struct {
	all     map[liftKey][]lifted // every access, locked or not
	lifts   map[liftKey][]lifted // the unlocked ones
	signals map[*ssa.Function]bool
	before  map[*ssa.Function]map[ssa.Instruction]bool
	byInstr map[*ssa.Function]map[ssa.Instruction][]lifted // depth 0, by original instruction
	inStart map[*entrypoints.Entry]map[string][]lifted     // an entry's lifted accesses by their key in its starter
	starter map[afterKey]map[string][]lifted               // a starter's accesses while the entry runs, by key
	// the same two, locked accesses included (mixed.go)
	inStartAll   map[*entrypoints.Entry]map[string][]inStart
	starterAll   map[afterKey]map[string][]lifted
	declared     map[*ssa.Function]map[string]ssa.Instruction // a function's variables by their key's Local
	entersLocked map[*ssa.Function]bool
}

func newThrough() *through {
	return &through{
		all:          map[liftKey][]lifted{},
		lifts:        map[liftKey][]lifted{},
		signals:      map[*ssa.Function]bool{},
		before:       map[*ssa.Function]map[ssa.Instruction]bool{},
		byInstr:      map[*ssa.Function]map[ssa.Instruction][]lifted{},
		inStart:      map[*entrypoints.Entry]map[string][]lifted{},
		starter:      map[afterKey]map[string][]lifted{},
		inStartAll:   map[*entrypoints.Entry]map[string][]inStart{},
		starterAll:   map[afterKey]map[string][]lifted{},
		declared:     map[*ssa.Function]map[string]ssa.Instruction{},
		entersLocked: map[*ssa.Function]bool{},
	}
}

// lift lists fn's unlocked accesses and those of its callees in fn's
// frame: accesses with a lock held (or maybe held) there or at a call on
// the way are left out, what they race with being the lock's business.
func (m *model) lift(fn *ssa.Function, depth int) []lifted {
	lk := liftKey{fn, depth}
	if l, ok := m.th.lifts[lk]; ok {
		return l
	}
	var out []lifted
	for _, l := range m.liftAll(fn, depth) {
		if !l.Locked {
			out = append(out, l)
		}
	}
	m.th.lifts[lk] = out
	return out
}

// liftAll lists fn's accesses and those of its callees in fn's frame, each
// with the lock held on the way, if any.
func (m *model) liftAll(fn *ssa.Function, depth int) []lifted {
	t := m.th
	lk := liftKey{fn, depth}
	if l, ok := t.all[lk]; ok {
		return l
	}
	t.all[lk] = nil // a recursive call adds nothing
	// In a callee, only what runs before it waits: what follows a receive or
	// a Wait is ordered after the goroutine that signals it.
	var before map[ssa.Instruction]bool
	if depth > 0 && len(fn.Blocks) > 0 {
		before = m.reachedBeforeWait(fn.Blocks[0], 0, nil)
	}
	var out []lifted
	seen := map[liftSeen]bool{}
	for _, a := range accessesOf(fn, true) {
		if before == nil || before[a.Instr] {
			l := lifted{Access: a, Key: a.Key, Site: a.Instr}
			l.Locked, l.Lock = m.heldAt(a.Instr)
			out = append(out, l)
		}
	}
	if depth < liftDepth {
		for _, b := range fn.Blocks {
			for _, in := range b.Instrs {
				call, ok := in.(*ssa.Call)
				if !ok || (before != nil && !before[in]) {
					continue
				}
				callee, bindings := lockstate.Callee(&call.Call)
				if callee == nil || len(callee.Blocks) == 0 || callee == fn {
					continue
				}
				inner := m.liftAll(callee, depth+1)
				if len(inner) == 0 {
					continue
				}
				locked, lock := m.heldAt(call)
				args := rootKeys(fn, call.Call.Args)
				binds := rootKeys(fn, bindings)
				for _, l := range inner {
					k, ok := substituteRoot(l.Key, args, binds)
					if !ok {
						continue
					}
					s := liftSeen{l.Instr, k.ID(), call}
					if seen[s] {
						continue
					}
					seen[s] = true
					l.Key, l.Site = k, call
					if locked && !l.Locked {
						l.Locked, l.Lock = true, lock
					}
					out = append(out, l)
				}
			}
		}
	}
	t.all[lk] = out
	return out
}

// heldAt: a lock is or may be held at in, and one of them (a surely held
// one first; nil when the lock model gave up on in's function).
func (m *model) heldAt(in ssa.Instruction) (bool, *lockstate.HeldLock) {
	held, ok := m.ls.HeldAt(in)
	switch {
	case !ok && in.Parent().Synthetic != "":
		return false, nil // a wrapper (bound method, promoted method, thunk) only calls the method
	case !ok:
		return true, nil
	case len(held.Must) > 0:
		return true, &held.Must[0]
	case len(held.May) > 0:
		return true, &held.May[0]
	}
	return false, nil
}

type liftSeen struct {
	instr ssa.Instruction
	key   string
	site  ssa.Instruction
}

type rootKey struct {
	key lockstate.Key
	ok  bool
}

func rootKeys(fn *ssa.Function, vs []ssa.Value) []rootKey {
	out := make([]rootKey, len(vs))
	for i, v := range vs {
		out[i].key, out[i].ok = lockstate.KeyOf(fn, v)
	}
	return out
}

// substituteRoot is lockstate.Substitute with the call's argument and
// binding keys computed once.
func substituteRoot(k lockstate.Key, args, binds []rootKey) (lockstate.Key, bool) {
	var base rootKey
	switch k.Root {
	case lockstate.RootGlobal, lockstate.RootCell:
		return k, true
	case lockstate.RootParam:
		if k.Index >= len(args) {
			return lockstate.Key{}, false
		}
		base = args[k.Index]
	case lockstate.RootFreeVar:
		if k.Index >= len(binds) {
			return lockstate.Key{}, false
		}
		base = binds[k.Index]
	default:
		return lockstate.Key{}, false
	}
	if !base.ok {
		return lockstate.Key{}, false
	}
	out := base.key
	out.Path = append(append([]lockstate.Step(nil), base.key.Path...), k.Path...)
	return out, true
}

// reachedBeforeWait lists the instructions reachable from b.Instrs[from]
// without passing a wait (entrypoints.Waits), a call to a function that may
// wait, or until.
func (m *model) reachedBeforeWait(b *ssa.BasicBlock, from int, until ssa.Instruction) map[ssa.Instruction]bool {
	return reachFrom(b, from, func(in ssa.Instruction) bool {
		return in == until || entrypoints.Waits(in) || m.ep.CallWaits(in)
	})
}

// reachFrom lists the instructions reachable from b.Instrs[from], a path
// ending at the first instruction stop accepts (not listed).
func reachFrom(b *ssa.BasicBlock, from int, stop func(ssa.Instruction) bool) map[ssa.Instruction]bool {
	out := map[ssa.Instruction]bool{}
	seen := map[*ssa.BasicBlock]bool{}
	var walk func(b *ssa.BasicBlock, from int)
	walk = func(b *ssa.BasicBlock, from int) {
		for _, in := range b.Instrs[from:] {
			if stop(in) {
				return
			}
			out[in] = true
		}
		for _, s := range b.Succs {
			if !seen[s] {
				seen[s] = true
				walk(s, 0)
			}
		}
	}
	walk(b, from)
	return out
}

// inStarter names k, a location in e.Fn's frame, in the frame of e's
// starter: a parameter becomes the argument bound at the start, a variable
// captured from the starter stays itself. A location made by the entry (its
// locals, variables it declares) has no name there.
func (m *model) inStarter(e *entrypoints.Entry, k lockstate.Key) (lockstate.Key, bool) {
	k, ok := m.inStarterRaw(e, k)
	if !ok {
		return k, false
	}
	return m.throughLiteral(e.Starter, k), true
}

// throughLiteral: k reaches through a field of a struct the starter built
// as a composite literal and set once (`h := handler{flags: f}` handed over
// by value): the field's value is f, so `h.flags.x` is `f.x`.
func (m *model) throughLiteral(starter *ssa.Function, k lockstate.Key) lockstate.Key {
	if k.Root != lockstate.RootLocal || len(k.Path) < 3 || !k.Path[0].Deref || k.Path[1].Field == "" || !k.Path[2].Deref {
		return k
	}
	a, ok := m.declaredIn(starter, k).(*ssa.Alloc)
	if !ok {
		return k
	}
	var val ssa.Value
	for _, r := range *a.Referrers() {
		fa, ok := r.(*ssa.FieldAddr)
		if !ok {
			continue
		}
		st, ok := fa.X.Type().Underlying().(*types.Pointer)
		if !ok {
			continue
		}
		s, ok := st.Elem().Underlying().(*types.Struct)
		if !ok || s.Field(fa.Field).Name() != k.Path[1].Field {
			continue
		}
		for _, fr := range *fa.Referrers() {
			if store, ok := fr.(*ssa.Store); ok && store.Addr == fa {
				if val != nil {
					return k // set more than once
				}
				val = store.Val
			}
		}
	}
	if val == nil {
		return k
	}
	base, ok := lockstate.KeyOf(starter, val)
	if !ok {
		return k
	}
	base.Path = append(append([]lockstate.Step(nil), base.Path...), k.Path[3:]...)
	return base
}

func (m *model) inStarterRaw(e *entrypoints.Entry, k lockstate.Key) (lockstate.Key, bool) {
	if k.Root == lockstate.RootLocal {
		// A value receiver or parameter kept in a variable of the entry
		// (its fields are addressed): the parameter.
		if a, ok := m.declaredIn(e.Fn, k).(*ssa.Alloc); ok {
			for i, p := range e.Fn.Params {
				if st := ssaflow.OnlyStore(a); st != nil && st.Val == ssa.Value(p) {
					k = lockstate.Key{Root: lockstate.RootParam, Index: i, Name: p.Name(), Path: k.Path}
				}
			}
		}
	}
	switch k.Root {
	case lockstate.RootGlobal:
		return k, true
	case lockstate.RootCell:
		if cell := m.ep.CellOf(k); cell != nil && cell.Parent() != e.Starter && len(k.Path) > 0 && k.Path[0].Deref {
			// A variable of the function that made e's closure, holding
			// its parameter: what the starter passed.
			if base, ok := e.CellBindingKey(cell); ok {
				base.Path = append(append([]lockstate.Step(nil), base.Path...), k.Path[1:]...)
				return base, true
			}
		}
		if m.ep.CellMadeBy(e, k) {
			return lockstate.Key{}, false
		}
		return k, true
	case lockstate.RootParam:
		base, ok := e.ArgKey(k.Index)
		if !ok {
			return lockstate.Key{}, false
		}
		base.Path = append(append([]lockstate.Step(nil), base.Path...), k.Path...)
		return base, true
	case lockstate.RootFreeVar:
		// A closure or method value made where it is started (`go
		// func() {…}()`, `http.HandleFunc("/", a.get)`): the binding.
		var base lockstate.Key
		var ok bool
		if mc := closureAt(e); mc != nil && k.Index < len(mc.Bindings) {
			base, ok = lockstate.KeyOf(e.Starter, mc.Bindings[k.Index])
		} else {
			base, ok = e.BindingKey(k.Index)
		}
		if !ok {
			return lockstate.Key{}, false
		}
		base.Path = append(append([]lockstate.Step(nil), base.Path...), k.Path...)
		return base, true
	}
	return lockstate.Key{}, false
}

// closureAt is the closure e's start hands over, made for e.Fn.
func closureAt(e *entrypoints.Entry) *ssa.MakeClosure {
	if e.Start == nil {
		return nil
	}
	for _, op := range e.Start.Operands(nil) {
		if op == nil {
			continue
		}
		if mc, ok := (*op).(*ssa.MakeClosure); ok && mc.Fn == e.Fn {
			return mc
		}
	}
	return nil
}

// declaredIn is the allocation in fn of the variable k is rooted at (a
// captured variable or a local), nil if k has another root.
func (m *model) declaredIn(fn *ssa.Function, k lockstate.Key) ssa.Instruction {
	if k.Root != lockstate.RootCell && k.Root != lockstate.RootLocal {
		return nil
	}
	d, ok := m.th.declared[fn]
	if !ok {
		d = map[string]ssa.Instruction{}
		for _, b := range fn.Blocks {
			for _, in := range b.Instrs {
				if a, ok := in.(*ssa.Alloc); ok {
					if ak, ok := lockstate.KeyOf(fn, a); ok && (ak.Root == lockstate.RootCell || ak.Root == lockstate.RootLocal) {
						d[ak.Local] = a
					}
				}
			}
		}
		m.th.declared[fn] = d
	}
	return d[k.Local]
}

// liftedAt are the lifted accesses of fn (depth 0) whose instruction is in.
func (m *model) liftedAt(fn *ssa.Function, in ssa.Instruction) []lifted {
	idx, ok := m.th.byInstr[fn]
	if !ok {
		idx = map[ssa.Instruction][]lifted{}
		for _, l := range m.lift(fn, 0) {
			idx[l.Instr] = append(idx[l.Instr], l)
		}
		m.th.byInstr[fn] = idx
	}
	return idx[in]
}

// entryInStarter indexes e's lifted accesses by their key in e's starter.
func (m *model) entryInStarter(e *entrypoints.Entry) map[string][]lifted {
	idx, ok := m.th.inStart[e]
	if !ok {
		idx = map[string][]lifted{}
		for _, l := range m.lift(e.Fn, 0) {
			if k, ok := m.inStarter(e, l.Key); ok {
				idx[k.ID()] = append(idx[k.ID()], l)
			}
		}
		m.th.inStart[e] = idx
	}
	return idx
}

// starterWhile indexes the starter's lifted accesses that can run while e
// runs (after its start, before a wait or until) by key.
func (m *model) starterWhile(e *entrypoints.Entry, until ssa.Instruction) map[string][]lifted {
	ak := afterKey{e, until}
	idx, ok := m.th.starter[ak]
	if !ok {
		idx = map[string][]lifted{}
		after := m.reachedBeforeWait(e.Start.Block(), indexOf(e.Start)+1, until)
		for _, l := range m.lift(e.Starter, 0) {
			if after[l.Site] {
				idx[l.Key.ID()] = append(idx[l.Key.ID()], l)
			}
		}
		m.th.starter[ak] = idx
	}
	return idx
}

func indexOf(in ssa.Instruction) int {
	for i, x := range in.Block().Instrs {
		if x == in {
			return i
		}
	}
	return len(in.Block().Instrs)
}

// throughStarter finds what w races with when the location is reached
// through a value the starter hands the entry (an argument, a captured
// pointer) and w or the other access is in a function called on the way:
// the goroutine calls `cc.update()`, the starter `cc.add()` before it waits,
// or another goroutine of the same starter calls `cc.del()` — with no lock
// on either side.
func (m *model) throughStarter(w Access, ctx entrypoints.Context) (Race, bool) {
	e := ctx.Entry
	if e.Starter == nil || e.Start == nil {
		return Race{}, false
	}
	for _, l := range m.liftedAt(e.Fn, w.Instr) {
		k, ok := m.inStarter(e, l.Key)
		if !ok || k.Root == lockstate.RootGlobal || len(k.Path) == 0 {
			continue // package variables and bare variables: race's own checks
		}
		// A variable declared in the loop that starts e is a new one on the
		// next round: the starter's accesses count up to its declaration.
		var until ssa.Instruction
		if e.InLoop {
			until = m.declaredIn(e.Starter, k)
		}
		for _, s := range m.starterWhile(e, until)[k.ID()] {
			if s.Map == w.Map {
				o := s.Access
				return Race{At: w, Context: ctx, Conflict: WithStarter, Other: &o}, true
			}
		}
		for _, oe := range m.ep.Entries {
			if oe == e || oe.Starter != e.Starter || oe.Start == nil || !m.ep.Concurrent(e, oe) {
				continue
			}
			for _, s := range m.entryInStarter(oe)[k.ID()] {
				if s.Map == w.Map {
					o := s.Access
					octx := entrypoints.Context{Entry: oe}
					return Race{At: w, Context: ctx, Conflict: WithOther, Other: &o, OtherCtx: &octx}, true
				}
			}
		}
	}
	return Race{}, false
}
