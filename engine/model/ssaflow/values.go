package ssaflow

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// SelectCase is the block a select goes to when its case i (an index into
// sel.States) is taken: the branch on `index == i` that go/ssa lowers the
// select to; nil when the shape is not that.
func SelectCase(sel *ssa.Select, i int) *ssa.BasicBlock {
	for _, r := range *sel.Referrers() {
		ext, ok := r.(*ssa.Extract)
		if !ok || ext.Index != 0 {
			continue
		}
		for _, u := range *ext.Referrers() {
			cmp, ok := u.(*ssa.BinOp)
			if !ok || cmp.Op != token.EQL || cmp.X != ext {
				continue
			}
			k, ok := cmp.Y.(*ssa.Const)
			if !ok || k.Value == nil || int(k.Int64()) != i {
				continue
			}
			for _, w := range *cmp.Referrers() {
				if iff, ok := w.(*ssa.If); ok {
					return iff.Block().Succs[0]
				}
			}
		}
	}
	return nil
}

// OnlyStore is the one store to a variable, nil if it is stored to never or
// more than once.
func OnlyStore(a *ssa.Alloc) *ssa.Store {
	var out *ssa.Store
	for _, r := range *a.Referrers() {
		if st, ok := r.(*ssa.Store); ok && st.Addr == a {
			if out != nil {
				return nil
			}
			out = st
		}
	}
	return out
}
