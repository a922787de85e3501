package lockstate

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// mayTouchLocks reports whether fn can change the lock state at all: it
// calls a Mutex/RWMutex method, or calls (as the lock flow resolves calls:
// static callees, closures, method values, sync.OnceFunc, closures kept in
// captured variables) or mentions (a closure or function value it makes or
// passes on) a function that may. When it cannot, its summary is empty and
// walking its paths only proves that: most functions of a package never
// touch a lock, and walking them was most of the lock model's time.
//
// The answer errs towards true: a function met again while its own answer
// is being worked out (recursion) counts as touching locks, so a cycle never
// caches a premature "no".
func (m *model) mayTouchLocks(fn *ssa.Function) bool {
	if r, ok := m.touches[fn]; ok {
		return r
	}
	m.touches[fn] = true
	r := m.scanForLocks(fn)
	m.touches[fn] = r
	return r
}

func (m *model) scanForLocks(fn *ssa.Function) bool {
	var ops []*ssa.Value
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if m.touchesLocks(instr, &ops) {
				return true
			}
		}
	}
	return false
}

// touchesLocks: instr locks or unlocks, or calls or mentions a function that
// may (ops is scratch space for its operands).
func (m *model) touchesLocks(instr ssa.Instruction, ops *[]*ssa.Value) bool {
	if call, ok := instr.(ssa.CallInstruction); ok {
		c := call.Common()
		if kind, _ := lockOp(c); kind != OpNone {
			return true
		}
		if callee, _ := resolveCallee(c); callee != nil && m.calleeMayTouchLocks(callee) {
			return true
		}
	}
	*ops = instr.Operands((*ops)[:0])
	for _, op := range *ops {
		if op == nil {
			continue
		}
		switch v := (*op).(type) {
		case *ssa.Function:
			if m.calleeMayTouchLocks(v) {
				return true
			}
		case *ssa.MakeClosure:
			if g, ok := v.Fn.(*ssa.Function); ok && m.calleeMayTouchLocks(g) {
				return true
			}
		}
	}
	return false
}

// calleeMayTouchLocks answers for a function fn calls or mentions, the way
// summaryFor finds its summary: this package's functions by their bodies,
// others by their exported facts.
func (m *model) calleeMayTouchLocks(g *ssa.Function) bool {
	if len(g.Blocks) == 0 {
		if o := g.Origin(); o != nil && o != g && len(o.Blocks) > 0 && o.Pkg == m.pkg {
			g = o
		}
	}
	if _, _, ok := syncMethod(g); ok {
		return true // a sync method as a value (`(*sync.Mutex).Unlock`)
	}
	if len(g.Blocks) == 0 || (g.Pkg != nil && g.Pkg != m.pkg) {
		if len(g.Blocks) == 0 && g.Synthetic != "" {
			return true // a wrapper whose body is not built: do not guess
		}
		return m.importedMayTouchLocks(g)
	}
	return m.mayTouchLocks(g)
}

// importedMayTouchLocks reads another package's summary fact: any variant
// that does something counts.
func (m *model) importedMayTouchLocks(g *ssa.Function) bool {
	fact, ok := m.importedFact(g)
	if !ok {
		return false
	}
	if !fact.Default.empty() {
		return true
	}
	for _, v := range fact.Variants {
		if !v.Summary.empty() {
			return true
		}
	}
	return false
}

// importedFact is the summary fact another package exported for fn (for an
// instance of a generic function, its origin's).
func (m *model) importedFact(fn *ssa.Function) (*FuncSummary, bool) {
	f := fn
	if o := fn.Origin(); o != nil {
		f = o
	}
	obj, _ := f.Object().(*types.Func)
	if obj == nil || obj.Pkg() == nil || obj.Pkg() == m.pass.Pkg {
		return nil, false
	}
	var fact FuncSummary
	if !m.pass.ImportObjectFact(obj, &fact) {
		return nil, false
	}
	return &fact, true
}
