// Package forupdateoutsidetx reports SELECT … FOR UPDATE / FOR SHARE (and
// their NO KEY / KEY forms, MySQL's LOCK IN SHARE MODE) sent through a pool
// or a connection with no transaction: in autocommit the statement is its own
// transaction, and the row locks it takes are released as soon as it ends.
// Handles are recognised by type (model/dbtypes), the SQL text by its
// constant value followed through SSA (rules/internal/sqltext). GORM's
// clause.Locking is gorm-lock-outside-tx's.
package forupdateoutsidetx

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/dbtypes"
	"github.com/goconc/goconc/engine/model/gormtx"
	"github.com/goconc/goconc/engine/model/ssabuild"
	"github.com/goconc/goconc/engine/rules/internal/sqltext"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

var Analyzer = &analysis.Analyzer{
	Name: "for_update_outside_tx",
	Doc: `SELECT … FOR UPDATE run outside a transaction

A query whose SQL text locks rows (FOR UPDATE, FOR NO KEY UPDATE, FOR SHARE,
FOR KEY SHARE, LOCK IN SHARE MODE) sent through a pool — *sql.DB, *sqlx.DB,
*pgxpool.Pool (v4, v5) — runs in autocommit: the statement is its own
transaction and its row locks are released when it ends, before the code
that reads the row can write it back, so the lock protects nothing. The same
holds for a single connection (*sql.Conn, *sqlx.Conn, *pgx.Conn,
*pgxpool.Conn) when the package never sends BEGIN or START TRANSACTION as
text and the function never begins a transaction on a connection (after
conn.Begin, pgx runs the connection's own queries inside it). Handles are recognised by type; *sql.Tx, *sqlx.Tx, pgx.Tx and handles
behind interfaces whose dynamic value the package does not show are silent.
A statement that writes as well (UPDATE … WHERE id IN (SELECT … FOR UPDATE
SKIP LOCKED), a CTE feeding DELETE or INSERT) uses its locks within itself
and is silent. The SQL text is a constant followed through SSA: literals,
constants, locals, package variables, fmt.Sprintf formats, concatenations
and the arguments the package's own calls pass for a parameter. GORM's Raw
and Exec with such SQL are reported on a *gorm.DB proven to be the pool (not a
transaction, not a parameter, not the outer handle inside a transaction —
gorm-tx-outer-handle's); GORM's clause.Locking is gorm-lock-outside-tx's.`,
	Requires: []*analysis.Analyzer{ssabuild.Analyzer, gormtx.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Warning, Category: "database", Checklist: "db-transactions-locks"}

var (
	lockClause = regexp.MustCompile(`(?i)\bFOR\s+(NO\s+KEY\s+UPDATE|UPDATE|KEY\s+SHARE|SHARE)\b|\bLOCK\s+IN\s+SHARE\s+MODE\b`)
	selects    = regexp.MustCompile(`(?i)\bSELECT\b`)
	writes     = regexp.MustCompile(`(?i)\b(UPDATE|DELETE|INSERT|MERGE|UPSERT|REPLACE)\b`)
	begins     = regexp.MustCompile(`(?i)^\s*(BEGIN|START\s+TRANSACTION)\b`)
	space      = regexp.MustCompile(`\s+`)
)

type finding struct {
	gorm   bool
	call   *ast.CallExpr
	clause string
	recv   string
	method string
	handle dbtypes.SQLHandle
	from   []token.Pos
}

func run(pass *analysis.Pass) (any, error) {
	if !sqltext.MentionsConst(pass.TypesInfo, lockClause) {
		return nil, nil
	}
	built := ssabuild.Of(pass)
	t := sqltext.New(pass, built)
	// A package that sends BEGIN as text may run a connection's queries in
	// a transaction it began so: its connections are silent.
	rawBegin := sqltext.MentionsConst(pass.TypesInfo, begins)
	connBegins := connBegins(built)
	gormModel := pass.ResultOf[gormtx.Analyzer].(*gormtx.Result)
	var found []*finding
	seen := map[token.Pos]bool{}
	for _, fn := range built.Funcs() {
		for _, b := range fn.Blocks {
			for _, in := range b.Instrs {
				ci, ok := in.(ssa.CallInstruction)
				if !ok {
					continue
				}
				f := check(pass, t, built, ci.Common())
				if f == nil {
					f = checkGorm(pass, t, built, gormModel, ci.Common())
				}
				if f == nil || seen[f.call.Pos()] || (!f.handle.Pool && (rawBegin || connBegins[top(fn)])) {
					continue
				}
				seen[f.call.Pos()] = true
				found = append(found, f)
			}
		}
	}
	sort.Slice(found, func(i, j int) bool { return found[i].call.Pos() < found[j].call.Pos() })
	for _, f := range found {
		begin := f.handle.Begin
		if i := strings.IndexByte(begin, '.'); i >= 0 {
			begin = f.recv + begin[i:]
		}
		var msg string
		if f.gorm {
			msg = fmt.Sprintf("`%s` runs on `%s` (*gorm.DB, the pool) outside a transaction: in autocommit the row lock is released when the statement ends, so it protects nothing that follows; run the SELECT and the writes it guards in %s.Transaction(func(tx *gorm.DB) error {…}) through tx",
				f.clause, f.recv, f.recv)
		} else if f.handle.Pool {
			msg = fmt.Sprintf("`%s` runs on the pool `%s` (%s) outside a transaction: in autocommit the row lock is released when the statement ends, so it protects nothing that follows; run the SELECT and the writes it guards in one transaction (tx from %s, then tx.%s)",
				f.clause, f.recv, f.handle.Type, begin, f.method)
		} else {
			msg = fmt.Sprintf("`%s` runs on the connection `%s` (%s) with no transaction begun on it: in autocommit the row lock is released when the statement ends, so it protects nothing that follows; run the SELECT and the writes it guards in one transaction (tx from %s, then tx.%s)",
				f.clause, f.recv, f.handle.Type, begin, f.method)
		}
		d := analysis.Diagnostic{Pos: f.call.Pos(), End: f.call.End(), Message: msg}
		for _, p := range f.from {
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: p, Message: "the query text comes from here"})
		}
		pass.Report(d)
	}
	return nil, nil
}

// checkGorm: GORM's Raw or Exec with row-locking SELECT text on a *gorm.DB
// proven to be the pool.
func checkGorm(pass *analysis.Pass, t *sqltext.Texts, built *ssabuild.Result, model *gormtx.Result, c *ssa.CallCommon) *finding {
	callee := c.StaticCallee()
	if callee == nil || len(c.Args) < 2 {
		return nil
	}
	obj, _ := callee.Object().(*types.Func)
	if _, ok := dbtypes.GormMethod(obj); !ok || (obj.Name() != "Exec" && obj.Name() != "Raw") {
		return nil
	}
	h := model.HandleOf(c.Args[0])
	if h.Kind != gormtx.Pool {
		return nil
	}
	expr := built.Call(c.Pos())
	if expr == nil {
		return nil
	}
	sel, ok := ast.Unparen(expr.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	// The outer handle inside a transaction's body is gorm-tx-outer-handle's.
	for _, st := range model.Statements {
		if st.InTx != nil && st.Expr.Pos() <= expr.Pos() && expr.End() <= st.Expr.End() && h.Key != "" && st.InTx.Outer.Key == h.Key {
			return nil
		}
	}
	for _, x := range t.Values(c.Args[1]) {
		clause := locksOnly(x.S)
		if clause == "" {
			continue
		}
		var from []token.Pos
		if x.From.IsValid() {
			from = []token.Pos{x.From}
		}
		return &finding{gorm: true, call: expr, clause: clause, recv: srctext.Expr(pass.Fset, dbtypes.GormRootExpr(pass.TypesInfo, sel.X)), method: obj.Name(), handle: dbtypes.SQLHandle{Pool: true, Type: "*gorm.DB"}, from: from}
	}
	return nil
}

// connBegins: the declared functions that begin a transaction on a single
// connection (conn.Begin(ctx), pgx.BeginFunc(ctx, conn, …)): on pgx, a
// connection's own queries then run inside it, so its queries are silent.
func connBegins(built *ssabuild.Result) map[*ssa.Function]bool {
	out := map[*ssa.Function]bool{}
	for _, fn := range built.Funcs() {
		for _, b := range fn.Blocks {
			for _, in := range b.Instrs {
				ci, ok := in.(ssa.CallInstruction)
				if !ok {
					continue
				}
				com := ci.Common()
				_, begin := dbtypes.TxBegin(com)
				_, _, fnTx := dbtypes.TxFunc(com)
				if !begin && !fnTx {
					continue
				}
				args := com.Args
				if com.IsInvoke() {
					args = append([]ssa.Value{com.Value}, args...)
				}
				for _, a := range args {
					if h, ok := dbtypes.SQLHandleOf(a.Type()); ok && !h.Pool && !h.Tx {
						out[top(fn)] = true
					}
				}
			}
		}
	}
	return out
}

func top(fn *ssa.Function) *ssa.Function {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	return fn
}

// check: a database/sql, sqlx or pgx query method called on a pool or an
// untransacted connection with row-locking SELECT text.
func check(pass *analysis.Pass, t *sqltext.Texts, built *ssabuild.Result, c *ssa.CallCommon) *finding {
	method := dbtypes.CalledMethod(c)
	param, ok := dbtypes.SQLQuery(method)
	if !ok {
		return nil
	}
	expr := built.Call(c.Pos())
	if expr == nil {
		return nil
	}
	sel, ok := ast.Unparen(expr.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	var recv ssa.Value
	args := c.Args
	if c.IsInvoke() {
		recv = c.Value
	} else if len(args) > 0 {
		recv, args = args[0], args[1:]
	}
	// The handle as written (a *sqlx.DB calling *sql.DB's promoted
	// QueryRowContext is a *sqlx.DB), else the method's receiver (a user type
	// embedding one), else the dynamic value behind an interface.
	h, known := dbtypes.SQLHandleOf(pass.TypesInfo.TypeOf(sel.X))
	if !known {
		if h, known = dbtypes.SQLHandleOf(method.Type().(*types.Signature).Recv().Type()); !known {
			if h, known = dbtypes.SQLHandleOf(dbtypes.Concrete(recv)); !known {
				return nil
			}
		}
	}
	if h.Tx || param >= len(args) {
		return nil
	}
	for _, x := range t.Values(args[param]) {
		clause := locksOnly(x.S)
		if clause == "" {
			continue
		}
		var from []token.Pos
		if x.From.IsValid() {
			from = []token.Pos{x.From}
		}
		return &finding{call: expr, clause: clause, recv: srctext.Expr(pass.Fset, sel.X), method: method.Name(), handle: h, from: from}
	}
	return nil
}

// locksOnly: the locking clause of a SELECT that writes nothing itself
// ("FOR UPDATE"), "" otherwise.
func locksOnly(sql string) string {
	m := lockClause.FindString(sql)
	if m == "" || !selects.MatchString(sql) {
		return ""
	}
	if writes.MatchString(lockClause.ReplaceAllString(sql, " ")) {
		return ""
	}
	return strings.ToUpper(space.ReplaceAllString(m, " "))
}
