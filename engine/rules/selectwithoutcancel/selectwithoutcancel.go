// Package selectwithoutcancel reports an endless loop — `for { … }` or a
// range over a ticker's channel — in a function with a context (or a done
// channel) in scope that the loop never looks at and has no other way out:
// after cancellation it keeps running.
package selectwithoutcancel

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"regexp"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/syncops"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

var Analyzer = &analysis.Analyzer{
	Name: "select_without_cancel",
	Doc: `an endless loop that ignores the context or done channel in scope

A ` + "`for { … }`" + ` loop, or a range over a time.Ticker's channel or time.Tick
(never closed), with no break, return, goto, panic or exiting call, in a
function that has a context.Context — a parameter, a variable declared
before the loop, or one of an enclosing function — or a done/stop channel
parameter, none of which the loop uses (directly or through a value derived
from it before the loop, such as done := ctx.Done()). Quick fix: a
` + "`case <-ctx.Done(): return`" + ` in the loop's select, when the loop is one select and
the function returns nothing.`,
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Warning, Category: "context", Checklist: "context-timeouts"}

// doneName: a chan struct{} parameter is a cancellation signal when named so.
var doneName = regexp.MustCompile(`(?i)done|stop|quit|exit|clos|shutdown|cancel|term|die|kill`)

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	in.WithStack([]ast.Node{(*ast.ForStmt)(nil), (*ast.RangeStmt)(nil)}, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push || !endless(pass, n) || hasExit(pass, n) {
			return true
		}
		sigs := signals(pass, n, stack)
		if len(sigs) == 0 || mentions(pass, n, sigs) {
			return true
		}
		s := sigs[0]
		done := s.obj.Name()
		if s.context {
			done += ".Done()"
		}
		d := analysis.Diagnostic{
			Pos: n.Pos(), End: n.Pos() + token.Pos(len("for")),
			Message: fmt.Sprintf("this loop never ends and never checks `%s`: after cancellation it keeps running (add `case <-%s:` and return)", s.obj.Name(), done),
			Related: []analysis.RelatedInformation{{Pos: s.obj.Pos(), Message: fmt.Sprintf("`%s` is in scope here", s.obj.Name())}},
		}
		if fix, ok := addCase(pass, n, stack, done); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
		pass.Report(d)
		return true
	})
	return nil, nil
}

// endless: `for { … }`, or a range over a ticker's channel (never closed).
func endless(pass *analysis.Pass, n ast.Node) bool {
	switch n := n.(type) {
	case *ast.ForStmt:
		return n.Cond == nil
	case *ast.RangeStmt:
		switch x := ast.Unparen(n.X).(type) {
		case *ast.SelectorExpr:
			if x.Sel.Name != "C" {
				return false
			}
			t := pass.TypesInfo.TypeOf(x.X)
			return t != nil && syncops.IsNamed(t, "time", "Ticker")
		case *ast.CallExpr:
			if f, ok := typeutil.Callee(pass.TypesInfo, x).(*types.Func); ok {
				return syncops.FuncOf(f) == "time.Tick"
			}
		}
	}
	return false
}

// hasExit: a break out of the loop, a return, a goto, a panic or a call that
// never returns, outside nested function literals.
func hasExit(pass *analysis.Pass, loop ast.Node) bool {
	body := loopBody(loop)
	found := false
	var walk func(n ast.Node, inner int) // inner: depth of nested breakable statements
	walk = func(n ast.Node, inner int) {
		ast.Inspect(n, func(m ast.Node) bool {
			if found || m == nil {
				return false
			}
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt:
				found = true
			case *ast.BranchStmt:
				switch m.Tok {
				case token.GOTO:
					found = true
				case token.BREAK:
					found = found || m.Label != nil || inner == 0
				}
			case *ast.CallExpr:
				if id, ok := ast.Unparen(m.Fun).(*ast.Ident); ok && id.Name == "panic" && pass.TypesInfo.Uses[id] != nil && pass.TypesInfo.Uses[id].Pkg() == nil {
					found = true
				}
				if f, ok := typeutil.Callee(pass.TypesInfo, m).(*types.Func); ok && syncops.NoReturn(syncops.FuncOf(f)) {
					found = true
				}
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				if m != n {
					walk(m, inner+1)
					return false
				}
			}
			return true
		})
	}
	// A labelled break can target this loop from any depth; an unlabelled one
	// only from outside nested breakable statements.
	for _, s := range body.List {
		walk(s, 0)
	}
	return found
}

func loopBody(n ast.Node) *ast.BlockStmt {
	if f, ok := n.(*ast.ForStmt); ok {
		return f.Body
	}
	return n.(*ast.RangeStmt).Body
}

type signal struct {
	obj     types.Object
	context bool
}

// signals lists the cancellation signals in scope at the loop: context
// values (parameters; variables declared before the loop) of the function
// and of the functions around it, and done-like channel parameters.
func signals(pass *analysis.Pass, loop ast.Node, stack []ast.Node) []signal {
	var out []signal
	for i := len(stack) - 1; i >= 0; i-- {
		var ftype *ast.FuncType
		var body *ast.BlockStmt
		switch f := stack[i].(type) {
		case *ast.FuncDecl:
			ftype, body = f.Type, f.Body
		case *ast.FuncLit:
			ftype, body = f.Type, f.Body
		default:
			continue
		}
		for _, field := range ftype.Params.List {
			for _, name := range field.Names {
				obj := pass.TypesInfo.Defs[name]
				if obj == nil || name.Name == "_" {
					continue
				}
				if isContext(obj.Type()) {
					out = append(out, signal{obj: obj, context: true})
				} else if isStructChan(obj.Type()) && doneName.MatchString(name.Name) {
					out = append(out, signal{obj: obj})
				}
			}
		}
		ast.Inspect(body, func(n ast.Node) bool {
			if n == nil || n.Pos() >= loop.Pos() {
				return false
			}
			if id, ok := n.(*ast.Ident); ok {
				// Only what is in scope at the loop: not a function literal's
				// parameter, nor a variable of a block that ended before it.
				if obj, ok := pass.TypesInfo.Defs[id].(*types.Var); ok && isContext(obj.Type()) && !obj.IsField() && obj.Parent() != nil && obj.Parent().Contains(loop.Pos()) {
					out = append(out, signal{obj: obj, context: true})
				}
			}
			return true
		})
	}
	return out
}

func isContext(t types.Type) bool { return syncops.IsNamed(t, "context", "Context") }

func isStructChan(t types.Type) bool {
	c, ok := t.Underlying().(*types.Chan)
	if !ok {
		return false
	}
	s, ok := c.Elem().Underlying().(*types.Struct)
	return ok && s.NumFields() == 0
}

// mentions: the loop uses a signal, or a variable assigned (before the loop)
// from an expression that uses one (done := ctx.Done()).
func mentions(pass *analysis.Pass, loop ast.Node, sigs []signal) bool {
	objs := map[types.Object]bool{}
	for _, s := range sigs {
		objs[s.obj] = true
	}
	// Derived variables: assigned from an expression using a signal.
	for changed := true; changed; {
		changed = false
		for _, f := range pass.Files {
			if f.FileStart > loop.Pos() || loop.Pos() > f.FileEnd {
				continue
			}
			ast.Inspect(f, func(n ast.Node) bool {
				as, ok := n.(*ast.AssignStmt)
				if !ok || as.Pos() >= loop.Pos() || len(as.Lhs) != len(as.Rhs) && len(as.Rhs) != 1 {
					return true
				}
				for i, lhs := range as.Lhs {
					rhs := as.Rhs[0]
					if len(as.Rhs) == len(as.Lhs) {
						rhs = as.Rhs[i]
					}
					id, ok := lhs.(*ast.Ident)
					if !ok || !uses(pass, rhs, objs) {
						continue
					}
					obj := pass.TypesInfo.ObjectOf(id)
					if obj != nil && !objs[obj] {
						objs[obj] = true
						changed = true
					}
				}
				return true
			})
		}
	}
	return uses(pass, loop, objs)
}

func uses(pass *analysis.Pass, n ast.Node, objs map[types.Object]bool) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if id, ok := m.(*ast.Ident); ok && objs[pass.TypesInfo.Uses[id]] {
			found = true
		}
		return !found
	})
	return found
}

// addCase: `case <-done:\n\treturn` first in the loop's only statement, a
// select, when the function returns nothing.
func addCase(pass *analysis.Pass, loop ast.Node, stack []ast.Node, done string) (analysis.SuggestedFix, bool) {
	body := loopBody(loop)
	if len(body.List) != 1 {
		return analysis.SuggestedFix{}, false
	}
	sel, ok := body.List[0].(*ast.SelectStmt)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
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
		if ft.Results != nil && len(ft.Results.List) > 0 {
			return analysis.SuggestedFix{}, false
		}
		break
	}
	fset := pass.Fset
	if fset.Position(sel.Body.Lbrace).Line == fset.Position(sel.Body.Rbrace).Line {
		return analysis.SuggestedFix{}, false
	}
	indent := srctext.Indentation(pass, sel.Pos())
	at := sel.Body.Lbrace + 1
	return analysis.SuggestedFix{
		Message:   fmt.Sprintf("Add case <-%s: return", done),
		TextEdits: []analysis.TextEdit{{Pos: at, End: at, NewText: []byte("\n" + indent + "case <-" + done + ":\n" + indent + "\treturn")}},
	}, true
}
