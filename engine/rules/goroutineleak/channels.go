package goroutineleak

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// localChan is an unbuffered channel made by one function and seen only by
// it and the goroutine literals it starts: every value that denotes it, in
// the maker and in its closures.
type localChan struct {
	make   *ssa.MakeChan
	values map[ssa.Value]*ssa.Function // the channel value → the function using it
	starts []*ssa.Go                   // the goroutines started with it
}

// unbufferedLocals finds fn's `make(chan T)` whose channel does not escape:
// used only by sends, receives, selects, close and `len`/`cap`, directly or
// through a captured variable assigned once, in fn and in the goroutine
// literals fn starts (not in other closures, calls, fields or results —
// someone else may drain it there).
func unbufferedLocals(fn *ssa.Function) []*localChan {
	var out []*localChan
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			mc, ok := instr.(*ssa.MakeChan)
			if !ok {
				continue
			}
			if c, ok := mc.Size.(*ssa.Const); !ok || c.Int64() != 0 {
				continue
			}
			lc := &localChan{make: mc, values: map[ssa.Value]*ssa.Function{}}
			if lc.follow(mc, fn, 0) && len(lc.starts) > 0 {
				out = append(out, lc)
			}
		}
	}
	return out
}

// follow records v (the channel, in fn) and its uses; false when it escapes.
func (lc *localChan) follow(v ssa.Value, fn *ssa.Function, depth int) bool {
	if depth > 4 {
		return false
	}
	lc.values[v] = fn
	for _, r := range *v.Referrers() {
		switch r := r.(type) {
		case *ssa.Send:
			if r.X == v {
				return false // the channel sent as a value
			}
		case *ssa.UnOp:
			if r.Op != token.ARROW {
				return false
			}
		case *ssa.Select:
			for _, st := range r.States {
				if st.Send == v {
					return false
				}
			}
		case *ssa.Call:
			if !builtinUse(r.Common(), v) {
				return false
			}
		case *ssa.Defer:
			if !builtinUse(r.Common(), v) {
				return false
			}
		case *ssa.Store:
			// Captured: the variable's cell, assigned this once.
			cell, ok := r.Addr.(*ssa.Alloc)
			if !ok || r.Val != v || !onlyStore(cell, r) || !lc.followCell(cell, fn, depth) {
				return false
			}
		case *ssa.MakeClosure:
			if !lc.followClosure(r, v, depth) {
				return false
			}
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// followCell follows the loads of a captured variable holding the channel.
func (lc *localChan) followCell(cell ssa.Value, fn *ssa.Function, depth int) bool {
	for _, r := range *cell.Referrers() {
		switch r := r.(type) {
		case *ssa.UnOp:
			if r.Op != token.MUL || !lc.follow(r, fn, depth+1) {
				return false
			}
		case *ssa.Store:
			// the one assignment, checked by the caller
		case *ssa.MakeClosure:
			if !lc.followClosure(r, cell, depth) {
				return false
			}
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// followClosure accepts a closure binding the channel (or its cell) only when
// the closure is started as a goroutine right away.
func (lc *localChan) followClosure(mc *ssa.MakeClosure, bound ssa.Value, depth int) bool {
	g := goOf(mc)
	if g == nil {
		return false
	}
	lc.addStart(g)
	callee := mc.Fn.(*ssa.Function)
	for i, b := range mc.Bindings {
		if b != bound || i >= len(callee.FreeVars) {
			continue
		}
		fv := callee.FreeVars[i]
		if _, isCell := types.Unalias(bound.Type()).(*types.Pointer); isCell {
			if !lc.followCell(fv, callee, depth+1) {
				return false
			}
		} else if !lc.follow(fv, callee, depth+1) {
			return false
		}
	}
	return true
}

func (lc *localChan) addStart(g *ssa.Go) {
	for _, s := range lc.starts {
		if s == g {
			return
		}
	}
	lc.starts = append(lc.starts, g)
}

// goOf is the go statement that starts the closure, if that is its only use.
func goOf(mc *ssa.MakeClosure) *ssa.Go {
	refs := *mc.Referrers()
	var g *ssa.Go
	for _, r := range refs {
		switch r := r.(type) {
		case *ssa.Go:
			if r.Call.Value != mc || g != nil {
				return nil
			}
			g = r
		case *ssa.DebugRef:
		default:
			return nil
		}
	}
	return g
}

func onlyStore(cell *ssa.Alloc, store *ssa.Store) bool {
	for _, r := range *cell.Referrers() {
		if s, ok := r.(*ssa.Store); ok && s != store {
			return false
		}
	}
	return true
}

// builtinUse: close(ch), len(ch), cap(ch).
func builtinUse(c *ssa.CallCommon, v ssa.Value) bool {
	b, ok := c.Value.(*ssa.Builtin)
	if !ok {
		return false
	}
	switch b.Name() {
	case "close", "len", "cap":
		return true
	}
	return false
}

// isClose: a call (or defer) of close on one of the channel's values.
func (lc *localChan) isClose(instr ssa.Instruction) bool {
	ci, ok := instr.(ssa.CallInstruction)
	if !ok {
		return false
	}
	c := ci.Common()
	b, ok := c.Value.(*ssa.Builtin)
	if !ok || b.Name() != "close" || len(c.Args) != 1 {
		return false
	}
	_, mine := lc.values[c.Args[0]]
	return mine
}
