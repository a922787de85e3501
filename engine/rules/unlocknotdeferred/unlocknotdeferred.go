// Package unlocknotdeferred points at a Lock released by hand on several
// ways out of a function. Every path is correct today; the next early return
// someone adds will not be. The fix (defer right after the Lock, the manual
// Unlocks removed) is offered only when it provably keeps behaviour: the Lock
// is at the top level of the function body, each Unlock is directly followed
// by a return whose results call nothing (or ends the function), and the
// function takes that lock only once. Otherwise moving the Unlock would run
// code under the lock that ran outside it — a deadlock if that code takes
// the same lock.
package unlocknotdeferred

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/lockstate"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

var Analyzer = &analysis.Analyzer{
	Name: "unlock_not_deferred",
	Doc: `early exits between Lock and a plain Unlock

A Lock whose Unlock is repeated on each early exit works until someone adds
an exit without it. defer mu.Unlock() right after the Lock keeps every exit
correct. Hint; the quick fix is offered only where it cannot change what runs
under the lock.`,
	Requires: []*analysis.Analyzer{lockstate.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Hint, Category: "locks", Checklist: "defer-unlock"}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[lockstate.Analyzer].(*lockstate.Result)
	stmts := statementsOfCalls(pass)
	for _, rep := range res.Reports {
		perKey := map[string]int{}
		for _, a := range rep.Acquisitions {
			perKey[a.Key.ID()]++
		}
		for _, a := range rep.Acquisitions {
			if a.Uncertain || a.Via != "" || len(a.HeldAtReturns) > 0 || len(a.HeldAtPanics) > 0 || a.HeldIntoNextIteration {
				continue
			}
			var plain []token.Pos
			deferred := false
			for _, r := range a.Releases {
				if r.Deferred {
					deferred = true
				} else {
					plain = append(plain, r.Site)
				}
			}
			if deferred || len(plain) < 2 {
				continue
			}
			call := res.Calls[a.Site]
			if call == nil {
				continue
			}
			unlock := "Unlock"
			if a.Read {
				unlock = "RUnlock"
			}
			recv := srctext.Receiver(pass.Fset, call)
			d := analysis.Diagnostic{
				Pos: call.Pos(), End: call.End(),
				Message: fmt.Sprintf("%d exits each call %s.%s() by hand (lines %s): `defer %s.%s()` after the Lock keeps the next early return correct",
					len(plain), recv, unlock, srctext.Lines(pass.Fset, plain), recv, unlock),
			}
			for _, p := range plain {
				d.Related = append(d.Related, analysis.RelatedInformation{Pos: res.CallStart(p), Message: "released by hand"})
			}
			if perKey[a.Key.ID()] == 1 {
				if fix, ok := deferFix(pass, stmts, rep.Fn.Syntax(), call, plain, res, recv+"."+unlock+"()"); ok {
					d.SuggestedFixes = []analysis.SuggestedFix{fix}
				}
			}
			pass.Report(d)
		}
	}
	return nil, nil
}

type stmtInfo struct {
	stmt  ast.Stmt
	block []ast.Stmt
	index int
}

// statementsOfCalls maps each call's Lparen to the expression statement
// holding it and its place in the enclosing statement list.
func statementsOfCalls(pass *analysis.Pass) map[token.Pos]stmtInfo {
	out := map[token.Pos]stmtInfo{}
	in := inspector.New(pass.Files)
	in.Preorder([]ast.Node{(*ast.BlockStmt)(nil), (*ast.CaseClause)(nil), (*ast.CommClause)(nil)}, func(n ast.Node) {
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
					out[c.Lparen] = stmtInfo{stmt: s, block: list, index: i}
				}
			}
		}
	})
	return out
}

func deferFix(pass *analysis.Pass, stmts map[token.Pos]stmtInfo, syntax ast.Node, lock *ast.CallExpr, unlocks []token.Pos, res *lockstate.Result, unlockCall string) (analysis.SuggestedFix, bool) {
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
	li, ok := stmts[lock.Lparen]
	if !ok || !sameList(li.block, body.List) {
		return analysis.SuggestedFix{}, false // inside an if/for: a defer would outlive the block
	}
	tf := pass.Fset.File(lock.Pos())
	src, err := pass.ReadFile(tf.Name())
	if err != nil {
		return analysis.SuggestedFix{}, false
	}
	indent := lineIndent(src, tf, li.stmt.Pos())
	// After the Lock's line, trailing comment included.
	line := tf.Line(li.stmt.Pos())
	if line >= tf.LineCount() {
		return analysis.SuggestedFix{}, false
	}
	eol := tf.LineStart(line+1) - 1
	edits := []analysis.TextEdit{{Pos: eol, End: eol, NewText: []byte("\n" + indent + "defer " + unlockCall)}}
	for _, u := range unlocks {
		ui, ok := stmts[u]
		if !ok {
			return analysis.SuggestedFix{}, false
		}
		last := ui.index == len(ui.block)-1 && sameList(ui.block, body.List)
		if !last {
			if ui.index+1 >= len(ui.block) {
				return analysis.SuggestedFix{}, false
			}
			ret, ok := ui.block[ui.index+1].(*ast.ReturnStmt)
			if !ok || callsSomething(ret) {
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
	return analysis.SuggestedFix{Message: "Defer " + unlockCall + " right after the Lock", TextEdits: edits}, true
}

func sameList(a, b []ast.Stmt) bool { return len(a) > 0 && len(b) > 0 && &a[0] == &b[0] }

// callsSomething: a return whose results run code (evaluated before a
// deferred Unlock, so under the lock once the fix is applied).
func callsSomething(ret *ast.ReturnStmt) bool {
	found := false
	for _, r := range ret.Results {
		ast.Inspect(r, func(n ast.Node) bool {
			if _, ok := n.(*ast.CallExpr); ok {
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

func lineIndent(src []byte, tf *token.File, pos token.Pos) string {
	start := tf.Offset(tf.LineStart(tf.Line(pos)))
	line := src[start:]
	n := len(line) - len(bytes.TrimLeft(line, " \t"))
	return string(line[:n])
}
