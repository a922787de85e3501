// Package sqltxleak reports a database/sql, sqlx or pgx transaction with a
// path from its Begin to a return on which it is neither committed nor
// rolled back. The transaction keeps its pooled connection and its row locks
// until the server times the session out. Paths are followed over SSA; the
// error branch of the Begin's own `if err != nil` carries no transaction.
package sqltxleak

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/dbtypes"
	"github.com/goconc/goconc/engine/model/ssapkg"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

var Analyzer = &analysis.Analyzer{
	Name: "sql_tx_leak",
	Doc: `a SQL transaction neither committed nor rolled back on some path

A transaction begun with database/sql (DB.Begin/BeginTx, Conn.BeginTx), sqlx
(Beginx, BeginTxx) or pgx (Conn, pgxpool.Pool/Conn, Tx.Begin) that reaches a
return — or its own Begin again in a loop — without Commit, Rollback or a
deferred Rollback holds its connection and locks until the server gives up.
Calls are resolved by type. A transaction handed on (returned, passed to
another function, stored, captured by a closure that is not deferred) is not
judged, nor one the function never ends at all. Quick fix: defer the
Rollback right after the error check (a no-op after Commit).`,
	Run: run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Warning, Category: "database", Checklist: "db-transactions-locks"}

var sqlPackages = map[string]bool{
	"database/sql": true, "github.com/jmoiron/sqlx": true, "github.com/jackc/pgx/v5": true, "github.com/jackc/pgx/v5/pgxpool": true,
	"github.com/jackc/pgx/v4": true, "github.com/jackc/pgx/v4/pgxpool": true,
}

func run(pass *analysis.Pass) (any, error) {
	// Only packages referring to a SQL library (directly or through another
	// package's types) are worth an SSA build.
	relevant := false
	for _, obj := range pass.TypesInfo.Uses {
		if obj.Pkg() != nil && sqlPackages[obj.Pkg().Path()] {
			relevant = true
			break
		}
	}
	if !relevant {
		return nil, nil
	}
	calls := map[token.Pos]*ast.CallExpr{}
	ssapkg.CallsByLparen(pass.Files, calls)
	_, fns := ssapkg.Functions(pass, ssapkg.Build(pass))
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, in := range b.Instrs {
				call, ok := in.(*ssa.Call)
				if !ok {
					continue
				}
				if pgx, ok := dbtypes.TxBegin(&call.Call); ok && calls[call.Pos()] != nil {
					checkBegin(pass, call, calls[call.Pos()], pgx)
				}
			}
		}
	}
	return nil, nil
}

// txUses is what a function does with a transaction value.
type txUses struct {
	ends    map[ssa.Instruction]bool // Commit/Rollback calls and defers, and deferred closures capturing it
	escapes bool                     // handed on: the function alone does not decide its end
	tx      ssa.Value
}

func checkBegin(pass *analysis.Pass, begin *ssa.Call, expr *ast.CallExpr, pgx bool) {
	var tx, errv ssa.Value
	if _, tuple := begin.Type().(*types.Tuple); !tuple {
		tx = begin // sqlx MustBegin: no error to check
	}
	for _, ref := range *begin.Referrers() {
		if ex, ok := ref.(*ssa.Extract); ok {
			switch ex.Index {
			case 0:
				tx = ex
			case 1:
				errv = ex
			}
		}
	}
	if tx == nil {
		return
	}
	u := &txUses{ends: map[ssa.Instruction]bool{}, tx: tx}
	u.value(tx, 0)
	if u.escapes || len(u.ends) == 0 {
		return
	}
	leaks := openPaths(begin, errv, u.ends)
	if len(leaks) == 0 {
		return
	}
	report(pass, begin, expr, pgx, leaks)
}

func (u *txUses) value(v ssa.Value, depth int) {
	if depth > 8 {
		u.escapes = true
		return
	}
	for _, ref := range *v.Referrers() {
		switch r := ref.(type) {
		case *ssa.DebugRef, *ssa.BinOp:
		case *ssa.FieldAddr, *ssa.Field:
			u.value(r.(ssa.Value), depth+1) // an embedded *sql.Tx (sqlx.Tx)
		case *ssa.UnOp:
			if r.Op != token.MUL {
				u.escapes = true
				return
			}
			u.value(r, depth+1)
		case *ssa.Store:
			if cell, ok := r.Addr.(*ssa.Alloc); ok && r.Val == v && v == u.tx {
				u.cell(cell)
			} else {
				u.escapes = true
			}
		case ssa.CallInstruction:
			u.call(r, v)
		default:
			u.escapes = true
		}
		if u.escapes {
			return
		}
	}
}

// call: a method called on the transaction; Commit and Rollback end it, in a
// goroutine they do not end it on this function's paths.
func (u *txUses) call(c ssa.CallInstruction, v ssa.Value) {
	common := c.Common()
	recv := common.IsInvoke() && common.Value == v
	if !common.IsInvoke() && len(common.Args) > 0 && common.Args[0] == v {
		fn := dbtypes.CalledMethod(common)
		recv = fn != nil && fn.Type().(*types.Signature).Recv() != nil
	}
	args := common.Args
	if recv && !common.IsInvoke() {
		args = args[1:]
	}
	for _, a := range args {
		if a == v {
			u.escapes = true
			return
		}
	}
	if !recv {
		u.escapes = true
		return
	}
	switch dbtypes.CalledMethod(common).Name() {
	case "Commit", "Rollback":
		if _, isGo := c.(*ssa.Go); isGo {
			u.escapes = true
			return
		}
		u.ends[c] = true
	}
}

// cell: the transaction variable is captured by a closure. A deferred
// closure capturing it ends it (it decides between Commit and Rollback at
// return); any other closure hands it on.
func (u *txUses) cell(cell *ssa.Alloc) {
	for _, ref := range *cell.Referrers() {
		switch r := ref.(type) {
		case *ssa.DebugRef:
		case *ssa.Store:
			if r.Val != u.tx {
				u.escapes = true // reassigned
			}
		case *ssa.UnOp:
			u.value(r, 1)
		case *ssa.MakeClosure:
			deferred := false
			for _, cr := range *r.Referrers() {
				if d, ok := cr.(*ssa.Defer); ok && d.Call.Value == r {
					u.ends[d] = true
					deferred = true
				}
			}
			if !deferred {
				u.escapes = true
			}
		default:
			u.escapes = true
		}
		if u.escapes {
			return
		}
	}
}

// openPaths follows the paths from the Begin on which the transaction is
// not ended: the returns they reach (and the Begin itself when a loop comes
// back to it). The error branch of `if err != nil` right on the Begin's
// error carries no transaction.
func openPaths(begin *ssa.Call, errv ssa.Value, ends map[ssa.Instruction]bool) []ssa.Instruction {
	var leaks []ssa.Instruction
	visited := map[*ssa.BasicBlock]bool{}
	var walk func(b *ssa.BasicBlock, from int)
	walk = func(b *ssa.BasicBlock, from int) {
		for _, in := range b.Instrs[from:] {
			switch in := in.(type) {
			case *ssa.Return:
				leaks = append(leaks, in)
				return
			case *ssa.Panic:
				return
			case *ssa.Call:
				if in == begin {
					leaks = append(leaks, in) // the next iteration begins another one over it
					return
				}
			case *ssa.If:
				for i, succ := range b.Succs {
					if (b == begin.Block() && errorBranch(in, errv, i)) || visited[succ] {
						continue
					}
					visited[succ] = true
					walk(succ, 0)
				}
				return
			}
			if ends[in] {
				return
			}
		}
		for _, succ := range b.Succs {
			if !visited[succ] {
				visited[succ] = true
				walk(succ, 0)
			}
		}
	}
	for i, in := range begin.Block().Instrs {
		if in == begin {
			walk(begin.Block(), i+1)
		}
	}
	return leaks
}

// isErr: v is the Begin's error, or a load of the variable it was stored in
// (a named result, or one captured by a closure) in the Begin's own block.
func isErr(v, errv ssa.Value) bool {
	if v == errv {
		return true
	}
	load, ok := v.(*ssa.UnOp)
	ex, isInstr := errv.(ssa.Instruction)
	if !ok || !isInstr || load.Op != token.MUL || load.Block() != ex.Block() {
		return false
	}
	for _, ref := range *errv.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == load.X {
			return true
		}
	}
	return false
}

// errorBranch: successor i of `if err != nil` (or `err == nil`) is where err is non-nil.
func errorBranch(in *ssa.If, errv ssa.Value, i int) bool {
	cmp, ok := in.Cond.(*ssa.BinOp)
	if !ok || errv == nil {
		return false
	}
	other := cmp.Y
	if isErr(cmp.Y, errv) {
		other = cmp.X
	} else if !isErr(cmp.X, errv) {
		return false
	}
	if c, ok := other.(*ssa.Const); !ok || !c.IsNil() {
		return false
	}
	switch cmp.Op {
	case token.NEQ:
		return i == 0
	case token.EQL:
		return i == 1
	}
	return false
}

func report(pass *analysis.Pass, begin *ssa.Call, expr *ast.CallExpr, pgx bool, leaks []ssa.Instruction) {
	stmt, block, inLoop := assignment(pass, expr)
	txName, errName := "tx", ""
	if stmt != nil {
		if id, ok := stmt.Lhs[0].(*ast.Ident); ok {
			txName = id.Name
		}
		if len(stmt.Lhs) > 1 {
			if id, ok := stmt.Lhs[1].(*ast.Ident); ok {
				errName = id.Name
			}
		}
	}
	rollback := txName + ".Rollback()"
	ctxArg := ""
	if pgx {
		if len(expr.Args) == 0 {
			return
		}
		ctxArg = srctext.Expr(pass.Fset, expr.Args[0])
		rollback = txName + ".Rollback(" + ctxArg + ")"
	}
	d := analysis.Diagnostic{
		Pos: expr.Pos(), End: expr.End(),
		Message: fmt.Sprintf("transaction `%s` from %s is neither committed nor rolled back on every path: it holds its connection and locks until the server gives up (add `defer %s` after the error check)",
			txName, srctext.Expr(pass.Fset, expr.Fun), rollback),
	}
	for _, l := range leaks {
		if l.Pos().IsValid() && l != ssa.Instruction(begin) {
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: l.Pos(), Message: fmt.Sprintf("returns with `%s` still open", txName)})
		}
	}
	simpleCtx := !pgx || isPlainReference(expr.Args[0])
	// In a loop a deferred Rollback would wait for the function's return: no fix there.
	if at := lineEnd(pass, fixPoint(pass, stmt, block, errName)); at.IsValid() && simpleCtx && !inLoop {
		d.SuggestedFixes = []analysis.SuggestedFix{{
			Message:   "Add defer " + rollback,
			TextEdits: []analysis.TextEdit{{Pos: at, End: at, NewText: []byte("\n" + indentation(pass, stmt) + "defer " + rollback)}},
		}}
	}
	pass.Report(d)
}

// assignment: `tx, err := x.Begin()` (or `=`) holding the call, its
// statement list, and whether it sits in a loop of its function.
func assignment(pass *analysis.Pass, call *ast.CallExpr) (*ast.AssignStmt, []ast.Stmt, bool) {
	for _, f := range pass.Files {
		if call.Pos() < f.Pos() || call.End() > f.End() {
			continue
		}
		path, _ := astutil.PathEnclosingInterval(f, call.Pos(), call.End())
		for i, n := range path {
			as, ok := n.(*ast.AssignStmt)
			if !ok || len(as.Rhs) != 1 || ast.Unparen(as.Rhs[0]) != ast.Expr(call) || i+1 >= len(path) {
				continue
			}
			inLoop := false
		outer:
			for _, p := range path[i+1:] {
				switch p.(type) {
				case *ast.ForStmt, *ast.RangeStmt:
					inLoop = true
				case *ast.FuncDecl, *ast.FuncLit:
					break outer
				}
			}
			switch parent := path[i+1].(type) {
			case *ast.BlockStmt:
				return as, parent.List, inLoop
			case *ast.CaseClause:
				return as, parent.Body, inLoop
			case *ast.CommClause:
				return as, parent.Body, inLoop
			}
			return as, nil, inLoop
		}
	}
	return nil, nil, false
}

// fixPoint: after the `if err != nil {…}` that follows the Begin, or after
// the Begin when its error is not kept.
func fixPoint(pass *analysis.Pass, stmt *ast.AssignStmt, list []ast.Stmt, errName string) token.Pos {
	if stmt == nil || list == nil {
		return token.NoPos
	}
	for i, s := range list {
		if s != ast.Stmt(stmt) {
			continue
		}
		if errName == "" || errName == "_" {
			return stmt.End()
		}
		if i+1 < len(list) {
			if ifs, ok := list[i+1].(*ast.IfStmt); ok && ifs.Init == nil && isErrCheck(pass, ifs.Cond, stmt.Lhs[1]) {
				return ifs.End()
			}
		}
	}
	return token.NoPos
}

func isErrCheck(pass *analysis.Pass, cond ast.Expr, errExpr ast.Expr) bool {
	be, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	errID, ok2 := errExpr.(*ast.Ident)
	if !ok || !ok2 || be.Op != token.NEQ {
		return false
	}
	x, ok := ast.Unparen(be.X).(*ast.Ident)
	if !ok || pass.TypesInfo.ObjectOf(x) != pass.TypesInfo.ObjectOf(errID) {
		return false
	}
	tv, ok := pass.TypesInfo.Types[be.Y]
	return ok && tv.IsNil()
}

func isPlainReference(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return isPlainReference(e.X)
	}
	return false
}

// lineEnd: the end of pos's line (after a trailing comment).
func lineEnd(pass *analysis.Pass, pos token.Pos) token.Pos {
	if !pos.IsValid() {
		return pos
	}
	f := pass.Fset.File(pos)
	src, err := pass.ReadFile(f.Name())
	if err != nil {
		return token.NoPos
	}
	off := f.Offset(pos)
	if nl := bytes.IndexByte(src[off:], '\n'); nl >= 0 {
		return f.Pos(off + nl)
	}
	return f.Pos(len(src))
}

// indentation: the leading whitespace of the Begin statement's line.
func indentation(pass *analysis.Pass, stmt *ast.AssignStmt) string {
	pos := pass.Fset.Position(stmt.Pos())
	src, err := pass.ReadFile(pos.Filename)
	if err != nil || pos.Offset > len(src) {
		return "\t"
	}
	lineStart := bytes.LastIndexByte(src[:pos.Offset], '\n') + 1
	return string(leadingSpace(src[lineStart:pos.Offset]))
}

func leadingSpace(b []byte) []byte {
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	return b[:i]
}
