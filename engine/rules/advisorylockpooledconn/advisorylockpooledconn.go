// Package advisorylockpooledconn reports a session-level PostgreSQL advisory
// lock (pg_advisory_lock, pg_try_advisory_lock, pg_advisory_unlock and their
// _shared forms) sent through a connection pool: the lock belongs to the
// connection that ran the query, and the pool hands the next query, the
// unlock included, to any connection. Handles are recognised by type
// (model/dbtypes, model/gormtx), the SQL text by its constant value followed
// through SSA.
package advisorylockpooledconn

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
	Name: "advisory_lock_pooled_conn",
	Doc: `a session-level PostgreSQL advisory lock sent through a connection pool

A query whose SQL text calls pg_advisory_lock, pg_try_advisory_lock,
pg_advisory_unlock (or a _shared form) sent through a pool — *sql.DB,
*sqlx.DB, *pgxpool.Pool (v4, v5), or a *gorm.DB that is not a transaction —
locks one pooled connection, and the unlock runs on whichever connection the
pool hands out next: it returns false and the lock stays with an idle
connection, blocking every other locker. Handles are recognised by type: a
pool passed as a parameter, stored in a field or converted to an interface
is a pool; *sql.Conn, *sql.Tx, *pgx.Conn, *pgxpool.Conn, pgx.Tx, sqlx's Conn
and Tx, a GORM Transaction or Connection callback's handle and a Begin()
result hold one connection and are silent, as is pg_advisory_xact_lock. The
SQL text is a constant followed through SSA: literals, constants, locals,
package variables, fmt.Sprintf formats, concatenations and the arguments the
package's own calls pass for a parameter. A lock's report points at the
unlocks through the same pool (in the function, or in another method of the
same type through the same field). Not seen: SQL built at run time from
unknown parts, a pool capped at one connection (SetMaxOpenConns(1)), handles
behind interfaces whose dynamic value the package does not show.`,
	Requires: []*analysis.Analyzer{ssabuild.Analyzer, gormtx.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Warning, Category: "database", Checklist: "distributed-lock-reviewed"}

var sessionLock = regexp.MustCompile(`(?i)\bpg_(try_)?advisory_(un)?lock(_shared)?\s*\(`)

var gormPool = dbtypes.SQLHandle{Pool: true, Type: "*gorm.DB", Pin: "db.Connection(func(tx *gorm.DB) error { … })"}

// finding is one query sending a session lock function through a pool.
type finding struct {
	call   *ast.CallExpr
	fn     string // pg_advisory_lock…
	recv   string
	handle dbtypes.SQLHandle
	from   []token.Pos // where the SQL text was passed in, when not at the call
	key    string      // the pool's access path ("recv.db@…"), "" when unknown
	top    token.Pos   // the enclosing declaration
	recvT  *types.TypeName
}

func run(pass *analysis.Pass) (any, error) {
	if !sqltext.MentionsConst(pass.TypesInfo, sessionLock) {
		return nil, nil
	}
	built := ssabuild.Of(pass)
	t := &texts{Texts: sqltext.New(pass, built), pass: pass, built: built}
	fns := built.Funcs()
	gormModel := pass.ResultOf[gormtx.Analyzer].(*gormtx.Result)
	var found []*finding
	seen := map[token.Pos]bool{}
	add := func(f *finding) {
		if f != nil && !seen[f.call.Pos()] {
			seen[f.call.Pos()] = true
			found = append(found, f)
		}
	}
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, in := range b.Instrs {
				if ci, ok := in.(ssa.CallInstruction); ok {
					add(t.sqlCall(fn, ci.Common(), built))
					add(t.gormCall(fn, ci.Common(), gormModel))
				}
			}
		}
	}
	sort.Slice(found, func(i, j int) bool { return found[i].call.Pos() < found[j].call.Pos() })
	for _, f := range found {
		d := analysis.Diagnostic{Pos: f.call.Pos(), End: f.call.End(),
			Message: fmt.Sprintf("`%s` runs through the pool `%s` (%s): a session advisory lock belongs to one connection, and the unlock may run on another, leaving the lock held by an idle pooled connection (pin one with %s, or use pg_advisory_xact_lock inside a transaction)",
				f.fn, f.recv, f.handle.Type, f.handle.Pin)}
		for _, p := range f.from {
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: p, Message: "the query text comes from here"})
		}
		if !isUnlock(f.fn) && f.key != "" {
			for _, u := range found {
				if isUnlock(u.fn) && u.key == f.key && (u.top == f.top || (portable(f.key) && f.recvT != nil && u.recvT == f.recvT)) {
					d.Related = append(d.Related, analysis.RelatedInformation{Pos: u.call.Pos(), End: u.call.End(),
						Message: fmt.Sprintf("`%s` through the same pool, most likely on another connection", u.fn)})
				}
			}
		}
		pass.Report(d)
	}
	return nil, nil
}

func isUnlock(fn string) bool { return strings.Contains(strings.ToLower(fn), "unlock") }

// portable: the access path means the same pool in another method of the
// receiver's type (a field of the receiver, a package variable).
func portable(key string) bool {
	return strings.HasPrefix(key, "recv.") || strings.HasPrefix(key, "global:")
}

// texts follows the SQL text of the package's queries.
type texts struct {
	*sqltext.Texts
	pass  *analysis.Pass
	built *ssabuild.Result
}

// sessionLockIn: the session lock function some value of v calls, and where
// that value was passed in from.
func (t *texts) sessionLockIn(v ssa.Value) (string, []token.Pos) {
	for _, x := range t.Values(v) {
		if m := sessionLock.FindString(x.S); m != "" {
			name := strings.TrimRight(strings.TrimSuffix(m, "("), " \t\r\n")
			var from []token.Pos
			if x.From.IsValid() {
				from = []token.Pos{x.From}
			}
			return name, from
		}
	}
	return "", nil
}

// sqlCall: a database/sql, sqlx or pgx query method called on a pool with
// session lock SQL.
func (t *texts) sqlCall(fn *ssa.Function, c *ssa.CallCommon, built *ssabuild.Result) *finding {
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
	// The handle as written (a *sqlx.DB calling *sql.DB's promoted ExecContext
	// is a *sqlx.DB).
	h, known := dbtypes.SQLHandleOf(t.pass.TypesInfo.TypeOf(sel.X))
	if !known {
		// A type of the user's embedding one (its methods promoted), else the
		// dynamic value behind an interface.
		if h, known = dbtypes.SQLHandleOf(method.Type().(*types.Signature).Recv().Type()); !known {
			if h, known = dbtypes.SQLHandleOf(dbtypes.Concrete(recv)); !known {
				return nil
			}
		}
	}
	if !h.Pool || param >= len(args) {
		return nil
	}
	lockFn, from := t.sessionLockIn(args[param])
	if lockFn == "" {
		return nil
	}
	return &finding{call: expr, fn: lockFn, recv: srctext.Expr(t.pass.Fset, sel.X), handle: h, from: from,
		key: accessPath(recv, 0), top: topPos(fn), recvT: receiverType(fn)}
}

// gormCall: GORM's Exec or Raw with session lock SQL on a handle that is
// not a transaction or a pinned connection (a deferred Exec included).
func (t *texts) gormCall(fn *ssa.Function, c *ssa.CallCommon, model *gormtx.Result) *finding {
	callee := c.StaticCallee()
	if callee == nil || len(c.Args) < 2 {
		return nil
	}
	obj, _ := callee.Object().(*types.Func)
	if _, ok := dbtypes.GormMethod(obj); !ok || (obj.Name() != "Exec" && obj.Name() != "Raw") {
		return nil
	}
	if t.pinnedGorm(c.Args[0], model) {
		return nil
	}
	expr := t.built.Call(c.Pos())
	if expr == nil {
		return nil
	}
	sel, ok := ast.Unparen(expr.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	lockFn, from := t.sessionLockIn(c.Args[1])
	if lockFn == "" {
		return nil
	}
	return &finding{call: expr, fn: lockFn, recv: srctext.Expr(t.pass.Fset, dbtypes.GormRootExpr(t.pass.TypesInfo, sel.X)), handle: gormPool, from: from,
		key: accessPath(dbtypes.GormRoot(c.Args[0]), 0), top: topPos(fn), recvT: receiverType(fn)}
}

// pinnedGorm: a *gorm.DB holding one connection — a transaction, a
// Connection callback's handle, or a parameter every call in the package
// passes one of (lockIn(tx) from a Transaction callback).
func (t *texts) pinnedGorm(v ssa.Value, model *gormtx.Result) bool {
	switch model.HandleOf(v).Kind {
	case gormtx.Tx, gormtx.Conn:
		return true
	case gormtx.Param:
	default:
		return false
	}
	p, ok := dbtypes.GormRoot(v).(*ssa.Parameter)
	if !ok || p.Parent().Parent() != nil {
		return false
	}
	i := -1
	for j, q := range p.Parent().Params {
		if q == p {
			i = j
		}
	}
	callers := t.Callers[p.Parent()]
	if i < 0 || len(callers) == 0 {
		return false
	}
	for _, c := range callers {
		args := c.Common().Args
		if i >= len(args) {
			return false
		}
		if k := model.HandleOf(args[i]).Kind; k != gormtx.Tx && k != gormtx.Conn {
			return false
		}
	}
	return true
}

// accessPath names the handle's location so that two queries through the
// same pool meet: a parameter, the receiver's fields, package variables.
func accessPath(v ssa.Value, depth int) string {
	if depth > 8 {
		return ""
	}
	switch v := v.(type) {
	case *ssa.Parameter:
		fn := v.Parent()
		if fn.Signature.Recv() != nil && len(fn.Params) > 0 && fn.Params[0] == v {
			return "recv"
		}
		return fmt.Sprintf("param:%s@%d", v.Name(), v.Pos())
	case *ssa.Global:
		return "global:" + v.RelString(nil)
	case *ssa.UnOp:
		if v.Op == token.MUL {
			return accessPath(v.X, depth+1)
		}
	case *ssa.FieldAddr:
		return fieldPath(accessPath(v.X, depth+1), v.X.Type(), v.Field)
	case *ssa.Field:
		return fieldPath(accessPath(v.X, depth+1), v.X.Type(), v.Field)
	}
	return ""
}

// fieldPath extends base by field i of t; an embedded field adds nothing (a
// *sqlx.DB and the *sql.DB it embeds are one pool).
func fieldPath(base string, t types.Type, i int) string {
	if base == "" {
		return ""
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok || i >= st.NumFields() {
		return ""
	}
	f := st.Field(i)
	if f.Embedded() {
		return base
	}
	return fmt.Sprintf("%s.%s@%d", base, f.Name(), f.Pos())
}

func topPos(fn *ssa.Function) token.Pos {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	return fn.Pos()
}

// receiverType: the named type whose method fn is (or whose method's closure it is).
func receiverType(fn *ssa.Function) *types.TypeName {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	recv := fn.Signature.Recv()
	if recv == nil {
		return nil
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Origin().Obj()
	}
	return nil
}
