// Package lazyinitrace reports `if x == nil { x = … }` on a package
// variable or a receiver's field, in code that runs concurrently — a
// goroutine, a function started with go, an HTTP handler, a function those
// reach, or an exported getter of a package singleton — without a lock held
// and without sync.Once: two goroutines can both see nil and both
// initialise, and one may read a half-published value.
package lazyinitrace

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"go/version"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/entrypoints"
	"github.com/goconc/goconc/engine/model/lockstate"
	"github.com/goconc/goconc/engine/model/syncops"
	"github.com/goconc/goconc/engine/rules/internal/filever"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

var Analyzer = &analysis.Analyzer{
	Name: "lazy_init_race",
	Doc: `unsynchronised lazy initialisation of shared state

` + "`if x == nil { x = … }`" + ` on a package variable or a field of the receiver,
where the function runs concurrently: it is a goroutine literal, a function
started with go (or errgroup/WaitGroup Go, time.AfterFunc), an HTTP handler,
a function one of those reaches — when that code runs concurrently with
itself (a handler, a goroutine started in a loop) and x is one location for
all its instances — or an exported getter returning a package variable (the
seed's singleton). Silent when a lock is held at the check
(the lock model), when the if takes a lock or calls Do itself (double-checked
locking), in init, in _test.go files, and in test helpers (a testing.TB
parameter). Quick fix for a package variable assigned only there: sync.Once.`,
	Requires: []*analysis.Analyzer{inspect.Analyzer, entrypoints.Analyzer, lockstate.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Warning, Category: "races", Checklist: "shared-state"}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	var ep *entrypoints.Result
	var locks *lockstate.Result
	in.WithStack([]ast.Node{(*ast.IfStmt)(nil)}, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push {
			return true
		}
		ifs := n.(*ast.IfStmt)
		x, cmp := nilChecked(ifs.Cond)
		if x == nil || !initialises(pass, ifs, x) || takesLock(ifs) {
			return true
		}
		decl := topDecl(stack)
		if decl == nil || decl.Name.Name == "init" || strings.HasSuffix(pass.Fset.Position(ifs.Pos()).Filename, "_test.go") || hasTestingParam(pass, decl.Type) {
			return true
		}
		pkgVar := isPackageVar(pass, x)
		if !pkgVar && !isReceiverField(pass, decl, x) {
			return true
		}
		if ep == nil {
			ep, locks = entrypoints.Of(pass), lockstate.Of(pass)
		}
		fn := innermost(ep.Funcs, ifs.Pos())
		if fn == nil {
			return true
		}
		load := checkedLoad(fn, cmp)
		if load == nil || held(locks, load) {
			return true
		}
		why := whyConcurrent(ep, fn, load, decl, pass, x, pkgVar)
		if why == "" {
			return true
		}
		name := srctext.Expr(pass.Fset, x)
		use := "sync.Once"
		if v := filever.At(pass, ifs.Pos()); v == "" || version.Compare(v, "go1.21") >= 0 {
			use = "sync.OnceValue / sync.Once"
		}
		d := analysis.Diagnostic{
			Pos: ifs.Cond.Pos(), End: ifs.Cond.End(),
			Message: fmt.Sprintf("lazy initialisation of `%s` is not synchronised (%s): two goroutines can both see nil and both initialise it (use %s)", name, why, use),
		}
		if pkgVar {
			if fix, ok := onceFix(pass, ifs, decl, x.(*ast.Ident)); ok {
				d.SuggestedFixes = []analysis.SuggestedFix{fix}
			}
		}
		pass.Report(d)
		return true
	})
	return nil, nil
}

// nilChecked: x in `x == nil` (or `nil == x`), with the comparison.
func nilChecked(cond ast.Expr) (ast.Expr, *ast.BinaryExpr) {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || b.Op != token.EQL {
		return nil, nil
	}
	if isNil(b.Y) {
		return ast.Unparen(b.X), b
	}
	if isNil(b.X) {
		return ast.Unparen(b.Y), b
	}
	return nil, nil
}

func isNil(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == "nil"
}

// initialises: the if's body assigns x (the same object or field).
func initialises(pass *analysis.Pass, ifs *ast.IfStmt, x ast.Expr) bool {
	for _, s := range ifs.Body.List {
		as, ok := s.(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN {
			continue
		}
		for _, l := range as.Lhs {
			if sameRef(pass, l, x) {
				return true
			}
		}
	}
	return false
}

// sameRef: two expressions name the same package variable, or the same field
// of the same variable.
func sameRef(pass *analysis.Pass, a, b ast.Expr) bool {
	a, b = ast.Unparen(a), ast.Unparen(b)
	switch a := a.(type) {
	case *ast.Ident:
		bi, ok := b.(*ast.Ident)
		return ok && pass.TypesInfo.ObjectOf(a) != nil && pass.TypesInfo.ObjectOf(a) == pass.TypesInfo.ObjectOf(bi)
	case *ast.SelectorExpr:
		bs, ok := b.(*ast.SelectorExpr)
		return ok && pass.TypesInfo.ObjectOf(a.Sel) == pass.TypesInfo.ObjectOf(bs.Sel) && sameRef(pass, a.X, bs.X)
	}
	return false
}

// takesLock: the if locks or runs a Do itself (double-checked locking).
func takesLock(ifs *ast.IfStmt) bool {
	found := false
	ast.Inspect(ifs, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok {
			if sel, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr); ok {
				switch sel.Sel.Name {
				case "Lock", "RLock", "Do":
					found = true
				}
			}
		}
		return !found
	})
	return found
}

func topDecl(stack []ast.Node) *ast.FuncDecl {
	for _, n := range stack {
		if fd, ok := n.(*ast.FuncDecl); ok {
			return fd
		}
	}
	return nil
}

func hasTestingParam(pass *analysis.Pass, ft *ast.FuncType) bool {
	for _, f := range ft.Params.List {
		t := pass.TypesInfo.TypeOf(f.Type)
		if t != nil && (syncops.IsNamed(t, "testing", "TB") || syncops.IsNamed(t, "testing", "T") || syncops.IsNamed(t, "testing", "B")) {
			return true
		}
	}
	return false
}

func isPackageVar(pass *analysis.Pass, x ast.Expr) bool {
	id, ok := x.(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := pass.TypesInfo.ObjectOf(id).(*types.Var)
	return ok && v.Parent() == pass.Pkg.Scope()
}

// isReceiverField: recv.field, one level, on the method's receiver.
func isReceiverField(pass *analysis.Pass, decl *ast.FuncDecl, x ast.Expr) bool {
	sel, ok := x.(*ast.SelectorExpr)
	if !ok || decl.Recv == nil || len(decl.Recv.List) != 1 || len(decl.Recv.List[0].Names) != 1 {
		return false
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	return ok && pass.TypesInfo.ObjectOf(id) == pass.TypesInfo.Defs[decl.Recv.List[0].Names[0]]
}

// innermost is the function (declared or literal) whose body holds pos.
func innermost(fns []*ssa.Function, pos token.Pos) *ssa.Function {
	var best *ssa.Function
	for _, fn := range fns {
		syn := fn.Syntax()
		if syn == nil || syn.Pos() > pos || pos >= syn.End() {
			continue
		}
		if best == nil || syn.Pos() >= best.Syntax().Pos() {
			best = fn
		}
	}
	return best
}

// checkedLoad is the load of x that the nil comparison reads.
func checkedLoad(fn *ssa.Function, cmp *ast.BinaryExpr) *ssa.UnOp {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			bin, ok := instr.(*ssa.BinOp)
			if !ok || bin.Pos() != cmp.OpPos {
				continue
			}
			for _, operand := range []ssa.Value{bin.X, bin.Y} {
				if load, ok := operand.(*ssa.UnOp); ok && load.Op == token.MUL {
					return load
				}
			}
		}
	}
	return nil
}

// held: the lock model says a lock is held at the check on some path (a
// flag-guarded or branch-taken lock: the author synchronises here).
func held(locks *lockstate.Result, load *ssa.UnOp) bool {
	hs, ok := locks.HeldAt(load)
	return ok && len(hs.May) > 0
}

// whyConcurrent says why the function runs concurrently, "" if it does not
// as far as the package shows.
//
// An entry counts when it runs concurrently with itself (a handler, a
// goroutine started in a loop) and x is one location for all its instances
// (a package variable, a field of a value they share — not of each
// instance's own value).
func whyConcurrent(ep *entrypoints.Result, fn *ssa.Function, load *ssa.UnOp, decl *ast.FuncDecl, pass *analysis.Pass, x ast.Expr, pkgVar bool) string {
	key, keyed := lockstate.KeyOf(fn, load.X)
	for _, c := range ep.Contexts(fn) {
		e := c.Entry
		// Guarded: every way from the entry here passes a call that may hold a
		// lock ("Lock should be held" helpers such as nats' resetPtmr).
		if !e.Multi || c.Guarded || !keyed || !ep.SharedKey(c, fn, key) {
			continue
		}
		switch {
		case e.Kind == entrypoints.Handler:
			return "HTTP handlers run concurrently"
		case e.Kind == entrypoints.RPC:
			return "gRPC methods run concurrently"
		case e.Fn.Parent() != nil && encloses(e.Fn, fn):
			return "it runs in a goroutine"
		case e.Fn == fn:
			return "this function is started with go"
		default:
			return fmt.Sprintf("it runs on the goroutines started at line %d", pass.Fset.Position(e.Site).Line)
		}
	}
	// The seed's singleton: an exported package function returning the variable.
	if pkgVar && decl.Recv == nil && decl.Name.IsExported() && fn.Parent() == nil && returns(pass, decl, x) {
		return "an exported getter any goroutine may call"
	}
	return ""
}

func encloses(outer, inner *ssa.Function) bool {
	for f := inner; f != nil; f = f.Parent() {
		if f == outer {
			return true
		}
	}
	return false
}

func returns(pass *analysis.Pass, decl *ast.FuncDecl, x ast.Expr) bool {
	found := false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if r, ok := n.(*ast.ReturnStmt); ok && len(r.Results) > 0 && sameRef(pass, r.Results[0], x) {
			found = true
		}
		return !found
	})
	return found
}

// onceFix: the if becomes xOnce.Do(func() { x = … }), with `var xOnce
// sync.Once` after the function and the sync import — when the if holds only
// that assignment and nothing else in the package assigns x.
func onceFix(pass *analysis.Pass, ifs *ast.IfStmt, decl *ast.FuncDecl, x *ast.Ident) (analysis.SuggestedFix, bool) {
	if ifs.Init != nil || ifs.Else != nil || len(ifs.Body.List) != 1 {
		return analysis.SuggestedFix{}, false
	}
	assign, ok := ifs.Body.List[0].(*ast.AssignStmt)
	if !ok || assign.Tok != token.ASSIGN || len(assign.Lhs) != 1 {
		return analysis.SuggestedFix{}, false
	}
	onceName := x.Name + "Once"
	if pass.Pkg.Scope().Lookup(onceName) != nil || assignments(pass, pass.TypesInfo.ObjectOf(x)) != 1 {
		return analysis.SuggestedFix{}, false
	}
	indent := srctext.Indentation(pass, ifs.Pos())
	body := srctext.Node(pass.Fset, assign)
	edits := []analysis.TextEdit{
		{Pos: ifs.Pos(), End: ifs.End(), NewText: []byte(onceName + ".Do(func() {\n" + indent + "\t" + body + "\n" + indent + "})")},
		{Pos: decl.End(), End: decl.End(), NewText: []byte("\n\nvar " + onceName + " sync.Once")},
	}
	if imp, ok := srctext.ImportEdit(pass, ifs.Pos(), "sync"); ok {
		edits = append([]analysis.TextEdit{imp}, edits...)
	}
	return analysis.SuggestedFix{Message: "Initialise " + x.Name + " with sync.Once", TextEdits: edits}, true
}

// assignments counts the statements of the package that assign obj.
func assignments(pass *analysis.Pass, obj types.Object) int {
	n := 0
	for _, f := range pass.Files {
		ast.Inspect(f, func(node ast.Node) bool {
			switch s := node.(type) {
			case *ast.AssignStmt:
				for _, l := range s.Lhs {
					if id, ok := ast.Unparen(l).(*ast.Ident); ok && pass.TypesInfo.ObjectOf(id) == obj {
						n++
					}
				}
			case *ast.IncDecStmt:
				if id, ok := ast.Unparen(s.X).(*ast.Ident); ok && pass.TypesInfo.ObjectOf(id) == obj {
					n++
				}
			}
			return true
		})
	}
	return n
}
