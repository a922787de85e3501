// Package rangeunclosed reports `for v := range ch` over a channel that no
// code able to reach it ever closes: the loop never ends after the last
// value, and the goroutine running it leaks (or the function hangs).
package rangeunclosed

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/localchan"
	"github.com/goconc/goconc/engine/model/ssabuild"
	"github.com/goconc/goconc/engine/model/ssaflow"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

var Analyzer = &analysis.Analyzer{
	Name: "range_over_unclosed_channel",
	Doc: `range over a channel nothing closes

A function makes a channel that only known code sees — itself, the function
literals it starts or calls, and functions of the package it hands the
channel to — and some of that code ranges over it while none of it closes
it: after the last value the loop waits forever. A channel stored in a
field, returned, sent, or passed to code outside the package is left alone
(the closer may be there). Quick fix: ` + "`defer close(ch)`" + ` at the top of the one
producer goroutine literal, when it is started once and does all the sends.

Also: a range over an unexported channel field of the package (in place or
through a getter returning it receive-only) that the package never closes
and never hands out, in a function that calls Done on a WaitGroup the
package Waits on: the Wait never returns either.`,
	Requires: []*analysis.Analyzer{ssabuild.Analyzer, inspect.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Warning, Category: "channels", Checklist: "defer-close"}

func run(pass *analysis.Pass) (any, error) {
	ranges := chanRanges(pass)
	if len(ranges) == 0 {
		return nil, nil
	}
	res := ssabuild.Of(pass)
	for _, fn := range res.Funcs() {
		if fn.Parent() != nil {
			continue // closures are followed from the function that makes the channel
		}
		for _, lc := range localchan.In(fn, localchan.Options{Closures: true, HandOffs: true}) {
			check(pass, res, lc, ranges)
		}
	}
	checkFieldRanges(pass, res, ranges)
	return nil, nil
}

// chanRanges lists the range statements over channels, by position.
func chanRanges(pass *analysis.Pass) []*ast.RangeStmt {
	var out []*ast.RangeStmt
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	in.Preorder([]ast.Node{(*ast.RangeStmt)(nil)}, func(n ast.Node) {
		r := n.(*ast.RangeStmt)
		if t := pass.TypesInfo.TypeOf(r.X); t != nil {
			if _, ok := t.Underlying().(*types.Chan); ok {
				out = append(out, r)
			}
		}
	})
	return out
}

func check(pass *analysis.Pass, res *ssabuild.Result, lc *localchan.Chan, ranges []*ast.RangeStmt) {
	var sends, recvs []localchan.Op
	fns := map[*ssa.Function]bool{}
	for _, f := range lc.Values {
		fns[f] = true
	}
	for f := range fns {
		for _, op := range lc.OpsIn(f) {
			if op.Close {
				return
			}
			if op.Send {
				sends = append(sends, op)
			} else {
				recvs = append(recvs, op)
			}
		}
	}
	if len(sends) == 0 {
		return
	}
	for _, r := range ranges {
		recv := rangeRecv(r, recvs)
		if recv == nil || !loopsBack(recv.Instr.Block()) {
			continue // not this channel, or a body that always leaves after the first value
		}
		name := srctext.Expr(pass.Fset, r.X)
		d := analysis.Diagnostic{
			Pos: r.X.Pos(), End: r.X.End(),
			Message: fmt.Sprintf("`range %s` never ends: nothing closes `%s`, so this loop blocks forever after the last value (close it in the producer: defer close(%s))", name, name, name),
		}
		for i, s := range sends {
			if i == 3 {
				break
			}
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: s.Pos, Message: fmt.Sprintf("sends on `%s`", name)})
		}
		if fix, ok := closeFix(pass, res, lc, sends, recv, name); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
		pass.Report(d)
	}
}

// rangeRecv is the receive of the channel that the range statement's loop
// performs, if the channel is this one.
func rangeRecv(r *ast.RangeStmt, recvs []localchan.Op) *localchan.Op {
	for i, op := range recvs {
		if u, ok := op.Instr.(*ssa.UnOp); ok && u.CommaOk && r.For <= op.Pos && op.Pos < r.Body.Lbrace {
			return &recvs[i]
		}
	}
	return nil
}

// closeFix: `defer close(ch)` first in the producer, when one goroutine
// literal, started once and not the ranging one, does every send.
func closeFix(pass *analysis.Pass, res *ssabuild.Result, lc *localchan.Chan, sends []localchan.Op, recv *localchan.Op, name string) (analysis.SuggestedFix, bool) {
	producer := sends[0].Instr.Parent()
	for _, s := range sends {
		if s.Instr.Parent() != producer {
			return analysis.SuggestedFix{}, false
		}
	}
	if producer == recv.Instr.Parent() || len(lc.Starts) != 1 || ssaflow.InLoop(lc.Starts[0].Block()) {
		return analysis.SuggestedFix{}, false
	}
	mc, ok := lc.Starts[0].Call.Value.(*ssa.MakeClosure)
	if !ok || mc.Fn != producer {
		return analysis.SuggestedFix{}, false
	}
	lit, ok := producer.Syntax().(*ast.FuncLit)
	if !ok || len(lit.Body.List) == 0 {
		return analysis.SuggestedFix{}, false
	}
	first := lit.Body.List[0]
	if pass.Fset.Position(first.Pos()).Line == pass.Fset.Position(lit.Body.Lbrace).Line {
		return analysis.SuggestedFix{}, false // a one-line literal: no room for a statement of its own
	}
	indent := srctext.Indentation(pass, first.Pos())
	at := lineStart(pass.Fset, first.Pos())
	return analysis.SuggestedFix{
		Message:   fmt.Sprintf("Add defer close(%s) to the producer", name),
		TextEdits: []analysis.TextEdit{{Pos: at, End: at, NewText: []byte(indent + "defer close(" + name + ")\n")}},
	}, true
}

func lineStart(fset *token.FileSet, pos token.Pos) token.Pos {
	f := fset.File(pos)
	return f.LineStart(f.Line(pos))
}

// loopsBack: control can come back to b (the range's receive) after it — a
// path through the body that neither leaves the loop nor ends in a panic or
// a call that never returns (t.Fatal, log.Fatal).
func loopsBack(b *ssa.BasicBlock) bool {
	seen := map[*ssa.BasicBlock]bool{}
	stack := append([]*ssa.BasicBlock(nil), b.Succs...)
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x == b {
			return true
		}
		if seen[x] || ends(x) {
			continue
		}
		seen[x] = true
		stack = append(stack, x.Succs...)
	}
	return false
}

func ends(b *ssa.BasicBlock) bool {
	for _, instr := range b.Instrs {
		if ssaflow.Ends(instr) {
			return true
		}
	}
	return false
}
