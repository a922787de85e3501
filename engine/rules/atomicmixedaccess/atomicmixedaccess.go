// Package atomicmixedaccess reports a plain read or write of a struct field
// or package variable that the package elsewhere accesses with the sync/atomic
// functions (atomic.AddInt64(&s.n, 1), atomic.LoadUint32(&x)…): the atomic
// side synchronises only with other atomic accesses, so the plain one is a
// data race — and a 64-bit value may tear on 32-bit platforms.
package atomicmixedaccess

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/atomics"
	"github.com/goconc/goconc/engine/model/entrypoints"
	"github.com/goconc/goconc/engine/model/lockstate"
	"github.com/goconc/goconc/engine/model/publication"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

var Analyzer = &analysis.Analyzer{
	Name: "atomic_mixed_access",
	Doc: `a field or variable accessed both with sync/atomic and plainly

An atomic operation synchronises only with other atomic operations on the
same word. Once a field or package variable is updated with
atomic.AddInt64/StoreUint32/CompareAndSwap… somewhere, a plain read of it
elsewhere races with those updates (and a 64-bit value can tear on 32-bit
platforms), and a plain write races with the atomic loads.

Reported at the plain access (a read, a write, or x++ / x += v) of a
location some sync/atomic function accesses in the package, with up to
three of the atomic accesses as related information, when the code can run
concurrently: the plain access or one of the atomic ones runs in a
goroutine, a callback or an HTTP handler (the entry-point model), or the
location belongs to a type made for concurrent use (it has a mutex or an
atomic-typed field, or atomics on another field), or an atomic access is in
an exported function. A plain read is reported only when something writes
the location atomically.

Silent before the value is published: in the function that allocates it
(a constructor filling &T{} or new(T)), in init, and in unexported helpers
every call of which hands them such a new value; under a lock that every
atomic writer (for a plain write: every atomic access) also holds, in its
own function or in all its callers'; after a sync.WaitGroup or errgroup
Wait in the same function; in _test.go files.

The atomic types (atomic.Int64, atomic.Uint32, atomic.Pointer[T],
atomic.Bool, Go 1.19+) make the mix impossible: their value can only be
reached through atomic methods. Quick fix for a field or variable of type
int32, int64, uint32, uint64 or uintptr: a read becomes atomic.LoadT(&x),
` + "`x = v`" + ` atomic.StoreT(&x, v), ` + "`x++` / `x += v`" + ` atomic.AddT(&x, 1 / v).

Not seen: accesses through a pointer taken elsewhere (p := &s.n; *p),
copies of the whole struct, publication by a goroutine started before a
constructor's plain write, and a lock held by the caller of an exported
function.`,
	Requires: []*analysis.Analyzer{atomics.Analyzer, entrypoints.Analyzer, lockstate.Analyzer},
	Run:      run,
}

// Information by default: on the precision modules 4 of 13 findings were
// true and 4 unsure (plain reads under a lock the atomic writer does not take,
// where only which goroutine runs them keeps them apart) — below the 90 % a
// warning needs.
var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Hint, Category: "shared-state", Checklist: "shared-state"}

type checker struct {
	pass      *analysis.Pass
	at        *atomics.Result
	ep        *entrypoints.Result
	ls        *lockstate.Result
	calls     *publication.Calls
	callerMem map[*ssa.Function]map[string]bool
}

func run(pass *analysis.Pass) (any, error) {
	at := atomics.Of(pass)
	if len(at.Plain) == 0 {
		return nil, nil
	}
	ep := entrypoints.Of(pass)
	var entries []*ssa.Function
	for _, e := range ep.Entries {
		entries = append(entries, e.Fn)
	}
	c := &checker{pass: pass, at: at, ep: ep, ls: lockstate.Of(pass), calls: publication.NewCalls(ep.Funcs, ep.Callees, entries), callerMem: map[*ssa.Function]map[string]bool{}}
	reported := map[token.Pos]bool{}
	for _, a := range at.Plain {
		if strings.HasSuffix(pass.Fset.Position(a.Instr.Pos()).Filename, "_test.go") {
			continue
		}
		expr, kind := c.accessExpr(a)
		if expr == nil || reported[expr.Pos()] {
			continue
		}
		ops := at.Ops[a.Loc]
		against := ops // what the plain access races with
		if kind == read {
			against = nil
			for _, op := range ops {
				if op.Write {
					against = append(against, op)
				}
			}
		}
		if len(against) == 0 || (kind == read && c.singleWriter(a, against)) || c.calls.Before(a.Fn, a.Addr) || c.lockedWith(a.Instr, against) || afterWait(a.Instr) || !c.concurrent(a, ops) {
			continue
		}
		reported[expr.Pos()] = true
		pass.Report(c.diagnostic(a, expr, kind, against))
	}
	return nil, nil
}

type accessKind int

const (
	read accessKind = iota
	write
	update // x++, x += v: a read and a write
)

// accessExpr is the expression the access reads or writes (s.n, x) and how.
func (c *checker) accessExpr(a atomics.Access) (ast.Expr, accessKind) {
	pos := a.Instr.Pos()
	file := c.file(pos)
	if file == nil {
		return nil, read
	}
	path, _ := astutil.PathEnclosingInterval(file, pos, pos)
	if len(path) < 2 {
		return nil, read
	}
	id, ok := path[0].(*ast.Ident)
	if !ok {
		return nil, read
	}
	var e ast.Expr = id
	parent := path[1]
	if sel, ok := path[1].(*ast.SelectorExpr); ok && sel.Sel == id {
		e = sel
		if len(path) < 3 {
			return nil, read
		}
		parent = path[2]
	}
	if obj, ok := c.pass.TypesInfo.ObjectOf(id).(*types.Var); !ok || obj.Origin() != a.Loc.Var {
		return nil, read
	}
	if _, ok := parent.(*ast.ParenExpr); ok {
		return nil, read // (s.n)++ and the like: rare, not worth a guess
	}
	switch p := parent.(type) {
	case *ast.IncDecStmt:
		return e, update
	case *ast.AssignStmt:
		for _, l := range p.Lhs {
			if l == e {
				if p.Tok == token.ASSIGN || p.Tok == token.DEFINE {
					return e, write
				}
				return e, update
			}
		}
	}
	if a.Write {
		return e, write
	}
	return e, read
}

func (c *checker) file(pos token.Pos) *ast.File {
	for _, f := range c.pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// lockedWith: a lock is held at the plain access (by its function or by
// every caller of a private helper) that every atomic access it races with
// holds too — or the lock model gave the function up.
func (c *checker) lockedWith(in ssa.Instruction, against []atomics.Op) bool {
	held, ok := c.held(in)
	if !ok {
		return true
	}
	if len(held) == 0 {
		return false
	}
	for _, op := range against {
		theirs, ok := c.held(op.Call)
		if !ok {
			return true
		}
		common := false
		for k := range held {
			if theirs[k] {
				common = true
				break
			}
		}
		if !common {
			return false
		}
	}
	return true
}

// held are the classes of the locks held at in (Bank.mu, a package
// variable): its function's own, and those every call of a private helper
// holds.
func (c *checker) held(in ssa.Instruction) (map[string]bool, bool) {
	hs, ok := c.ls.HeldAt(in)
	if !ok {
		return nil, false
	}
	out := map[string]bool{}
	for _, l := range hs.May {
		if cl := l.Key.Class(); cl != "" {
			out[cl] = true
		}
	}
	for k := range c.callerLocks(in.Parent(), 0) {
		out[k] = true
	}
	return out, true
}

// callerLocks: the lock classes every call of fn holds (fn private to the
// package), up to three calls up.
func (c *checker) callerLocks(fn *ssa.Function, depth int) map[string]bool {
	if m, ok := c.callerMem[fn]; ok {
		return m
	}
	c.callerMem[fn] = nil // a cycle holds nothing
	var out map[string]bool
	if depth < 3 && c.calls.Private(fn) {
		for i, site := range c.calls.Sites(fn) {
			hs, ok := c.ls.HeldAt(site)
			if !ok {
				out = nil
				break
			}
			here := map[string]bool{}
			for _, l := range hs.May {
				if cl := l.Key.Class(); cl != "" {
					here[cl] = true
				}
			}
			for k := range c.callerLocks(site.Parent(), depth+1) {
				here[k] = true
			}
			if i == 0 {
				out = here
				continue
			}
			for k := range out {
				if !here[k] {
					delete(out, k)
				}
			}
		}
	}
	c.callerMem[fn] = out
	return out
}

// singleWriter: the plain read is in a function that writes the location
// atomically itself — the writer reading its own value (raft's
// atomic.StoreUint64(&s.nextIndex, s.nextIndex-1)), which races with no
// write unless the function runs concurrently with itself on one location.
func (c *checker) singleWriter(a atomics.Access, writers []atomics.Op) bool {
	writes := false
	for _, op := range writers {
		if op.Fn == a.Fn {
			writes = true
		}
	}
	if !writes {
		return false
	}
	k, ok := lockstate.KeyOf(a.Fn, a.Addr)
	for _, ctx := range c.ep.Contexts(a.Fn) {
		if ctx.Entry.Multi && (!ok || c.ep.SharedKey(ctx, a.Fn, k)) {
			return false
		}
	}
	return true
}

// afterWait: a sync.WaitGroup or errgroup Wait in the same function runs
// before the access on every path — the goroutines it waited for are done.
func afterWait(in ssa.Instruction) bool {
	b := in.Block()
	for _, d := range in.Parent().Blocks {
		if !d.Dominates(b) {
			continue
		}
		for _, x := range d.Instrs {
			if d == b && x == in {
				break
			}
			if _, ok := x.(*ssa.Call); ok && entrypoints.Waits(x) {
				return true
			}
		}
	}
	return false
}

// concurrent: the plain access can run while an atomic one does, as far as
// the package shows.
func (c *checker) concurrent(a atomics.Access, ops []atomics.Op) bool {
	if len(c.ep.Contexts(a.Fn)) > 0 {
		return true
	}
	for _, op := range ops {
		if len(c.ep.Contexts(op.Fn)) > 0 || exported(op.Fn) {
			return true
		}
	}
	fa, ok := a.Addr.(*ssa.FieldAddr)
	if !ok {
		return false
	}
	st := fa.X.Type().Underlying().(*types.Pointer).Elem().Underlying().(*types.Struct)
	if atomics.SyncField(st) {
		return true
	}
	for loc := range c.at.Ops {
		for i := 0; i < st.NumFields(); i++ {
			if f := st.Field(i).Origin(); f != a.Loc.Var && f == loc.Var {
				return true
			}
		}
	}
	return false
}

// exported: fn (or the function it is a literal of) is exported.
func exported(fn *ssa.Function) bool {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	return fn.Object() != nil && fn.Object().Exported()
}

func (c *checker) diagnostic(a atomics.Access, expr ast.Expr, kind accessKind, against []atomics.Op) analysis.Diagnostic {
	here := c.pass.Fset.Position(a.Instr.Pos()).Filename
	line := func(p token.Pos) string {
		pos := c.pass.Fset.Position(p)
		if pos.Filename != here {
			return fmt.Sprintf("%s:%d", filepath.Base(pos.Filename), pos.Line)
		}
		return fmt.Sprintf("line %d", pos.Line)
	}
	name := srctext.Expr(c.pass.Fset, expr)
	first := against[0]
	typeName, fnSuffix := atomicType(a.Loc.Var.Type())
	var msg string
	switch kind {
	case read:
		msg = fmt.Sprintf("`%s` is read without sync/atomic, but atomic.%s writes it (%s): the plain read races with the atomic writes", name, first.Func, line(first.Call.Pos()))
	case write:
		msg = fmt.Sprintf("`%s` is written without sync/atomic, but it is accessed with atomic.%s (%s): the plain write races with the atomic accesses", name, first.Func, line(first.Call.Pos()))
	default:
		msg = fmt.Sprintf("`%s` is updated without sync/atomic (a plain read and write), but it is accessed with atomic.%s (%s): the update races with the atomic accesses and can lose theirs", name, first.Func, line(first.Call.Pos()))
	}
	if fnSuffix == "Int64" || fnSuffix == "Uint64" {
		msg += ", and a 64-bit value can tear on 32-bit platforms"
	}
	switch {
	case typeName != "":
		msg += fmt.Sprintf(" (use the sync/atomic functions for every access, or declare it %s)", typeName)
	default:
		msg += " (use the sync/atomic functions for every access, or an atomic type)"
	}
	d := analysis.Diagnostic{Pos: expr.Pos(), End: expr.End(), Message: msg}
	ops := append([]atomics.Op(nil), against...)
	sort.SliceStable(ops, func(i, j int) bool { return ops[i].Call.Pos() < ops[j].Call.Pos() })
	for i, op := range ops {
		if i == 3 {
			break
		}
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: op.Call.Pos(), Message: "accessed atomically here (atomic." + op.Func + ")"})
	}
	if fnSuffix != "" && fnSuffix != "Pointer" {
		d.SuggestedFixes = c.fix(expr, kind, fnSuffix)
	}
	return d
}

// atomicType is the atomic type that holds values of t ("atomic.Int64") and
// the suffix of the sync/atomic functions for it ("Int64"); empty when t is
// not exactly one of their types (a named integer type needs conversions).
func atomicType(t types.Type) (typeName, suffix string) {
	t = types.Unalias(t)
	b, ok := t.(*types.Basic)
	if !ok {
		if p, ok := t.(*types.Pointer); ok {
			return "atomic.Pointer[" + types.TypeString(p.Elem(), func(*types.Package) string { return "" }) + "]", ""
		}
		return "", ""
	}
	switch b.Kind() {
	case types.Int32:
		return "atomic.Int32", "Int32"
	case types.Int64:
		return "atomic.Int64", "Int64"
	case types.Uint32:
		return "atomic.Uint32", "Uint32"
	case types.Uint64:
		return "atomic.Uint64", "Uint64"
	case types.Uintptr:
		return "atomic.Uintptr", "Uintptr"
	case types.UnsafePointer:
		return "atomic.Pointer[T]", "Pointer"
	}
	return "", ""
}

// fix rewrites the access with the sync/atomic function of the type.
func (c *checker) fix(expr ast.Expr, kind accessKind, suffix string) []analysis.SuggestedFix {
	file := c.file(expr.Pos())
	if file == nil {
		return nil
	}
	pkgName, imp, ok := c.atomicName(file, expr.Pos())
	if !ok {
		return nil
	}
	x := srctext.Expr(c.pass.Fset, expr)
	path, _ := astutil.PathEnclosingInterval(file, expr.Pos(), expr.End())
	var edit analysis.TextEdit
	var message string
	switch kind {
	case read:
		edit = analysis.TextEdit{Pos: expr.Pos(), End: expr.End(), NewText: []byte(fmt.Sprintf("%s.Load%s(&%s)", pkgName, suffix, x))}
		message = "Read it with atomic.Load" + suffix
	case write, update:
		stmt, delta := c.statement(path, expr, kind, suffix)
		if stmt == nil {
			return nil
		}
		fn := "Store"
		if kind == update {
			fn = "Add"
		}
		edit = analysis.TextEdit{Pos: stmt.Pos(), End: stmt.End(), NewText: []byte(fmt.Sprintf("%s.%s%s(&%s, %s)", pkgName, fn, suffix, x, delta))}
		message = "Use atomic." + fn + suffix
	}
	edits := []analysis.TextEdit{edit}
	if imp != nil {
		edits = append([]analysis.TextEdit{*imp}, edits...)
	}
	return []analysis.SuggestedFix{{Message: message, TextEdits: edits}}
}

// statement is the assignment or increment of expr with the value the atomic
// call takes; nil when the statement is not one the fix can rewrite.
func (c *checker) statement(path []ast.Node, expr ast.Expr, kind accessKind, suffix string) (ast.Stmt, string) {
	if len(path) < 2 {
		return nil, ""
	}
	signed := strings.HasPrefix(suffix, "Int")
	switch s := path[1].(type) {
	case *ast.IncDecStmt:
		if s.Tok == token.INC {
			return s, "1"
		}
		if signed {
			return s, "-1"
		}
	case *ast.AssignStmt:
		if len(s.Lhs) != 1 || len(s.Rhs) != 1 || s.Lhs[0] != expr {
			return nil, ""
		}
		v := srctext.Expr(c.pass.Fset, s.Rhs[0])
		switch {
		case kind == write && s.Tok == token.ASSIGN:
			return s, v
		case s.Tok == token.ADD_ASSIGN:
			return s, v
		case s.Tok == token.SUB_ASSIGN && signed:
			return s, "-(" + v + ")"
		}
	}
	return nil, ""
}

// atomicName is how the file names sync/atomic at pos, with the import to
// add when it does not import it; ok is false when "atomic" means something
// else there.
func (c *checker) atomicName(file *ast.File, pos token.Pos) (string, *analysis.TextEdit, bool) {
	for _, s := range file.Imports {
		if s.Path.Value == `"sync/atomic"` {
			if s.Name != nil {
				if s.Name.Name == "_" || s.Name.Name == "." {
					return "", nil, false
				}
				return s.Name.Name, nil, true
			}
			return c.unshadowed("atomic", pos)
		}
	}
	name, _, ok := c.unshadowed("atomic", pos)
	if !ok {
		return "", nil, false
	}
	for _, s := range file.Imports {
		if s.Name != nil && s.Name.Name == name {
			return "", nil, false
		}
		if s.Name == nil && strings.HasSuffix(strings.Trim(s.Path.Value, `"`), "/"+name) {
			return "", nil, false // go.uber.org/atomic and the like
		}
	}
	imp, ok := srctext.ImportEdit(c.pass, pos, "sync/atomic")
	if !ok {
		return "", nil, false
	}
	return name, &imp, true
}

// unshadowed: name at pos is the package's import of sync/atomic or nothing.
func (c *checker) unshadowed(name string, pos token.Pos) (string, *analysis.TextEdit, bool) {
	scope := c.pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return name, nil, true
	}
	_, obj := scope.LookupParent(name, pos)
	if obj == nil {
		return name, nil, true
	}
	if pn, ok := obj.(*types.PkgName); ok && pn.Imported().Path() == "sync/atomic" {
		return name, nil, true
	}
	return "", nil, false
}
