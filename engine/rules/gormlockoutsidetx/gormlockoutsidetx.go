// Package gormlockoutsidetx reports a GORM row lock (Clauses(clause.Locking{…}))
// on a statement that runs on the connection pool, outside any transaction:
// in autocommit mode the lock ends with the statement. The handle is followed
// through SSA (model/gormtx), so a query built in steps (q := db.Where(…);
// q.Clauses(clause.Locking{…}).First(&x)) is seen through the variable.
package gormlockoutsidetx

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/gormtx"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

var Analyzer = &analysis.Analyzer{
	Name: "gorm_lock_outside_tx",
	Doc: `a GORM row lock (clause.Locking) on a statement outside a transaction

SELECT … FOR UPDATE/SHARE in autocommit mode is its own transaction: the row
lock is released as soon as the rows are returned, so the read-modify-write
after it is as unprotected as without the clause. Reported only when the
handle is proven to be the pool: gorm.Open's result, a package variable, or an
unexported field the package starts transactions from and never stores
anything but the pool in. A *gorm.DB parameter, or a handle that is the pool on
one path and a transaction on another, may be a transaction and stays silent.`,
	Requires: []*analysis.Analyzer{gormtx.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Warning, Category: "database", Checklist: "db-transactions-locks"}

func run(pass *analysis.Pass) (any, error) {
	model := pass.ResultOf[gormtx.Analyzer].(*gormtx.Result)
	for _, st := range model.Statements {
		if st.Locking == nil || st.Method == "Transaction" || st.Handle.Kind != gormtx.Pool {
			continue
		}
		// The outer handle inside a transaction's body is gorm-tx-outer-handle's finding.
		if st.InTx != nil && st.Handle.Key != "" && st.InTx.Outer.Key == st.Handle.Key {
			continue
		}
		d := analysis.Diagnostic{
			Pos: st.Expr.Pos(), End: st.Expr.End(),
			Message: fmt.Sprintf("`%s` on `%s.%s` outside a transaction: the row lock ends with this statement (autocommit), so nothing after it is protected — read and write inside db.Transaction(func(tx *gorm.DB) error {…}) through tx",
				clauseName(pass, st.Locking), srctext.Expr(pass.Fset, st.Root), st.Method),
		}
		if st.Locking.Pos() < st.Expr.Pos() || st.Locking.End() > st.Expr.End() {
			d.Related = []analysis.RelatedInformation{{Pos: st.Locking.Pos(), End: st.Locking.End(), Message: "row lock clause added here"}}
		}
		pass.Report(d)
	}
	return nil, nil
}

// clauseName is the clause's type as written at the literal (clause.Locking), or as go/types names it.
func clauseName(pass *analysis.Pass, e ast.Expr) string {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok {
		e = ast.Unparen(u.X)
	}
	if lit, ok := e.(*ast.CompositeLit); ok && lit.Type != nil {
		return srctext.Expr(pass.Fset, lit.Type)
	}
	return types.TypeString(pass.TypesInfo.TypeOf(e), (*types.Package).Name)
}
