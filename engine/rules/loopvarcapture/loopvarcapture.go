// Package loopvarcapture reports a loop variable captured by a closure that
// outlives the iteration — a goroutine, a deferred closure, a callback handed
// to errgroup/WaitGroup.Go or time.AfterFunc, a closure appended to a slice or
// stored in a map — in files whose Go version is below 1.22, where one
// variable serves every iteration. The file's own version decides (go.mod's
// go line, lowered or raised by a //go:build go1.N line), as it does for the
// compiler.
//
// go vet's loopclosure checks only the loop body's last statement; this
// checks every statement, and stays silent where the iteration cannot move
// on while the closure still reads the variable: a Wait or receive that every
// path of the iteration passes after the goroutine starts, or a return or
// break that leaves the loop.
package loopvarcapture

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"go/version"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/rules/internal/filever"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

var Analyzer = &analysis.Analyzer{
	Name: "loop_variable_capture",
	Doc: `a loop variable captured by a goroutine or deferred closure before Go 1.22

Before Go 1.22 a for loop declares one variable for all its iterations. A
goroutine, deferred closure or stored callback that reads it runs after the
loop has moved on: it sees a later value (usually the last) and, for a
goroutine, races with the loop's update. Reported in files whose Go version
(go.mod's go line, or a //go:build go1.N constraint) is below 1.22. Quick fix:
copy the variable at the top of the body (v := v).`,
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Warning, Category: "goroutines", Checklist: "shared-state", MaxGo: "1.21"}

// sharedLoopVars: the last version whose loops share one variable.
const perIterationSince = "go1.22"

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for cur := range in.Root().Preorder((*ast.File)(nil)) {
		file := cur.Node().(*ast.File)
		if !sharesLoopVars(pass, file) {
			continue
		}
		for loopCur := range cur.Preorder((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil)) {
			loop := loopCur.Node().(ast.Stmt)
			vars, body := loopVars(pass, loop)
			if len(vars) == 0 {
				continue
			}
			checkLoop(pass, loop, body, vars)
		}
	}
	return nil, nil
}

// sharesLoopVars: the file is compiled with a language version below 1.22.
// An unknown version means the toolchain's own, which is newer.
func sharesLoopVars(pass *analysis.Pass, file *ast.File) bool {
	v := filever.At(pass, file.Pos())
	return v != "" && version.Compare(version.Lang(v), perIterationSince) < 0
}

// loopVars are the variables the loop header declares with :=; a loop over
// variables declared before it has nothing per-iteration in any version.
func loopVars(pass *analysis.Pass, loop ast.Stmt) ([]*types.Var, *ast.BlockStmt) {
	var idents []ast.Expr
	var body *ast.BlockStmt
	switch l := loop.(type) {
	case *ast.RangeStmt:
		if l.Tok != token.DEFINE {
			return nil, nil
		}
		idents, body = []ast.Expr{l.Key, l.Value}, l.Body
	case *ast.ForStmt:
		init, ok := l.Init.(*ast.AssignStmt)
		if !ok || init.Tok != token.DEFINE {
			return nil, nil
		}
		idents, body = init.Lhs, l.Body
	}
	var vars []*types.Var
	for _, e := range idents {
		id, ok := e.(*ast.Ident)
		if !ok || id.Name == "_" {
			continue
		}
		if v, ok := pass.TypesInfo.Defs[id].(*types.Var); ok {
			vars = append(vars, v)
		}
	}
	return vars, body
}

func checkLoop(pass *analysis.Pass, loop ast.Stmt, body *ast.BlockStmt, vars []*types.Var) {
	for _, c := range outlivingClosures(pass, body) {
		if doneBeforeNextIteration(pass, c) {
			continue
		}
		reported := map[*types.Var]bool{}
		ast.Inspect(c.lit.Body, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			v, ok := pass.TypesInfo.Uses[id].(*types.Var)
			if !ok || reported[v] || !contains(vars, v) {
				return true
			}
			reported[v] = true
			pass.Report(diagnostic(pass, c, id, v, loop, body))
			return true
		})
	}
}

func contains(vars []*types.Var, v *types.Var) bool {
	for _, x := range vars {
		if x == v {
			return true
		}
	}
	return false
}

var messages = map[string]string{
	"goroutine": "the goroutine captures loop variable `%[1]s`: before Go 1.22 all iterations share it, so it sees a later value and races with the loop (copy it first: %[1]s := %[1]s)",
	"deferred":  "the deferred closure captures loop variable `%[1]s`: before Go 1.22 all iterations share it, so every deferred call sees the last value (copy it first: %[1]s := %[1]s)",
	"callback":  "the callback captures loop variable `%[1]s`: before Go 1.22 all iterations share it, so it sees a later value and races with the loop (copy it first: %[1]s := %[1]s)",
	"stored":    "the stored closure captures loop variable `%[1]s`: before Go 1.22 all iterations share it, so every stored closure sees the last value (copy it first: %[1]s := %[1]s)",
}

func diagnostic(pass *analysis.Pass, c capture, use *ast.Ident, v *types.Var, loop ast.Stmt, body *ast.BlockStmt) analysis.Diagnostic {
	d := analysis.Diagnostic{
		Pos: use.Pos(), End: use.End(),
		Message: fmt.Sprintf(messages[c.kind], v.Name()),
		Related: []analysis.RelatedInformation{
			{Pos: v.Pos(), Message: fmt.Sprintf("`%s` is declared by the loop: one variable for every iteration before Go 1.22", v.Name())},
			{Pos: c.stmt.Pos(), Message: "the closure outlives the iteration from here"},
		},
	}
	if fix, ok := copyFix(pass, loop, body, v); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	return d
}

// copyFix inserts `v := v` as the body's first statement. Safe when the copy
// changes nothing but what the closures see: a range loop re-assigns its
// variables itself; a three-clause loop's variable must not be changed or
// addressed in the body (the copy would take the change away from the loop's
// condition and post statement); a range variable must not be addressed (each
// &v would then point to its own copy).
func copyFix(pass *analysis.Pass, loop ast.Stmt, body *ast.BlockStmt, v *types.Var) (analysis.SuggestedFix, bool) {
	if len(body.List) == 0 {
		return analysis.SuggestedFix{}, false
	}
	first := body.List[0]
	tf := pass.Fset.File(first.Pos())
	if tf.Line(first.Pos()) == tf.Line(body.Lbrace) {
		return analysis.SuggestedFix{}, false
	}
	_, isFor := loop.(*ast.ForStmt)
	if addressed, changed := changedIn(pass, body, v); addressed || (isFor && changed) {
		return analysis.SuggestedFix{}, false
	}
	src, err := pass.ReadFile(tf.Name())
	if err != nil {
		return analysis.SuggestedFix{}, false
	}
	indent := srctext.Indent(src, tf, first.Pos())
	lineStart := tf.LineStart(tf.Line(first.Pos()))
	text := fmt.Sprintf("%s%s := %s\n", indent, v.Name(), v.Name())
	return analysis.SuggestedFix{
		Message:   fmt.Sprintf("Copy %s for each iteration", v.Name()),
		TextEdits: []analysis.TextEdit{{Pos: lineStart, End: lineStart, NewText: []byte(text)}},
	}, true
}

// changedIn: the body takes v's address, or assigns or increments it.
func changedIn(pass *analysis.Pass, body *ast.BlockStmt, v *types.Var) (addressed, changed bool) {
	is := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && pass.TypesInfo.Uses[id] == v
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				changed = changed || is(l)
			}
		case *ast.IncDecStmt:
			changed = changed || is(n.X)
		case *ast.UnaryExpr:
			addressed = addressed || (n.Op == token.AND && is(n.X))
		case *ast.RangeStmt:
			changed = changed || (n.Tok == token.ASSIGN && (is(n.Key) || (n.Value != nil && is(n.Value))))
		}
		return !addressed
	})
	return addressed, changed
}
