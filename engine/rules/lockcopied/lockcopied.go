// Package lockcopied reports a value that holds a sync lock (Mutex,
// RWMutex, WaitGroup, Once, Cond, Map, Pool, the sync/atomic types, or any
// type whose pointer has Lock and Unlock) copied: by a value receiver, a
// parameter, a range variable, an assignment from an existing value, a send
// or a return. The copy has its own lock, so the original is not guarded.
// Names are resolved by go/types: a local that shadows a package-level
// sync.Map is whatever its own type is.
package lockcopied

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

var Analyzer = &analysis.Analyzer{
	Name: "lock_copied",
	Doc: `a value holding a Mutex, WaitGroup, Once or Cond copied

A copied sync.Mutex is a second, independent mutex: code locking the copy
does not exclude code locking the original. Reported where a lock-holding
value (not a pointer to one) is received by value, passed as a parameter,
ranged over, assigned from an existing value, sent or returned. Building a
fresh value (a composite literal or a call's result) is not a copy. Quick
fix for value receivers: a pointer receiver.`,
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Warning, Category: "locks", Checklist: "shared-state"}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	filter := []ast.Node{(*ast.FuncDecl)(nil), (*ast.FuncLit)(nil), (*ast.RangeStmt)(nil), (*ast.AssignStmt)(nil),
		(*ast.ValueSpec)(nil), (*ast.SendStmt)(nil), (*ast.ReturnStmt)(nil)}
	in.Preorder(filter, func(n ast.Node) {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if n.Recv != nil && len(n.Recv.List) == 1 {
				checkReceiver(pass, n.Recv.List[0])
			}
			checkParams(pass, n.Type)
		case *ast.FuncLit:
			checkParams(pass, n.Type)
		case *ast.RangeStmt:
			if n.Value == nil || isBlank(n.Value) {
				return
			}
			t := pass.TypesInfo.TypeOf(n.Value)
			if t == nil {
				return
			}
			if path, lock, ok := lockPath(t); ok {
				pass.Report(analysis.Diagnostic{Pos: n.Value.Pos(), End: n.Value.End(),
					Message: fmt.Sprintf("the range variable copies each %s element together with %s (%s): range over indexes or pointers",
						typeName(t), its(path), lock)})
			}
		case *ast.AssignStmt:
			for i, r := range n.Rhs {
				if len(n.Lhs) == len(n.Rhs) && isBlank(n.Lhs[i]) {
					continue
				}
				checkCopy(pass, r, "%s is copied here together with %s (%s)")
			}
		case *ast.ValueSpec:
			for _, v := range n.Values {
				checkCopy(pass, v, "%s is copied here together with %s (%s)")
			}
		case *ast.SendStmt:
			checkCopy(pass, n.Value, "sending %s copies it together with %s (%s)")
		case *ast.ReturnStmt:
			for _, r := range n.Results {
				checkCopy(pass, r, "returning %s copies it together with %s (%s)")
			}
		}
	})
	return nil, nil
}

func checkReceiver(pass *analysis.Pass, f *ast.Field) {
	t := pass.TypesInfo.TypeOf(f.Type)
	if t == nil {
		return
	}
	if _, ptr := t.(*types.Pointer); ptr {
		return
	}
	path, lock, ok := lockPath(t)
	if !ok {
		return
	}
	pass.Report(analysis.Diagnostic{
		Pos: f.Type.Pos(), End: f.Type.End(),
		Message: fmt.Sprintf("value receiver %s copies its %s (%s): every call works on a copy of the lock", typeName(t), path, lock),
		SuggestedFixes: []analysis.SuggestedFix{{
			Message:   "Use a pointer receiver",
			TextEdits: []analysis.TextEdit{{Pos: f.Type.Pos(), End: f.Type.Pos(), NewText: []byte("*")}},
		}},
	})
}

func checkParams(pass *analysis.Pass, ft *ast.FuncType) {
	if ft.Params == nil {
		return
	}
	for _, f := range ft.Params.List {
		t := pass.TypesInfo.TypeOf(f.Type)
		if t == nil {
			continue
		}
		if path, lock, ok := lockPath(t); ok {
			pass.Report(analysis.Diagnostic{Pos: f.Type.Pos(), End: f.Type.End(),
				Message: fmt.Sprintf("parameter of type %s is passed by value, copying %s (%s): pass a pointer", typeName(t), its(path), lock)})
		}
	}
}

// checkCopy reports e when it copies an existing lock-holding value. A
// composite literal, a call's result, a conversion of one, or a zero value
// is a fresh value, not a copy.
func checkCopy(pass *analysis.Pass, e ast.Expr, format string) {
	e = ast.Unparen(e)
	switch e := e.(type) {
	case *ast.Ident:
		if e.Name == "nil" || e.Name == "_" {
			return
		}
		if _, isVar := pass.TypesInfo.Uses[e].(*types.Var); !isVar {
			return
		}
	case *ast.SelectorExpr:
		if _, isVar := pass.TypesInfo.Uses[e.Sel].(*types.Var); !isVar {
			return
		}
	case *ast.StarExpr, *ast.IndexExpr:
	default:
		return
	}
	t := pass.TypesInfo.TypeOf(e)
	if t == nil {
		return
	}
	if path, lock, ok := lockPath(t); ok {
		pass.Report(analysis.Diagnostic{Pos: e.Pos(), End: e.End(),
			Message: fmt.Sprintf(format, srctext.Expr(pass.Fset, e), its(path), lock)})
	}
}

func isBlank(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "_"
}

func its(path string) string {
	if path == "" {
		return "its lock"
	}
	return "its " + path
}

func typeName(t types.Type) string {
	return types.TypeString(t, func(*types.Package) string { return "" })
}
