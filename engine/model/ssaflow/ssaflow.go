// Package ssaflow answers control-flow questions over a function's SSA
// blocks for the blocking rules: is this block in a loop, which blocks can
// follow it, is there a path to a return that avoids some operations.
package ssaflow

import (
	"go/token"
	"sort"

	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/syncops"
)

// Reachable is the set of blocks reachable from b's successors (b itself
// only if it is on a cycle).
func Reachable(b *ssa.BasicBlock) map[*ssa.BasicBlock]bool {
	seen := map[*ssa.BasicBlock]bool{}
	stack := append([]*ssa.BasicBlock(nil), b.Succs...)
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[x] {
			continue
		}
		seen[x] = true
		stack = append(stack, x.Succs...)
	}
	return seen
}

// InLoop reports whether control can come back to b after leaving it: b is
// on a cycle of its function's control-flow graph (a for or range loop, or a
// goto that jumps back).
func InLoop(b *ssa.BasicBlock) bool { return Reachable(b)[b] }

// Ends reports whether instr ends its path without returning: a panic, or a
// call that never returns (os.Exit, log.Fatal, t.Fatal, runtime.Goexit).
func Ends(instr ssa.Instruction) bool {
	switch i := instr.(type) {
	case *ssa.Panic:
		return true
	case *ssa.Call:
		return syncops.NoReturn(syncops.CalleeName(i.Common()))
	}
	return false
}

// ReturnsAvoiding lists the Return instructions of fn reachable from its
// entry on a path that runs no instruction for which stop is true and does
// not end in a panic or a call that never returns. Recover blocks are not
// entered (they run only after a panic).
func ReturnsAvoiding(fn *ssa.Function, stop func(ssa.Instruction) bool) []*ssa.Return {
	if len(fn.Blocks) == 0 {
		return nil
	}
	return ReturnsAvoidingFrom(fn.Blocks[0], 0, stop)
}

// ReturnsAvoidingFrom is ReturnsAvoiding from instruction i of block b on.
func ReturnsAvoidingFrom(b *ssa.BasicBlock, i int, stop func(ssa.Instruction) bool) []*ssa.Return {
	var out []*ssa.Return
	seen := map[*ssa.BasicBlock]bool{}
	// walk runs instrs; it reports whether the path goes on past them.
	walk := func(instrs []ssa.Instruction) bool {
		for _, instr := range instrs {
			if stop(instr) || Ends(instr) {
				return false
			}
			if r, ok := instr.(*ssa.Return); ok {
				out = append(out, r)
			}
		}
		return true
	}
	var stack []*ssa.BasicBlock
	if walk(b.Instrs[i:]) {
		stack = append(stack, feasibleSuccs(b)...)
	}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[x] || x == x.Parent().Recover {
			continue
		}
		seen[x] = true
		if walk(x.Instrs) {
			stack = append(stack, feasibleSuccs(x)...)
		}
	}
	return out
}

// feasibleSuccs are b's successors minus the exit of a receive loop over a
// channel that is never closed: `for range ticker.C` ends only by a return
// or break inside it.
func feasibleSuccs(b *ssa.BasicBlock) []*ssa.BasicBlock {
	if recv, _, ok := ReceiveTest(b); ok && NeverClosed(recv.X) {
		return b.Succs[:1]
	}
	return b.Succs
}

// ReceiveTest recognises a block ending in `if ok` on the comma-ok of a
// channel receive — a `for v := range ch` or `v, ok := <-ch; if ok`: the
// receive, and the successor taken when the channel is closed.
func ReceiveTest(b *ssa.BasicBlock) (*ssa.UnOp, *ssa.BasicBlock, bool) {
	if len(b.Instrs) == 0 || len(b.Succs) != 2 {
		return nil, nil, false
	}
	i, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return nil, nil, false
	}
	ext, ok := i.Cond.(*ssa.Extract)
	if !ok || ext.Index != 1 {
		return nil, nil, false
	}
	recv, ok := ext.Tuple.(*ssa.UnOp)
	if !ok || recv.Op != token.ARROW || !recv.CommaOk {
		return nil, nil, false
	}
	return recv, b.Succs[1], true
}

// NeverClosed reports whether ch is a channel the standard library never
// closes: the C of a time.Ticker or time.Timer.
func NeverClosed(ch ssa.Value) bool {
	load, ok := ch.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return false
	}
	return (syncops.IsNamed(fa.X.Type(), "time", "Ticker") || syncops.IsNamed(fa.X.Type(), "time", "Timer")) && syncops.FieldName(fa.X, fa.Field) == "C"
}

// Loops lists the natural loops of fn holding b, innermost first: each is
// its header and the blocks of its body (header included), the blocks of
// every back edge to that header merged.
func Loops(b *ssa.BasicBlock) []Loop {
	fn := b.Parent()
	bodies := map[*ssa.BasicBlock]map[*ssa.BasicBlock]bool{}
	var headers []*ssa.BasicBlock
	for _, u := range fn.Blocks {
		for _, h := range u.Succs {
			if !h.Dominates(u) {
				continue
			}
			body := bodies[h]
			if body == nil {
				body = map[*ssa.BasicBlock]bool{h: true}
				bodies[h] = body
				headers = append(headers, h)
			}
			stack := []*ssa.BasicBlock{u}
			for len(stack) > 0 {
				x := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if body[x] {
					continue
				}
				body[x] = true
				stack = append(stack, x.Preds...)
			}
		}
	}
	var out []Loop
	for _, h := range headers {
		if bodies[h][b] {
			out = append(out, Loop{Header: h, Blocks: bodies[h]})
		}
	}
	sort.Slice(out, func(i, j int) bool { return len(out[i].Blocks) < len(out[j].Blocks) })
	return out
}

// Loop is a natural loop: its header and its blocks.
type Loop struct {
	Header *ssa.BasicBlock
	Blocks map[*ssa.BasicBlock]bool
}
