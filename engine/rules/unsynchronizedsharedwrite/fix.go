package unsynchronizedsharedwrite

import (
	"go/ast"

	"golang.org/x/tools/go/analysis"

	"github.com/goconc/goconc/engine/model/races"
	"github.com/goconc/goconc/engine/rules/internal/guardfix"
	"github.com/goconc/goconc/engine/rules/internal/racemsg"
)

// lockFix, for a mixed race, takes the lock the other side holds around the
// access (`cfg := p.cfg` → p.mu.RLock(); cfg := p.cfg; p.mu.RUnlock()).
// Offered only where it cannot deadlock or change anything else: the access
// is in the goroutine, handler or starter itself (the race model already
// made sure no caller of it may hold a lock, and none is held there), on a
// statement of its own that calls nothing and receives nothing, on a field
// of a variable whose struct has exactly one mutex — the one the other side
// holds. A read of an RWMutex-guarded field takes the read lock.
func lockFix(pass *analysis.Pass, r races.Race) (analysis.SuggestedFix, bool) {
	none := analysis.SuggestedFix{}
	frame := r.Context.Entry.Fn
	if r.InStarter {
		frame = r.Context.Entry.Starter
	}
	if r.OtherLock == nil || r.At.Fn != frame || len(r.OtherLock.Key.Path) == 0 {
		return none, false
	}
	stmt, _ := guardfix.Stmt(pass, r.At.Instr.Pos())
	if stmt == nil || !guardfix.CallsNothing(pass, stmt) {
		return none, false
	}
	pos, end := racemsg.AccessRange(pass, r)
	var owner *ast.Ident
	ast.Inspect(stmt, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok && sel.Pos() == pos && sel.End() == end {
			owner, _ = sel.X.(*ast.Ident)
		}
		return owner == nil
	})
	if owner == nil {
		return none, false
	}
	mu, rw, ok := guardfix.MutexField(pass.TypesInfo.TypeOf(owner))
	if !ok || r.OtherLock.Key.Path[len(r.OtherLock.Key.Path)-1].Field != mu {
		return none, false
	}
	return guardfix.Wrap(pass, stmt, owner.Name+"."+mu, rw && !r.At.Write)
}
