// Package condwaitwithoutloop reports sync.Cond.Wait that is not in a loop:
// Wait can return while the condition is false again (Broadcast wakes every
// waiter, another goroutine may run first), so the sync documentation
// prescribes `for !condition() { c.Wait() }`. Wait is recognised by type
// (a *sync.Cond receiver, embedded or not); "in a loop" is a cycle of the
// function's SSA control-flow graph through the Wait.
package condwaitwithoutloop

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/ssabuild"
	"github.com/goconc/goconc/engine/model/ssaflow"
	"github.com/goconc/goconc/engine/model/syncops"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

var Analyzer = &analysis.Analyzer{
	Name: "cond_wait_without_loop",
	Doc: `sync.Cond.Wait not in a loop that re-checks the condition

When Wait returns, the condition it waited for may be false again: Broadcast
wakes every waiter and another goroutine may take what was signalled first.
Reported when the Wait's block is on no cycle of its function's control
flow. A function whose every call in the package is in a loop (a wait
helper) is left to its callers. Quick fix: ` + "`if cond { c.Wait() }`" + ` becomes
` + "`for cond { c.Wait() }`" + ` when the if holds only the Wait and its condition
has no side effects.`,
	Requires: []*analysis.Analyzer{ssabuild.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Warning, Category: "locks", Checklist: "shared-state"}

func run(pass *analysis.Pass) (any, error) {
	if !ssabuild.Imports(pass, "sync") {
		return nil, nil
	}
	res := ssabuild.Of(pass)
	funcs := res.Funcs()
	var sites map[*ssa.Function][]*ssa.BasicBlock
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok {
					continue
				}
				if m, ok := syncops.MethodOf(call.Common()); !ok || m.Kind != syncops.Cond || m.Name != "Wait" {
					continue
				}
				if ssaflow.InLoop(b) {
					continue
				}
				if sites == nil {
					sites = callSites(funcs)
				}
				if calledOnlyInLoops(sites[fn]) {
					continue
				}
				expr := res.Call(call.Pos())
				if expr == nil {
					continue
				}
				cond := srctext.Receiver(pass.Fset, expr)
				pass.Report(analysis.Diagnostic{
					Pos: expr.Pos(), End: expr.End(),
					Message:        fmt.Sprintf("%s.Wait() is not in a for loop: when it returns the condition may be false again (another waiter ran first, or Broadcast woke everyone); re-check it in `for !condition { %s.Wait() }`", cond, cond),
					SuggestedFixes: ifToFor(pass, res.File(expr.Pos()), expr),
				})
			}
		}
	}
	return nil, nil
}

// callSites lists, for each function, the blocks that call it statically.
func callSites(funcs []*ssa.Function) map[*ssa.Function][]*ssa.BasicBlock {
	out := map[*ssa.Function][]*ssa.BasicBlock{}
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if c, ok := instr.(*ssa.Call); ok {
					if callee := c.Common().StaticCallee(); callee != nil {
						out[callee] = append(out[callee], b)
					}
				}
			}
		}
	}
	return out
}

// calledOnlyInLoops: the function is a wait helper its callers loop around.
func calledOnlyInLoops(sites []*ssa.BasicBlock) bool {
	for _, b := range sites {
		if !ssaflow.InLoop(b) {
			return false
		}
	}
	return len(sites) > 0
}

// ifToFor turns `if cond { c.Wait() }` into `for cond { c.Wait() }` when the
// if has no init or else, holds only the Wait, and re-evaluating its
// condition changes nothing (no calls but len/cap and conversions, no
// receives).
func ifToFor(pass *analysis.Pass, file *ast.File, call *ast.CallExpr) []analysis.SuggestedFix {
	if file == nil {
		return nil
	}
	path, _ := astutil.PathEnclosingInterval(file, call.Pos(), call.End())
	if len(path) < 4 {
		return nil
	}
	stmt, ok1 := path[1].(*ast.ExprStmt)
	block, ok2 := path[2].(*ast.BlockStmt)
	ifs, ok3 := path[3].(*ast.IfStmt)
	if !ok1 || !ok2 || !ok3 || stmt.X != call || ifs.Body != block || ifs.Init != nil || ifs.Else != nil || len(block.List) != 1 {
		return nil
	}
	if !pure(pass.TypesInfo, ifs.Cond) {
		return nil
	}
	return []analysis.SuggestedFix{{
		Message:   "Turn the if into a for loop",
		TextEdits: []analysis.TextEdit{{Pos: ifs.If, End: ifs.If + token.Pos(len("if")), NewText: []byte("for")}},
	}}
}

func pure(info *types.Info, e ast.Expr) bool {
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				ok = false
			}
		case *ast.CallExpr:
			if tv, found := info.Types[n.Fun]; found && tv.IsType() {
				return true // a conversion
			}
			id, isIdent := ast.Unparen(n.Fun).(*ast.Ident)
			if !isIdent {
				ok = false
				break
			}
			if b, isBuiltin := info.Uses[id].(*types.Builtin); !isBuiltin || (b.Name() != "len" && b.Name() != "cap") {
				ok = false
			}
		case *ast.FuncLit:
			ok = false
		}
		return ok
	})
	return ok
}
