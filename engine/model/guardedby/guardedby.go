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
	"go/token"
	"go/types"
	"reflect"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/entrypoints"
	"github.com/goconc/goconc/engine/model/lockstate"
	"github.com/goconc/goconc/engine/model/ssabuild"
)

var Analyzer = &analysis.Analyzer{
	Name:       "guardedby",
	Doc:        "infers the mutex guarding each field and package variable from the locks held at its accesses, and lists the accesses without it (goconc's guarded-by model)",
	Requires:   []*analysis.Analyzer{lockstate.Analyzer, entrypoints.Analyzer, ssabuild.Analyzer},
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
	if !ssabuild.Imports(pass, "sync") || !declaresMutex(pass.Pkg) {
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
	m.lockedFuncs = lockedFuncs(pass)
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
	escapes     map[*ssa.Function]bool // used as a value: callers unknown
	started     map[*ssa.Function]bool // the body of a go statement
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
	writes := 0
	for _, a := range accs {
		if m.guardsOf(a) {
			counted = append(counted, a)
			if a.Write {
				writes++
			}
		}
	}
	if writes == 0 || len(counted) == 0 {
		return // read-only once published
	}
	counts := map[string]int{}
	for _, a := range counted {
		for d := range a.held {
			counts[d]++
		}
	}
	wild := counts["*"]
	g := Guard{Total: len(counted)}
	if doc, ok := m.docs[v]; ok {
		if d := m.docDesc(v, doc, counted); d != "" && counts[d]+wild > 0 {
			g.Desc, g.Documented, g.Guarded = d, doc, counts[d]+wild
		}
	}
	if g.Desc == "" {
		best := ""
		for d, n := range counts {
			if d != "*" && (n > counts[best] || (n == counts[best] && d < best)) {
				best = d
			}
		}
		n := counts[best] + wild
		if best == "" || n < MinGuarded || float64(n) < MinShare*float64(len(counted)) {
			return
		}
		g.Desc, g.Guarded = best, n
	}
	res.Guards[v] = g
	var guarded []Access
	for _, a := range counted {
		if _, ok := a.held[g.Desc]; ok && len(guarded) < 3 {
			guarded = append(guarded, *a)
		}
	}
	for _, a := range counted {
		if a.held["*"] {
			continue
		}
		mode, held := a.held[g.Desc]
		if held && (mode || !a.Write) {
			continue
		}
		if !m.concurrent(a) {
			continue
		}
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
		if len(m.ep.Contexts(fn)) > 0 || m.started[fn] || exportedMethodOfLocker(fn) {
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
	if v.local && len(held) == 0 {
		return false
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
	if k.Root == lockstate.RootLocal {
		return view{local: true}
	}
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
			// The caller's name for the location is unknown (an element, a
			// call result): nothing provable there.
			out.held, first, allLocal = map[string]bool{}, false, false
			out.open = append(out.open, caller)
			continue
		}
		var at ssa.Instruction = c
		if cs, isClosure := c.(*closureSite); isClosure {
			at = cs.Call
		}
		hs, ok := m.ls.HeldAt(at)
		if !ok {
			out.held, first, allLocal = map[string]bool{}, false, false
			continue
		}
		here := descs(ck, hs.May)
		if m.lockedFuncs[funcObj(caller)] {
			here["*"] = true
		}
		up := m.view(caller, ck, depth+1)
		if up.local && len(here) == 0 {
			continue
		}
		if !up.local {
			for d, w := range up.held {
				here[d] = here[d] || w
			}
		}
		allLocal = false
		out.open = append(out.open, up.open...)
		if first {
			out.held, first = here, false
			continue
		}
		for d, w := range out.held {
			hw, ok := here[d]
			if !ok {
				delete(out.held, d)
			} else {
				out.held[d] = w && hw
			}
		}
		if here["*"] {
			// A *Locked caller holds whatever its callee needs.
			for d := range out.held {
				out.held[d] = true
			}
		}
	}
	if allLocal {
		return view{local: true}
	}
	if out.held == nil {
		out.held = map[string]bool{}
	}
	return out
}

// callArgs are the arguments a call site binds fn's parameters to (the
// receiver first for an interface call) and its closure bindings.
func callArgs(c ssa.CallInstruction, fn *ssa.Function) (args, bindings []ssa.Value) {
	if cs, ok := c.(*closureSite); ok {
		return nil, cs.mc.Bindings
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

// closureSite stands for a call handing a closure to other code
// (sort.Slice, a visitor): the closure runs, as far as can be told, under
// the locks held at that call.
type closureSite struct {
	*ssa.Call
	mc *ssa.MakeClosure
}

// indexCalls records every call site of the package's functions (static
// calls, closures called in place or handed on, interface calls to the
// package's types), the functions used as values and the bodies of go
// statements.
func (m *model) indexCalls() {
	m.sites = map[*ssa.Function][]ssa.CallInstruction{}
	m.escapes = map[*ssa.Function]bool{}
	m.started = map[*ssa.Function]bool{}
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
					}
					m.noteValues(in)
				case *ssa.MakeClosure:
					target := in.Fn.(*ssa.Function)
					if target.Synthetic != "" {
						// A bound method value: the method runs when and
						// where its taker decides.
						if meth := boundTarget(target); meth != nil {
							m.escapes[meth] = true
						}
						continue
					}
					if calledInPlace(in) || onlyStarted(in) {
						continue
					}
					if c := handedTo(in); c != nil {
						m.sites[target] = append(m.sites[target], &closureSite{Call: c, mc: in})
					} else {
						m.escapes[target] = true // stored: runs later, under whatever lock
					}
				default:
					m.noteValues(in)
				}
			}
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
			if strings.HasSuffix(d, "."+name) && !strings.HasPrefix(d, "g:") {
				return d
			}
		}
	}
	return ""
}
