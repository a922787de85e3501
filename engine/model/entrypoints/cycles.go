package entrypoints

import (
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/ssaflow"
)

// loopOf is the set of blocks on a cycle through b (empty when b is in no
// loop): those b reaches that also reach b.
func loopOf(b *ssa.BasicBlock) map[*ssa.BasicBlock]bool {
	fwd := ssaflow.Reachable(b)
	if !fwd[b] {
		return nil
	}
	out := map[*ssa.BasicBlock]bool{}
	for x := range fwd {
		if x == b || ssaflow.Reachable(x)[b] {
			out[x] = true
		}
	}
	return out
}
