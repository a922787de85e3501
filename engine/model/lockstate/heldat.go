package lockstate

import (
	"fmt"
	"go/token"
	"sort"

	"golang.org/x/tools/go/ssa"
)

// HeldLock is a lock held when an instruction runs.
type HeldLock struct {
	Key  Key
	Read bool      // held by RLock
	Site token.Pos // where the function acquired it (or the call that handed it over)
}

// HeldSet is what the paths reaching one instruction hold. Must lists the
// locks every path holds for sure (rules that report use these); May adds the
// ones some path holds, or may hold after a merge or a callee that might have
// released them.
type HeldSet struct {
	Must []HeldLock
	May  []HeldLock
	// CallerReleased: locks of the caller (keys rooted at parameters, free
	// variables or package variables) that some path has unlocked by the
	// time instr runs — a caller holding one may not hold it here.
	CallerReleased []Key
}

// tracksHeld: the instructions whose held locks rules ask about — channel
// operations, calls (blocking ones, goroutine starts), and memory accesses
// (races: which lock guards a field or map).
func tracksHeld(instr ssa.Instruction) bool {
	switch in := instr.(type) {
	case *ssa.Send, *ssa.Select, *ssa.Call, *ssa.Go, *ssa.Defer, *ssa.Store, *ssa.MapUpdate, *ssa.Lookup, *ssa.Range:
		return true
	case *ssa.UnOp:
		return in.Op == token.ARROW || in.Op == token.MUL
	}
	return false
}

// heldAcc accumulates the states of the paths visiting one instruction.
type heldAcc struct {
	visits   int
	sure     map[string]int // key ID → visits on which it was held for sure
	locks    map[string]HeldLock
	released map[string]Key
}

func (f *funcFlow) noteHeld(instr ssa.Instruction, s *state) {
	if f.held == nil {
		f.held = map[ssa.Instruction]*heldAcc{}
	}
	acc := f.held[instr]
	if acc == nil {
		acc = &heldAcc{}
		f.held[instr] = acc
	}
	acc.visits++
	for id, k := range s.released {
		if acc.released == nil {
			acc.released = map[string]Key{}
		}
		acc.released[id] = k
	}
	for id, h := range s.held {
		if acc.locks == nil {
			acc.locks, acc.sure = map[string]HeldLock{}, map[string]int{}
		}
		if _, seen := acc.locks[id]; !seen {
			acc.locks[id] = HeldLock{Key: h.key, Read: h.read, Site: h.site}
		}
		if !h.uncertain {
			acc.sure[id]++
		}
	}
}

// heldSets turns the accumulated visits into what rules read.
func (f *funcFlow) heldSets() map[ssa.Instruction]HeldSet {
	out := make(map[ssa.Instruction]HeldSet, len(f.held))
	for instr, acc := range f.held {
		if len(acc.locks) == 0 && len(acc.released) == 0 {
			continue
		}
		var hs HeldSet
		for _, id := range sortedIDs(acc.locks) {
			l := acc.locks[id]
			hs.May = append(hs.May, l)
			if acc.sure[id] == acc.visits {
				hs.Must = append(hs.Must, l)
			}
		}
		for _, id := range sortedIDs(acc.released) {
			hs.CallerReleased = append(hs.CallerReleased, acc.released[id])
		}
		out[instr] = hs
	}
	return out
}

// HeldAt is what is held when instr (of a function of the package under
// analysis) runs, as seen from the function's own entry: a lock its caller
// holds is not in it. ok is false when the instruction was not reached or the
// function was given up on.
func (r *Result) HeldAt(instr ssa.Instruction) (HeldSet, bool) {
	if r.lockFree {
		return HeldSet{}, true
	}
	rep := r.byFunc[instr.Parent()]
	if rep == nil || rep.GaveUp {
		return HeldSet{}, false
	}
	hs, ok := rep.Held[instr]
	if !ok {
		_, reached := rep.reached[instr]
		return HeldSet{}, reached
	}
	return hs, true
}

// Report is the report of one function of the package under analysis.
func (r *Result) Report(fn *ssa.Function) *FuncReport { return r.byFunc[fn] }

// KeyOf names the lock (or any other value reached by an access path: a
// channel, a WaitGroup) that v denotes in fn, refusing what it cannot name
// exactly: an element of a slice or map, a call result, a phi of different
// values.
func KeyOf(fn *ssa.Function, v ssa.Value) (Key, bool) { return keyOf(fn, v) }

// ValueKey names v, a value computed in fn that KeyOf cannot name (a call's
// result: `l := NewLimiter()`), by the value itself: exact within one run
// of fn, meaningless to any other function. Models that match an entry's
// accesses with its starter's use it for what the starter hands over.
func ValueKey(fn *ssa.Function, v ssa.Value) (Key, bool) {
	if k, ok := keyOf(fn, v); ok {
		return k, true
	}
	if in, ok := v.(ssa.Instruction); ok && in.Parent() == fn {
		if _, call := v.(*ssa.Call); call {
			return Key{Root: RootLocal, Local: fmt.Sprintf("%s#value%p", fn.String(), v), Name: v.Name()}, true
		}
	}
	return Key{}, false
}

// ElemKeyOf is KeyOf that also names what is reached through an element of
// a slice, array or map — as one location when the index is provably the
// same, else as the class "some element of s.items" (Key.Exact is false).
func ElemKeyOf(fn *ssa.Function, v ssa.Value) (Key, bool) { return lockKeyOf(fn, v) }

func sortedIDs[V any](m map[string]V) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Substitute turns a key of callee into the caller's at a call with the
// given arguments (and, for a closure, the bindings it was made with): a
// parameter root becomes the argument's key, a free variable the binding's.
// Keys rooted at the callee's locals mean nothing to the caller (ok=false).
func Substitute(k Key, caller *ssa.Function, args, bindings []ssa.Value) (Key, bool) {
	return substitute(k, caller, args, bindings)
}

// Callee is the function a call runs when it can be known exactly: a static
// function, a closure made in place or kept in a variable assigned once, a
// sync.OnceFunc of one; with the closure's bindings.
func Callee(c *ssa.CallCommon) (*ssa.Function, []ssa.Value) { return resolveCallee(c) }

func (f *funcFlow) noteTake(t Take) {
	id := fmt.Sprintf("%d/%s/%v", t.Site, t.Key.ID(), t.Read)
	if f.takeSeen[id] {
		return
	}
	if f.takeSeen == nil {
		f.takeSeen = map[string]bool{}
	}
	f.takeSeen[id] = true
	f.takes = append(f.takes, t)
}

// CallersHold reports whether fn runs under a lock its callers hold: it has
// calls (sites lists them), and each holds a lock (or may) or is in a
// function whose own calls all do, up to three calls up — the "Lock should
// be held on entry" helpers.
func (r *Result) CallersHold(fn *ssa.Function, sites func(*ssa.Function) []ssa.CallInstruction) bool {
	return r.callersHold(fn, sites, 0, map[*ssa.Function]bool{})
}

func (r *Result) callersHold(fn *ssa.Function, sites func(*ssa.Function) []ssa.CallInstruction, depth int, seen map[*ssa.Function]bool) bool {
	calls := sites(fn)
	if depth > 3 || seen[fn] || len(calls) == 0 {
		return false
	}
	seen[fn] = true
	defer delete(seen, fn)
	for _, c := range calls {
		held, ok := r.HeldAt(c)
		if !ok || len(held.May) > 0 {
			continue
		}
		if !r.callersHold(c.Parent(), sites, depth+1, seen) {
			return false
		}
	}
	return true
}
