package loopvarcapture

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// capture is a function literal in the loop body that can run after the
// statement creating it.
type capture struct {
	lit  *ast.FuncLit
	stmt ast.Stmt   // the statement that starts, defers or stores it
	kind string     // "goroutine", "deferred", "callback", "stored"
	path []ast.Node // from the loop body down to stmt
}

// waitable: the closure runs concurrently, so a wait in the iteration can
// order it before the loop moves on. Deferred and stored closures run later
// whatever the iteration waits for.
func (c capture) waitable() bool { return c.kind == "goroutine" || c.kind == "callback" }

// outlivingClosures finds the function literals of the loop body (not those
// inside other literals, which run when those run) started as goroutines,
// deferred, handed to a Go method or time.AfterFunc, or stored into a
// collection declared outside the body.
func outlivingClosures(pass *analysis.Pass, body *ast.BlockStmt) []capture {
	var out []capture
	var stack []ast.Node
	add := func(fun ast.Expr, kind string) {
		lit, ok := ast.Unparen(fun).(*ast.FuncLit)
		if !ok {
			return
		}
		for i := len(stack) - 1; i >= 0; i-- {
			if s, ok := stack[i].(ast.Stmt); ok {
				out = append(out, capture{lit: lit, stmt: s, kind: kind, path: append([]ast.Node(nil), stack[:i+1]...)})
				return
			}
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		stack = append(stack, n)
		switch n := n.(type) {
		case *ast.GoStmt:
			add(n.Call.Fun, "goroutine")
		case *ast.DeferStmt:
			add(n.Call.Fun, "deferred")
		case *ast.CallExpr:
			switch {
			case isMethod(pass, n, "sync", "WaitGroup", "Go"), isMethod(pass, n, "golang.org/x/sync/errgroup", "Group", "Go"),
				isMethod(pass, n, "golang.org/x/sync/errgroup", "Group", "TryGo"):
				if len(n.Args) == 1 {
					add(n.Args[0], "goroutine")
				}
			case isFunc(pass, n, "time", "AfterFunc"):
				if len(n.Args) == 2 {
					add(n.Args[1], "callback")
				}
			}
		case *ast.AssignStmt:
			if len(n.Lhs) != len(n.Rhs) {
				break
			}
			for i, r := range n.Rhs {
				if storedOutside(pass, body, n.Lhs[i], r) {
					add(storedLit(pass, r), "stored")
				}
			}
		}
		return true
	})
	return out
}

// storedOutside: rhs puts a function literal into a collection that outlives
// the body: `fns = append(fns, func…)` or `m[k] = func…` with fns or m declared
// before the loop (or a field). Assigning one variable keeps only the last
// closure, which sees the last value in every version.
func storedOutside(pass *analysis.Pass, body *ast.BlockStmt, lhs, rhs ast.Expr) bool {
	lit := storedLit(pass, rhs)
	if lit == nil {
		return false
	}
	if _, isAppend := ast.Unparen(rhs).(*ast.CallExpr); !isAppend {
		ix, ok := ast.Unparen(lhs).(*ast.IndexExpr)
		if !ok {
			return false
		}
		lhs = ix.X
	}
	switch l := ast.Unparen(lhs).(type) {
	case *ast.Ident:
		obj := pass.TypesInfo.ObjectOf(l)
		return obj != nil && (obj.Pos() < body.Pos() || obj.Pos() >= body.End())
	case *ast.SelectorExpr:
		return true
	}
	return false
}

// storedLit is the function literal rhs stores: itself, or an argument of
// append.
func storedLit(pass *analysis.Pass, rhs ast.Expr) ast.Expr {
	switch r := ast.Unparen(rhs).(type) {
	case *ast.FuncLit:
		return r
	case *ast.CallExpr:
		if b, ok := typeutil.Callee(pass.TypesInfo, r).(*types.Builtin); !ok || b.Name() != "append" {
			return nil
		}
		for _, a := range r.Args[1:] {
			if lit, ok := ast.Unparen(a).(*ast.FuncLit); ok {
				return lit
			}
		}
	}
	return nil
}

// doneBeforeNextIteration: every path from the statement that starts the
// closure either waits (a Wait, a receive, a select) before the iteration
// ends — for a goroutine or callback — or leaves the loop (return, break), so
// the loop never updates the variable while the closure can read it. A
// continue or goto on the way is a path that does neither.
func doneBeforeNextIteration(pass *analysis.Pass, c capture) bool {
	path := c.path
	for i := len(path) - 1; i > 0; i-- {
		var list []ast.Stmt
		switch l := path[i-1].(type) {
		case *ast.BlockStmt:
			list = l.List
		case *ast.CaseClause:
			list = l.Body
		case *ast.CommClause:
			list = l.Body
		default:
			continue
		}
		innerBreakable := false // a break at this level leaves an inner construct, not the loop
		for _, n := range path[:i] {
			switch n.(type) {
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				innerBreakable = true
			}
		}
		after := false
		for _, s := range list {
			if s == path[i] {
				after = true
				continue
			}
			if !after {
				continue
			}
			switch s := s.(type) {
			case *ast.ReturnStmt:
				return true
			case *ast.BranchStmt:
				return s.Tok == token.BREAK && s.Label == nil && !innerBreakable
			case *ast.ExprStmt:
				if isFunc(pass, s.X, "", "panic") {
					return true
				}
			}
			// The parts of s that always run come before any branch in it.
			if c.waitable() && waits(pass, s) {
				return true
			}
			if escapesIteration(s, innerBreakable) {
				return false
			}
		}
	}
	return false
}

// escapesIteration: s contains a continue, goto or labeled branch that can
// skip the rest of the iteration (a break of the loop itself or a return
// leaves it, which is fine).
func escapesIteration(s ast.Stmt, innerBreakable bool) bool {
	found := false
	var walk func(n ast.Node, inLoop, inBreakable bool)
	walk = func(n ast.Node, inLoop, inBreakable bool) {
		ast.Inspect(n, func(m ast.Node) bool {
			if found || m == nil {
				return false
			}
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt:
				if m != n {
					walk(m.Body, true, true)
					return false
				}
			case *ast.RangeStmt:
				if m != n {
					walk(m.Body, true, true)
					return false
				}
			case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				if m != n {
					walk(m, inLoop, true)
					return false
				}
			case *ast.BranchStmt:
				switch {
				case m.Label != nil, m.Tok == token.GOTO:
					found = true
				case m.Tok == token.CONTINUE:
					found = found || !inLoop
				case m.Tok == token.BREAK:
					found = found || (!inBreakable && innerBreakable)
				}
			}
			return true
		})
	}
	walk(&ast.BlockStmt{List: []ast.Stmt{s}}, false, false)
	return found
}

// waits: s blocks until another goroutine acts, on every path through it: a
// WaitGroup or errgroup Wait, a receive, a select without default, a range
// over a channel, in the parts of s that always run.
func waits(pass *analysis.Pass, s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.ExprStmt:
		return waitsIn(pass, s.X)
	case *ast.AssignStmt:
		for _, r := range s.Rhs {
			if waitsIn(pass, r) {
				return true
			}
		}
	case *ast.DeclStmt:
		return waitsIn(pass, s)
	case *ast.IfStmt:
		return (s.Init != nil && waits(pass, s.Init)) || waitsIn(pass, s.Cond)
	case *ast.SwitchStmt:
		return (s.Init != nil && waits(pass, s.Init)) || (s.Tag != nil && waitsIn(pass, s.Tag))
	case *ast.SelectStmt:
		for _, c := range s.Body.List {
			if c.(*ast.CommClause).Comm == nil {
				return false // default: does not wait
			}
		}
		return true
	case *ast.RangeStmt:
		_, isChan := types.Unalias(pass.TypesInfo.TypeOf(s.X)).Underlying().(*types.Chan)
		return isChan || waitsIn(pass, s.X)
	}
	return false
}

func waitsIn(pass *analysis.Pass, n ast.Node) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.FuncLit:
			return false
		case *ast.UnaryExpr:
			found = found || m.Op == token.ARROW
		case *ast.CallExpr:
			found = found || isMethod(pass, m, "sync", "WaitGroup", "Wait") || isMethod(pass, m, "golang.org/x/sync/errgroup", "Group", "Wait")
		}
		return !found
	})
	return found
}

// isMethod: call calls method name of pkg.typ (value or pointer receiver).
func isMethod(pass *analysis.Pass, e ast.Expr, pkg, typ, name string) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn, ok := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
	if !ok || fn.Name() != name || fn.Pkg() == nil || fn.Pkg().Path() != pkg {
		return false
	}
	recv := fn.Signature().Recv()
	if recv == nil {
		return false
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	return ok && named.Obj().Name() == typ
}

// isFunc: e is a call of the package-level function pkg.name ("" for a builtin).
func isFunc(pass *analysis.Pass, e ast.Expr, pkg, name string) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	switch fn := typeutil.Callee(pass.TypesInfo, call).(type) {
	case *types.Builtin:
		return pkg == "" && fn.Name() == name
	case *types.Func:
		return fn.Pkg() != nil && fn.Pkg().Path() == pkg && fn.Name() == name && fn.Signature().Recv() == nil
	}
	return false
}
