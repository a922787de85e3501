package entrypoints

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// serializedByOneSlot: e is started in a loop, but every path to its start
// sends on a channel of capacity 1 that e receives from — a one-slot
// semaphore, so at most one instance runs at a time (badger's doWrites:
// `pendingCh <- struct{}{}; go writeRequests(reqs)`, writeRequests ending in
// `<-pendingCh`).
func (r *Result) serializedByOneSlot(e *Entry) bool {
	if !e.InLoop || e.Starter == nil {
		return false
	}
	tried := map[*ssa.MakeChan]bool{}
	for _, b := range e.Starter.Blocks {
		if !e.cycle[b] {
			continue
		}
		for _, in := range b.Instrs {
			for _, ch := range sentOn(in) {
				mc := makeChanOf(e.Starter, ch, 0)
				if mc == nil || tried[mc] {
					continue
				}
				tried[mc] = true
				if capacityOne(mc) && r.receivesFrom(e, mc) && sendsBefore(e, mc) {
					return true
				}
			}
		}
	}
	return false
}

// sentOn are the channels in sends on: a send, or a select's send cases.
func sentOn(in ssa.Instruction) []ssa.Value {
	switch in := in.(type) {
	case *ssa.Send:
		return []ssa.Value{in.Chan}
	case *ssa.Select:
		var out []ssa.Value
		for _, st := range in.States {
			if st.Dir == types.SendOnly {
				out = append(out, st.Chan)
			}
		}
		return out
	}
	return nil
}

func capacityOne(mc *ssa.MakeChan) bool {
	c, ok := mc.Size.(*ssa.Const)
	if !ok || c.Value == nil {
		return false
	}
	n, exact := constant.Int64Val(constant.ToInt(c.Value))
	return exact && n == 1
}

// receivesFrom: a function e reaches receives from mc.
func (r *Result) receivesFrom(e *Entry, mc *ssa.MakeChan) bool {
	for fn, es := range r.reach {
		if _, ok := es[e]; !ok {
			continue
		}
		for _, b := range fn.Blocks {
			for _, in := range b.Instrs {
				if u, ok := in.(*ssa.UnOp); ok && u.Op == token.ARROW && makeChanOf(fn, u.X, 0) == mc {
					return true
				}
			}
		}
	}
	return false
}

// sendsBefore: walking back from e's start, every path meets a send on mc
// before it meets the function's entry or the start again.
func sendsBefore(e *Entry, mc *ssa.MakeChan) bool {
	fn := e.Starter
	seen := map[*ssa.BasicBlock]bool{}
	var covered func(b *ssa.BasicBlock, upto int) bool
	covered = func(b *ssa.BasicBlock, upto int) bool {
		for i := upto - 1; i >= 0; i-- {
			in := b.Instrs[i]
			if in == e.Start {
				return false
			}
			for _, ch := range sentOn(in) {
				if makeChanOf(fn, ch, 0) == mc {
					return true
				}
			}
		}
		if len(b.Preds) == 0 {
			return false
		}
		for _, p := range b.Preds {
			if seen[p] {
				continue
			}
			seen[p] = true
			if !covered(p, len(p.Instrs)) {
				return false
			}
		}
		return true
	}
	b := e.Start.Block()
	for i, in := range b.Instrs {
		if in == e.Start {
			return covered(b, i)
		}
	}
	return false
}

// makeChanOf is the make(chan) a channel value in fn comes from: directly,
// or loaded from a variable (captured or not) stored once.
func makeChanOf(fn *ssa.Function, v ssa.Value, depth int) *ssa.MakeChan {
	if depth > 6 {
		return nil
	}
	switch v := v.(type) {
	case *ssa.MakeChan:
		return v
	case *ssa.ChangeType:
		return makeChanOf(fn, v.X, depth+1)
	case *ssa.FreeVar:
		bfn, b := bindingOf(fn, v)
		if b == nil {
			return nil
		}
		return makeChanOf(bfn, b, depth+1)
	case *ssa.UnOp:
		if v.Op != token.MUL {
			return nil
		}
		alloc := allocOf(fn, v.X, depth+1)
		if alloc == nil {
			return nil
		}
		var stored ssa.Value
		for _, ref := range *alloc.Referrers() {
			if st, ok := ref.(*ssa.Store); ok && st.Addr == alloc {
				if stored != nil {
					return nil
				}
				stored = st.Val
			}
		}
		if stored == nil {
			return nil
		}
		return makeChanOf(alloc.Parent(), stored, depth+1)
	}
	return nil
}

// allocOf is the variable an address in fn denotes, through captures.
func allocOf(fn *ssa.Function, v ssa.Value, depth int) *ssa.Alloc {
	if depth > 6 {
		return nil
	}
	switch v := v.(type) {
	case *ssa.Alloc:
		return v
	case *ssa.FreeVar:
		bfn, b := bindingOf(fn, v)
		if b == nil {
			return nil
		}
		return allocOf(bfn, b, depth+1)
	}
	return nil
}

// bindingOf is the value free variable fv of fn is bound to where fn's
// closure is made, and the function that makes it.
func bindingOf(fn *ssa.Function, fv *ssa.FreeVar) (*ssa.Function, ssa.Value) {
	mc := makeClosureIn(fn.Parent(), fn)
	if mc == nil {
		return nil, nil
	}
	for i, f := range fn.FreeVars {
		if f == fv && i < len(mc.Bindings) {
			return fn.Parent(), mc.Bindings[i]
		}
	}
	return nil, nil
}
