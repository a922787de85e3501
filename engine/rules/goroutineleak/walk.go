package goroutineleak

import (
	"fmt"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/ssabuild"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

// walk is one search of a function's paths for the returns they reach:
// every check of this rule asks "from here, which returns can the function
// get to without doing X?".
type walk struct {
	fn *ssa.Function
	// stop: the instruction ends the path (the releasing operation, a call
	// that never returns, a test failure).
	stop func(ssa.Instruction) bool
	// follow: the path may take successor i of b (a select case taken, a
	// "channel closed" branch may be ruled out). Nil follows every edge.
	follow func(b *ssa.BasicBlock, i int) bool
	// never: blocks the paths must not enter (the loop head they came from).
	never map[*ssa.BasicBlock]bool
}

// from collects the returns reachable from instruction index i of block b.
func (w walk) from(b *ssa.BasicBlock, i int) []*ssa.Return {
	var out []*ssa.Return
	type item struct {
		b    *ssa.BasicBlock
		from int
	}
	seen := map[*ssa.BasicBlock]bool{}
	stack := []item{{b, i}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if it.from == 0 {
			if seen[it.b] || it.b == w.fn.Recover {
				continue
			}
			seen[it.b] = true
		}
		stopped := false
		for _, instr := range it.b.Instrs[it.from:] {
			if w.stop(instr) {
				stopped = true
				break
			}
			if r, ok := instr.(*ssa.Return); ok {
				out = append(out, r)
			}
		}
		if stopped {
			continue
		}
		for i, s := range it.b.Succs {
			if w.never[s] || (w.follow != nil && !w.follow(it.b, i)) {
				continue
			}
			stack = append(stack, item{s, 0})
		}
	}
	return out
}

// after is the index just past instr in its block.
func after(instr ssa.Instruction) int {
	for i, in := range instr.Block().Instrs {
		if in == instr {
			return i + 1
		}
	}
	return 0
}

// caseTaken: the edge from b into its true successor is the select case
// that receives from (or sends on, as dir says) a channel matching is.
func caseTaken(b *ssa.BasicBlock, succ int, matches func(sel *ssa.Select, st *ssa.SelectState) bool) bool {
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok || succ != 0 {
		return false
	}
	cmp, ok := iff.Cond.(*ssa.BinOp)
	if !ok || cmp.Op != token.EQL {
		return false
	}
	ext, ok := cmp.X.(*ssa.Extract)
	k, ok2 := cmp.Y.(*ssa.Const)
	if !ok || !ok2 || ext.Index != 0 {
		return false
	}
	sel, ok := ext.Tuple.(*ssa.Select)
	if !ok {
		return false
	}
	i := int(k.Int64())
	return i >= 0 && i < len(sel.States) && matches(sel, sel.States[i])
}

// leakDiagnostic is the finding at a goroutine's (or caller's) channel
// operation: format's first %s is the operation's text, args the rest; the
// go statement and up to three returns go into the related information; in
// _test.go files it is information.
func leakDiagnostic(pass *analysis.Pass, res *ssabuild.Result, opPos token.Pos, g *ssa.Go, exits []*ssa.Return, exitMsg string, format string, args ...any) analysis.Diagnostic {
	node := enclosingOp(res.File(opPos), opPos)
	opText := "the channel operation"
	pos, end := opPos, opPos
	if node != nil {
		opText = srctext.Node(pass.Fset, node)
		pos, end = node.Pos(), node.End()
	}
	var related []analysis.RelatedInformation
	if g != nil {
		related = append(related, analysis.RelatedInformation{Pos: g.Pos(), Message: "the goroutine is started here"})
	}
	for i, e := range exits {
		if i == 3 {
			break
		}
		related = append(related, analysis.RelatedInformation{Pos: returnPos(res, e), Message: exitMsg})
	}
	d := analysis.Diagnostic{Pos: pos, End: end, Message: fmt.Sprintf(format, append([]any{opText}, args...)...), Related: related}
	if strings.HasSuffix(pass.Fset.Position(pos).Filename, "_test.go") {
		// A test's leaked goroutine dies with the test binary, and goconc test's
		// leak check confirms it at run time: information, not a warning.
		d.Category = meta.Information
	}
	return d
}
