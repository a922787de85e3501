package waitgroupmisuse

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/goroutines"
	"github.com/goconc/goconc/engine/model/ssabuild"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

// moveAddFix moves `wg.Add(n)`, the first statement of `go func() {…}()`,
// to the line before the go statement — when every name in it means the
// same there (none is declared inside the literal) and both statements have
// their lines to themselves.
func moveAddFix(pass *analysis.Pass, res *ssabuild.Result, s goroutines.Start, add *ast.CallExpr) []analysis.SuggestedFix {
	file := res.File(s.Instr.Pos())
	if file == nil {
		return nil
	}
	path, _ := astutil.PathEnclosingInterval(file, s.Instr.Pos(), s.Instr.Pos())
	var goStmt *ast.GoStmt
	for _, n := range path {
		if g, ok := n.(*ast.GoStmt); ok {
			goStmt = g
			break
		}
	}
	if goStmt == nil {
		return nil
	}
	lit, ok := ast.Unparen(goStmt.Call.Fun).(*ast.FuncLit)
	if !ok || len(lit.Body.List) == 0 {
		return nil
	}
	first, ok := lit.Body.List[0].(*ast.ExprStmt)
	if !ok || first.X != add || declaredIn(pass.TypesInfo, add, lit) {
		return nil
	}
	text := srctext.Expr(pass.Fset, add)
	return moveToLineBefore(pass, first, goStmt, text, "Move "+text+" before the go statement")
}

// moveToLineBefore deletes stmt's lines and inserts text on a line of its
// own before the line of anchor, indented as anchor — when both have their
// lines to themselves.
func moveToLineBefore(pass *analysis.Pass, stmt ast.Stmt, anchor ast.Node, text, message string) []analysis.SuggestedFix {
	tf := pass.Fset.File(anchor.Pos())
	src, err := pass.ReadFile(tf.Name())
	if err != nil {
		return nil
	}
	indent, ok := srctext.StartsLine(tf, src, anchor.Pos())
	if !ok {
		return nil
	}
	start, end, ok := srctext.WholeLines(tf, src, stmt)
	if !ok {
		return nil
	}
	lineStart := tf.LineStart(tf.Line(anchor.Pos()))
	return []analysis.SuggestedFix{{
		Message: message,
		TextEdits: []analysis.TextEdit{
			{Pos: lineStart, End: lineStart, NewText: []byte(indent + text + "\n")},
			{Pos: start, End: end},
		},
	}}
}

// declaredIn: some name used in e is declared inside scope.
func declaredIn(info *types.Info, e ast.Node, scope ast.Node) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if o := info.Uses[id]; o != nil && o.Pos() >= scope.Pos() && o.Pos() < scope.End() {
				found = true
			}
		}
		return !found
	})
	return found
}

// deferDoneFix turns the goroutine's only Done, its last statement, into
// `defer wg.Done()` at the top of its body. Refused when the goroutine
// defers anything else (the Done would move after those deferred calls) or
// assigns a variable the receiver expression reads (the defer evaluates it
// at the top).
func deferDoneFix(pass *analysis.Pass, res *ssabuild.Result, g *ssa.Function, dones []op, done *ast.CallExpr) []analysis.SuggestedFix {
	if len(dones) != 1 {
		return nil
	}
	for _, b := range g.Blocks {
		for _, instr := range b.Instrs {
			if _, ok := instr.(*ssa.Defer); ok {
				return nil
			}
		}
	}
	var body *ast.BlockStmt
	switch syn := g.Syntax().(type) {
	case *ast.FuncLit:
		body = syn.Body
	case *ast.FuncDecl:
		body = syn.Body
	}
	if body == nil || len(body.List) < 2 {
		return nil
	}
	last, ok := body.List[len(body.List)-1].(*ast.ExprStmt)
	if !ok || last.X != done || assignsReceiver(pass.TypesInfo, body, done) {
		return nil
	}
	text := srctext.Expr(pass.Fset, done)
	return moveToLineBefore(pass, last, body.List[0], "defer "+text, "Use defer "+text)
}

// assignsReceiver: body assigns (or takes the address of) a variable the
// call's receiver expression reads.
func assignsReceiver(info *types.Info, body *ast.BlockStmt, call *ast.CallExpr) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return true
	}
	vars := map[types.Object]bool{}
	ast.Inspect(sel.X, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if o := info.Uses[id]; o != nil {
				vars[o] = true
			}
		}
		return true
	})
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if id, ok := ast.Unparen(l).(*ast.Ident); ok && vars[info.ObjectOf(id)] {
					found = true
				}
			}
		case *ast.UnaryExpr:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && vars[info.ObjectOf(id)] && n.Op.String() == "&" {
				found = true
			}
		}
		return !found
	})
	return found
}
