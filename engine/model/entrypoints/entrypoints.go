// Package entrypoints is goconc's model of concurrent entry points: the
// functions of a package that run on a goroutine of their own — bodies of
// `go` statements, of errgroup.Group.Go and sync.WaitGroup.Go, time.AfterFunc
// callbacks, and net/http handlers (registered with net/http or a router
// found by its type: chi, gorilla/mux, gin, echo; or any type with a
// ServeHTTP method) — which functions each of them reaches over the SSA call
// graph (static calls, closures, and interface calls resolved to the
// package's own types), and whether an entry runs concurrently with itself
// (a handler; a goroutine started in a loop or from such an entry).
//
// It builds on the lock model's SSA, so the instructions rules find here are
// the ones lockstate.HeldAt answers for.
package entrypoints

import (
	"go/token"
	"go/types"
	"reflect"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/lockstate"
	"github.com/goconc/goconc/engine/model/ssabuild"
)

var Analyzer = &analysis.Analyzer{
	Name:       "entrypoints",
	Doc:        "finds the package's concurrent entry points (goroutines, HTTP handlers, timer callbacks) and the functions each reaches (goconc's shared model)",
	Requires:   []*analysis.Analyzer{lockstate.Analyzer, ssabuild.Analyzer},
	Run:        run,
	ResultType: reflect.TypeOf((*Result)(nil)),
}

// Kind says how an entry is started.
type Kind string

const (
	Goroutine Kind = "goroutine"
	Handler   Kind = "handler"
	Callback  Kind = "callback"
	// RPC: a gRPC service method, run for every call
	// (`pb.RegisterGreeterServer(s, impl)`).
	RPC Kind = "gRPC method"
)

// ServesRequests: the entry runs once per request or call, any number at
// once — an HTTP handler or a gRPC service method.
func (e *Entry) ServesRequests() bool { return e.Kind == Handler || e.Kind == RPC }

// Entry is one function that runs concurrently with its starter.
type Entry struct {
	Fn   *ssa.Function
	Kind Kind
	// Via is how it is started, for messages: "go statement",
	// "errgroup.Group.Go", "http.HandleFunc", "(*gin.RouterGroup).GET",
	// "time.AfterFunc", "ServeHTTP method".
	Via string
	// Site is where it is started or registered (the ServeHTTP method itself
	// for a handler found by its type).
	Site token.Pos
	// Start is the instruction that starts it, in Starter; nil for a handler
	// found by its type.
	Start   ssa.Instruction
	Starter *ssa.Function
	// InLoop: Start can run again before the entry finishes (it is in a loop).
	InLoop bool
	// Multi: the entry can run concurrently with itself — a handler, a
	// goroutine started in a loop, or one started by a Multi entry.
	Multi bool
	// args are the values its parameters are bound to at Start (go f(a, b)).
	args []ssa.Value
	// bindings are the starter's values of the free variables of a closure
	// a call returned (a middleware's `func(w, r)` capturing its
	// arguments); nil where unknown.
	bindings []ssa.Value
	closure  *ssa.MakeClosure // the closure those bindings are of
	// shared: which parameters all instances share, before the call graph.
	shared []bool
	// cycle: the blocks of the loop around Start (empty if none).
	cycle map[*ssa.BasicBlock]bool
}

// Context is one way a function runs: reached from Entry, with Shared[i]
// telling whether parameter i is bound to the same value in every running
// instance of the entry (so a field reached through it is one location for
// all of them).
type Context struct {
	Entry  *Entry
	Shared []bool
	// Guarded: every path from the entry to the function passes a call that
	// holds (or may hold) a lock — what the function does may run under its
	// callers' lock, so race rules keep quiet about it.
	Guarded bool
}

// Result is the entry-point model of one package.
type Result struct {
	Entries []*Entry
	// Funcs are the package's functions (declared ones and their literals).
	Funcs   []*ssa.Function
	reach   map[*ssa.Function]map[*Entry][]bool
	guarded map[*ssa.Function]map[*Entry]bool
	// lockHeld: a lock is or may be held at the call (the lock model's HeldAt).
	lockHeld func(ssa.Instruction) bool
	prog     *ssa.Program
	cells    map[string]*ssa.Alloc          // captured variables by their key
	impls    map[string][]*ssa.Function     // interface calls' targets by "interface.method"
	after    map[afterKey][]ssa.Instruction // AfterStart by entry and stop
	// The caches above are filled on demand by rules that run in parallel on
	// the same package (go vet's unitchecker runs a package's analyzers
	// concurrently): cacheMu guards impls and after, cellsOnce builds cells.
	cacheMu   sync.Mutex
	waits     map[*ssa.Function]bool // mayWait's answers (cacheMu)
	cellsOnce sync.Once
	// byMethod: the package's concrete types by the names of their methods
	// (promoted ones included), built once for interface calls.
	byMethod     map[string][]types.Type
	byMethodOnce sync.Once
	argKeys      map[argQuery]argAnswer // argKey's memo, filled during run only
}

// Of is the model of the pass's package.
func Of(pass *analysis.Pass) *Result { return pass.ResultOf[Analyzer].(*Result) }

// Contexts lists the entries fn runs under (empty: it runs only on the
// goroutines that call it, none of them concurrent in this package).
func (r *Result) Contexts(fn *ssa.Function) []Context {
	var out []Context
	for _, e := range r.Entries {
		if sh, ok := r.reach[fn][e]; ok {
			out = append(out, Context{Entry: e, Shared: sh, Guarded: r.guarded[fn][e]})
		}
	}
	return out
}

// Reaches says whether fn runs under entry e.
func (r *Result) Reaches(e *Entry, fn *ssa.Function) bool {
	_, ok := r.reach[fn][e]
	return ok
}

// SharedKey says whether the location k names in fn, running under ctx, is
// the same location in every instance of the entry: a package variable; a
// variable captured from outside the entry (and, for an entry started in a
// loop, declared before the loop); a field reached from a shared parameter or
// from a captured value that is the same for all instances. A local of the
// entry, a variable declared in the loop body, or a value of one request is
// one instance's alone.
func (r *Result) SharedKey(ctx Context, fn *ssa.Function, k lockstate.Key) bool {
	return r.sharedKey(ctx, fn, k, 0)
}

func (r *Result) sharedKey(ctx Context, fn *ssa.Function, k lockstate.Key, depth int) bool {
	switch k.Root {
	case lockstate.RootGlobal:
		return true
	case lockstate.RootParam:
		return k.Index < len(ctx.Shared) && ctx.Shared[k.Index]
	case lockstate.RootCell:
		if r.CellOutside(ctx.Entry, k) {
			return true
		}
		// A field of what the variable points to: shared if every value
		// stored in it is (a captured receiver of a shared handler).
		return len(k.Path) > 1 && k.Path[0].Deref && depth < 4 && r.pointeeShared(ctx.Entry, k, depth)
	case lockstate.RootFreeVar:
		return depth < 4 && r.bindingShared(ctx, fn, k.Index, depth)
	}
	return false
}

// bindingShared: free variable i of closure fn is bound, where the closure is
// made, to a value all instances of ctx's entry share.
func (r *Result) bindingShared(ctx Context, fn *ssa.Function, i int, depth int) bool {
	parent := fn.Parent()
	if parent == nil {
		// A method value's wrapper: the receiver is bound once, where the
		// method value is made (registering s.Handle).
		return fn.Synthetic != ""
	}
	mc := makeClosureIn(parent, fn)
	if mc == nil || i >= len(mc.Bindings) {
		return false
	}
	return r.valueShared(ctx.Entry, parent, mc.Bindings[i], depth+1)
}

func (r *Result) pointeeShared(e *Entry, k lockstate.Key, depth int) bool {
	cell := r.CellOf(k)
	if cell == nil {
		return false
	}
	stores := 0
	for _, ref := range *cell.Referrers() {
		st, ok := ref.(*ssa.Store)
		if !ok || st.Addr != cell {
			continue
		}
		stores++
		if !r.valueShared(e, cell.Parent(), st.Val, depth+1) {
			return false
		}
	}
	return stores > 0
}

// valueShared: v, computed in fn, is the same value for every instance of e.
func (r *Result) valueShared(e *Entry, fn *ssa.Function, v ssa.Value, depth int) bool {
	if fn == e.Starter && e.madeInLoop(v) {
		return false
	}
	k, ok := lockstate.KeyOf(fn, v)
	if !ok {
		_, inside := r.reach[fn][e]
		return !inside && len(r.reach[fn]) == 0
	}
	if sh, inside := r.reach[fn][e]; inside {
		return r.sharedKey(Context{Entry: e, Shared: sh}, fn, k, depth)
	}
	// Made outside e: the same for all the instances one run starts, and for
	// those other runs start only if it is shared there.
	for pe, sh := range r.reach[fn] {
		if !r.sharedKey(Context{Entry: pe, Shared: sh}, fn, k, depth) {
			return false
		}
	}
	return true
}

func makeClosureIn(parent, fn *ssa.Function) *ssa.MakeClosure {
	if parent == nil {
		return nil
	}
	var found *ssa.MakeClosure
	for _, b := range parent.Blocks {
		for _, in := range b.Instrs {
			if mc, ok := in.(*ssa.MakeClosure); ok && mc.Fn == fn {
				if found != nil {
					return nil
				}
				found = mc
			}
		}
	}
	return found
}

// CellMadeBy: the captured variable k is made by a function e reaches (each
// instance of e, each call on the way, has its own).
func (r *Result) CellMadeBy(e *Entry, k lockstate.Key) bool {
	cell := r.CellOf(k)
	if cell == nil {
		return true
	}
	_, inside := r.reach[cell.Parent()][e]
	return inside
}

// CellOutside: the captured variable k is allocated outside every instance
// of e: not by a function e reaches, not inside the loop that starts e, and
// not by a function that runs once per instance of e.
func (r *Result) CellOutside(e *Entry, k lockstate.Key) bool {
	cell := r.CellOf(k)
	if cell == nil {
		return false
	}
	if _, inside := r.reach[cell.Parent()][e]; inside {
		return false
	}
	if e.InLoop {
		return !e.madeInLoop(cell)
	}
	// Instances of e that different runs of the cell's function start (a
	// goroutine per request) each see that run's variable.
	for pe := range r.reach[cell.Parent()] {
		if pe.Multi {
			return false
		}
	}
	return true
}

// CellOf is the allocation of the captured variable k names.
func (r *Result) CellOf(k lockstate.Key) *ssa.Alloc {
	r.cellsOnce.Do(func() {
		r.cells = map[string]*ssa.Alloc{}
		for _, fn := range r.Funcs {
			for _, b := range fn.Blocks {
				for _, in := range b.Instrs {
					if a, ok := in.(*ssa.Alloc); ok && a.Heap {
						if ck, ok := lockstate.KeyOf(fn, a); ok && ck.Root == lockstate.RootCell {
							r.cells[ck.Local] = a
						}
					}
				}
			}
		}
	})
	return r.cells[k.Local]
}

// BindingKey is the starter's name for the value free variable i of e.Fn
// is bound to, when a call in the starter made the closure from its
// arguments (`http.HandleFunc("/", api.requireSession(h))`).
func (e *Entry) BindingKey(i int) (lockstate.Key, bool) {
	if e.Starter == nil || i >= len(e.bindings) || e.bindings[i] == nil {
		return lockstate.Key{}, false
	}
	return lockstate.ValueKey(e.Starter, e.bindings[i])
}

// CellBindingKey is the starter's name for the value a variable of the
// function that made e's closure holds, when the closure captures it and
// the variable holds that function's parameter (a middleware's receiver or
// argument, captured): the key of what the variable points at.
func (e *Entry) CellBindingKey(cell *ssa.Alloc) (lockstate.Key, bool) {
	if e.closure == nil {
		return lockstate.Key{}, false
	}
	for i, b := range e.closure.Bindings {
		if b == cell {
			return e.BindingKey(i)
		}
	}
	return lockstate.Key{}, false
}

// ArgKey is the starter's name for the value bound to parameter i of e.Fn at
// its start, for matching the entry's accesses with its starter's.
func (e *Entry) ArgKey(i int) (lockstate.Key, bool) {
	if e.Starter == nil || i >= len(e.args) {
		return lockstate.Key{}, false
	}
	return lockstate.ValueKey(e.Starter, e.args[i])
}

func run(pass *analysis.Pass) (any, error) {
	fns := packageFuncs(pass)
	res := &Result{Funcs: fns, reach: map[*ssa.Function]map[*Entry][]bool{}}
	if len(fns) == 0 {
		return res, nil
	}
	res.prog = fns[0].Prog
	ls := lockstate.Of(pass)
	res.lockHeld = func(in ssa.Instruction) bool {
		held, ok := ls.HeldAt(in)
		return !ok || len(held.May) > 0
	}
	f := &finder{pass: pass, res: res, fns: fns}
	for _, fn := range fns {
		f.startsIn(fn)
	}
	f.handlerTypes()
	res.computeReach()
	for _, e := range res.Entries {
		if e.Multi && e.Kind != Handler && res.serializedByOneSlot(e) {
			e.Multi = false
		}
	}
	res.propagateMulti()
	// An entry started by code that itself runs in entries (a goroutine a
	// handler starts) shares an argument only if the starter does.
	res.refineStarted()
	res.computeReach()
	res.argKeys = nil
	return res, nil
}

// packageFuncs are the functions of the package with their literals, from
// the package's one SSA build (the lock model's too, so instructions match
// its HeldAt).
func packageFuncs(pass *analysis.Pass) []*ssa.Function {
	return ssabuild.Of(pass).Funcs()
}
