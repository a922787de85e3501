package concurrentmapwrite

import (
	"go/ast"

	"golang.org/x/tools/go/analysis"

	"github.com/goconc/goconc/engine/model/lockstate"
	"github.com/goconc/goconc/engine/model/races"
	"github.com/goconc/goconc/engine/rules/internal/guardfix"
)

// guardFix wraps the write in the Lock and Unlock of the mutex of the struct
// that holds the map (`r.items[k] = v` → r.mu.Lock(); …; r.mu.Unlock()).
// Offered only where it cannot deadlock or change anything else: in the
// goroutine or handler body itself (which starts with no lock held), with no
// lock possibly held there, on a statement of its own that calls nothing and
// receives nothing, for a struct with exactly one sync.Mutex or RWMutex field.
func guardFix(pass *analysis.Pass, r races.Race) (analysis.SuggestedFix, bool) {
	none := analysis.SuggestedFix{}
	if r.At.Fn != r.Context.Entry.Fn || !r.At.Write {
		return none, false
	}
	if held, ok := lockstate.Of(pass).HeldAt(r.At.Instr); !ok || len(held.May) > 0 {
		return none, false
	}
	stmt, _ := guardfix.Stmt(pass, r.At.Instr.Pos())
	mapExpr := writtenMap(stmt)
	if mapExpr == nil || !guardfix.CallsNothing(pass, stmt) {
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
	mu, _, ok := guardfix.MutexField(pass.TypesInfo.TypeOf(owner))
	if !ok {
		return none, false
	}
	return guardfix.Wrap(pass, stmt, owner.Name+"."+mu, false)
}

// writtenMap is the map a statement writes: `m[k] = v`, `m[k]++`,
// `delete(m, k)`.
func writtenMap(s ast.Stmt) ast.Expr {
	switch s := s.(type) {
	case *ast.AssignStmt:
		if len(s.Lhs) == 1 {
			if ix, ok := s.Lhs[0].(*ast.IndexExpr); ok {
				return ix.X
			}
		}
	case *ast.IncDecStmt:
		if ix, ok := s.X.(*ast.IndexExpr); ok {
			return ix.X
		}
	case *ast.ExprStmt:
		if c, ok := s.X.(*ast.CallExpr); ok && len(c.Args) == 2 {
			return c.Args[0]
		}
	}
	return nil
}
