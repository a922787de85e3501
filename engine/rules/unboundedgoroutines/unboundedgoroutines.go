// Package unboundedgoroutines reports one goroutine started per element of
// input whose size the code does not control — a slice, map or channel
// handed in as a parameter or received — with nothing in the loop that
// bounds how many run at once.
package unboundedgoroutines

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/syncops"
)

var Analyzer = &analysis.Analyzer{
	Name: "unbounded_goroutines",
	Doc: `one goroutine per element of unbounded input, with no limit

A go statement (or an errgroup.Group.Go without SetLimit, or a
sync.WaitGroup.Go) whose innermost loop in the same function is a range over
a slice, map or channel the code does not size: a parameter of the function
(or of an enclosing one), or a local variable holding a value received from a
channel. Types decide what is ranged over (arrays, integers, iterator
functions and composite literals are fixed). No report when the loop body
bounds the goroutines: a channel send or receive before the start (a
semaphore or token bucket), a sync.WaitGroup Wait in the loop (batches), a
golang.org/x/sync/semaphore or golang.org/x/time/rate call, or a call of a
method named Acquire, TryAcquire, Wait, Take, Allow, Reserve, Submit or Go on
another value (a limiter whose type goconc does not know). Test files are
skipped. A channel stream, or a batch parameter of an exported function that
takes a context.Context, is a warning; other slices and maps are information.`,
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Warning, Category: "goroutines", Checklist: "goroutines-bounded"}

// limiterMethods: a call of one of these in the loop is taken as a limiter
// when its receiver's type is not one goconc knows (a user's own semaphore or
// pool interface): missing a finding is better than a false one.
var limiterMethods = map[string]bool{"Acquire": true, "TryAcquire": true, "Wait": true, "Take": true, "Allow": true, "Reserve": true, "Submit": true, "Go": true}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	reported := map[*ast.RangeStmt]bool{}
	in.WithStack([]ast.Node{(*ast.GoStmt)(nil), (*ast.CallExpr)(nil)}, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push {
			return true
		}
		if strings.HasSuffix(pass.Fset.Position(n.Pos()).Filename, "_test.go") {
			return false
		}
		if call, ok := n.(*ast.CallExpr); ok && !groupStart(pass, call, stack) {
			return true
		}
		loop, fn := rangeLoop(stack)
		if loop == nil || reported[loop] {
			return true
		}
		src, ok := source(pass, loop, stack)
		if !ok || limited(pass, loop, n) {
			return true
		}
		reported[loop] = true
		name := types.ExprString(loop.X)
		msg := fmt.Sprintf("one goroutine per element of `%s` with no limit: under load this exhausts memory (use a worker pool, errgroup.SetLimit or a semaphore)", name)
		sev := meta.Information
		if src == chanSource {
			msg = fmt.Sprintf("one goroutine per value received from `%s` with no limit: a burst of input starts a burst of goroutines (use a fixed set of workers reading the channel)", name)
			sev = ""
		} else if requestBatch(pass, fn, loop) {
			sev = ""
		}
		pass.Report(analysis.Diagnostic{
			Pos: n.Pos(), End: end(n),
			Category: sev,
			Message:  msg,
			Related:  []analysis.RelatedInformation{{Pos: loop.For, End: loop.X.End(), Message: "loop over unbounded input"}},
		})
		return true
	})
	return nil, nil
}

func end(n ast.Node) token.Pos {
	if g, ok := n.(*ast.GoStmt); ok {
		return g.Go + token.Pos(len("go"))
	}
	return n.End()
}

// groupStart: g.Go(f) of an errgroup.Group never limited with SetLimit in the
// function, or wg.Go(f) of a sync.WaitGroup.
func groupStart(pass *analysis.Pass, call *ast.CallExpr, stack []ast.Node) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Go" {
		return false
	}
	f, ok := pass.TypesInfo.Uses[sel.Sel].(*types.Func)
	if !ok {
		return false
	}
	switch syncops.FuncOf(f) {
	case "(*sync.WaitGroup).Go":
		return true
	case "(*golang.org/x/sync/errgroup.Group).Go":
		// Limited when the group's variable (by object) has SetLimit called anywhere in
		// the outermost function; a group from elsewhere (a field, a parameter) may be limited there.
		id, ok := ast.Unparen(sel.X).(*ast.Ident)
		if !ok {
			return false
		}
		obj := pass.TypesInfo.Uses[id]
		v, ok := obj.(*types.Var)
		if !ok || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
			return false
		}
		outer := outermostFunc(stack)
		if outer == nil || !declaredIn(v, outer) {
			return false
		}
		limited := false
		ast.Inspect(outer, func(m ast.Node) bool {
			c, ok := m.(*ast.CallExpr)
			if !ok || limited {
				return !limited
			}
			s, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr)
			if !ok || s.Sel.Name != "SetLimit" {
				return true
			}
			if x, ok := ast.Unparen(s.X).(*ast.Ident); ok && pass.TypesInfo.Uses[x] == obj {
				limited = true
			}
			return true
		})
		return !limited
	}
	return false
}

func outermostFunc(stack []ast.Node) ast.Node {
	for _, n := range stack {
		switch n.(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return n
		}
	}
	return nil
}

func declaredIn(v *types.Var, n ast.Node) bool {
	return n.Pos() <= v.Pos() && v.Pos() < n.End()
}

// rangeLoop: the innermost loop around the start in the same function when it
// is a range statement, and that function.
func rangeLoop(stack []ast.Node) (*ast.RangeStmt, ast.Node) {
	var loop *ast.RangeStmt
	for i := len(stack) - 2; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return loop, n
		case *ast.ForStmt:
			if loop == nil {
				return nil, nil
			}
		case *ast.RangeStmt:
			if loop == nil {
				// The start must be in the body, not in the ranged expression.
				if stack[i+1] != n.Body {
					return nil, nil
				}
				loop = n
			}
		}
	}
	return nil, nil
}

type sourceKind int

const (
	sliceSource sourceKind = iota + 1
	mapSource
	chanSource
)

// source: what the loop ranges over, when it is input of unbounded size: a
// slice, map or channel parameter of an enclosing function, or a local
// variable whose every assignment in the function is a channel receive.
func source(pass *analysis.Pass, loop *ast.RangeStmt, stack []ast.Node) (sourceKind, bool) {
	t := pass.TypesInfo.TypeOf(loop.X)
	if t == nil {
		return 0, false
	}
	var kind sourceKind
	switch t.Underlying().(type) {
	case *types.Slice:
		kind = sliceSource
	case *types.Map:
		kind = mapSource
	case *types.Chan:
		kind = chanSource
	default: // arrays, pointers to arrays, integers, strings, iterator functions
		return 0, false
	}
	id, ok := ast.Unparen(loop.X).(*ast.Ident)
	if !ok {
		return 0, false
	}
	v, ok := pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return 0, false
	}
	if isParam(pass, v, stack) {
		return kind, true
	}
	if outer := outermostFunc(stack); outer != nil && declaredIn(v, outer) && onlyReceived(pass, v, outer) {
		return kind, true
	}
	return 0, false
}

// isParam: v is a parameter (variadic included) of a function around the loop.
func isParam(pass *analysis.Pass, v *types.Var, stack []ast.Node) bool {
	for _, n := range stack {
		if ft := funcType(n); ft != nil && paramOf(ft, v) {
			return true
		}
	}
	return false
}

func funcType(n ast.Node) *ast.FuncType {
	switch f := n.(type) {
	case *ast.FuncDecl:
		return f.Type
	case *ast.FuncLit:
		return f.Type
	}
	return nil
}

// paramOf: v is declared in ft's parameter list.
func paramOf(ft *ast.FuncType, v *types.Var) bool {
	return ft.Params.Pos() <= v.Pos() && v.Pos() < ft.Params.End()
}

// onlyReceived: every value assigned to v in fn is received from a channel
// (`batch := <-in`, `batch, ok := <-in`, `for batch := range in`), and there
// is at least one.
func onlyReceived(pass *analysis.Pass, v *types.Var, fn ast.Node) bool {
	seen, other := false, false
	check := func(lhs []ast.Expr, rhs []ast.Expr) {
		for i, l := range lhs {
			id, ok := ast.Unparen(l).(*ast.Ident)
			if !ok || (pass.TypesInfo.Defs[id] != v && pass.TypesInfo.Uses[id] != v) {
				continue
			}
			var r ast.Expr
			if len(rhs) == len(lhs) {
				r = rhs[i]
			} else if len(rhs) == 1 && i == 0 {
				r = rhs[0]
			}
			if u, ok := ast.Unparen(r).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
				seen = true
			} else {
				other = true
			}
		}
	}
	ast.Inspect(fn, func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.AssignStmt:
			check(m.Lhs, m.Rhs)
		case *ast.ValueSpec:
			lhs := make([]ast.Expr, len(m.Names))
			for i, n := range m.Names {
				lhs[i] = n
			}
			if len(m.Values) > 0 {
				check(lhs, m.Values)
			}
		case *ast.RangeStmt:
			// `for batch := range in`: each batch is received from the channel.
			if t := pass.TypesInfo.TypeOf(m.X); t != nil && m.Key != nil {
				if _, ok := t.Underlying().(*types.Chan); ok {
					check([]ast.Expr{m.Key}, []ast.Expr{&ast.UnaryExpr{Op: token.ARROW, X: m.X}})
					return true
				}
			}
			check([]ast.Expr{m.Key, m.Value}, nil)
		case *ast.UnaryExpr:
			// &v: written through a pointer.
			if id, ok := ast.Unparen(m.X).(*ast.Ident); ok && m.Op == token.AND && pass.TypesInfo.Uses[id] == v {
				other = true
			}
		}
		return true
	})
	return seen && !other
}

// limited: the loop body bounds the goroutines it starts — a send or receive
// on a channel before the start (a semaphore or a token bucket; the ranged
// channel's own receive does not count), a send inside the started
// function, a WaitGroup Wait in the loop, or a limiter call.
func limited(pass *analysis.Pass, loop *ast.RangeStmt, start ast.Node) bool {
	found := false
	ast.Inspect(loop.Body, func(m ast.Node) bool {
		if found {
			return false
		}
		switch m := m.(type) {
		case *ast.SendStmt:
			found = true
		case *ast.UnaryExpr:
			if m.Op == token.ARROW && m.Pos() < start.Pos() && !inFuncLit(loop.Body, m) {
				found = true
			}
		case *ast.SelectStmt:
			if m.Pos() < start.Pos() {
				found = true
			}
		case *ast.CallExpr:
			found = limiterCall(pass, m, start)
		}
		return !found
	})
	return found
}

// inFuncLit: n lies in a function literal inside body.
func inFuncLit(body ast.Node, n ast.Node) bool {
	in := false
	ast.Inspect(body, func(m ast.Node) bool {
		if in || m == nil {
			return false
		}
		if f, ok := m.(*ast.FuncLit); ok && f.Pos() <= n.Pos() && n.End() <= f.End() {
			in = true
			return false
		}
		return m.Pos() <= n.Pos() && n.End() <= m.End()
	})
	return in
}

func limiterCall(pass *analysis.Pass, call *ast.CallExpr, start ast.Node) bool {
	if call == start {
		return false // the errgroup/WaitGroup Go under report
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	f, ok := pass.TypesInfo.Uses[sel.Sel].(*types.Func)
	if !ok {
		return false
	}
	name := syncops.FuncOf(f)
	switch {
	case name == "(*sync.WaitGroup).Wait":
		return true
	case strings.HasPrefix(name, "(*golang.org/x/sync/semaphore.Weighted)."),
		strings.HasPrefix(name, "(*golang.org/x/time/rate.Limiter).Wait"),
		strings.HasPrefix(name, "(*golang.org/x/time/rate.Limiter).Allow"),
		strings.HasPrefix(name, "(*golang.org/x/time/rate.Limiter).Reserve"):
		return true
	case f.Pkg() != nil && (f.Pkg().Path() == "sync" || f.Pkg().Path() == "context" || f.Pkg().Path() == "time"):
		return false // known types that limit nothing (context's Done/Err, a Mutex)
	}
	sig, _ := f.Type().(*types.Signature)
	return sig != nil && sig.Recv() != nil && limiterMethods[f.Name()]
}

// requestBatch: a slice or map parameter of an exported function that takes a
// context.Context: the caller's traffic sets the batch's size.
func requestBatch(pass *analysis.Pass, fn ast.Node, loop *ast.RangeStmt) bool {
	d, ok := fn.(*ast.FuncDecl)
	if !ok || !d.Name.IsExported() {
		return false
	}
	id, ok := ast.Unparen(loop.X).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || !paramOf(d.Type, v) {
		return false
	}
	for _, field := range d.Type.Params.List {
		if t := pass.TypesInfo.TypeOf(field.Type); t != nil && syncops.IsNamed(t, "context", "Context") {
			return true
		}
	}
	return false
}
