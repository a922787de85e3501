// Package deferfix builds the "defer mu.Unlock() after the Lock" fix, and
// refuses it unless it provably keeps behaviour: the Lock is at the top
// level of the function body, each manual Unlock is directly followed by a
// return whose results call nothing (or ends the function). Otherwise the
// move would run code under the lock that ran outside it — a deadlock when
// that code takes the same lock (the engine issue's c.close() case).
package deferfix

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

// StmtInfo is an expression statement holding a call and its place in the
// enclosing statement list.
type StmtInfo struct {
	stmt  ast.Stmt
	block []ast.Stmt
	index int
}

// statements maps each call's Lparen in root (a function's syntax) to the
// expression statement holding it and its place in the enclosing statement
// list. Computed per function with a finding: a whole-package index cost
// 1.7 s on nats-server's 440k-line package for the handful of fixes offered.
func statements(root ast.Node) map[token.Pos]StmtInfo {
	out := map[token.Pos]StmtInfo{}
	ast.Inspect(root, func(n ast.Node) bool {
		var list []ast.Stmt
		switch n := n.(type) {
		case *ast.BlockStmt:
			list = n.List
		case *ast.CaseClause:
			list = n.Body
		case *ast.CommClause:
			list = n.Body
		}
		for i, s := range list {
			if es, ok := s.(*ast.ExprStmt); ok {
				if c, ok := es.X.(*ast.CallExpr); ok {
					out[c.Lparen] = StmtInfo{stmt: s, block: list, index: i}
				}
			}
		}
		return true
	})
	return out
}

func Fix(pass *analysis.Pass, syntax ast.Node, lock *ast.CallExpr, unlocks []token.Pos, unlockCall string) (analysis.SuggestedFix, bool) {
	var body *ast.BlockStmt
	switch fn := syntax.(type) {
	case *ast.FuncDecl:
		body = fn.Body
	case *ast.FuncLit:
		body = fn.Body
	}
	if body == nil {
		return analysis.SuggestedFix{}, false
	}
	stmts := statements(body)
	li, ok := stmts[lock.Lparen]
	if !ok || !sameList(li.block, body.List) {
		return analysis.SuggestedFix{}, false // inside an if/for: a defer would outlive the block
	}
	tf := pass.Fset.File(lock.Pos())
	src, err := pass.ReadFile(tf.Name())
	if err != nil {
		return analysis.SuggestedFix{}, false
	}
	indent := srctext.Indent(src, tf, li.stmt.Pos())
	// After the Lock's line, trailing comment included.
	line := tf.Line(li.stmt.Pos())
	if line >= tf.LineCount() {
		return analysis.SuggestedFix{}, false
	}
	eol := tf.LineStart(line+1) - 1
	edits := []analysis.TextEdit{{Pos: eol, End: eol, NewText: []byte("\n" + indent + "defer " + unlockCall)}}
	for _, u := range unlocks {
		ui, ok := stmts[u]
		if !ok || !isDirectUnlock(pass, ui.stmt, unlockCall) {
			// Released through a closure or helper (rollback()): deleting that
			// call would delete its other effects too.
			return analysis.SuggestedFix{}, false
		}
		last := ui.index == len(ui.block)-1 && sameList(ui.block, body.List)
		if !last {
			if ui.index+1 >= len(ui.block) {
				return analysis.SuggestedFix{}, false
			}
			ret, ok := ui.block[ui.index+1].(*ast.ReturnStmt)
			if !ok || callsSomething(pass, ret) {
				return analysis.SuggestedFix{}, false
			}
		}
		start := tf.LineStart(tf.Line(ui.stmt.Pos()))
		end := ui.stmt.End()
		if off := tf.Offset(end); off < len(src) && src[off] == '\n' {
			end++
		}
		edits = append(edits, analysis.TextEdit{Pos: start, End: end})
	}
	return analysis.SuggestedFix{Message: "Use defer " + unlockCall, TextEdits: edits}, true
}

func sameList(a, b []ast.Stmt) bool { return len(a) > 0 && len(b) > 0 && &a[0] == &b[0] }

// callsSomething: a return whose results run code (evaluated before a
// deferred Unlock, so under the lock once the fix is applied). errors.New
// of a literal is the one call allowed: it cannot take a lock.
func callsSomething(pass *analysis.Pass, ret *ast.ReturnStmt) bool {
	found := false
	for _, r := range ret.Results {
		ast.Inspect(r, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok && !isErrorsNewOfLiteral(pass, c) {
				found = true
			}
			if _, ok := n.(*ast.FuncLit); ok {
				return false
			}
			return !found
		})
	}
	return found
}

func isErrorsNewOfLiteral(pass *analysis.Pass, c *ast.CallExpr) bool {
	sel, ok := c.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "New" || len(c.Args) != 1 {
		return false
	}
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return false
	}
	pkg, ok := pass.TypesInfo.Uses[id].(*types.PkgName)
	if !ok || pkg.Imported().Path() != "errors" {
		return false
	}
	_, lit := c.Args[0].(*ast.BasicLit)
	return lit
}

// isDirectUnlock: the statement is exactly the unlock call the defer will
// make ("n.mu.Unlock()"), nothing else.
func isDirectUnlock(pass *analysis.Pass, stmt ast.Stmt, unlockCall string) bool {
	es, ok := stmt.(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := es.X.(*ast.CallExpr)
	return ok && len(call.Args) == 0 && srctext.Expr(pass.Fset, call) == unlockCall
}

// AfterStmt is the fix "defer <deferred>" on a new line after stmt, offered
// only when stmt is at the top level of body (inside an if or loop a defer
// would outlive the block or pile up) and ends its line.
func AfterStmt(pass *analysis.Pass, body *ast.BlockStmt, stmt ast.Stmt, deferred string) (analysis.SuggestedFix, bool) {
	idx := -1
	for i, s := range body.List {
		if s == stmt {
			idx = i
		}
	}
	if idx < 0 {
		return analysis.SuggestedFix{}, false
	}
	tf := pass.Fset.File(stmt.Pos())
	src, err := pass.ReadFile(tf.Name())
	if err != nil {
		return analysis.SuggestedFix{}, false
	}
	line := tf.Line(stmt.End())
	if line >= tf.LineCount() || (idx+1 < len(body.List) && tf.Line(body.List[idx+1].Pos()) == line) {
		return analysis.SuggestedFix{}, false
	}
	indent := srctext.Indent(src, tf, stmt.Pos())
	eol := tf.LineStart(line+1) - 1
	return analysis.SuggestedFix{
		Message:   "Add defer " + deferred,
		TextEdits: []analysis.TextEdit{{Pos: eol, End: eol, NewText: []byte("\n" + indent + "defer " + deferred)}},
	}, true
}
