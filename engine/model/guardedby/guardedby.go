// Package guardedby infers which mutex guards each struct field and package
// variable of a package (lockset inference on the lock model) and lists the
// accesses that run without it.
//
// Every read and write of a field (through any access path: receiver,
// parameter, field chain, captured variable) or package variable is
// collected with the locks held at it (lockstate.HeldAt), and, when the
// function itself holds nothing, with the locks every call site of the
// function holds (substituted into the caller's frame, up to three calls
// up). A lock is described relative to the field it guards — "field mu of
// the struct holding the field", or of the struct one or two levels out —
// so one description fits every access path. A field's guard is the lock
// held at most of its accesses (see MinGuarded, MinShare), or the one a
// comment on the field names (`// guarded by mu`, `// +checklocks:mu`, a
// `// mu protects …` mutex heading the field's group).
//
// Not counted, never reported: accesses to a value its function allocated
// (a constructor before it publishes the value, or a helper only such
// functions call), package initialisers, test files, fields whose type
// synchronises itself (sync and sync/atomic types, channels, structs that
// hold their own mutex), fields ever handed to sync/atomic, and fields never
// written outside constructors (read-only once published). Map and slice
// element writes are writes of the field holding the map or slice; `&s.f`
// handed to a call is a read and a write.
package guardedby

import (
	"fmt"
	"go/build"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/entrypoints"
	"github.com/goconc/goconc/engine/model/lockdocs"
	"github.com/goconc/goconc/engine/model/lockstate"
	"github.com/goconc/goconc/engine/model/races"
	"github.com/goconc/goconc/engine/model/ssabuild"
)

var Analyzer = &analysis.Analyzer{
	Name:       "guardedby",
	Doc:        "infers the mutex guarding each field and package variable from the locks held at its accesses, and lists the accesses without it (goconc's guarded-by model)",
	Requires:   []*analysis.Analyzer{lockstate.Analyzer, entrypoints.Analyzer, races.Analyzer, ssabuild.Analyzer},
	Run:        run,
	ResultType: reflect.TypeOf((*Result)(nil)),
}

// The inference thresholds: a lock guards a field when it is held at
// MinGuarded accesses or more, and at MinShare of the field's accesses
// outside constructors. A documented guard needs one guarded access (a
// comment naming a lock nobody takes is stale or misread).
const (
	MinGuarded = 3
	MinShare   = 0.75
)

// Access is one read or write of a field or package variable.
type Access struct {
	Instr ssa.Instruction
	Fn    *ssa.Function
	Var   *types.Var    // the field (origin) or package variable
	Key   lockstate.Key // the location in Fn's frame
	Write bool
	// Passed: the write is `&s.f` handed to a call (a pointer-receiver
	// method included), which may only read it.
	Passed bool
	// held: the guards (descriptions, see describe) held on every path to
	// the access, directly or by every caller; true = write mode.
	held map[string]bool
	// open: the functions where a path reaching the access without the lock
	// starts (no call site in the package, a goroutine body, a function used
	// as a value).
	open []*ssa.Function
}

// Guard is a field's inferred or documented guard.
type Guard struct {
	Desc       string // "<levels up>:<lock class>" or "g:<package variable>"
	Documented string // the comment naming it, if any
	Guarded    int    // accesses holding it
	Total      int    // accesses counted (outside constructors)
}

// Finding is an access without its field's guard, in code that can run
// concurrently with the guarded ones.
type Finding struct {
	Access     Access
	Guard      Guard
	LockName   string // the guard as the access's frame names it: "s.mu"
	ReadLocked bool   // a write holding the guard only in read mode
	Related    []Access
}

// Result lists the findings of a package in source order.
type Result struct {
	Findings []Finding
	// Guards are the inferred or documented guards by field.
	Guards map[*types.Var]Guard
}

// Of is the model of the pass's package.
func Of(pass *analysis.Pass) *Result { return pass.ResultOf[Analyzer].(*Result) }

func run(pass *analysis.Pass) (any, error) {
	res := &Result{Guards: map[*types.Var]Guard{}}
	if !ssabuild.Imports(pass, "sync") || !declaresMutex(pass.Pkg) || dependency(pass) {
		return res, nil
	}
	m := &model{
		pass:   pass,
		ls:     lockstate.Of(pass),
		ep:     entrypoints.Of(pass),
		views:  map[viewKey]view{},
		atomic: map[*types.Var]bool{},
	}
	m.docs = fieldDocs(pass)
	m.lockedFuncs = lockdocs.Funcs(pass)
	m.indexCalls()
	byVar := map[*types.Var][]*Access{}
	var order []*types.Var
	for _, fn := range m.ep.Funcs {
		if m.skipFunc(fn) {
			continue
		}
		for _, a := range m.accessesOf(fn) {
			if byVar[a.Var] == nil {
				order = append(order, a.Var)
			}
			byVar[a.Var] = append(byVar[a.Var], a)
		}
	}
	for _, v := range order {
		if m.atomic[v] || selfSynchronised(v.Type()) {
			continue
		}
		m.judge(v, byVar[v], res)
	}
	res.Findings = withoutRaces(pass, res.Findings)
	sort.SliceStable(res.Findings, func(i, j int) bool {
		return res.Findings[i].Access.Instr.Pos() < res.Findings[j].Access.Instr.Pos()
	})
	return res, nil
}

type model struct {
	pass        *analysis.Pass
	ls          *lockstate.Result
	ep          *entrypoints.Result
	docs        map[*types.Var]string // field → documented guard field name
	lockedFuncs map[*types.Func]bool  // named *Locked or documented "must hold"
	sites       map[*ssa.Function][]ssa.CallInstruction
	callees     map[*ssa.Function][]*ssa.Function // static and closure calls
	escapes     map[*ssa.Function]bool            // used as a value: callers unknown
	started     map[*ssa.Function]bool            // the body of a go statement
	views       map[viewKey]view
	atomic      map[*types.Var]bool // handed to sync/atomic somewhere
}

// skipFunc: test files and package initialisers are not counted.
func (m *model) skipFunc(fn *ssa.Function) bool {
	if m.inTest(fn) {
		return true
	}
	for f := fn; f != nil; f = f.Parent() {
		if f.Parent() == nil && f.Signature.Recv() == nil && (f.Name() == "init" || strings.HasPrefix(f.Name(), "init#")) {
			return true
		}
	}
	return false
}

func (m *model) inTest(fn *ssa.Function) bool {
	return strings.HasSuffix(m.pass.Fset.Position(fn.Pos()).Filename, "_test.go")
}

// judge infers v's guard and reports the accesses without it.
func (m *model) judge(v *types.Var, accs []*Access, res *Result) {
	var counted []*Access
	for _, a := range accs {
		if m.guardsOf(a) {
			counted = append(counted, a)
		}
	}
	counts := map[string]int{}
	for _, a := range counted {
		for d := range a.held {
			if d != "*" {
				counts[d]++
			}
		}
	}
	doc := ""
	if name, ok := m.docs[v]; ok {
		doc = m.docDesc(v, name, counted)
	}
	// A lock one or two levels out guards v only where v is reached through
	// that lock's struct (memStore.state.LastSeq, not fileStore.state.LastSeq):
	// each such scope is judged on its own accesses.
	best := map[string]string{} // scope → the most held guard in it
	for d := range counts {
		sc := scopeOf(d)
		if b, ok := best[sc]; !ok || counts[d] > counts[b] || (counts[d] == counts[b] && d < b) {
			best[sc] = d
		}
	}
	if doc != "" {
		best[scopeOf(doc)] = doc
	}
	scopes := make([]string, 0, len(best))
	for sc := range best {
		scopes = append(scopes, sc)
	}
	sort.Strings(scopes)
	reported := map[*Access]bool{}
	for _, sc := range scopes {
		d := best[sc]
		var in []*Access
		writes, n := 0, 0
		for _, a := range counted {
			if !eligible(a.Key, d) {
				continue
			}
			in = append(in, a)
			if a.Write {
				writes++
			}
			if _, ok := a.held[d]; ok || a.held["*"] {
				n++
			}
		}
		if writes == 0 {
			continue // read-only once published
		}
		g := Guard{Desc: d, Guarded: n, Total: len(in)}
		if d == doc {
			g.Documented = m.docs[v]
		} else if n < MinGuarded || float64(n) < MinShare*float64(len(in)) {
			continue
		}
		if _, seen := res.Guards[v]; !seen || g.Documented != "" {
			res.Guards[v] = g
		}
		m.report(g, in, reported, res)
	}
}

// scopeOf is where a guard applies: "0" for a lock of the field's own
// struct, "<levels>:<lock's struct>" for one further out.
func scopeOf(d string) string {
	if strings.HasPrefix(d, "0:") || strings.HasPrefix(d, "g:") {
		return d[:2]
	}
	up, class, _ := strings.Cut(d, ":")
	return up + ":" + class[:strings.LastIndex(class, ".")]
}

// eligible: the access reaches its field through the struct whose lock d
// names (always, for the field's own struct or a package lock).
func eligible(k lockstate.Key, d string) bool {
	sc := scopeOf(d)
	if sc == "0:" || sc == "g:" {
		return true
	}
	up := int(sc[0] - '0')
	owner := sc[2:]
	steps := fieldSteps(k)
	i := len(steps) - 1 - up
	return i >= 0 && steps[i].Owner == owner
}

// report lists the accesses in without g.
func (m *model) report(g Guard, in []*Access, reported map[*Access]bool, res *Result) {
	var guarded []Access
	writers := map[*ssa.Function]bool{} // functions writing the field holding its guard
	for _, a := range in {
		if _, ok := a.held[g.Desc]; ok || a.held["*"] {
			if len(guarded) < 3 && ok {
				guarded = append(guarded, *a)
			}
			if a.Write {
				writers[a.Fn] = true
			}
		}
	}
	for _, a := range in {
		if a.held["*"] || reported[a] {
			continue
		}
		mode, held := a.held[g.Desc]
		if held && (mode || !a.Write || a.Passed) {
			continue // `&s.f` handed on under RLock is read there, as far as can be told
		}
		if !m.concurrent(a) || (!a.Write && (m.writerReads(a, writers) || m.teardown(a))) {
			continue
		}
		reported[a] = true
		res.Findings = append(res.Findings, Finding{Access: *a, Guard: g, LockName: lockName(a.Key, g.Desc), ReadLocked: held, Related: guarded})
	}
}

// concurrent: the access can run while another goroutine holds the guard —
// its function runs under a concurrent entry point, or a path without the
// lock starts at an exported method of a type that owns a mutex (meant for
// concurrent use) or at an entry point.
func (m *model) concurrent(a *Access) bool {
	if len(m.ep.Contexts(a.Fn)) > 0 {
		return true
	}
	for _, fn := range a.open {
		if m.concurrentRoot(fn) {
			return true
		}
	}
	return false
}

// concurrentRoot: a path starting at fn can run concurrently with others.
func (m *model) concurrentRoot(fn *ssa.Function) bool {
	return len(m.ep.Contexts(fn)) > 0 || m.started[fn] || exportedMethodOfLocker(fn)
}

// withoutRaces drops the findings on a line where the race model already
// finds an unguarded write racing with another access (reported by
// concurrent-map-write and unsynchronized-shared-write, with the goroutines
// involved): one bug, one finding.
func withoutRaces(pass *analysis.Pass, fs []Finding) []Finding {
	type line struct {
		file string
		n    int
	}
	raced := map[line]bool{}
	for _, r := range races.Of(pass).Races {
		p := pass.Fset.Position(r.At.Instr.Pos())
		raced[line{p.Filename, p.Line}] = true
	}
	out := fs[:0]
	for _, f := range fs {
		p := pass.Fset.Position(f.Access.Instr.Pos())
		if !raced[line{p.Filename, p.Line}] {
			out = append(out, f)
		}
	}
	return out
}

// writerReads: the unguarded read runs on a goroutine that writes the
// field itself (holding the guard): its function, or a caller up to two
// calls up, writes it directly or in a function it calls. Such a goroutine
// is usually the field's only writer, and a writer reading its own writes
// needs no lock (badger's write loop reading db.mt, which it alone swaps).
func (m *model) writerReads(a *Access, writers map[*ssa.Function]bool) bool {
	seen := map[*ssa.Function]bool{}
	var up func(fn *ssa.Function, depth int) bool
	up = func(fn *ssa.Function, depth int) bool {
		if seen[fn] {
			return false
		}
		seen[fn] = true
		if writers[fn] {
			return true
		}
		for _, c := range m.callees[fn] {
			if writers[c] {
				return true
			}
		}
		if depth >= 2 {
			return false
		}
		for _, c := range m.sites[fn] {
			if up(c.Parent(), depth+1) {
				return true
			}
		}
		return false
	}
	return up(a.Fn, 0)
}

// teardown: every path that makes the unguarded read concurrent starts in a
// function that closes or stops something — run once the goroutines using
// the value are told to stop (Close ranging over the open files).
func (m *model) teardown(a *Access) bool {
	if len(m.ep.Contexts(a.Fn)) > 0 && !isTeardown(a.Fn) {
		return false
	}
	found := false
	for _, fn := range a.open {
		if !m.concurrentRoot(fn) {
			continue // a constructor's error path closing what it opened
		}
		if !isTeardown(fn) {
			return false
		}
		found = true
	}
	return found || isTeardown(a.Fn)
}

func isTeardown(fn *ssa.Function) bool {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	name := strings.ToLower(fn.Name())
	for _, p := range []string{"close", "stop", "shutdown", "teardown"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

func exportedMethodOfLocker(fn *ssa.Function) bool {
	recv := fn.Signature.Recv()
	if recv == nil || fn.Parent() != nil || fn.Synthetic != "" || !token.IsExported(fn.Name()) {
		return false
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := 0; i < st.NumFields(); i++ {
		if isMutex(st.Field(i).Type()) {
			return true
		}
	}
	return false
}

// lockName names the guard in the access's frame: s.items guarded by
// "0:pkg.T.mu" → "s.mu".
func lockName(k lockstate.Key, desc string) string {
	if rest, ok := strings.CutPrefix(desc, "g:"); ok {
		if i := strings.LastIndex(rest, "."); i >= 0 {
			return rest[i+1:]
		}
		return rest
	}
	up, class, _ := strings.Cut(desc, ":")
	field := class[strings.LastIndex(class, ".")+1:]
	o, ok := k.Owner()
	if !ok {
		return field
	}
	for n := 0; n < int(up[0]-'0'); n++ {
		if o, ok = o.Owner(); !ok {
			return field
		}
	}
	if s := o.String(); s != "" {
		return s + "." + field
	}
	return field
}

// guardsOf computes a's guards, from its own function and, when that
// holds nothing, its callers; false when a does not count: a value its
// function (or every caller) allocated, or a function the lock model gave
// up on.
func (m *model) guardsOf(a *Access) bool {
	hs, ok := m.ls.HeldAt(a.Instr)
	if !ok {
		return false
	}
	held := descs(a.Key, hs.May)
	if m.lockedFuncs[funcObj(a.Fn)] {
		held["*"] = true
	}
	v := m.view(a.Fn, a.Key, 0)
	if (v.local || v.unknown) && len(held) == 0 {
		return false
	}
	if v.unknown {
		v = view{}
	}
	for _, r := range hs.CallerReleased {
		if d, ok := describe(a.Key, r); ok {
			delete(v.held, d)
		}
	}
	for d, w := range v.held {
		held[d] = held[d] || w
	}
	a.held, a.open = held, v.open
	return true
}

// view is what the callers of a function hold for a location of its frame:
// the guards held on every path from a call site (intersection; nil when
// every path reaches a local allocation), whether every path does (local),
// and where the paths holding nothing start.
type view struct {
	held  map[string]bool
	local bool
	open  []*ssa.Function
	// unknown: some call site names the location in a way the lock model
	// cannot follow (an element of a slice, a call result): what it holds
	// there is unknown, so the access neither counts nor is reported.
	unknown bool
}

type viewKey struct {
	fn    *ssa.Function
	key   string
	depth int
}

const maxDepth = 3

func (m *model) view(fn *ssa.Function, k lockstate.Key, depth int) view {
	vk := viewKey{fn, k.ID(), depth}
	if v, ok := m.views[vk]; ok {
		return v
	}
	m.views[vk] = view{open: []*ssa.Function{fn}} // recursion: a cycle holds nothing
	v := m.computeView(fn, k, depth)
	m.views[vk] = v
	return v
}

func (m *model) computeView(fn *ssa.Function, k lockstate.Key, depth int) view {
	if k.Root == lockstate.RootLocal || m.madeHere(fn, k) {
		return view{local: true}
	}
	k = m.asParam(fn, k)
	sites := m.sites[fn]
	if len(sites) == 0 || m.escapes[fn] || m.started[fn] || depth >= maxDepth {
		return view{open: []*ssa.Function{fn}}
	}
	var out view
	first := true
	allLocal := true
	for _, c := range sites {
		caller := c.Parent()
		args, bindings := callArgs(c, fn)
		ck, ok := lockstate.Substitute(k, caller, args, bindings)
		if !ok {
			return view{unknown: true}
		}
		var at ssa.Instruction = c
		if hs, handed := c.(*handedSite); handed {
			at = hs.Call
		}
		hs, ok := m.ls.HeldAt(at)
		if !ok {
			return view{unknown: true}
		}
		here := descs(ck, hs.May)
		if m.lockedFuncs[funcObj(caller)] {
			here["*"] = true
		}
		up := m.view(caller, ck, depth+1)
		if up.unknown && len(here) == 0 {
			return view{unknown: true}
		}
		if up.unknown {
			up = view{}
		}
		if up.local {
			continue // the value is not published yet on this path
		}
		for d, w := range up.held {
			here[d] = here[d] || w
		}
		allLocal = false
		out.open = append(out.open, up.open...)
		if first {
			out.held, first = here, false
			continue
		}
		out.held = intersect(out.held, here)
	}
	if allLocal {
		return view{local: true}
	}
	if out.held == nil {
		out.held = map[string]bool{}
	}
	return out
}

// intersect is what two paths both hold; "*" (a *Locked function) holds
// everything, for writing.
func intersect(a, b map[string]bool) map[string]bool {
	if a["*"] {
		a, b = b, a
	}
	out := map[string]bool{}
	if b["*"] {
		for d, w := range a {
			out[d] = w
		}
		return out
	}
	for d, w := range a {
		if bw, ok := b[d]; ok {
			out[d] = w && bw
		}
	}
	return out
}

// asParam names a location reached through a parameter that closures
// capture (kept in a variable, so the lock model names it by that
// variable) by the parameter, as callers know it.
func (m *model) asParam(fn *ssa.Function, k lockstate.Key) lockstate.Key {
	if k.Root != lockstate.RootCell || k.Reassigned || len(k.Path) == 0 || !k.Path[0].Deref {
		return k
	}
	cell := m.ep.CellOf(k)
	if cell == nil || cell.Parent() != fn {
		return k
	}
	for _, r := range *cell.Referrers() {
		st, ok := r.(*ssa.Store)
		if !ok || st.Addr != cell {
			continue
		}
		p, ok := st.Val.(*ssa.Parameter)
		if !ok {
			return k
		}
		for i, fp := range fn.Params {
			if fp == p {
				return lockstate.Key{Root: lockstate.RootParam, Index: i, Name: p.Name(), Path: k.Path[1:]}
			}
		}
	}
	return k
}

// madeHere: k is a field of a struct fn itself allocated and closures
// capture (`r := &Raft{…}; go r.run()`): fn is its constructor.
func (m *model) madeHere(fn *ssa.Function, k lockstate.Key) bool {
	if k.Root != lockstate.RootCell || len(k.Path) == 0 {
		return false
	}
	cell := m.ep.CellOf(k)
	if cell == nil || cell.Parent() != fn {
		return false
	}
	if !k.Path[0].Deref {
		return true // the struct itself
	}
	// A variable holding a pointer: to a struct fn allocated (`db :=
	// &DB{…}`, later `db = nil` on an error path).
	allocated := false
	for _, r := range *cell.Referrers() {
		st, ok := r.(*ssa.Store)
		if !ok || st.Addr != cell {
			continue
		}
		switch v := st.Val.(type) {
		case *ssa.Alloc:
			allocated = true
		case *ssa.Const:
		case *ssa.UnOp: // `return fs, nil` into a named result: the variable's own value
			if v.Op != token.MUL || v.X != cell {
				return false
			}
		default:
			return false
		}
	}
	return allocated
}

// callArgs are the arguments a call site binds fn's parameters to (the
// receiver first for an interface call) and its closure bindings.
func callArgs(c ssa.CallInstruction, fn *ssa.Function) (args, bindings []ssa.Value) {
	if hs, ok := c.(*handedSite); ok {
		if hs.mc != nil {
			return nil, hs.mc.Bindings
		}
		return []ssa.Value{hs.recv}, nil
	}
	cc := c.Common()
	args = cc.Args
	if cc.IsInvoke() {
		args = append([]ssa.Value{cc.Value}, cc.Args...)
	}
	if mc, ok := cc.Value.(*ssa.MakeClosure); ok && mc.Fn == fn {
		bindings = mc.Bindings
	}
	return args, bindings
}

// handedSite stands for a call handing a closure (sort.Slice, a visitor),
// or a value as an interface (sort.Sort(x)), to other code: the closure, or
// the value's methods, run as far as can be told under the locks held at
// that call.
type handedSite struct {
	*ssa.Call
	mc   *ssa.MakeClosure // the closure, or
	recv ssa.Value        // the receiver of the methods
}

// indexCalls records every call site of the package's functions (static
// calls, closures called in place or handed on, interface calls to the
// package's types), the functions used as values and the bodies of go
// statements.
func (m *model) indexCalls() {
	m.sites = map[*ssa.Function][]ssa.CallInstruction{}
	m.escapes = map[*ssa.Function]bool{}
	m.started = map[*ssa.Function]bool{}
	m.callees = map[*ssa.Function][]*ssa.Function{}
	for _, fn := range m.ep.Funcs {
		if m.inTest(fn) {
			continue
		}
		for _, b := range fn.Blocks {
			for _, in := range b.Instrs {
				switch in := in.(type) {
				case *ssa.Go:
					for _, callee := range m.ep.Callees(in.Common()) {
						m.started[callee] = true
					}
					if callee, _ := lockstate.Callee(in.Common()); callee != nil {
						m.started[callee] = true
					}
					m.noteValues(in)
				case ssa.CallInstruction:
					cc := in.Common()
					callees := m.ep.Callees(cc)
					if len(callees) == 0 {
						if callee, _ := lockstate.Callee(cc); callee != nil {
							callees = []*ssa.Function{callee}
						}
					}
					for _, callee := range callees {
						m.sites[callee] = append(m.sites[callee], in)
						m.callees[fn] = append(m.callees[fn], callee)
					}
					m.noteValues(in)
				case *ssa.MakeClosure:
					target := in.Fn.(*ssa.Function)
					if target.Synthetic != "" {
						// A bound method value: the method runs when and
						// where its taker decides.
						if meth := boundTarget(target); meth != nil {
							m.escapes[meth] = true
							if c := handedTo(in); c != nil && startsArg(c, in) {
								m.started[meth] = true
							}
						}
						continue
					}
					if calledInPlace(in) || onlyStarted(in) {
						continue
					}
					if c := handedTo(in); c != nil && startsArg(c, in) {
						m.started[target] = true
					} else if c != nil {
						m.sites[target] = append(m.sites[target], &handedSite{Call: c, mc: in})
						m.callees[fn] = append(m.callees[fn], target)
					} else {
						m.escapes[target] = true // stored: runs later, under whatever lock
					}
				case *ssa.MakeInterface:
					m.noteInterface(in)
					m.noteValues(in)
				default:
					m.noteValues(in)
				}
			}
		}
	}
}

// noteInterface: a value of one of the package's lock-owning types handed
// to a call as an interface (sort.Sort(x)) — its methods may run there.
func (m *model) noteInterface(mi *ssa.MakeInterface) {
	t := mi.X.Type()
	named := t
	if p, ok := t.Underlying().(*types.Pointer); ok {
		named = p.Elem()
	}
	n, ok := types.Unalias(named).(*types.Named)
	if !ok || n.Obj().Pkg() != m.pass.Pkg {
		return
	}
	st, ok := n.Underlying().(*types.Struct)
	if !ok || !hasMutexField(st, 0) {
		return
	}
	refs := *mi.Referrers()
	if len(refs) != 1 {
		return
	}
	c, ok := refs[0].(*ssa.Call)
	if !ok || c.Call.Value == mi {
		return
	}
	prog := mi.Parent().Prog
	ms := prog.MethodSets.MethodSet(t)
	for i := 0; i < ms.Len(); i++ {
		if fn := prog.MethodValue(ms.At(i)); fn != nil && fn.Synthetic == "" {
			m.sites[fn] = append(m.sites[fn], &handedSite{Call: c, recv: mi.X})
		}
	}
}

// noteValues marks the functions an instruction uses as values (not as the
// callee of a call) as escaping.
func (m *model) noteValues(in ssa.Instruction) {
	var ops [8]*ssa.Value
	for i, op := range in.Operands(ops[:0]) {
		f, ok := (*op).(*ssa.Function)
		if !ok {
			continue
		}
		if c, isCall := in.(ssa.CallInstruction); isCall && i == 0 && c.Common().Value == f {
			continue
		}
		m.escapes[f] = true
	}
}

func boundTarget(wrapper *ssa.Function) *ssa.Function {
	for _, b := range wrapper.Blocks {
		for _, in := range b.Instrs {
			if c, ok := in.(ssa.CallInstruction); ok {
				if f := c.Common().StaticCallee(); f != nil {
					return f
				}
			}
		}
	}
	return nil
}

// startsArg: the call hands v to a function of the package that runs it on
// a goroutine of its own (raft's `r.goFunc(f)`: go f(), or go func() { …
// f() … }()).
func startsArg(c *ssa.Call, v ssa.Value) bool {
	g := c.Call.StaticCallee()
	if g == nil || len(g.Blocks) == 0 {
		return false
	}
	for i, a := range c.Call.Args {
		if a != v || i >= len(g.Params) {
			continue
		}
		p := g.Params[i]
		for _, b := range g.Blocks {
			for _, in := range b.Instrs {
				gs, ok := in.(*ssa.Go)
				if !ok {
					continue
				}
				if gs.Call.Value == p {
					return true
				}
				if mc, ok := gs.Call.Value.(*ssa.MakeClosure); ok {
					for _, bv := range mc.Bindings {
						if bv == p || spillOf(bv, p) {
							return true
						}
					}
				}
			}
		}
	}
	return false
}

// spillOf: v is the variable a captured parameter p lives in.
func spillOf(v ssa.Value, p *ssa.Parameter) bool {
	a, ok := v.(*ssa.Alloc)
	if !ok {
		return false
	}
	for _, r := range *a.Referrers() {
		if st, ok := r.(*ssa.Store); ok && st.Addr == a && st.Val == p {
			return true
		}
	}
	return false
}

// dependency: the package is the standard library's or a module cache's —
// go vet runs analyzers that build on facts over every dependency, where
// nothing is reported.
func dependency(pass *analysis.Pass) bool {
	if len(pass.Files) == 0 {
		return true
	}
	name := pass.Fset.File(pass.Files[0].Pos()).Name()
	if root := build.Default.GOROOT; root != "" && strings.HasPrefix(name, filepath.Join(root, "src")+string(filepath.Separator)) {
		return true
	}
	modcache := os.Getenv("GOMODCACHE")
	if modcache == "" && build.Default.GOPATH != "" {
		modcache = filepath.Join(filepath.SplitList(build.Default.GOPATH)[0], "pkg", "mod")
	}
	return modcache != "" && strings.HasPrefix(name, modcache+string(filepath.Separator))
}

// handedTo is the call a closure is passed to as an argument, when that is
// its only use.
func handedTo(mc *ssa.MakeClosure) *ssa.Call {
	refs := *mc.Referrers()
	if len(refs) != 1 {
		return nil
	}
	c, ok := refs[0].(*ssa.Call)
	if !ok || c.Call.Value == mc {
		return nil
	}
	return c
}

func calledInPlace(mc *ssa.MakeClosure) bool {
	refs := *mc.Referrers()
	for _, ref := range refs {
		c, ok := ref.(ssa.CallInstruction)
		if !ok || c.Common().Value != mc {
			return false
		}
		if _, isGo := ref.(*ssa.Go); isGo {
			return false
		}
	}
	return len(refs) > 0
}

// onlyStarted: the closure's only use is a go statement running it.
func onlyStarted(mc *ssa.MakeClosure) bool {
	refs := *mc.Referrers()
	for _, ref := range refs {
		if g, ok := ref.(*ssa.Go); !ok || g.Call.Value != mc {
			return false
		}
	}
	return len(refs) > 0
}

// descs describes the locks held at an access to k, relative to k.
func descs(k lockstate.Key, held []lockstate.HeldLock) map[string]bool {
	out := map[string]bool{}
	for _, h := range held {
		if d, ok := describe(k, h.Key); ok {
			out[d] = out[d] || !h.Read
		}
	}
	return out
}

// describe names lock l relative to location k: a package-level lock
// guarding a package variable is itself ("g:pkg.mu"); a field lock of the
// struct holding the field k selects, or of a struct one or two levels out
// along k's path, is "<levels>:<lock class>".
func describe(k, l lockstate.Key) (string, bool) {
	if l.Root == lockstate.RootGlobal && len(l.Path) == 0 {
		if k.Root == lockstate.RootGlobal && len(fieldSteps(k)) == 0 {
			return "g:" + l.Global, true
		}
		return "", false
	}
	if l.Class() == "" || rootID(k) != rootID(l) {
		return "", false
	}
	lo, ok := l.Owner()
	if !ok {
		return "", false
	}
	ko, ok := k.Owner()
	if !ok || len(lo.Path) > len(ko.Path) {
		return "", false
	}
	for i, s := range lo.Path {
		t := ko.Path[i]
		if s.Deref != t.Deref || s.Field != t.Field {
			return "", false
		}
	}
	up := 0
	for _, s := range ko.Path[len(lo.Path):] {
		if !s.Deref {
			up++
		}
	}
	if up > 2 {
		return "", false
	}
	return fmt.Sprintf("%d:%s", up, l.Class()), true
}

func rootID(k lockstate.Key) string {
	k.Path = nil
	return k.ID()
}

func fieldSteps(k lockstate.Key) []lockstate.Step {
	var out []lockstate.Step
	for _, s := range k.Path {
		if !s.Deref {
			out = append(out, s)
		}
	}
	return out
}

func funcObj(fn *ssa.Function) *types.Func {
	if o := fn.Origin(); o != nil {
		fn = o
	}
	f, _ := fn.Object().(*types.Func)
	return f
}

// docDesc turns a documented guard name into a description: a mutex field
// of the struct declaring v (or of an enclosing one on the accesses' paths),
// or a package-level mutex for a package variable.
func (m *model) docDesc(v *types.Var, name string, accs []*Access) string {
	if !v.IsField() {
		if obj, ok := m.pass.Pkg.Scope().Lookup(name).(*types.Var); ok && isMutex(obj.Type()) {
			return "g:" + m.pass.Pkg.Path() + "." + name
		}
		return ""
	}
	for _, a := range accs {
		for d := range a.held {
			if strings.HasPrefix(d, "0:") && strings.HasSuffix(d, "."+name) {
				return d
			}
		}
	}
	return ""
}
