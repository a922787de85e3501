// Package gormtxouterhandle reports a GORM statement inside a transaction
// (a Transaction callback, or between Begin() and Commit()) sent through the
// handle the transaction was started from instead of the transaction's. It
// runs on another connection, outside the transaction. The handle is followed
// through SSA (model/gormtx): a query built in steps from the outer handle
// counts, one built from tx does not.
package gormtxouterhandle

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/gormtx"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

var Analyzer = &analysis.Analyzer{
	Name: "gorm_tx_outer_handle",
	Doc: `a GORM statement inside a transaction sent through the outer handle

Inside db.Transaction(func(tx *gorm.DB) error {…}), or between tx := db.Begin()
and tx.Commit(), a statement on db (or on a query built from db) runs on another
connection, outside the transaction: it is not rolled back with it, does not see
its uncommitted rows, and waits on the row locks the transaction holds — a
deadlock when the pool has one connection. Handles are compared by what they
are (the same parameter, field or package variable, followed through local
variables and closures), not by name. Quick fix: run it on tx, when the
statement's root is the handle itself.`,
	Requires: []*analysis.Analyzer{gormtx.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Warning, Category: "database", Checklist: "db-transactions-locks"}

func run(pass *analysis.Pass) (any, error) {
	model := pass.ResultOf[gormtx.Analyzer].(*gormtx.Result)
	for _, st := range model.Statements {
		tx := st.InTx
		if tx == nil || st.Handle.Kind == gormtx.Tx || tx.Outer.Key == "" || st.Handle.Key != tx.Outer.Key {
			continue
		}
		root := srctext.Expr(pass.Fset, st.Root)
		txName := tx.Name
		if txName == "" {
			txName = "the transaction's handle"
		}
		d := analysis.Diagnostic{
			Pos: st.Root.Pos(), End: st.Root.End(),
			Message: fmt.Sprintf("`%s.%s` inside the transaction runs on the outer handle, not on `%s`: it is outside the transaction (not rolled back with it, blind to its writes) and can wait on the transaction's own locks",
				root, st.Method, txName),
			Related: []analysis.RelatedInformation{{Pos: tx.Starter.Pos(), End: tx.Starter.End(), Message: fmt.Sprintf("transaction `%s` started here", txName)}},
		}
		if st.RootIsHandle && tx.Name != "" && visible(pass, st, tx) {
			d.SuggestedFixes = []analysis.SuggestedFix{{
				Message:   "Run it on " + tx.Name,
				TextEdits: []analysis.TextEdit{{Pos: st.Root.Pos(), End: st.Root.End(), NewText: []byte(tx.Name)}},
			}}
		}
		pass.Report(d)
	}
	return nil, nil
}

// visible: the transaction's variable is what its name means at the statement.
func visible(pass *analysis.Pass, st *gormtx.Statement, tx *gormtx.TxScope) bool {
	scope := pass.Pkg.Scope().Innermost(st.Root.Pos())
	if scope == nil {
		return false
	}
	_, obj := scope.LookupParent(tx.Name, st.Root.Pos())
	return obj != nil && obj == tx.NameObj
}
