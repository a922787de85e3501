// Package races finds the static data races of a package on the entry-point
// model and the lock model: a write to a map, package variable, captured
// variable or field, reachable from a concurrent entry point with no lock
// held, where the same location is accessed concurrently — by another
// instance of the same entry (a handler, a goroutine started in a loop), by
// the function that started it before it waits, or by another entry. A value
// made inside one instance (a local of the goroutine, a variable declared in
// the loop body) is that instance's alone; atomics are method calls, not
// accesses. A field reached through a pointer the starter hands the entry is
// followed into the functions both call (through.go). Rules (concurrent-map-write, unsynchronized-shared-write) pick
// the races of their kind.
package races

import (
	"go/token"
	"go/types"
	"reflect"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/entrypoints"
	"github.com/goconc/goconc/engine/model/lockdocs"
	"github.com/goconc/goconc/engine/model/lockstate"
)

var Analyzer = &analysis.Analyzer{
	Name:       "races",
	Doc:        "finds unguarded writes to locations accessed concurrently, from the entry-point and lock models (goconc's shared race model)",
	Requires:   []*analysis.Analyzer{entrypoints.Analyzer, lockstate.Analyzer},
	Run:        run,
	ResultType: reflect.TypeOf((*Result)(nil)),
}

// Access is a read or write of a location.
type Access struct {
	Instr ssa.Instruction
	Fn    *ssa.Function
	Key   lockstate.Key // the location: a variable, a field path, or the map a path holds
	Write bool
	Map   bool // a map element (MapUpdate, delete, lookup) rather than a variable
}

// Conflict says why a write races.
type Conflict int

const (
	// WithItself: the entry runs concurrently with itself and the location is
	// shared by its instances.
	WithItself Conflict = iota
	// WithStarter: the function that started the entry accesses the location
	// before it waits for it.
	WithStarter
	// WithOther: another entry accesses the location.
	WithOther
)

// Race is one unguarded access — a write, or a read racing with a write —
// with what it races with.
type Race struct {
	At       Access
	Context  entrypoints.Context
	Conflict Conflict
	Other    *Access              // WithStarter, WithOther: the other access
	OtherCtx *entrypoints.Context // WithOther: the entry it runs under
	// Maybe: the location is named through a callee's parameter (instances
	// told apart by the model's judgement of sharing): a warning, not an error.
	Maybe bool
	// ReadLocked: the write holds only read locks (RLock), which exclude
	// writers but not the other readers — nor this write.
	ReadLocked []lockstate.HeldLock
	// OtherLock: the other access holds this lock and At holds none (a mixed
	// race, mixed.go); At may then be a read.
	OtherLock *lockstate.HeldLock
	// InStarter: At is the starting function's, Other the entry's.
	InStarter bool
}

// Result lists the races of a package, in source order.
type Result struct{ Races []Race }

// Of is the race model of the pass's package.
func Of(pass *analysis.Pass) *Result { return pass.ResultOf[Analyzer].(*Result) }

func run(pass *analysis.Pass) (any, error) {
	ep := entrypoints.Of(pass)
	res := &Result{}
	if len(ep.Entries) == 0 {
		return res, nil
	}
	ls := lockstate.Of(pass)
	m := &model{lockedFuncs: lockdocs.Funcs(pass), ep: ep, ls: ls, byFn: map[*ssa.Function][]Access{}, byKey: map[string][]Access{}, guardMemo: map[*ssa.Function]bool{}, after: map[afterKey]map[ssa.Instruction]bool{}, ctxs: map[*ssa.Function][]entrypoints.Context{}, th: newThrough()}
	for _, fn := range ep.Funcs {
		m.byFn[fn] = accessesOf(fn, false)
		for _, a := range m.byFn[fn] {
			if a.Key.Root == lockstate.RootGlobal || a.Key.Root == lockstate.RootCell {
				m.byKey[a.Key.ID()] = append(m.byKey[a.Key.ID()], a)
			}
		}
	}
	for _, fn := range ep.Funcs {
		var ctxs []entrypoints.Context
		// A way in that may hold a lock still counts when the function's
		// callers hold only read locks (asked once, and only then).
		readLocked, asked := false, false
		for _, ctx := range m.contexts(fn) {
			if ctx.Guarded && !asked {
				readLocked, asked = m.readLockedByCallers(fn) != nil, true
			}
			if !ctx.Guarded || readLocked {
				ctxs = append(ctxs, ctx)
			}
		}
		if len(ctxs) == 0 {
			continue
		}
		// The function's own entry first: its messages name the handler
		// or goroutine the function is, not one that reaches it.
		sort.SliceStable(ctxs, func(i, j int) bool { return ctxs[i].Entry.Fn == fn && ctxs[j].Entry.Fn != fn })
		for _, w := range m.byFn[fn] {
			if !w.Write {
				continue
			}
			// A lock on some paths to the write (`if shouldLock { s.Lock() }`,
			// a lock taken on one branch, paths the lock model merged) says the
			// author synchronises here; which paths run depends on values the
			// model does not know, so the write is not reported (nats-server's
			// Sublist.remove). Read locks alone exclude writers, not this write.
			held, ok := ls.HeldAt(w.Instr)
			readOnly := readLocksOnly(held.May)
			if !ok || (len(held.May) > 0 && readOnly == nil) {
				continue
			}
			if m.guardedByCallers(fn, 0) {
				// Callers that hold only read locks exclude writers, not
				// this write (growthbook's trackFeatureUsage under RLock).
				rl := m.readLockedByCallers(fn)
				if rl == nil || len(held.May) > 0 {
					continue
				}
				readOnly = rl
			}
			if r, ok := m.race(w, ctxs); ok {
				r.ReadLocked = readOnly
				res.Races = append(res.Races, r)
			}
		}
		res.Races = append(res.Races, m.elementWritesUnderRLock(fn, ctxs)...)
	}
	m.mixed(res)
	sort.SliceStable(res.Races, func(i, j int) bool { return res.Races[i].At.Instr.Pos() < res.Races[j].At.Instr.Pos() })
	return res, nil
}

type model struct {
	lockedFuncs map[*types.Func]bool // documented to run under the caller's lock
	ep          *entrypoints.Result
	ls          *lockstate.Result
	byFn        map[*ssa.Function][]Access
	byKey       map[string][]Access // accesses to package and captured variables, by location
	guardMemo   map[*ssa.Function]bool
	sites       map[*ssa.Function][]*ssa.Call
	after       map[afterKey]map[ssa.Instruction]bool
	ctxs        map[*ssa.Function][]entrypoints.Context
	th          *through
}

// race finds what w races with, under the first context that has a conflict.
func (m *model) race(w Access, ctxs []entrypoints.Context) (Race, bool) {
	for _, ctx := range ctxs {
		if ctx.Entry.Multi && m.ep.SharedKey(ctx, w.Fn, w.Key) {
			return Race{At: w, Context: ctx, Conflict: WithItself, Maybe: w.Key.Root == lockstate.RootParam && w.Fn != ctx.Entry.Fn}, true
		}
	}
	for _, ctx := range ctxs {
		if o := m.starterAccess(w, ctx.Entry); o != nil {
			return Race{At: w, Context: ctx, Conflict: WithStarter, Other: o}, true
		}
	}
	for _, ctx := range ctxs {
		if r, ok := m.throughStarter(w, ctx); ok {
			return r, true
		}
	}
	if w.Key.Root != lockstate.RootGlobal && w.Key.Root != lockstate.RootCell {
		return Race{}, false // other functions name a parameter's field differently
	}
	for _, ctx := range ctxs {
		for _, a := range m.byKey[w.Key.ID()] {
			if a.Map != w.Map || m.guarded(a) {
				continue
			}
			// One location for both: a package variable, or a variable made
			// outside both entries (the same key in a function both reach
			// names each call's own variable).
			if w.Key.Root == lockstate.RootCell && !m.ep.CellOutside(ctx.Entry, w.Key) {
				break
			}
			for _, octx := range m.contexts(a.Fn) {
				if octx.Entry != ctx.Entry && m.ep.Concurrent(ctx.Entry, octx.Entry) &&
					(a.Key.Root == lockstate.RootGlobal || m.ep.CellOutside(octx.Entry, a.Key)) {
					other, oc := a, octx
					return Race{At: w, Context: ctx, Conflict: WithOther, Other: &other, OtherCtx: &oc}, true
				}
			}
		}
	}
	return Race{}, false
}

// starterAccess: an access of the starter, before it waits for e, to the
// location w writes.
func (m *model) starterAccess(w Access, e *entrypoints.Entry) *Access {
	if e.Starter == nil {
		return nil
	}
	k := w.Key
	switch k.Root {
	case lockstate.RootGlobal:
	case lockstate.RootCell:
		if m.ep.CellMadeBy(e, k) {
			return nil // the entry's own variable, not the starter's
		}
	case lockstate.RootParam:
		if w.Fn != e.Fn {
			return nil
		}
		base, ok := e.ArgKey(k.Index)
		if !ok {
			return nil
		}
		for _, s := range k.Path {
			base.Path = append(base.Path, s)
		}
		k = base
	default:
		return nil
	}
	// A variable declared in the loop that starts e is a new one on the
	// next round: the starter's accesses count up to its declaration.
	var until ssa.Instruction
	if k.Root == lockstate.RootCell {
		if cell := m.ep.CellOf(k); cell != nil && cell.Parent() == e.Starter {
			until = cell
		}
	}
	after := m.afterSet(e, until)
	for i, a := range m.byFn[e.Starter] {
		if after[a.Instr] && a.Map == w.Map && a.Key.ID() == k.ID() && !m.guarded(a) {
			return &m.byFn[e.Starter][i]
		}
	}
	return nil
}

// readLocksOnly returns the locks when every one is a read lock.
func readLocksOnly(ls []lockstate.HeldLock) []lockstate.HeldLock {
	for _, l := range ls {
		if !l.Read {
			return nil
		}
	}
	return ls
}

// contexts is ep.Contexts, once per function.
func (m *model) contexts(fn *ssa.Function) []entrypoints.Context {
	if c, ok := m.ctxs[fn]; ok {
		return c
	}
	c := m.ep.Contexts(fn)
	m.ctxs[fn] = c
	return c
}

// afterSet is AfterStart as a set, computed once per entry and stop.
func (m *model) afterSet(e *entrypoints.Entry, until ssa.Instruction) map[ssa.Instruction]bool {
	k := afterKey{e, until}
	if s, ok := m.after[k]; ok {
		return s
	}
	s := map[ssa.Instruction]bool{}
	for _, in := range m.ep.AfterStart(e, until) {
		s[in] = true
	}
	m.after[k] = s
	return s
}

type afterKey struct {
	e     *entrypoints.Entry
	until ssa.Instruction
}

func (m *model) guarded(a Access) bool {
	held, ok := m.ls.HeldAt(a.Instr)
	return !ok || len(held.May) > 0
}

// guardedByCallers: fn is a helper every call of which (static, or an
// interface call that can reach it) holds a lock (or is in a helper so
// guarded), up to three calls up. A function with no
// static caller, or one started as an entry, is not.
func (m *model) guardedByCallers(fn *ssa.Function, depth int) bool {
	if depth > 3 {
		return false
	}
	if g, ok := m.guardMemo[fn]; ok && depth == 0 {
		return g
	}
	sites := m.callSites()[fn]
	guarded := len(sites) > 0
	for _, e := range m.ep.Entries {
		if e.Fn == fn {
			guarded = false
		}
	}
	for _, c := range sites {
		if !guarded {
			break
		}
		held, ok := m.ls.HeldAt(c)
		if !ok || (len(held.May) == 0 && !m.guardedByCallers(c.Parent(), depth+1)) {
			guarded = false
		}
	}
	if depth == 0 {
		m.guardMemo[fn] = guarded
	}
	return guarded
}

// elementWritesUnderRLock: writes through an element of a shared map or
// slice (`inst := reg.instances[name]; inst.LastSeen = now`) holding only a
// read lock — the author's lock says the element is shared, and read locks
// let every other holder in at once. The element is one of the container's
// (which one, the model does not know): Maybe.
func (m *model) elementWritesUnderRLock(fn *ssa.Function, ctxs []entrypoints.Context) []Race {
	var out []Race
	for _, b := range fn.Blocks {
		for _, in := range b.Instrs {
			st, ok := in.(*ssa.Store)
			if !ok || !st.Pos().IsValid() {
				continue
			}
			if _, exact := lockstate.KeyOf(fn, st.Addr); exact {
				continue // an exact location: the race loop's
			}
			k, ok := lockstate.ElemKeyOf(fn, st.Addr)
			if !ok {
				continue
			}
			held, ok := m.ls.HeldAt(st)
			rl := readLocksOnly(held.Must)
			if !ok || len(rl) == 0 || len(readLocksOnly(held.May)) != len(held.May) {
				continue
			}
			w := Access{Instr: st, Fn: fn, Key: k, Write: true}
			for _, ctx := range ctxs {
				if ctx.Entry.Multi && m.ep.SharedKey(ctx, fn, k) {
					out = append(out, Race{At: w, Context: ctx, Conflict: WithItself, Maybe: true, ReadLocked: rl})
					break
				}
			}
		}
	}
	return out
}

// readLockedByCallers: a call of fn holds read locks (RLock) and nothing
// else, in a function no caller of which holds a lock — on that way a write
// in fn excludes other writers but not the other readers; the locks of that
// call.
func (m *model) readLockedByCallers(fn *ssa.Function) []lockstate.HeldLock {
	for _, c := range m.callSites()[fn] {
		held, ok := m.ls.HeldAt(c)
		if rl := readLocksOnly(held.May); ok && len(rl) > 0 && !m.guardedByCallers(c.Parent(), 0) && len(m.contexts(c.Parent())) > 0 {
			return rl
		}
	}
	return nil
}

// callSites indexes the package's calls by the functions they can run.
func (m *model) callSites() map[*ssa.Function][]*ssa.Call {
	if m.sites != nil {
		return m.sites
	}
	m.sites = map[*ssa.Function][]*ssa.Call{}
	for _, caller := range m.ep.Funcs {
		for _, b := range caller.Blocks {
			for _, in := range b.Instrs {
				if c, ok := in.(*ssa.Call); ok {
					for _, callee := range m.ep.Callees(&c.Call) {
						m.sites[callee] = append(m.sites[callee], c)
					}
				}
			}
		}
	}
	return m.sites
}

// accessesOf lists fn's accesses to locations the lock model can name:
// package variables, captured variables, fields reached from parameters,
// captures or package variables, and the maps they hold. Locals that no
// closure captures are fn's own: listed only with locals set.
func accessesOf(fn *ssa.Function, locals bool) []Access {
	var out []Access
	add := func(in ssa.Instruction, v ssa.Value, write, isMap bool) {
		if !in.Pos().IsValid() {
			return // a parameter spilled into its variable, not a write in the source
		}
		k, ok := lockstate.KeyOf(fn, v)
		if !ok || (k.Root == lockstate.RootLocal && !locals) {
			return
		}
		out = append(out, Access{Instr: in, Fn: fn, Key: k, Write: write, Map: isMap})
	}
	for _, b := range fn.Blocks {
		for _, in := range b.Instrs {
			switch in := in.(type) {
			case *ssa.Store:
				add(in, in.Addr, true, false)
			case *ssa.UnOp:
				if in.Op == token.MUL {
					add(in, in.X, false, false)
				}
			case *ssa.MapUpdate:
				add(in, in.Map, true, true)
			case *ssa.Lookup:
				if _, ok := in.X.Type().Underlying().(*types.Map); ok {
					add(in, in.X, false, true)
				}
			case *ssa.Range:
				if _, ok := in.X.Type().Underlying().(*types.Map); ok {
					add(in, in.X, false, true) // a range over a map reads it
				}
			case *ssa.Call:
				if b, ok := in.Call.Value.(*ssa.Builtin); ok && b.Name() == "delete" && len(in.Call.Args) == 2 {
					add(in, in.Call.Args[0], true, true)
				}
			}
		}
	}
	return out
}
