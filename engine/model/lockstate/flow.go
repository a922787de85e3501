package lockstate

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// maxVisits bounds the work on one function (block visits over all states);
// past it the function is given up: no reports, an empty summary.
const maxVisits = 20000

type exitState struct {
	panic  bool
	pos    token.Pos
	held   map[string]heldLock
	rel    map[string]Key
	seen   map[token.Pos]bool
	consts []string // the constant results returned, "" where not constant
}

type dlKey struct {
	site token.Pos
	key  string
}

type dlVisit struct {
	d          *DoubleLock
	held, free int
}

type edgeKey struct {
	site     token.Pos
	from, to string
}

// funcFlow runs the lock-state analysis over one function, for one binding of
// its boolean parameters.
type funcFlow struct {
	m           *model
	fn          *ssa.Function
	bind        map[int]bool
	report      bool
	recordEdges bool // an unbound summary run: its lock-order edges feed the package fact
	inDefers    bool

	acqs    map[token.Pos]*Acquisition
	dl      map[dlKey]*dlVisit
	dlOrder []dlKey
	edges   map[edgeKey]*Edge
	eOrder  []edgeKey
	exits   []exitState
	sumAcq  map[string]Acquire
	sumSite map[string]token.Pos
	sumOrd  []string
	gaveUp  bool
	visits  int
	// entryReleased: keys some path unlocks without having locked them — the
	// function runs with the caller holding them ("lock held on entry").
	entryReleased map[string]bool
	held          map[ssa.Instruction]*heldAcc // report runs: the states reaching tracked instructions
	takes         []Take
	takeSeen      map[string]bool
	factUses      map[string]int // factUsed's counts, computed on first use
}

func newFlow(m *model, fn *ssa.Function, bind map[int]bool, report bool) *funcFlow {
	return &funcFlow{m: m, fn: fn, bind: bind, report: report,
		acqs: map[token.Pos]*Acquisition{}, dl: map[dlKey]*dlVisit{}, edges: map[edgeKey]*Edge{},
		sumAcq: map[string]Acquire{}, sumSite: map[string]token.Pos{}, entryReleased: map[string]bool{}}
}

type workItem struct {
	b    *ssa.BasicBlock
	s    *state
	from *ssa.BasicBlock // the predecessor the path came from (nil at entry)
}

func (f *funcFlow) run() {
	if len(f.fn.Blocks) == 0 {
		return
	}
	blocks := map[*ssa.BasicBlock]*blockStates{}
	work := []workItem{{f.fn.Blocks[0], newState(), nil}}
	for len(work) > 0 {
		it := work[0]
		work = work[1:]
		f.visits++
		if f.visits > maxVisits {
			f.gaveUp = true
			return
		}
		bs := blocks[it.b]
		if bs == nil {
			bs = &blockStates{sigs: map[signature]bool{}}
			blocks[it.b] = bs
		}
		s := bs.admit(it.s)
		if s == nil {
			continue
		}
		work = append(work, f.block(it.b, it.from, s)...)
	}
}

// takesElement: the instruction takes an element out of a slice, array or map
// (see elemStep); running it again takes another.
func takesElement(instr ssa.Instruction) bool {
	switch instr.(type) {
	case *ssa.IndexAddr, *ssa.Index, *ssa.Lookup, *ssa.Next:
		return true
	}
	return false
}

// forgetElement turns the held locks named by the element v took on an
// earlier run into the class "some element": v is about to take another.
func forgetElement(s *state, v ssa.Value) {
	marker := elemMarker(v)
	for id, h := range s.held {
		if !strings.Contains(id, marker) {
			continue
		}
		delete(s.held, id)
		h.key = h.key.forgetElement(v)
		if _, ok := s.held[h.key.ID()]; !ok {
			s.held[h.key.ID()] = h
		}
	}
}

func (f *funcFlow) block(b *ssa.BasicBlock, from *ssa.BasicBlock, s *state) []workItem {
	f.phiFacts(b, from, s)
	for _, instr := range b.Instrs {
		if _, isPhi := instr.(*ssa.Phi); isPhi {
			continue // phiFacts gave it the value of the edge taken
		}
		// A value defined again (a loop's next iteration) is a new value: forget what the path knew of it.
		if v, ok := instr.(ssa.Value); ok && len(s.facts) > 0 {
			delete(s.facts, f.valueFact(v))
		}
		if f.report && tracksHeld(instr) {
			f.noteHeld(instr, s)
		}
		if takesElement(instr) && len(s.held) > 0 {
			forgetElement(s, instr.(ssa.Value))
		}
		switch in := instr.(type) {
		case *ssa.Store:
			if k, ok := f.m.accessKey(f.fn, in.Addr); ok && len(s.facts) > 0 {
				delete(s.facts, "m:"+k.ID())
			}
		case *ssa.Call:
			if !f.call(in.Common(), in, s) {
				return nil
			}
		case *ssa.Defer:
			present := false
			for _, d := range s.defers {
				present = present || d == in
			}
			if !present {
				s.defers = append(s.defers, in)
			}
		case *ssa.RunDefers:
			f.runDefers(s)
		case *ssa.Go:
			f.goStmt(in.Common(), s)
		case *ssa.Return:
			f.exit(s, f.returnPos(in), in.Results, false)
			return nil
		case *ssa.Panic:
			if !in.Pos().IsValid() {
				// SSA's own panic on an impossible branch (a blocking select
				// that matched no case): not a path the program takes.
				return nil
			}
			f.runDefers(s)
			f.exit(s, in.Pos(), nil, true)
			return nil
		}
	}
	if len(b.Instrs) == 0 {
		return nil
	}
	if iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok && len(b.Succs) == 2 {
		if v, known := f.evalBool(iff.Cond); known {
			if v {
				return []workItem{{b.Succs[0], s, b}}
			}
			return []workItem{{b.Succs[1], s, b}}
		}
		fact, negated := f.condFact(iff.Cond)
		if fact != "" {
			if v, known := s.facts[fact]; known {
				if v != negated {
					return []workItem{{b.Succs[0], s, b}}
				}
				return []workItem{{b.Succs[1], s, b}}
			}
		}
		t, e := s, s.clone()
		if fact != "" && f.factUsed(fact) {
			t.facts[fact] = !negated
			e.facts[fact] = negated
		}
		if tl, negated, ok := tryOf(iff.Cond, s); ok {
			target := t
			if negated {
				target = e
			}
			f.acquire(target, tl.key, tl.read, tl.site, "")
		}
		return []workItem{{b.Succs[0], t, b}, {b.Succs[1], e, b}}
	}
	var out []workItem
	for i, succ := range b.Succs {
		if i == 0 {
			out = append(out, workItem{succ, s, b})
		} else {
			out = append(out, workItem{succ, s.clone(), b})
		}
	}
	return out
}

// phiFacts gives each boolean phi of the block what the path knows of the
// value on the edge it came in by: `for done := false; !done; { … if !done
// { mu.Unlock() } }` then knows, at the loop test, which branch it took.
func (f *funcFlow) phiFacts(b, from *ssa.BasicBlock, s *state) {
	pred := -1
	for i, p := range b.Preds {
		if p == from {
			pred = i
		}
	}
	type known struct {
		key string
		val bool
	}
	var next []known
	var phis []*ssa.Phi
	for _, instr := range b.Instrs {
		phi, ok := instr.(*ssa.Phi)
		if !ok {
			break
		}
		phis = append(phis, phi)
		if pred < 0 || pred >= len(phi.Edges) {
			continue
		}
		e := phi.Edges[pred]
		if v, ok := f.evalBool(e); ok {
			next = append(next, known{f.valueFact(phi), v})
			continue
		}
		if key, neg := f.condFact(e); key != "" {
			if v, ok := s.facts[key]; ok {
				next = append(next, known{f.valueFact(phi), v != neg})
			}
		}
	}
	for _, phi := range phis {
		delete(s.facts, f.valueFact(phi))
	}
	for _, k := range next {
		s.facts[k.key] = k.val
	}
}

// returnPos is where a return is written, or the closing brace of a
// function that falls off its end.
func (f *funcFlow) returnPos(r *ssa.Return) token.Pos {
	if r.Pos().IsValid() {
		return r.Pos()
	}
	switch syn := f.fn.Syntax().(type) {
	case *ast.FuncDecl:
		if syn.Body != nil {
			return syn.Body.Rbrace
		}
	case *ast.FuncLit:
		return syn.Body.Rbrace
	}
	return r.Pos()
}

// valueFact names a branch condition value for the path's facts. Names are
// numbered per package, not per function, because a state may reach another
// function's flow; formatting the pointer instead, on every branch, was a
// measurable share of the lock model's time.
func (f *funcFlow) valueFact(v ssa.Value) string {
	m := f.m
	if name, ok := m.factNames[v]; ok {
		return name
	}
	if m.factNames == nil {
		m.factNames = map[ssa.Value]string{}
	}
	name := "v:" + strconv.Itoa(len(m.factNames))
	m.factNames[v] = name
	return name
}

// condFact names a branch condition for the path's facts: the value itself,
// or the field/variable it loads; negated when the condition is !x.
func (f *funcFlow) condFact(cond ssa.Value) (string, bool) {
	negated := false
	for {
		u, ok := cond.(*ssa.UnOp)
		if !ok || u.Op != token.NOT {
			break
		}
		negated = !negated
		cond = u.X
	}
	if u, ok := cond.(*ssa.UnOp); ok && u.Op == token.MUL {
		if k, ok := f.m.accessKey(f.fn, u.X); ok {
			return "m:" + k.ID(), negated
		}
	}
	if _, ok := cond.(*ssa.Const); ok {
		return "", false
	}
	return f.valueFact(cond), negated
}

func tryOf(cond ssa.Value, s *state) (tryLock, bool, bool) {
	if tl, ok := s.try[cond]; ok {
		return tl, false, true
	}
	if u, ok := cond.(*ssa.UnOp); ok && u.Op == token.NOT {
		if tl, ok := s.try[u.X]; ok {
			return tl, true, true
		}
	}
	return tryLock{}, false, false
}

func (f *funcFlow) evalBool(v ssa.Value) (bool, bool) {
	switch v := v.(type) {
	case *ssa.Const:
		if v.Value != nil && v.Value.Kind() == constant.Bool {
			return constant.BoolVal(v.Value), true
		}
	case *ssa.Parameter:
		for i, p := range f.fn.Params {
			if p == v {
				b, ok := f.bind[i]
				return b, ok
			}
		}
	case *ssa.UnOp:
		if v.Op == token.NOT {
			b, ok := f.evalBool(v.X)
			return !b, ok
		}
	}
	return false, false
}

// call applies a call's effect on the locks; false when the path ends there.
func (f *funcFlow) call(c *ssa.CallCommon, instr ssa.Value, s *state) bool {
	if noReturn(c) {
		return false
	}
	kind, recv := lockOp(c)
	if kind != OpNone {
		key, ok := f.m.lockKey(f.fn, recv)
		if !ok {
			return true
		}
		switch kind {
		case OpTryLock, OpTryRLock:
			if instr != nil {
				s.try[instr] = tryLock{key: key, read: kind.read(), site: c.Pos()}
			}
		case OpLock, OpRLock:
			f.acquire(s, key, kind.read(), c.Pos(), "")
		case OpUnlock, OpRUnlock:
			f.release(s, key, c.Pos())
		}
		return true
	}
	// A range-over-func loop body is a synthetic yield closure the iterator
	// calls synchronously: play its effects where the loop runs.
	for _, a := range c.Args {
		if mc, ok := a.(*ssa.MakeClosure); ok {
			if body, ok := mc.Fn.(*ssa.Function); ok && body.Synthetic == "range-over-func yield" {
				if sum := f.m.summaryFor(body, nil); sum != nil {
					f.apply(s, sum, &ssa.CallCommon{Value: mc, Args: nil}, mc.Bindings)
				}
			}
		}
	}
	callee, bindings := resolveCallee(c)
	if callee == nil {
		return true
	}
	sum := f.m.summaryFor(callee, f.bindingsAt(callee, c))
	if sum == nil {
		return true
	}
	f.apply(s, sum, c, bindings)
	return true
}

// resolveCallee finds the function a call runs and the values, in the
// calling function, its free variables are bound to: a static function, a
// closure, a method value (bound-method wrapper), the function given to
// sync.OnceFunc, or a closure kept in a variable that other closures also
// capture (rollback := func() { mu.Unlock() } called from a sibling closure).
func resolveCallee(c *ssa.CallCommon) (*ssa.Function, []ssa.Value) {
	if c.IsInvoke() {
		return nil, nil
	}
	return resolveFuncValue(c.Value, 0)
}

func resolveFuncValue(v ssa.Value, depth int) (*ssa.Function, []ssa.Value) {
	if depth > 3 {
		return nil, nil
	}
	switch v := v.(type) {
	case *ssa.Function:
		return v, nil
	case *ssa.MakeClosure:
		if fn, ok := v.Fn.(*ssa.Function); ok {
			return fn, v.Bindings
		}
	case *ssa.Call:
		if cal := v.Common().StaticCallee(); cal != nil && isSyncFunc(cal, "OnceFunc") && len(v.Common().Args) == 1 {
			return resolveFuncValue(v.Common().Args[0], depth+1)
		}
	case *ssa.UnOp:
		if v.Op == token.MUL {
			return closureInCell(v.X, depth)
		}
	}
	return nil, nil
}

// closureInCell resolves a load of a captured variable that is assigned one
// closure only. For a cell reached as a free variable, the closure's own
// bindings (values of the enclosing function) are translated into this
// function's free variables; what cannot be translated is refused.
func closureInCell(addr ssa.Value, depth int) (*ssa.Function, []ssa.Value) {
	switch a := addr.(type) {
	case *ssa.Alloc:
		mc := onlyStoredClosure(a)
		if mc == nil {
			return nil, nil
		}
		return resolveFuncValue(mc, depth+1)
	case *ssa.FreeVar:
		fn := a.Parent()
		idx := -1
		for i, fv := range fn.FreeVars {
			if fv == a {
				idx = i
			}
		}
		own := makeClosureOf(fn)
		if own == nil || idx < 0 || idx >= len(own.Bindings) {
			return nil, nil
		}
		cell, ok := own.Bindings[idx].(*ssa.Alloc)
		if !ok {
			return nil, nil
		}
		mc := onlyStoredClosure(cell)
		if mc == nil {
			return nil, nil
		}
		target, ok := mc.Fn.(*ssa.Function)
		if !ok {
			return nil, nil
		}
		// The target's free variables are cells of the enclosing function
		// (named as such, see keyOf); they need no translation.
		return target, nil
	}
	return nil, nil
}

func onlyStoredClosure(cell *ssa.Alloc) *ssa.MakeClosure {
	var mc *ssa.MakeClosure
	for _, r := range *cell.Referrers() {
		st, ok := r.(*ssa.Store)
		if !ok || st.Addr != cell {
			continue
		}
		m, ok := st.Val.(*ssa.MakeClosure)
		if !ok || (mc != nil && mc != m) {
			return nil
		}
		mc = m
	}
	return mc
}

// bindingsAt binds the callee's boolean flag parameters that the call
// passes as constants, or as this function's own parameters bound to one
// (canImport → pubAllowedFullCheck(s, false, true) → pubAllowedWithResp(…,
// hasLock) keeps hasLock known all the way down).
func (f *funcFlow) bindingsAt(callee *ssa.Function, c *ssa.CallCommon) map[int]bool {
	var bind map[int]bool
	for i, a := range c.Args {
		if i >= len(callee.Params) {
			break
		}
		v, known := false, false
		switch a := a.(type) {
		case *ssa.Const:
			if a.Value != nil && a.Value.Kind() == constant.Bool {
				v, known = constant.BoolVal(a.Value), true
			}
		case *ssa.Parameter:
			v, known = f.evalBool(a)
		}
		if !known || !f.m.lockFlag(callee, i) {
			continue
		}
		if bind == nil {
			bind = map[int]bool{}
		}
		bind[i] = v
	}
	return bind
}

func (f *funcFlow) acquire(s *state, key Key, read bool, site token.Pos, via string) {
	f.checkAcquire(s, key, read, site, via, nil, true)
	id := key.ID()
	h, ok := s.held[id]
	if ok && !key.someElement() {
		h.count = 2
	} else if !ok {
		h = heldLock{key: key, read: read, count: 1, site: site}
	}
	s.held[id] = h
	s.seen[site] = true
	if f.report {
		a := f.acqs[site]
		if a == nil {
			a = &Acquisition{Site: site, Key: key, Read: read, Via: via}
			f.acqs[site] = a
		}
		if _, rel := s.released[id]; rel {
			// The caller's lock, taken back after this function let go of it:
			// holding it at return is the contract, not a leak.
			a.Reacquires = true
		}
	}
}

// checkAcquire records what acquiring key here means given what the path
// holds: a double lock, lock-order edges, and the summary's acquisition.
func (f *funcFlow) checkAcquire(s *state, key Key, read bool, site token.Pos, via string, releasedBefore map[string]Key, direct bool) {
	id := key.ID()
	if f.report || f.recordEdges {
		f.recordOrder(s, key, read, site, via, releasedBefore, id)
	}
	if f.report {
		f.noteTake(Take{Site: site, Key: key, Read: read, Via: via})
	}
	if f.report {
		h, held := s.held[id]
		if _, rel := releasedBefore[id]; held && rel {
			held = false
		}
		if key.someElement() {
			// "Some element of s.items" again: another element, as a rule.
			held = false
		}
		if held && h.site == site && via == "" {
			// The same Lock again: the lock was carried into the next iteration.
			if a := f.acqs[site]; a != nil {
				a.HeldIntoNextIteration = true
			}
		} else {
			k := dlKey{site, id}
			v := f.dl[k]
			if v == nil {
				v = &dlVisit{}
				f.dl[k] = v
				f.dlOrder = append(f.dlOrder, k)
			}
			if held && !h.uncertain {
				v.held++
				if v.d == nil {
					v.d = &DoubleLock{Site: site, Key: key, Read: read, Prev: h.site, PrevRead: h.read, Via: via, CalleeMust: direct}
				}
			} else {
				v.free++
			}
		}
	}
	if f.visibleToCallers(key) {
		// Released before this acquisition, in this function's entry terms: by
		// this path, or by the callee before it acquired (then only if the
		// caller's path does not hold it again — a callee releasing what this
		// function itself took is not the caller's release).
		var rb []Key
		seenRB := map[string]bool{}
		for id, k := range s.released {
			rb = append(rb, k)
			seenRB[id] = true
		}
		for id, k := range releasedBefore {
			if _, heldHere := s.held[id]; !heldHere && !seenRB[id] && f.visibleToCallers(k) {
				rb = append(rb, k)
				seenRB[id] = true
			}
		}
		sort.Slice(rb, func(i, j int) bool { return rb[i].ID() < rb[j].ID() })
		sig := id
		if read {
			sig += "/r"
		}
		for _, k := range rb {
			sig += "|" + k.ID()
		}
		if _, ok := f.sumAcq[sig]; !ok {
			f.sumAcq[sig] = Acquire{Key: key, Read: read, Must: direct, ReleasedBefore: rb}
			f.sumSite[sig] = site
			f.sumOrd = append(f.sumOrd, sig)
		}
	}
}

// visibleToCallers: a key a caller can hold or be told about. The function's
// own locals (captured by its closures or not) are objects it made: another
// goroutine cannot be holding them when it is called.
func (f *funcFlow) visibleToCallers(k Key) bool {
	switch k.Root {
	case RootLocal:
		return false
	case RootCell:
		return !strings.HasPrefix(k.Local, f.fn.String()+"#")
	}
	return true
}

// recordOrder notes the lock-order edges of acquiring key while the path
// holds other lock classes.
func (f *funcFlow) recordOrder(s *state, key Key, read bool, site token.Pos, via string, releasedBefore map[string]Key, id string) {
	to := key.Class()
	if to != "" {
		for hid, h := range s.held {
			if _, rel := releasedBefore[hid]; h.uncertain || hid == id || rel {
				continue
			}
			from := h.key.Class()
			if from == "" || from == to {
				continue
			}
			var gates []string
			for gid, g := range s.held {
				if _, rel := releasedBefore[gid]; gid != hid && gid != id && !g.uncertain && !g.read && g.key.Class() != "" && !rel {
					gates = append(gates, g.key.Class())
				}
			}
			ek := edgeKey{site, from, to}
			e := f.edges[ek]
			if e == nil {
				e = &Edge{From: from, To: to, FromKey: h.key, ToKey: key, FromRead: h.read, ToRead: read,
					Site: site, HeldSite: h.site, Via: via, Fn: f.fn, Gates: gates}
				f.edges[ek] = e
				f.eOrder = append(f.eOrder, ek)
			} else {
				e.Gates = intersect(e.Gates, gates)
			}
		}
	}
}

func intersect(a, b []string) []string {
	var out []string
	for _, x := range a {
		for _, y := range b {
			if x == y {
				out = append(out, x)
				break
			}
		}
	}
	return out
}

func (f *funcFlow) release(s *state, key Key, site token.Pos) {
	id := key.ID()
	h, ok := s.held[id]
	if !ok {
		if key.Root != RootLocal {
			s.released[id] = key
			f.entryReleased[id] = true
		}
		return
	}
	if f.report {
		if a := f.acqs[h.site]; a != nil {
			a.addRelease(site, f.inDefers)
		}
	}
	if h.count > 1 {
		h.count = 1
		s.held[id] = h
		return
	}
	delete(s.held, id)
}

// apply plays a callee's summary at a synchronous call.
func (f *funcFlow) apply(s *state, sum *Summary, c *ssa.CallCommon, bindings []ssa.Value) {
	sub := func(k Key) (Key, bool) { return substituteWith(f.m.lockKey, k, f.fn, c.Args, bindings) }
	via := calleeName(c)
	for _, a := range sum.Acquires {
		k, ok := sub(a.Key)
		if !ok {
			continue
		}
		rb := map[string]Key{}
		for _, r := range a.ReleasedBefore {
			if rk, ok := sub(r); ok {
				rb[rk.ID()] = rk
			}
		}
		f.checkAcquire(s, k, a.Read, c.Pos(), via, rb, a.Must)
	}
	for _, r := range sum.NetReleased {
		if k, ok := sub(r); ok {
			f.release(s, k, c.Pos())
		}
	}
	for _, r := range sum.MaybeReleased {
		if k, ok := sub(r); ok {
			if h, held := s.held[k.ID()]; held {
				h.uncertain = true
				s.held[k.ID()] = h
			}
		}
	}
	for _, h := range sum.NetAcquired {
		k, ok := sub(h.Key)
		if !ok {
			continue
		}
		id := k.ID()
		cur, held := s.held[id]
		switch {
		case held && !k.someElement():
			cur.count = 2
		case !held:
			cur = heldLock{key: k, read: h.Read, count: 1, site: c.Pos()}
		}
		s.held[id] = cur
		s.seen[c.Pos()] = true
		if f.report && f.acqs[c.Pos()] == nil {
			f.acqs[c.Pos()] = &Acquisition{Site: c.Pos(), Key: k, Read: h.Read, Via: via}
		}
	}
}

// goStmt: a goroutine's locks are its own, except that one started to release
// a lock the starter holds (and joined) hands that lock back.
func (f *funcFlow) goStmt(c *ssa.CallCommon, s *state) {
	callee, bindings := resolveCallee(c)
	if callee == nil {
		return
	}
	sum := f.m.summaryFor(callee, nil)
	if sum == nil {
		return
	}
	for _, r := range sum.NetReleased {
		if k, ok := substituteWith(f.m.lockKey, r, f.fn, c.Args, bindings); ok {
			if _, held := s.held[k.ID()]; held {
				f.release(s, k, c.Pos())
			}
		}
	}
}

func (f *funcFlow) runDefers(s *state) {
	if len(s.defers) == 0 {
		return
	}
	f.inDefers = true
	defers := s.defers
	s.defers = nil
	for i := len(defers) - 1; i >= 0; i-- {
		f.call(defers[i].Common(), nil, s)
	}
	f.inDefers = false
}

func (f *funcFlow) exit(s *state, pos token.Pos, results []ssa.Value, panicked bool) {
	e := exitState{panic: panicked, pos: pos, held: s.held, rel: s.released, seen: s.seen}
	for _, r := range results {
		if k, ok := resultConst(r); ok {
			e.consts = append(e.consts, k.String())
		} else {
			e.consts = append(e.consts, "")
		}
	}
	f.exits = append(f.exits, e)
	if !f.report {
		return
	}
	for site := range s.seen {
		a := f.acqs[site]
		if a == nil {
			continue
		}
		h, stillHeld := s.held[a.Key.ID()]
		stillHeld = stillHeld && h.site == site
		switch {
		case stillHeld && h.uncertain:
			a.Uncertain = true
		case stillHeld && panicked:
			a.HeldAtPanics = append(a.HeldAtPanics, pos)
		case stillHeld:
			a.HeldAtReturns = append(a.HeldAtReturns, Exit{Pos: pos, Consts: e.consts})
		case !panicked:
			a.ReleasedAtReturns = append(a.ReleasedAtReturns, Exit{Pos: pos, Consts: e.consts})
		}
	}
}

// resultConst sees through the result slots SSA uses in functions with
// defers (`*res = nil; rundefers; t = *res; return t`): the last store to the
// slot before the load, in the same block.
func resultConst(v ssa.Value) (*ssa.Const, bool) {
	if k, ok := v.(*ssa.Const); ok {
		return k, true
	}
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil, false
	}
	slot, ok := load.X.(*ssa.Alloc)
	if !ok || load.Block() == nil {
		return nil, false
	}
	var last *ssa.Store
	for _, in := range load.Block().Instrs {
		if in == load {
			break
		}
		if st, ok := in.(*ssa.Store); ok && st.Addr == slot {
			last = st
		}
	}
	if last == nil {
		return nil, false
	}
	k, ok := last.Val.(*ssa.Const)
	return k, ok
}

// summary condenses the exits into what callers see.
func (f *funcFlow) summary() *Summary {
	sum := &Summary{}
	if f.gaveUp {
		return sum
	}
	for _, sig := range f.sumOrd {
		a := f.sumAcq[sig]
		a.Must = a.Must && f.dominatesExits(f.sumSite[sig])
		sum.Acquires = append(sum.Acquires, a)
	}
	type effect struct {
		key  Key
		read bool
		net  int // +1 acquired, -1 released, 0 unchanged
	}
	var normal []exitState
	for _, e := range f.exits {
		if !e.panic {
			normal = append(normal, e)
		}
	}
	if len(normal) == 0 {
		return sum
	}
	perExit := make([]map[string]effect, len(normal))
	all := map[string]Key{}
	for i, e := range normal {
		m := map[string]effect{}
		for id, h := range e.held {
			if !f.visibleToCallers(h.key) {
				continue
			}
			all[id] = h.key
			if h.uncertain {
				m[id] = effect{key: h.key, read: h.read, net: 2}
				continue
			}
			if _, rel := e.rel[id]; rel {
				m[id] = effect{key: h.key, net: 0}
			} else {
				m[id] = effect{key: h.key, read: h.read, net: +1}
			}
		}
		for id, k := range e.rel {
			all[id] = k
			if _, ok := m[id]; !ok {
				m[id] = effect{key: k, net: -1}
			}
		}
		perExit[i] = m
	}
	ids := make([]string, 0, len(all))
	for id := range all {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		first, ok0 := perExit[0][id]
		same := ok0 && first.net != 2
		for _, m := range perExit[1:] {
			e, ok := m[id]
			if !ok || e.net != first.net || e.read != first.read {
				same = false
			}
		}
		switch {
		case same && first.net == +1:
			sum.NetAcquired = append(sum.NetAcquired, Held{Key: first.key, Read: first.read})
		case same && first.net == -1:
			sum.NetReleased = append(sum.NetReleased, first.key)
		case same:
		default:
			sum.MaybeReleased = append(sum.MaybeReleased, all[id])
		}
	}
	return sum
}

// results turns the recorded events into the report rules read.
func (f *funcFlow) results() *FuncReport {
	r := &FuncReport{Fn: f.fn, GaveUp: f.gaveUp}
	if f.gaveUp {
		return r
	}
	r.Held = f.heldSets()
	r.Takes = f.takes
	r.reached = make(map[ssa.Instruction]struct{}, len(f.held))
	for instr := range f.held {
		r.reached[instr] = struct{}{}
	}
	for _, a := range f.acqs {
		if f.entryReleased[a.Key.ID()] {
			a.Reacquires = true // the caller's lock, let go of and taken back
		}
		a.Must = f.dominatesExits(a.Site)
		a.InLoop = f.inLoop(a.Site)
		r.Acquisitions = append(r.Acquisitions, a)
	}
	sort.Slice(r.Acquisitions, func(i, j int) bool { return r.Acquisitions[i].Site < r.Acquisitions[j].Site })
	for _, k := range f.dlOrder {
		v := f.dl[k]
		if v.d == nil {
			continue
		}
		v.d.Must = v.free == 0
		r.DoubleLocks = append(r.DoubleLocks, v.d)
	}
	for _, k := range f.eOrder {
		r.Edges = append(r.Edges, f.edges[k])
	}
	return r
}

// inLoop: can the block holding the call at site reach itself?
func (f *funcFlow) inLoop(site token.Pos) bool {
	at := f.blockOf(site)
	if at == nil {
		return false
	}
	seen := map[*ssa.BasicBlock]bool{}
	stack := append([]*ssa.BasicBlock(nil), at.Succs...)
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b == at {
			return true
		}
		if seen[b] {
			continue
		}
		seen[b] = true
		stack = append(stack, b.Succs...)
	}
	return false
}

func (f *funcFlow) blockOf(site token.Pos) *ssa.BasicBlock {
	for _, b := range f.fn.Blocks {
		for _, in := range b.Instrs {
			if c, ok := in.(ssa.CallInstruction); ok && c.Common().Pos() == site {
				return b
			}
		}
	}
	return nil
}

// dominatesExits: is the block holding the call at site on every path to a return?
func (f *funcFlow) dominatesExits(site token.Pos) bool {
	at := f.blockOf(site)
	if at == nil {
		return false
	}
	for _, b := range f.fn.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && !at.Dominates(b) {
			return false
		}
	}
	return true
}

func calleeName(c *ssa.CallCommon) string {
	callee, _ := resolveCallee(c)
	if callee == nil {
		return "the callee"
	}
	if obj, ok := callee.Object().(*types.Func); ok && callee.Parent() == nil {
		return obj.Name()
	}
	return callee.Name()
}
