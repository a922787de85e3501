// Package ctxnotpropagated reports a function that receives a
// context.Context but hands context.Background() or context.TODO() to a call
// it makes: the caller's deadline and cancellation stop there.
package ctxnotpropagated

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/syncops"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

var Analyzer = &analysis.Analyzer{
	Name: "ctx_not_propagated",
	Doc: `a context.Background() or TODO() passed on while the caller's ctx is at hand

A function with a context.Context parameter passes context.Background() or
context.TODO() as an argument: its caller's deadline and cancellation do not
reach that call. Deliberate detachment stays silent: calls in defer and go
statements, after the function has looked at ctx ending (ctx.Done(),
ctx.Err()), cleanup and logging callees (Close, Release, Rollback, Unlock,
Shutdown…, loggers), and a comment just above or at the end of the line that
talks about the context. TODO() is a warning (a context not yet plumbed
through); Background() is information (more often on purpose). Quick fix:
pass ctx.`,
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Warning, Category: "context", Checklist: "context-timeouts"}

// detachedCallee: cleanup must run even when the caller's context is already
// cancelled; loggers take a context for its values only.
var detachedCallee = regexp.MustCompile(`(^|\.)(Release|Close|Delete|Remove|Cleanup|Shutdown|Stop|Rollback|Unlock|Kill|Destroy|Teardown|Abort)$|^(log|logger|logging|klog|zap|slog|logrus)\.|(^|\.)G$|Log`)

var aboutContext = regexp.MustCompile(`(?i)context|ctx|background|detach|cancel`)

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	in.WithStack([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push {
			return true
		}
		call := n.(*ast.CallExpr)
		which := freshContext(pass, call)
		if which == "" || len(stack) < 2 {
			return true
		}
		outer, ok := stack[len(stack)-2].(*ast.CallExpr)
		if !ok || !isArg(outer, call) {
			return true
		}
		fnIdx, param := enclosingCtxParam(pass, stack)
		if param == nil || deferredOrStarted(stack[fnIdx:]) {
			return true
		}
		body := funcBody(stack[fnIdx])
		if sawCancellation(pass, body, param, call.Pos()) || detachedCallee.MatchString(calleeText(pass, outer)) || explained(pass, call, stack, body) {
			return true
		}
		severity := meta.Information
		if which == "TODO" {
			severity = meta.Warning
		}
		text := srctext.Expr(pass.Fset, call)
		pass.Report(analysis.Diagnostic{
			Pos: call.Pos(), End: call.End(), Category: severity,
			Message: fmt.Sprintf("`%s` drops the caller's `%s`: its deadline and cancellation do not reach this call (pass `%s`, or context.WithoutCancel(%s) to detach on purpose)", text, param.Name(), param.Name(), param.Name()),
			Related: []analysis.RelatedInformation{{Pos: param.Pos(), Message: fmt.Sprintf("`%s` received here", param.Name())}},
			SuggestedFixes: []analysis.SuggestedFix{{
				Message:   "Pass " + param.Name() + " instead",
				TextEdits: []analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: []byte(param.Name())}},
			}},
		})
		return true
	})
	return nil, nil
}

// freshContext: "Background" or "TODO" for a call of context.Background or
// context.TODO (by object, not by how the package is imported).
func freshContext(pass *analysis.Pass, call *ast.CallExpr) string {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	f, ok := pass.TypesInfo.Uses[sel.Sel].(*types.Func)
	if !ok {
		return ""
	}
	switch syncops.FuncOf(f) {
	case "context.Background":
		return "Background"
	case "context.TODO":
		return "TODO"
	}
	return ""
}

func isArg(call *ast.CallExpr, arg ast.Expr) bool {
	for _, a := range call.Args {
		if a == arg {
			return true
		}
	}
	return false
}

// enclosingCtxParam: the innermost enclosing function's first named
// context.Context parameter (nil if it has none), with its stack index.
func enclosingCtxParam(pass *analysis.Pass, stack []ast.Node) (int, types.Object) {
	for i := len(stack) - 1; i >= 0; i-- {
		var ft *ast.FuncType
		switch f := stack[i].(type) {
		case *ast.FuncDecl:
			ft = f.Type
		case *ast.FuncLit:
			ft = f.Type
		default:
			continue
		}
		for _, field := range ft.Params.List {
			for _, name := range field.Names {
				obj := pass.TypesInfo.Defs[name]
				if obj != nil && name.Name != "_" && syncops.IsNamed(obj.Type(), "context", "Context") {
					return i, obj
				}
			}
		}
		return i, nil
	}
	return 0, nil
}

func funcBody(n ast.Node) *ast.BlockStmt {
	switch f := n.(type) {
	case *ast.FuncDecl:
		return f.Body
	case *ast.FuncLit:
		return f.Body
	}
	return nil
}

// deferredOrStarted: the call is inside a defer or go statement of the
// function (not of a nested literal, which stack does not contain).
func deferredOrStarted(stack []ast.Node) bool {
	for _, n := range stack {
		switch n.(type) {
		case *ast.DeferStmt, *ast.GoStmt:
			return true
		}
	}
	return false
}

// sawCancellation: before pos the function calls param.Done() or param.Err().
func sawCancellation(pass *analysis.Pass, body *ast.BlockStmt, param types.Object, pos token.Pos) bool {
	saw := false
	ast.Inspect(body, func(n ast.Node) bool {
		if saw || n == nil || n.Pos() >= pos {
			return false
		}
		if call, ok := n.(*ast.CallExpr); ok {
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && (sel.Sel.Name == "Done" || sel.Sel.Name == "Err") {
				if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok && pass.TypesInfo.Uses[id] == param {
					saw = true
				}
			}
		}
		return true
	})
	return saw
}

// calleeText is the called expression as written ("r.Release", "logf").
func calleeText(pass *analysis.Pass, call *ast.CallExpr) string {
	return srctext.Expr(pass.Fset, call.Fun)
}

// explained: a comment about the context just above the statement (up to
// three lines, inside the function: not its doc comment) or after the call
// on its line.
func explained(pass *analysis.Pass, call *ast.CallExpr, stack []ast.Node, body *ast.BlockStmt) bool {
	var stmt ast.Node = call
	for i := len(stack) - 1; i >= 0; i-- {
		if _, ok := stack[i].(ast.Stmt); ok {
			stmt = stack[i]
			break
		}
	}
	var file *ast.File
	for _, f := range pass.Files {
		if f.FileStart <= call.Pos() && call.Pos() <= f.FileEnd {
			file = f
		}
	}
	if file == nil {
		return false
	}
	stmtLine := pass.Fset.Position(stmt.Pos()).Line
	callLine := pass.Fset.Position(call.End()).Line
	for _, cg := range file.Comments {
		for _, c := range cg.List {
			line := pass.Fset.Position(c.Pos()).Line
			text := strings.TrimSpace(strings.TrimPrefix(c.Text, "//"))
			if strings.HasPrefix(text, "want ") {
				continue
			}
			above := line >= stmtLine-3 && line < stmtLine && c.Pos() > body.Lbrace
			trailing := line == callLine && c.Pos() > call.End()
			if (above || trailing) && aboutContext.MatchString(text) {
				return true
			}
		}
	}
	return false
}
