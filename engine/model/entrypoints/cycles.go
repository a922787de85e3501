package entrypoints

import (
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/ssaflow"
)

// sameCycle: blocks a and b lie on one cycle of their function's control
// flow (a value defined in a is made again each time b's loop comes round).
func sameCycle(a, b *ssa.BasicBlock) bool {
	return a.Parent() == b.Parent() && ssaflow.Reachable(a)[b] && ssaflow.Reachable(b)[a]
}
