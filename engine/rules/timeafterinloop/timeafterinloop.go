// Package timeafterinloop reports `case <-time.After(d):` in a select inside
// a loop whose other cases keep the loop going: every iteration creates a
// timer. Before Go 1.23 a timer lives until it fires, so a busy loop with a
// long timeout piles them up; from Go 1.23 unreferenced timers are collected
// and only the allocation is left. The Go version is the file's (its go
// directive, or a //go:build goX.Y line).
package timeafterinloop

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"go/version"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/syncops"
	"github.com/goconc/goconc/engine/rules/internal/filever"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

var Analyzer = &analysis.Analyzer{
	Name: "time_after_in_loop",
	Doc: `time.After in a loop's select that another case keeps going

time.After(d) creates a timer each time it is evaluated. In a select inside a
loop, every iteration that another case ends leaves that timer behind: before
Go 1.23 it stays alive until it fires (a leak under traffic), from Go 1.23 it
is collected (allocation churn only). Reported when some other case neither
leaves the loop nor is a cancellation (a context's Done, or a channel the
package only closes); the severity is a warning below Go 1.23 and a hint from
1.23 and in test files.`,
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Warning, Category: "goroutines", Checklist: "context-timeouts"}

func run(pass *analysis.Pass) (any, error) {
	if !importsTime(pass) {
		return nil, nil
	}
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	var chans *channelUse
	for cur := range in.Root().Preorder((*ast.CommClause)(nil)) {
		clause := cur.Node().(*ast.CommClause)
		call := timeAfterCall(pass, clause.Comm)
		if call == nil {
			continue
		}
		sel, ok := cur.Parent().Parent().Node().(*ast.SelectStmt)
		if !ok {
			continue
		}
		loop, label := enclosingLoop(cur)
		if loop == nil {
			continue
		}
		if chans == nil {
			chans = channelUses(pass, in)
		}
		if !otherCaseContinues(pass, chans, sel, clause, label) {
			continue
		}
		file := pass.Fset.File(call.Pos())
		collected := version.Compare(filever.At(pass, call.Pos()), "go1.23") >= 0
		severity := meta.Warning
		if collected || strings.HasSuffix(file.Name(), "_test.go") {
			severity = meta.Hint
		}
		text := srctext.Expr(pass.Fset, call)
		msg := fmt.Sprintf("`%s` in a loop's select creates a timer every iteration; before Go 1.23 each stays alive until it fires, so a busy loop piles them up (create one time.NewTimer before the loop and Reset it)", text)
		if collected {
			msg = fmt.Sprintf("`%s` in a loop's select allocates a timer every iteration (collected since Go 1.23, but a reused time.NewTimer with Reset avoids the churn)", text)
		}
		pass.Report(analysis.Diagnostic{
			Pos: call.Pos(), End: call.End(), Category: severity, Message: msg,
			Related: []analysis.RelatedInformation{{Pos: loop.Pos(), End: loop.Pos() + token.Pos(len("for")), Message: "the loop"}},
		})
	}
	return nil, nil
}

func importsTime(pass *analysis.Pass) bool {
	for _, p := range pass.Pkg.Imports() {
		if p.Path() == "time" {
			return true
		}
	}
	return false
}

// timeAfterCall is the time.After call of `case <-time.After(d):` or
// `case v := <-time.After(d):`, resolved by type (a local package or
// function named time/After is not it).
func timeAfterCall(pass *analysis.Pass, comm ast.Stmt) *ast.CallExpr {
	ch := receivedFrom(comm)
	if ch == nil {
		return nil
	}
	call, ok := ch.(*ast.CallExpr)
	if !ok || syncops.FuncOf(typeutil.Callee(pass.TypesInfo, call)) != "time.After" {
		return nil
	}
	return call
}

// enclosingLoop is the innermost for or range statement around cur in the
// same function, with its label ("" if none).
func enclosingLoop(cur inspector.Cursor) (ast.Stmt, string) {
	for c := cur.Parent(); c.Node() != nil; c = c.Parent() {
		switch n := c.Node().(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return nil, ""
		case *ast.ForStmt, *ast.RangeStmt:
			if l, ok := c.Parent().Node().(*ast.LabeledStmt); ok {
				return n.(ast.Stmt), l.Label.Name
			}
			return n.(ast.Stmt), ""
		}
	}
	return nil, ""
}

// otherCaseContinues: timers pile up only when the loop can go round without
// the timer firing — some other case (or default) neither leaves the loop
// nor is a cancellation.
func otherCaseContinues(pass *analysis.Pass, chans *channelUse, sel *ast.SelectStmt, timer *ast.CommClause, label string) bool {
	for _, s := range sel.Body.List {
		c, ok := s.(*ast.CommClause)
		if !ok || c == timer {
			continue
		}
		if leavesLoop(pass, c.Body, label) || (c.Comm != nil && chans.cancellation(pass, c.Comm)) {
			continue
		}
		return true
	}
	return false
}

// leavesLoop: the case's last statement returns, panics, never returns, jumps
// with goto or breaks out of the loop by its label.
func leavesLoop(pass *analysis.Pass, body []ast.Stmt, label string) bool {
	if len(body) == 0 {
		return false
	}
	switch s := body[len(body)-1].(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return s.Tok == token.GOTO || (s.Tok == token.BREAK && s.Label != nil && s.Label.Name == label && label != "")
	case *ast.ExprStmt:
		call, ok := ast.Unparen(s.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		obj := typeutil.Callee(pass.TypesInfo, call)
		if b, ok := obj.(*types.Builtin); ok {
			return b.Name() == "panic"
		}
		return syncops.NoReturn(syncops.FuncOf(obj))
	}
	return false
}

// channelUse records which channel variables and fields the package sends
// on and which it closes.
type channelUse struct{ sent, closed map[types.Object]bool }

func channelUses(pass *analysis.Pass, in *inspector.Inspector) *channelUse {
	u := &channelUse{sent: map[types.Object]bool{}, closed: map[types.Object]bool{}}
	for n := range in.PreorderSeq((*ast.SendStmt)(nil), (*ast.CallExpr)(nil)) {
		switch n := n.(type) {
		case *ast.SendStmt:
			if o := chanObject(pass, n.Chan); o != nil {
				u.sent[o] = true
			}
		case *ast.CallExpr:
			if b, ok := typeutil.Callee(pass.TypesInfo, n).(*types.Builtin); ok && b.Name() == "close" && len(n.Args) == 1 {
				if o := chanObject(pass, n.Args[0]); o != nil {
					u.closed[o] = true
				}
			}
		}
	}
	return u
}

// chanObject is the variable or field a channel expression reads.
func chanObject(pass *analysis.Pass, e ast.Expr) types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return pass.TypesInfo.Uses[e]
	case *ast.SelectorExpr:
		return pass.TypesInfo.Uses[e.Sel]
	}
	return nil
}

// cancellation: the case receives from a context's Done() (any method
// Done() <-chan struct{}), or from a channel the package never sends on
// and either closes or that carries struct{} (it can only be closed, so it
// signals the end of the work rather than driving iterations).
func (u *channelUse) cancellation(pass *analysis.Pass, comm ast.Stmt) bool {
	ch := receivedFrom(comm) // a send case is work
	if ch == nil {
		return false
	}
	if call, ok := ch.(*ast.CallExpr); ok {
		f, ok := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
		return ok && f.Name() == "Done" && len(call.Args) == 0 && emptyStructChan(pass.TypesInfo.TypeOf(call))
	}
	o := chanObject(pass, ch)
	if o == nil || u.sent[o] {
		return false
	}
	return u.closed[o] || emptyStructChan(o.Type())
}

func emptyStructChan(t types.Type) bool {
	if t == nil {
		return false
	}
	c, ok := t.Underlying().(*types.Chan)
	if !ok {
		return false
	}
	s, ok := c.Elem().Underlying().(*types.Struct)
	return ok && s.NumFields() == 0
}

// receivedFrom is the channel a receive case (`case <-ch:`, `case v := <-ch:`)
// reads, nil for a send case.
func receivedFrom(comm ast.Stmt) ast.Expr {
	var e ast.Expr
	switch s := comm.(type) {
	case *ast.ExprStmt:
		e = s.X
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			e = s.Rhs[0]
		}
	}
	u, ok := ast.Unparen(e).(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return nil
	}
	return ast.Unparen(u.X)
}
