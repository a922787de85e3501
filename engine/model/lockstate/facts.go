package lockstate

import "golang.org/x/tools/go/ssa"

// factUsed reports whether a branch condition is worth remembering on the
// path that took it: something else reads it — another branch on the same
// condition, a branch that can test it again (its block is in a loop), or a
// phi whose edge carries it. A fact nothing reads only splits paths that are
// otherwise the same: in a function with many independent ifs every
// combination became a state of its own (hclog's logPlain: 2,080 block
// visits for 84 blocks).
func (f *funcFlow) factUsed(name string) bool {
	if f.factUses == nil {
		f.factUses = f.countFactUses()
	}
	return f.factUses[name] >= 2
}

func (f *funcFlow) countFactUses() map[string]int {
	uses := map[string]int{}
	for _, b := range f.fn.Blocks {
		for _, instr := range b.Instrs {
			switch in := instr.(type) {
			case *ssa.If:
				if name, _ := f.condFact(in.Cond); name != "" {
					uses[name]++
					if inCycle(b) {
						uses[name]++
					}
				}
			case *ssa.Phi:
				for _, e := range in.Edges {
					if name, _ := f.condFact(e); name != "" {
						uses[name]++
					}
				}
			}
		}
	}
	return uses
}

// inCycle reports whether b can reach itself.
func inCycle(b *ssa.BasicBlock) bool {
	seen := map[*ssa.BasicBlock]bool{}
	stack := append([]*ssa.BasicBlock(nil), b.Succs...)
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x == b {
			return true
		}
		if seen[x] {
			continue
		}
		seen[x] = true
		stack = append(stack, x.Succs...)
	}
	return false
}
