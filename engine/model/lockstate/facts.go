package lockstate

import (
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/ssaflow"
)

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
					if ssaflow.InLoop(b) {
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
