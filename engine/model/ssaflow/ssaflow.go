// Package ssaflow answers control-flow questions over a function's SSA
// blocks for the blocking rules: is this block in a loop, which blocks can
// follow it, is there a path to a return that avoids some operations.
package ssaflow

import (
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
	var out []*ssa.Return
	seen := map[*ssa.BasicBlock]bool{}
	stack := []*ssa.BasicBlock{fn.Blocks[0]}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[b] || b == fn.Recover {
			continue
		}
		seen[b] = true
		blocked := false
		for _, instr := range b.Instrs {
			if stop(instr) || Ends(instr) {
				blocked = true
				break
			}
			if r, ok := instr.(*ssa.Return); ok {
				out = append(out, r)
			}
		}
		if !blocked {
			stack = append(stack, b.Succs...)
		}
	}
	return out
}
