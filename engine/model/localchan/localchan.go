// Package localchan finds channels made by a function that no code outside a
// known set sees: the maker, the function literals it starts or calls, and
// (when asked) the package's functions it hands the channel to. For such a
// channel every send, receive and close is known, which is what the blocking
// rules need to prove that a goroutine waits forever.
package localchan

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Chan is a channel made by one function and seen only by known code: every
// value that denotes it, with the function using that value.
type Chan struct {
	Make   *ssa.MakeChan
	Values map[ssa.Value]*ssa.Function // the channel value → the function using it
	Starts []*ssa.Go                   // the goroutine literals started with it
	// Returned: the indexes of the maker's results that return the channel
	// (with Options.Returned).
	Returned []int
	opts     Options
}

// Options widen what counts as known code.
type Options struct {
	// Unbuffered: only `make(chan T)` (capacity 0).
	Unbuffered bool
	// Closures: function literals that are called or deferred (not only
	// started with go) may use it.
	Closures bool
	// HandOffs: the package's functions the channel is passed to as an
	// argument (`go produce(ch)`, `fill(ch)`) may use it, through that
	// parameter.
	HandOffs bool
	// Returned: the maker may return the channel (Chan.Returned says which
	// results); AtCall follows it into a caller.
	Returned bool
}

// In finds fn's channels that do not escape: used only by sends, receives,
// selects, close and `len`/`cap`, directly or through a captured variable
// assigned once, in fn and in the goroutine literals fn starts — plus what
// opts allows (with Returned, fn's own returns) — never stored, returned,
// sent or passed elsewhere (someone else might drain or close it there).
func In(fn *ssa.Function, opts Options) []*Chan {
	var out []*Chan
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			mc, ok := instr.(*ssa.MakeChan)
			if !ok {
				continue
			}
			if c, ok := mc.Size.(*ssa.Const); opts.Unbuffered && (!ok || c.Int64() != 0) {
				continue
			}
			lc := &Chan{Make: mc, Values: map[ssa.Value]*ssa.Function{}, opts: opts}
			if lc.follow(mc, fn, 0) {
				out = append(out, lc)
			}
		}
	}
	return out
}

// follow records v (the channel, in fn) and its uses; false when it escapes.
func (lc *Chan) follow(v ssa.Value, fn *ssa.Function, depth int) bool {
	if depth > 4 {
		return false
	}
	lc.Values[v] = fn
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
		case *ssa.Call, *ssa.Defer, *ssa.Go:
			c := r.(ssa.CallInstruction).Common()
			if !builtinUse(c, v) && !lc.followHandOff(c, v, depth) {
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
		case *ssa.ChangeType:
			// chan T to chan<- T or <-chan T: the same channel.
			if !lc.follow(r, fn, depth+1) {
				return false
			}
		case *ssa.Return:
			if !lc.opts.Returned || fn != lc.Make.Parent() {
				return false
			}
			for i, x := range r.Results {
				if x == v && !slices.Contains(lc.Returned, i) {
					lc.Returned = append(lc.Returned, i)
				}
			}
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// AtCall follows the returned channel into the caller of the maker at call:
// the results that return it, and their uses there, must not escape either
// (nor be handed to a goroutine the caller starts). False when they do; the
// caller's values are then partly recorded and the Chan should be dropped.
func (lc *Chan) AtCall(call *ssa.Call) bool {
	if len(lc.Returned) == 0 {
		return false
	}
	caller := call.Parent()
	starts := len(lc.Starts)
	if call.Call.Signature().Results().Len() == 1 {
		return lc.follow(call, caller, 1) && len(lc.Starts) == starts
	}
	for _, r := range *call.Referrers() {
		ext, ok := r.(*ssa.Extract)
		if !ok || !slices.Contains(lc.Returned, ext.Index) {
			continue
		}
		if !lc.follow(ext, caller, 1) {
			return false
		}
	}
	return len(lc.Starts) == starts
}

// followCell follows the loads of a captured variable holding the channel.
func (lc *Chan) followCell(cell ssa.Value, fn *ssa.Function, depth int) bool {
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

// followHandOff follows the channel passed to a function of the package
// (when the options allow): into the callee, through its parameter.
func (lc *Chan) followHandOff(c *ssa.CallCommon, v ssa.Value, depth int) bool {
	if !lc.opts.HandOffs || c.IsInvoke() {
		return false
	}
	callee := c.StaticCallee()
	if callee == nil || len(callee.Blocks) == 0 || callee.Pkg != lc.Make.Parent().Pkg || len(callee.FreeVars) > 0 {
		return false
	}
	if c.Value == v {
		return false
	}
	for i, a := range c.Args {
		if a != v {
			continue
		}
		if i >= len(callee.Params) || !lc.follow(callee.Params[i], callee, depth+1) {
			return false
		}
	}
	return true
}

// followClosure accepts a closure binding the channel (or its cell) when the
// closure is started as a goroutine right away — or, with Closures, used in
// any other way that only calls it.
func (lc *Chan) followClosure(mc *ssa.MakeClosure, bound ssa.Value, depth int) bool {
	g := goOf(mc)
	if g != nil {
		lc.addStart(g)
	} else if !lc.opts.Closures || !onlyCalled(mc) {
		return false
	}
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

func (lc *Chan) addStart(g *ssa.Go) {
	for _, s := range lc.Starts {
		if s == g {
			return
		}
	}
	lc.Starts = append(lc.Starts, g)
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

// onlyCalled: the closure is called or deferred in place, nothing else.
func onlyCalled(mc *ssa.MakeClosure) bool {
	for _, r := range *mc.Referrers() {
		switch r := r.(type) {
		case *ssa.Call:
			if r.Call.Value != mc {
				return false
			}
		case *ssa.Defer:
			if r.Call.Value != mc {
				return false
			}
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
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

// IsClose: a call (or defer) of close on one of the channel's values.
func (lc *Chan) IsClose(instr ssa.Instruction) bool {
	ci, ok := instr.(ssa.CallInstruction)
	if !ok {
		return false
	}
	c := ci.Common()
	b, ok := c.Value.(*ssa.Builtin)
	if !ok || b.Name() != "close" || len(c.Args) != 1 {
		return false
	}
	_, mine := lc.Values[c.Args[0]]
	return mine
}

// Op is one operation on the channel.
type Op struct {
	Instr ssa.Instruction
	Pos   token.Pos
	Send  bool // a send, or a close (which releases receivers as a send does)
	Close bool
	Plain bool // not a case of a select with other cases or a default
}

func (lc *Chan) OpsIn(fn *ssa.Function) []Op {
	var out []Op
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch in := instr.(type) {
			case *ssa.Send:
				if lc.Values[in.Chan] == fn {
					out = append(out, Op{Instr: in, Pos: in.Pos(), Send: true, Plain: true})
				}
			case *ssa.UnOp:
				if in.Op == token.ARROW && lc.Values[in.X] == fn {
					out = append(out, Op{Instr: in, Pos: in.Pos(), Plain: true})
				}
			case *ssa.Select:
				for _, st := range in.States {
					if lc.Values[st.Chan] == fn {
						out = append(out, Op{Instr: in, Pos: st.Pos, Send: st.Dir == types.SendOnly, Plain: in.Blocking && len(in.States) == 1})
					}
				}
			case *ssa.Call, *ssa.Defer:
				if lc.IsClose(instr) && lc.Values[instr.(ssa.CallInstruction).Common().Args[0]] == fn {
					out = append(out, Op{Instr: instr, Pos: instr.Pos(), Send: true, Close: true, Plain: true})
				}
			}
		}
	}
	return out
}

// Name is the channel's variable name as the source writes it.
func (lc *Chan) Name() string {
	for v := range lc.Values {
		if u, ok := v.(*ssa.UnOp); ok {
			if a, ok := u.X.(*ssa.Alloc); ok && a.Comment != "" {
				return a.Comment
			}
		}
	}
	for _, r := range *lc.Make.Referrers() {
		if d, ok := r.(*ssa.DebugRef); ok {
			if id, ok := d.Expr.(*ast.Ident); ok {
				return id.Name
			}
		}
	}
	return "the channel"
}
