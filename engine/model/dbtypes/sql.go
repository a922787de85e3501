package dbtypes

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Methods that start a transaction the caller must end, by the package and
// receiver type declaring them: database/sql, sqlx (its own Beginx/BeginTxx;
// Begin/BeginTx are *sql.DB's, promoted), pgx v4/v5 and pgxpool.
var txBeginners = map[string]map[string]bool{
	"database/sql.DB":                      {"Begin": true, "BeginTx": true},
	"database/sql.Conn":                    {"BeginTx": true},
	"github.com/jmoiron/sqlx.DB":           {"Beginx": true, "BeginTxx": true, "MustBegin": true, "MustBeginTx": true},
	"github.com/jackc/pgx/v5.Conn":         {"Begin": true, "BeginTx": true},
	"github.com/jackc/pgx/v5.Tx":           {"Begin": true},
	"github.com/jackc/pgx/v5/pgxpool.Pool": {"Begin": true, "BeginTx": true},
	"github.com/jackc/pgx/v5/pgxpool.Conn": {"Begin": true, "BeginTx": true},
	"github.com/jackc/pgx/v5/pgxpool.Tx":   {"Begin": true},
	"github.com/jackc/pgx/v4.Conn":         {"Begin": true, "BeginTx": true},
	"github.com/jackc/pgx/v4.Tx":           {"Begin": true},
	"github.com/jackc/pgx/v4/pgxpool.Pool": {"Begin": true, "BeginTx": true},
	"github.com/jackc/pgx/v4/pgxpool.Conn": {"Begin": true, "BeginTx": true},
}

// TxBegin says whether a call starts a SQL transaction (database/sql, sqlx,
// pgx), and whether it is pgx's (whose Rollback takes a context).
func TxBegin(c *ssa.CallCommon) (pgx bool, ok bool) {
	fn := CalledMethod(c)
	if fn == nil || fn.Pkg() == nil {
		return false, false
	}
	recv := fn.Type().(*types.Signature).Recv()
	if recv == nil {
		return false, false
	}
	t := recv.Type()
	if p, isPtr := t.(*types.Pointer); isPtr {
		t = p.Elem()
	}
	n, isNamed := types.Unalias(t).(*types.Named)
	if !isNamed || n.Obj().Pkg() == nil {
		return false, false
	}
	path := n.Obj().Pkg().Path()
	if !txBeginners[path+"."+n.Obj().Name()][fn.Name()] {
		return false, false
	}
	return path != "database/sql" && path != "github.com/jmoiron/sqlx", true
}

// CalledMethod is the method a call invokes: the static callee's, or the
// interface method of a dynamic call.
func CalledMethod(c *ssa.CallCommon) *types.Func {
	if c.IsInvoke() {
		return c.Method
	}
	if callee := c.StaticCallee(); callee != nil {
		fn, _ := callee.Object().(*types.Func)
		return fn
	}
	return nil
}

// SQLHandle is a database/sql, sqlx or pgx type whose methods send queries:
// a pool (each query may run on another connection) or a handle holding one
// connection (a Conn, a transaction).
type SQLHandle struct {
	Pool  bool
	Type  string // as users write it: "*sql.DB", "pgx.Tx"
	Pin   string // how to pin one connection from a pool ("db.Conn(ctx)"); "" for a pinned handle
	Tx    bool   // a transaction
	Begin string // how to start a transaction on it ("db.BeginTx(ctx, nil)"); "" for a transaction
}

var sqlHandles = map[string]SQLHandle{
	"database/sql.DB":                      {true, "*sql.DB", "db.Conn(ctx)", false, "db.BeginTx(ctx, nil)"},
	"github.com/jmoiron/sqlx.DB":           {true, "*sqlx.DB", "db.Connx(ctx)", false, "db.BeginTxx(ctx, nil)"},
	"github.com/jackc/pgx/v5/pgxpool.Pool": {true, "*pgxpool.Pool", "pool.Acquire(ctx)", false, "pool.Begin(ctx)"},
	"github.com/jackc/pgx/v4/pgxpool.Pool": {true, "*pgxpool.Pool", "pool.Acquire(ctx)", false, "pool.Begin(ctx)"},
	"database/sql.Conn":                    {false, "*sql.Conn", "", false, "conn.BeginTx(ctx, nil)"},
	"database/sql.Tx":                      {false, "*sql.Tx", "", true, ""},
	"github.com/jmoiron/sqlx.Conn":         {false, "*sqlx.Conn", "", false, "conn.BeginTxx(ctx, nil)"},
	"github.com/jmoiron/sqlx.Tx":           {false, "*sqlx.Tx", "", true, ""},
	"github.com/jackc/pgx/v5.Conn":         {false, "*pgx.Conn", "", false, "conn.Begin(ctx)"},
	"github.com/jackc/pgx/v5.Tx":           {false, "pgx.Tx", "", true, ""},
	"github.com/jackc/pgx/v5/pgxpool.Conn": {false, "*pgxpool.Conn", "", false, "conn.Begin(ctx)"},
	"github.com/jackc/pgx/v5/pgxpool.Tx":   {false, "*pgxpool.Tx", "", true, ""},
	"github.com/jackc/pgx/v4.Conn":         {false, "*pgx.Conn", "", false, "conn.Begin(ctx)"},
	"github.com/jackc/pgx/v4.Tx":           {false, "pgx.Tx", "", true, ""},
	"github.com/jackc/pgx/v4/pgxpool.Conn": {false, "*pgxpool.Conn", "", false, "conn.Begin(ctx)"},
	"github.com/jackc/pgx/v4/pgxpool.Tx":   {false, "*pgxpool.Tx", "", true, ""},
}

// The methods of those types that send SQL text (database/sql's, pgx's, and
// sqlx's own Get/Select/MustExec/Named…/…x forms).
var sqlQueryMethods = map[string]bool{
	"Exec": true, "ExecContext": true, "Query": true, "QueryContext": true, "QueryRow": true, "QueryRowContext": true,
	"Get": true, "GetContext": true, "Select": true, "SelectContext": true, "MustExec": true, "MustExecContext": true,
	"Queryx": true, "QueryxContext": true, "QueryRowx": true, "QueryRowxContext": true,
	"NamedExec": true, "NamedExecContext": true, "NamedQuery": true, "NamedQueryContext": true,
}

// SQLHandleOf: t is one of the SQL handle types (or a pointer to one).
func SQLHandleOf(t types.Type) (SQLHandle, bool) {
	if t == nil {
		return SQLHandle{}, false
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return SQLHandle{}, false
	}
	h, ok := sqlHandles[n.Obj().Pkg().Path()+"."+n.Obj().Name()]
	return h, ok
}

// SQLQuery: fn sends SQL text — a query method declared on (or promoted to,
// or required by an interface from) a SQL handle type, or a method of that
// name called through any interface. sqlParam is the index of its SQL text
// among the signature's parameters (the first string one).
func SQLQuery(fn *types.Func) (sqlParam int, ok bool) {
	if fn == nil || !sqlQueryMethods[fn.Name()] {
		return 0, false
	}
	sig := fn.Type().(*types.Signature)
	if sig.Recv() == nil {
		return 0, false
	}
	if _, known := SQLHandleOf(sig.Recv().Type()); !known && !types.IsInterface(sig.Recv().Type()) {
		return 0, false
	}
	for i := 0; i < sig.Params().Len(); i++ {
		if b, isBasic := sig.Params().At(i).Type().(*types.Basic); isBasic && b.Kind() == types.String {
			return i, true
		}
	}
	return 0, false
}
