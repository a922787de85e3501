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
