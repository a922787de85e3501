package lockstate

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Lock flags: the boolean parameters whose value changes what a call does to
// locks — `if needLock { mu.Lock() }`, `if !locked { c.mu.Lock() }`, a flag
// handed on to a callee whose own flag it is. Summaries are computed per
// binding of these only (bindingsAt, exportSummary): a flag the function
// branches on for other reasons (a message's kind, whether to log) gives
// the same summary either way, and binding it made a flow per combination
// of a caller's constants — nats-server's processJetStreamMsgWithBatch was
// walked 64 times for its 420 blocks.

type flagKey struct {
	fn *ssa.Function
	i  int
}

// lockFlag: parameter i of fn is a lock flag — a branch on it (or on its
// negation) leads into code, dominated by the branch, that touches locks;
// or fn passes it to a call whose parameter is one.
func (m *model) lockFlag(fn *ssa.Function, i int) bool {
	if len(fn.Blocks) == 0 {
		if o := fn.Origin(); o != nil && o != fn && len(o.Blocks) > 0 && o.Pkg == m.pkg {
			fn = o
		}
	}
	if len(fn.Blocks) == 0 || (fn.Pkg != nil && fn.Pkg != m.pkg) {
		return m.importedLockFlag(fn, i)
	}
	if i >= len(fn.Params) {
		return false
	}
	k := flagKey{fn, i}
	if v, ok := m.flags[k]; ok {
		return v
	}
	m.flags[k] = false // a recursive hand-off adds nothing
	v := m.scanLockFlag(fn, fn.Params[i])
	m.flags[k] = v
	return v
}

func (m *model) scanLockFlag(fn *ssa.Function, p *ssa.Parameter) bool {
	if b, ok := p.Type().Underlying().(*types.Basic); !ok || b.Kind() != types.Bool {
		return false
	}
	for _, b := range fn.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		c := iff.Cond
		if u, ok := c.(*ssa.UnOp); ok && u.Op == token.NOT {
			c = u.X
		}
		if c != ssa.Value(p) {
			continue
		}
		for _, s := range b.Succs {
			if len(s.Preds) == 1 && m.dominatedTouchesLocks(s) {
				return true
			}
		}
	}
	for _, r := range *p.Referrers() {
		ci, ok := r.(ssa.CallInstruction)
		if !ok {
			continue
		}
		callee, _ := resolveCallee(ci.Common())
		if callee == nil {
			continue
		}
		for j, a := range ci.Common().Args {
			if a == ssa.Value(p) && m.lockFlag(callee, j) {
				return true
			}
		}
	}
	return false
}

// dominatedTouchesLocks: a block b dominates (b included) locks, unlocks or
// calls or mentions a function that may.
func (m *model) dominatedTouchesLocks(b *ssa.BasicBlock) bool {
	var ops []*ssa.Value
	for _, in := range b.Instrs {
		if m.touchesLocks(in, &ops) {
			return true
		}
	}
	for _, d := range b.Dominees() {
		if m.dominatedTouchesLocks(d) {
			return true
		}
	}
	return false
}

// importedLockFlag reads another package's summary fact: it has variants
// for exactly its lock flags.
func (m *model) importedLockFlag(fn *ssa.Function, i int) bool {
	fact, ok := m.importedFact(fn)
	if !ok {
		return false
	}
	for _, v := range fact.Variants {
		if v.Param == i {
			return true
		}
	}
	return false
}
