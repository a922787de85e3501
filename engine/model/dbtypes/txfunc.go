package dbtypes

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// TxFunc: c runs a function argument as a transaction's body — GORM's
// (*gorm.DB).Transaction, pgx v5's BeginFunc and BeginTxFunc, the
// BeginFunc/BeginTxFunc methods of pgx v4 and its pgxpool, cockroach-go's
// crdb.ExecuteTx, ExecuteInTx and Execute and the ExecuteTx of crdbpgx,
// crdbsqlx and crdbgorm. body is that argument; retries says the helper
// runs it again itself on a retryable error (cockroach-go's).
func TxFunc(c *ssa.CallCommon) (body ssa.Value, retries bool, ok bool) {
	fn := CalledMethod(c)
	if fn == nil || fn.Pkg() == nil {
		return nil, false, false
	}
	path, name := fn.Pkg().Path(), fn.Name()
	switch {
	case name == "Transaction":
		if k, isGorm := GormMethod(fn); !isGorm || k != GormExecutor {
			return nil, false, false
		}
	case (name == "BeginFunc" || name == "BeginTxFunc") && strings.HasPrefix(path, "github.com/jackc/pgx/"):
	case (name == "ExecuteTx" || name == "ExecuteInTx" || name == "Execute") &&
		strings.HasPrefix(path, "github.com/cockroachdb/cockroach-go/") && strings.Contains(path, "/crdb"):
		retries = true
	default:
		return nil, false, false
	}
	for _, a := range c.Args {
		if _, isFunc := a.Type().Underlying().(*types.Signature); isFunc {
			return a, retries, true
		}
	}
	return nil, false, false
}

// RowScanner: fn is the Scan method of a query's result — database/sql's
// *Row and *Rows, sqlx's *Row and *Rows, pgx's Row and Rows (v4, v5) — or
// sqlx's StructScan; its arguments are the destinations.
func RowScanner(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil || (fn.Name() != "Scan" && fn.Name() != "StructScan") {
		return false
	}
	recv := fn.Type().(*types.Signature).Recv()
	if recv == nil {
		return false
	}
	t := recv.Type()
	if p, isPtr := t.(*types.Pointer); isPtr {
		t = p.Elem()
	}
	n, isNamed := types.Unalias(t).(*types.Named)
	if !isNamed || n.Obj().Pkg() == nil || (n.Obj().Name() != "Row" && n.Obj().Name() != "Rows") {
		return false
	}
	switch n.Obj().Pkg().Path() {
	case "database/sql", "github.com/jmoiron/sqlx", "github.com/jackc/pgx/v5", "github.com/jackc/pgx/v4":
		return true
	}
	return false
}

// SQLGet: fn is one of sqlx's Get/Select forms, which scan the query's
// result into the destination just before the SQL text.
func SQLGet(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	switch fn.Name() {
	case "Get", "GetContext", "Select", "SelectContext":
	default:
		return false
	}
	_, ok := SQLQuery(fn)
	return ok
}
