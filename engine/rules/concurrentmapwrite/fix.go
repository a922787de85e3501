package concurrentmapwrite

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/goconc/goconc/engine/model/lockstate"
	"github.com/goconc/goconc/engine/model/races"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

// guardFix wraps the write in the Lock and Unlock of the mutex of the struct
// that holds the map (`r.items[k] = v` → r.mu.Lock(); …; r.mu.Unlock()).
// Offered only where it cannot deadlock or change anything else: in the
// goroutine or handler body itself (which starts with no lock held), with no
// lock possibly held there, on a statement of its own that calls nothing and
// receives nothing, for a struct with exactly one sync.Mutex or RWMutex field.
func guardFix(pass *analysis.Pass, r races.Race) (analysis.SuggestedFix, bool) {
	none := analysis.SuggestedFix{}
	if r.At.Fn != r.Context.Entry.Fn {
		return none, false
	}
	if held, ok := lockstate.Of(pass).HeldAt(r.At.Instr); !ok || len(held.May) > 0 {
		return none, false
	}
	stmt, mapExpr := writeStmt(pass, r.At.Instr.Pos())
	if stmt == nil || !callsNothing(pass, stmt) {
		return none, false
	}
	sel, ok := ast.Unparen(mapExpr).(*ast.SelectorExpr)
	if !ok {
		return none, false
	}
	owner, ok := sel.X.(*ast.Ident)
	if !ok {
		return none, false
	}
	mu, ok := mutexField(pass.TypesInfo.TypeOf(owner))
	if !ok {
		return none, false
	}
	tf := pass.Fset.File(stmt.Pos())
	src, err := pass.ReadFile(tf.Name())
	if err != nil {
		return none, false
	}
	indent := srctext.Indent(src, tf, stmt.Pos())
	lineStart := tf.LineStart(tf.Line(stmt.Pos()))
	if tf.Line(stmt.End()) >= tf.LineCount() {
		return none, false
	}
	eol := tf.LineStart(tf.Line(stmt.End())+1) - 1
	lock := owner.Name + "." + mu
	return analysis.SuggestedFix{
		Message: "Guard the write with " + lock,
		TextEdits: []analysis.TextEdit{
			{Pos: lineStart, End: lineStart, NewText: []byte(indent + lock + ".Lock()\n")},
			{Pos: eol, End: eol, NewText: []byte("\n" + indent + lock + ".Unlock()")},
		},
	}, true
}

// writeStmt is the statement of the map write at pos (an assignment, an
// increment, a delete) alone on its lines, and the map expression it writes.
func writeStmt(pass *analysis.Pass, pos token.Pos) (ast.Stmt, ast.Expr) {
	for _, f := range pass.Files {
		if f.FileStart > pos || pos > f.FileEnd {
			continue
		}
		path, _ := astutil.PathEnclosingInterval(f, pos, pos)
		for i, n := range path {
			var m ast.Expr
			switch n := n.(type) {
			case *ast.AssignStmt:
				if len(n.Lhs) == 1 {
					if ix, ok := n.Lhs[0].(*ast.IndexExpr); ok {
						m = ix.X
					}
				}
			case *ast.IncDecStmt:
				if ix, ok := n.X.(*ast.IndexExpr); ok {
					m = ix.X
				}
			case *ast.ExprStmt:
				if c, ok := n.X.(*ast.CallExpr); ok && len(c.Args) == 2 {
					m = c.Args[0]
				}
			}
			if m == nil {
				if _, isStmt := n.(ast.Stmt); isStmt {
					return nil, nil
				}
				continue
			}
			if i+1 >= len(path) {
				return nil, nil
			}
			if _, inBlock := path[i+1].(*ast.BlockStmt); !inBlock {
				return nil, nil // an if's init, a for's post: no room for a Lock before it
			}
			return n.(ast.Stmt), m
		}
	}
	return nil, nil
}

// callsNothing: s runs no function and no channel operation (delete aside),
// so it cannot block or lock while holding the mutex.
func callsNothing(pass *analysis.Pass, s ast.Stmt) bool {
	ok := true
	ast.Inspect(s, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if tv, isType := pass.TypesInfo.Types[n.Fun]; isType && tv.IsType() {
				return true // a conversion
			}
			if b, isBuiltin := pass.TypesInfo.Uses[builtinIdent(n.Fun)].(*types.Builtin); isBuiltin && (b.Name() == "delete" || b.Name() == "len") {
				return true
			}
			ok = false
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				ok = false
			}
		case *ast.FuncLit:
			ok = false
		}
		return ok
	})
	return ok
}

func builtinIdent(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// mutexField is the one sync.Mutex or sync.RWMutex field of the struct t
// points to.
func mutexField(t types.Type) (string, bool) {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return "", false
	}
	name := ""
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		n, ok := types.Unalias(f.Type()).(*types.Named)
		if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "sync" || (n.Obj().Name() != "Mutex" && n.Obj().Name() != "RWMutex") {
			continue
		}
		if name != "" || f.Embedded() {
			return "", false
		}
		name = f.Name()
	}
	return name, name != ""
}
