// Package lockstate is the shared lock model of goconc's analyzers: for every
// function of a package it follows, path by path over SSA, which sync.Mutex
// and RWMutex locks are held, and summarises each function's effect on its
// caller's locks (exported as facts, so callers in other packages see it).
// The rules (lock-without-unlock, double-lock, lock-order-inversion,
// unlock-not-deferred) read its Result and report; none of them walks SSA.
package lockstate

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"sort"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/ssabuild"
	"github.com/goconc/goconc/engine/model/ssapkg"
)

var Analyzer = &analysis.Analyzer{
	Name:       "lockstate",
	Doc:        "computes the sync.Mutex/RWMutex lock state of every function and its summary for callers (goconc's shared lock model)",
	Run:        run,
	Requires:   []*analysis.Analyzer{ssabuild.Analyzer},
	FactTypes:  []analysis.Fact{new(FuncSummary), new(PackageEdges)},
	ResultType: reflect.TypeOf((*Result)(nil)),
}

// Result is the lock model of one package. Rules call Ready first: the
// per-function reports are computed then, once.
type Result struct {
	once    sync.Once
	compute func()

	Reports []*FuncReport
	// Calls maps a call's Lparen (what SSA reports as its position) to the
	// call expression, for messages and fixes.
	Calls map[token.Pos]*ast.CallExpr
	// Releases says which lock classes are released somewhere in the package:
	// a lock handed to callers that nobody releases is a leak after all.
	Releases map[string]bool
	// WriteLocked says which lock classes the package write-locks somewhere:
	// RLock re-entry deadlocks only if a writer can queue in between.
	WriteLocked map[string]bool
	// ImportedEdges are lock-order edges of imported packages.
	ImportedEdges []ExportedEdge

	byFunc   map[*ssa.Function]*FuncReport
	lockFree bool // the package cannot lock anything: nothing is held anywhere
}

// Ready computes the reports (once) and returns the result.
func (r *Result) Ready() *Result {
	r.once.Do(func() {
		if r.compute != nil {
			r.compute()
		}
	})
	return r
}

// Of is the lock model of the pass's package, ready to read.
func Of(pass *analysis.Pass) *Result {
	return pass.ResultOf[Analyzer].(*Result).Ready()
}

// CallStart is where the call whose Lparen is at lparen starts, for
// positions a reader clicks on.
func (r *Result) CallStart(lparen token.Pos) token.Pos {
	if c := r.Calls[lparen]; c != nil {
		return c.Pos()
	}
	return lparen
}

// ExportedEdge is a lock-order edge as a package fact carries it.
type ExportedEdge struct {
	From, To         string
	FromRead, ToRead bool
	Func             string
	Gates            []string
}

// PackageEdges is the package fact listing the lock-order edges found in a
// package, so an inversion across packages is seen from the importer.
type PackageEdges struct{ Edges []ExportedEdge }

func (*PackageEdges) AFact()         {}
func (*PackageEdges) String() string { return "lockOrderEdges" }

type memoKey struct {
	fn   *ssa.Function
	bind string
}

type model struct {
	pass  *analysis.Pass
	pkg   *ssa.Package
	memo  map[memoKey]*Summary
	edges map[*ssa.Function][]*Edge // lock-order edges of each function, from its unbound run
	// factNames are the names of branch-condition values in paths' facts (valueFact).
	factNames map[ssa.Value]string
	touches   map[*ssa.Function]bool // mayTouchLocks's answers
	flags     map[flagKey]bool       // lockFlag's answers
	keys      map[keyQuery]keyAnswer // keyAt's answers: flows ask for the same values at every visit
	// reports: functions whose unbound summary run was also their report run
	// (a package the user checks: one walk instead of two); placeholders
	// counts the recursion placeholders handed out, after which a run saw a
	// summary that was not final and its report is computed again.
	reports       map[*ssa.Function]*FuncReport
	placeholders  int
	placeholderOf map[*Summary]bool
}

type keyQuery struct {
	fn    *ssa.Function
	v     ssa.Value
	elems bool
}

type keyAnswer struct {
	key Key
	ok  bool
}

// lockKey is lockKeyOf, memoised for the package (keys are values; their
// paths are shared and never written to).
func (m *model) lockKey(fn *ssa.Function, v ssa.Value) (Key, bool) { return m.key(fn, v, true) }

// accessKey is keyOf, memoised.
func (m *model) accessKey(fn *ssa.Function, v ssa.Value) (Key, bool) { return m.key(fn, v, false) }

func (m *model) key(fn *ssa.Function, v ssa.Value, elems bool) (Key, bool) {
	q := keyQuery{fn, v, elems}
	if a, ok := m.keys[q]; ok {
		return a.key, a.ok
	}
	k, ok := keyAt(fn, v, 0, elems)
	if m.keys == nil {
		m.keys = map[keyQuery]keyAnswer{}
	}
	m.keys[q] = keyAnswer{k, ok}
	return k, ok
}

func run(pass *analysis.Pass) (any, error) {
	res := &Result{Calls: map[token.Pos]*ast.CallExpr{}, Releases: map[string]bool{}, WriteLocked: map[string]bool{}, byFunc: map[*ssa.Function]*FuncReport{}}
	for _, f := range pass.AllPackageFacts() {
		if pe, ok := f.Fact.(*PackageEdges); ok && f.Package != pass.Pkg {
			res.ImportedEdges = append(res.ImportedEdges, pe.Edges...)
		}
	}
	if !worthAnalysing(pass) {
		res.lockFree = true
		return res, nil
	}
	var m *model
	var decls, fns []*ssa.Function
	build := func() *model {
		if m != nil {
			return m
		}
		// One SSA build per package, shared with every model and rule that walks it.
		built := ssabuild.Of(pass)
		pkg := built.Package()
		for lparen, call := range built.Calls() {
			res.Calls[lparen] = call
		}
		m = &model{pass: pass, pkg: pkg, memo: map[memoKey]*Summary{}, edges: map[*ssa.Function][]*Edge{}, touches: map[*ssa.Function]bool{}, flags: map[flagKey]bool{}, placeholderOf: map[*Summary]bool{}}
		if !inGOROOT(pass) && !ssabuild.InModuleCache(pass) {
			m.reports = map[*ssa.Function]*FuncReport{}
		}
		decls, fns = ssapkg.Functions(pass, pkg)
		return m
	}
	// Facts: what callers in other packages need. The standard library's
	// lock effects never involve a caller's locks (its mutexes are
	// unexported), so go vet's dependency passes over it skip SSA entirely;
	// so do they over third-party modules from the module cache, whose locks
	// are their own too: their summaries were most of every package's facts
	// (1,802 of etcdserverpb's, protobuf's registry lock over and over), read
	// back by every importer at each check. What is lost: a library function
	// that locks a mutex the caller passes it, or returns with one held.
	if !inGOROOT(pass) && !ssabuild.InModuleCache(pass) {
		build()
		for _, fn := range decls {
			exportSummary(m, fn)
		}
		var edges []ExportedEdge
		for _, fn := range sortedFuncs(m.edges) {
			for _, e := range m.edges[fn] {
				edges = append(edges, ExportedEdge{From: e.From, To: e.To, FromRead: e.FromRead, ToRead: e.ToRead, Func: fn.String(), Gates: e.Gates})
			}
		}
		if len(edges) > 0 {
			pass.ExportPackageFact(&PackageEdges{Edges: edges})
		}
	}
	// Reports: only when a rule asks (never in go vet's facts-only passes
	// over dependencies).
	res.compute = func() {
		build()
		for _, fn := range fns {
			rep := m.reports[fn]
			if rep == nil {
				fl := newFlow(m, fn, nil, true)
				fl.run()
				rep = fl.results()
			}
			res.Reports = append(res.Reports, rep)
			res.byFunc[fn] = rep
			for _, a := range rep.Acquisitions {
				if len(a.Releases) > 0 {
					res.Releases[a.Key.Class()] = true
				}
			}
		}
		lockClassesUsed(fns, res)
		// The reports are all rules read from here on: let the summaries
		// and memos go (≈150 MB on nats-server's 440k-line package, whose
		// live heap is what the vet tool's soft memory limit is about).
		m.memo, m.keys, m.factNames, m.reports, m.edges = nil, nil, nil, nil, nil
	}
	return res, nil
}

// lockClassesUsed records the classes released and write-locked anywhere
// (an Unlock on a lock this package did not acquire too).
func lockClassesUsed(fns []*ssa.Function, res *Result) {
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, in := range b.Instrs {
				ci, ok := in.(ssa.CallInstruction)
				if !ok {
					continue
				}
				kind, recv := lockOp(ci.Common())
				k, ok := Key{}, false
				if kind != OpNone {
					k, ok = lockKeyOf(fn, recv)
				}
				if !ok || k.Class() == "" {
					continue
				}
				if kind.releases() {
					res.Releases[k.Class()] = true
				}
				if kind == OpLock || kind == OpTryLock {
					res.WriteLocked[k.Class()] = true
				}
			}
		}
	}
}

func sortedFuncs(m map[*ssa.Function][]*Edge) []*ssa.Function {
	out := make([]*ssa.Function, 0, len(m))
	for fn := range m {
		out = append(out, fn)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// inGOROOT: the package is part of the standard library.
func inGOROOT(pass *analysis.Pass) bool { return ssabuild.InGOROOT(pass) }

// worthAnalysing: a package that imports neither sync nor a package with lock
// summaries cannot lock anything; skip building its SSA (most of a
// dependency graph, where go vet runs us for facts).
func worthAnalysing(pass *analysis.Pass) bool {
	for _, imp := range pass.Pkg.Imports() {
		if imp.Path() == "sync" {
			return true
		}
	}
	for _, f := range pass.AllObjectFacts() {
		if _, ok := f.Fact.(*FuncSummary); ok {
			return true
		}
	}
	return false
}

func bindKey(bind map[int]bool) string {
	if len(bind) == 0 {
		return ""
	}
	idx := make([]int, 0, len(bind))
	for i := range bind {
		idx = append(idx, i)
	}
	sort.Ints(idx)
	s := ""
	for _, i := range idx {
		s += fmt.Sprintf("%d=%v,", i, bind[i])
	}
	return s
}

// summaryFor returns the effect of calling fn with the given constant
// boolean arguments: computed from its body in this package, or read from the
// fact its own package exported.
func (m *model) summaryFor(fn *ssa.Function, bind map[int]bool) *Summary {
	if len(fn.Blocks) == 0 {
		if o := fn.Origin(); o != nil && o != fn && len(o.Blocks) > 0 && o.Pkg == m.pkg {
			fn = o // an instance of a generic function of this package
		}
	}
	if len(fn.Blocks) == 0 {
		return m.importedSummary(fn, bind)
	}
	if fn.Pkg != nil && fn.Pkg != m.pkg {
		return m.importedSummary(fn, bind)
	}
	k := memoKey{fn, bindKey(bind)}
	if s, ok := m.memo[k]; ok {
		if m.placeholderOf[s] {
			m.placeholders++
		}
		return s
	}
	if !m.mayTouchLocks(fn) {
		s := &Summary{}
		m.memo[k] = s
		return s
	}
	placeholder := &Summary{} // recursion: a call back into fn does nothing to locks
	m.memo[k] = placeholder
	m.placeholderOf[placeholder] = true
	report := len(bind) == 0 && m.reports != nil
	fl := newFlow(m, fn, bind, report)
	fl.recordEdges = len(bind) == 0
	before := m.placeholders
	fl.run()
	s := fl.summary()
	m.memo[k] = s
	delete(m.placeholderOf, placeholder)
	if report && m.placeholders == before {
		m.reports[fn] = fl.results()
	}
	if fl.recordEdges && !fl.gaveUp {
		for _, ek := range fl.eOrder {
			m.edges[fn] = append(m.edges[fn], fl.edges[ek])
		}
	}
	return s
}

func (m *model) importedSummary(fn *ssa.Function, bind map[int]bool) *Summary {
	fact, ok := m.importedFact(fn)
	if !ok {
		return nil
	}
	// Variants bind one flag each: use the one for the first bound flag
	// (exact for the common single-flag helpers).
	for i, v := range fact.Variants {
		if b, ok := bind[v.Param]; ok && b == v.Value {
			return &fact.Variants[i].Summary
		}
	}
	return &fact.Default
}

func exportSummary(m *model, fn *ssa.Function) {
	obj, _ := fn.Object().(*types.Func)
	if obj == nil {
		return
	}
	def := m.summaryFor(fn, nil)
	fact := &FuncSummary{Default: *def}
	for i := range fn.Params {
		if !m.lockFlag(fn, i) {
			continue
		}
		for _, v := range []bool{true, false} {
			b := map[int]bool{i: v}
			s := m.summaryFor(fn, b)
			fact.Variants = append(fact.Variants, Variant{Param: i, Value: v, Summary: *s})
		}
	}
	if def.empty() && len(fact.Variants) == 0 {
		return
	}
	m.pass.ExportObjectFact(obj, fact)
}
