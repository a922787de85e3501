// Package waitgroupmisuse reports a sync.WaitGroup that stops counting what
// it should: Add inside the goroutine it counts, Add after a goroutine of the
// same function started Wait, a goroutine with a path to a return that skips
// its Done, a Wait that no Done can ever release, and Done inside a function
// run by WaitGroup.Go. The WaitGroup is recognised by type and followed as a
// variable, parameter, captured variable or struct field from the function
// that starts a goroutine into the goroutine (model/goroutines); paths are
// those of the SSA control-flow graph.
package waitgroupmisuse

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/goroutines"
	"github.com/goconc/goconc/engine/model/ssabuild"
	"github.com/goconc/goconc/engine/model/ssaflow"
	"github.com/goconc/goconc/engine/model/syncops"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

var Analyzer = &analysis.Analyzer{
	Name: "waitgroup_misuse",
	Doc: `a sync.WaitGroup that does not count what it waits for

Reported: wg.Add inside the goroutine it counts (Wait can run first and
return early); wg.Add (or wg.Go) after the same function started a goroutine
that calls wg.Wait (Wait may already have returned) unless that function
holds a count of its own until then; a goroutine with a path from its start
to a return that runs no wg.Done and has no deferred Done (Wait never
returns); wg.Wait on a local WaitGroup that nothing can call Done on (an
error when an Add runs on every path to the Wait); wg.Wait inside the loop that starts
the goroutines calling Done while their Add is made once before the loop;
Done inside a function run by wg.Go, which calls Done itself (the counter goes negative: a panic). A
WaitGroup passed by value is lock-copied's. Quick fixes: move a leading Add
before the go statement; a trailing Done becomes defer wg.Done() when that
keeps every other effect in place.`,
	Requires: []*analysis.Analyzer{ssabuild.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Warning, Category: "goroutines", Checklist: "goroutines-bounded"}

// op is a call of a sync.WaitGroup method, made or deferred.
type op struct {
	syncops.Method
	instr    ssa.CallInstruction
	block    *ssa.BasicBlock
	index    int
	deferred bool
}

func opsOf(fn *ssa.Function) []op {
	var out []op
	for _, b := range fn.Blocks {
		for i, instr := range b.Instrs {
			ci, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			if _, isGo := ci.(*ssa.Go); isGo {
				continue
			}
			if m, ok := syncops.MethodOf(ci.Common()); ok && m.Kind == syncops.WaitGroup {
				_, d := ci.(*ssa.Defer)
				out = append(out, op{Method: m, instr: ci, block: b, index: i, deferred: d})
			}
		}
	}
	return out
}

type checker struct {
	pass     *analysis.Pass
	res      *ssabuild.Result
	ops      map[*ssa.Function][]op
	reported map[token.Pos]bool
}

func (c *checker) opsOf(fn *ssa.Function) []op {
	if o, ok := c.ops[fn]; ok {
		return o
	}
	o := opsOf(fn)
	c.ops[fn] = o
	return o
}

func run(pass *analysis.Pass) (any, error) {
	if !ssabuild.Imports(pass, "sync") {
		return nil, nil
	}
	c := &checker{pass: pass, res: ssabuild.Of(pass), ops: map[*ssa.Function][]op{}, reported: map[token.Pos]bool{}}
	doneChecked := map[*ssa.Function]bool{}
	for _, fn := range c.res.Funcs() {
		starts := goroutines.Of(fn)
		for _, s := range starts {
			if s.Fn == nil || len(s.Fn.Blocks) == 0 {
				continue
			}
			switch s.Via {
			case goroutines.GoStmt:
				c.addInGoroutine(s)
				if !doneChecked[s.Fn] {
					doneChecked[s.Fn] = true
					c.doneSkipped(s.Fn)
				}
			case goroutines.WaitGroupGo:
				c.doneInWaitGroupGo(s)
			}
			c.addAfterWait(fn, s)
		}
		c.waitInStartLoop(fn, starts)
		c.waitWithoutDone(fn)
	}
	return nil, nil
}

// report reports once per position (a function started from several places
// is looked at from each).
func (c *checker) report(d analysis.Diagnostic) {
	if c.reported[d.Pos] {
		return
	}
	c.reported[d.Pos] = true
	c.pass.Report(d)
}

// callAt is the call expression of a WaitGroup call and its receiver as
// written ("s.wg").
func (c *checker) callAt(instr ssa.CallInstruction) (*ast.CallExpr, string) {
	expr := c.res.Call(instr.Pos())
	if expr == nil {
		return nil, ""
	}
	return expr, srctext.Receiver(c.pass.Fset, expr)
}

func ref(v ssa.Value, in func(ssa.Value) ssa.Value) string { return syncops.Ref(v, in) }

// rooted: the ref reaches outside the function (a captured variable or a
// parameter), so the goroutine's starter may Wait on it.
func rooted(r string) bool { return strings.HasPrefix(r, "f:") || strings.HasPrefix(r, "p:") }

// addInGoroutine: the goroutine's Add counts the goroutine itself — it calls
// Done on the same WaitGroup and starts no goroutine after the Add, so the
// Add adds no work of anyone else's, and the starter's Wait can run before it.
func (c *checker) addInGoroutine(s goroutines.Start) {
	ops := c.opsOf(s.Fn)
	for _, a := range ops {
		if a.Name != "Add" || a.deferred {
			continue
		}
		k := ref(a.Recv, nil)
		// In a loop of the goroutine, Add/Done bracket each item of a
		// long-lived worker: an in-flight count, not the goroutine's own.
		if !rooted(k) || !calls(ops, "Done", k) || startsAfter(s.Fn, a) || ssaflow.InLoop(a.block) || signalsAfter(a, k) {
			continue
		}
		expr, wg := c.callAt(a.instr)
		if expr == nil {
			continue
		}
		c.report(analysis.Diagnostic{
			Pos: expr.Pos(), End: expr.End(),
			Message:        fmt.Sprintf("%s.Add inside the goroutine it counts: Wait can run before this Add and return early; call Add before the go statement", wg),
			Related:        []analysis.RelatedInformation{{Pos: s.Instr.Pos(), Message: "the goroutine starts here"}},
			SuggestedFixes: moveAddFix(c.pass, c.res, s, expr),
		})
	}
}

// calls: ops call the method on k.
func calls(ops []op, method, k string) bool {
	for _, o := range ops {
		if o.Name == method && ref(o.Recv, nil) == k {
			return true
		}
	}
	return false
}

// startsAfter: fn starts a goroutine after the Add (in the same block, or in
// a block reachable from it): the Add may count that one.
func startsAfter(fn *ssa.Function, a op) bool {
	after := ssaflow.Reachable(a.block)
	for _, s := range goroutines.Of(fn) {
		b := s.Instr.Block()
		if after[b] || (b == a.block && indexOf(b, s.Instr) > a.index) {
			return true
		}
	}
	return false
}

// signalsAfter: after the Add the goroutine tells someone something — a
// send, a close, Done on another WaitGroup, a Cond's Signal or Broadcast.
// Its starter may wait for that before its Wait (a start barrier), which
// orders the Add before the Wait.
func signalsAfter(a op, k string) bool {
	after := ssaflow.Reachable(a.block)
	for _, b := range a.block.Parent().Blocks {
		if !after[b] && b != a.block {
			continue
		}
		for i, instr := range b.Instrs {
			if b == a.block && !after[b] && i <= a.index {
				continue
			}
			switch x := instr.(type) {
			case *ssa.Send:
				return true
			case ssa.CallInstruction:
				if bi, ok := x.Common().Value.(*ssa.Builtin); ok && bi.Name() == "close" {
					return true
				}
				if m, ok := syncops.MethodOf(x.Common()); ok {
					if (m.Kind == syncops.WaitGroup && m.Name == "Done" && ref(m.Recv, nil) != k) ||
						(m.Kind == syncops.Cond && (m.Name == "Signal" || m.Name == "Broadcast")) {
						return true
					}
				}
			}
		}
	}
	return false
}

func indexOf(b *ssa.BasicBlock, instr ssa.Instruction) int {
	for i, x := range b.Instrs {
		if x == instr {
			return i
		}
	}
	return -1
}

// addAfterWait: fn started s, which Waits on a WaitGroup of fn's; an Add on
// it that fn can run after the start may come when Wait has already returned
// (or races with it). Not when fn holds a count itself (it calls Done on the
// WaitGroup: the counter cannot reach zero before that Done).
func (c *checker) addAfterWait(fn *ssa.Function, s goroutines.Start) {
	var wait *op
	var k string
	for _, w := range c.opsOf(s.Fn) {
		if w.Name == "Wait" {
			if r := ref(w.Recv, s.In); r != "" && r != ref(w.Recv, nil) {
				w := w
				wait, k = &w, r
				break
			}
		}
	}
	if wait == nil || !waitsFirst(wait) {
		return
	}
	own := c.opsOf(fn)
	if calls(own, "Done", k) {
		return
	}
	startBlock := s.Instr.Block()
	after := ssaflow.Reachable(startBlock)
	startIndex := indexOf(startBlock, s.Instr)
	for _, a := range own {
		if (a.Name != "Add" && a.Name != "Go") || a.deferred || ref(a.Recv, nil) != k {
			continue
		}
		if !after[a.block] && !(a.block == startBlock && a.index > startIndex) {
			continue
		}
		expr, wg := c.callAt(a.instr)
		if expr == nil {
			continue
		}
		c.report(analysis.Diagnostic{
			Pos: expr.Pos(), End: expr.End(),
			Message: fmt.Sprintf("%s.%s after a goroutine started %s.Wait() (line %d): Wait may already have returned, or %s races with it; finish every Add before Wait can start",
				wg, a.Name, wg, srctext.Line(c.pass.Fset, wait.instr.Pos()), a.Name),
			Related: []analysis.RelatedInformation{
				{Pos: wait.instr.Pos(), Message: "Wait starts here, in a goroutine"},
				{Pos: s.Instr.Pos(), Message: "the waiting goroutine is started here"},
			},
		})
	}
}

// waitsFirst: nothing on the way from the goroutine's start to its Wait can
// block or call out (a receive, a select, a call): such a goroutine may be
// held back until every Add is done, and its Wait is not known to start early.
func waitsFirst(w *op) bool {
	fn := w.block.Parent()
	for b := w.block; b != nil; b = b.Idom() {
		instrs := b.Instrs
		if b == w.block {
			instrs = instrs[:w.index]
		}
		for _, instr := range instrs {
			switch i := instr.(type) {
			case *ssa.Select, *ssa.Go:
				return false
			case *ssa.UnOp:
				if i.Op == token.ARROW {
					return false
				}
			case *ssa.Call:
				if _, builtin := i.Call.Value.(*ssa.Builtin); !builtin {
					return false
				}
			}
		}
		if b == fn.Blocks[0] {
			break
		}
	}
	return true
}

// doneSkipped: a goroutine that calls wg.Done (not deferred) with a path from
// its start to a return that neither calls Done nor hands the WaitGroup to
// anything that might (a call, a closure, a defer).
func (c *checker) doneSkipped(g *ssa.Function) {
	ops := c.opsOf(g)
	byRef := map[string][]op{}
	var refs []string
	for _, o := range ops {
		if o.Name != "Done" {
			continue
		}
		k := ref(o.Recv, nil)
		if k == "" {
			continue
		}
		if _, seen := byRef[k]; !seen {
			refs = append(refs, k)
		}
		byRef[k] = append(byRef[k], o)
	}
	for _, k := range refs {
		dones := byRef[k]
		// A Done in a loop is one per item (counted by whoever queued the
		// item), and a goroutine that Adds itself pairs its Done with that:
		// neither is a Done the starter counts on for this goroutine.
		if anyDeferred(dones) || anyInLoop(dones) || calls(ops, "Add", k) {
			continue
		}
		returns := ssaflow.ReturnsAvoiding(g, func(instr ssa.Instruction) bool { return mayDone(instr, k) })
		if len(returns) == 0 {
			continue
		}
		first := dones[0]
		for _, d := range dones[1:] {
			if d.instr.Pos() < first.instr.Pos() {
				first = d
			}
		}
		expr, wg := c.callAt(first.instr)
		if expr == nil {
			continue
		}
		var related []analysis.RelatedInformation
		for _, r := range returns {
			pos := r.Pos()
			if !pos.IsValid() && g.Syntax() != nil {
				pos = g.Syntax().End() - 1 // falls off the end
			}
			if !pos.IsValid() {
				continue
			}
			related = append(related, analysis.RelatedInformation{Pos: pos, Message: fmt.Sprintf("returns without %s.Done()", wg)})
		}
		sort.Slice(related, func(i, j int) bool { return related[i].Pos < related[j].Pos })
		c.report(analysis.Diagnostic{
			Pos: expr.Pos(), End: expr.End(),
			Message: fmt.Sprintf("%d return path(s) leave before %s.Done(): Wait never returns for them; use defer %s.Done() at the top", len(returns), wg, wg),
			Related: related, SuggestedFixes: deferDoneFix(c.pass, c.res, g, dones, expr),
		})
	}
}

func anyInLoop(ops []op) bool {
	for _, o := range ops {
		if ssaflow.InLoop(o.block) {
			return true
		}
	}
	return false
}

func anyDeferred(ops []op) bool {
	for _, o := range ops {
		if o.deferred {
			return true
		}
	}
	return false
}

// mayDone: instr calls Done on k, or may: it passes the WaitGroup on (as an
// argument, a captured variable of a closure it calls, defers or starts).
func mayDone(instr ssa.Instruction, k string) bool {
	ci, ok := instr.(ssa.CallInstruction)
	if !ok {
		return false
	}
	com := ci.Common()
	if m, ok := syncops.MethodOf(com); ok && m.Kind == syncops.WaitGroup {
		_, deferred := ci.(*ssa.Defer)
		return ref(m.Recv, nil) == k && (m.Name == "Done" || deferred)
	}
	vals := append([]ssa.Value{}, com.Args...)
	if mc, ok := com.Value.(*ssa.MakeClosure); ok {
		vals = append(vals, mc.Bindings...)
	}
	for _, v := range vals {
		if r := ref(v, nil); r != "" && (r == k || strings.HasPrefix(k, r+".")) {
			return true
		}
	}
	return false
}

// doneInWaitGroupGo: wg.Go(f) calls Done when f returns; a Done of the same
// WaitGroup inside f makes the counter negative (a panic) or releases Wait
// before another goroutine's work is done.
func (c *checker) doneInWaitGroupGo(s goroutines.Start) {
	m, ok := syncops.MethodOf(s.Instr.Common())
	if !ok {
		return
	}
	k := ref(m.Recv, nil)
	if k == "" {
		return
	}
	for _, d := range c.opsOf(s.Fn) {
		if d.Name != "Done" || ref(d.Recv, s.In) != k {
			continue
		}
		pos := d.instr.Pos()
		end := pos
		if expr := c.res.Call(pos); expr != nil {
			pos, end = expr.Pos(), expr.End()
		}
		wg := srctext.Receiver(c.pass.Fset, c.res.Call(s.Instr.Pos()))
		c.report(analysis.Diagnostic{
			Pos: pos, End: end,
			Message: fmt.Sprintf("Done inside a function run by %s.Go, which calls Done itself when the function returns: the counter drops twice (a panic, or Wait returning early)", wg),
			Related: []analysis.RelatedInformation{{Pos: s.Instr.Pos(), Message: "started by WaitGroup.Go here"}},
		})
	}
}

// waitInStartLoop: fn Waits inside the loop whose iterations start the
// goroutines that call Done, while the count for them is added once, before
// the loop. The first Wait waits for Done calls of goroutines not started yet
// (with Add(n) for n goroutines it never returns); with Add(1) a later Done
// drives the counter negative. Not when an Add (or Go) of the same WaitGroup
// is inside the loop too: that is a batch per iteration.
func (c *checker) waitInStartLoop(fn *ssa.Function, starts []goroutines.Start) {
	own := c.opsOf(fn)
	for _, w := range own {
		if w.Name != "Wait" || w.deferred || !ssaflow.InLoop(w.block) {
			continue
		}
		k := ref(w.Recv, nil)
		if k == "" {
			continue
		}
		var before *op
		inLoop := false
		for i, a := range own {
			if (a.Name != "Add" && a.Name != "Go") || a.deferred || ref(a.Recv, nil) != k {
				continue
			}
			if onCycle(a.block, w.block) {
				inLoop = true
			} else if a.Name == "Add" && a.block.Dominates(w.block) {
				before = &own[i]
			}
		}
		if inLoop || before == nil {
			continue
		}
		for _, s := range starts {
			if s.Via != goroutines.GoStmt || s.Fn == nil || !onCycle(s.Instr.Block(), w.block) || !c.callsDone(s, k) {
				continue
			}
			expr, wg := c.callAt(w.instr)
			if expr == nil {
				break
			}
			c.report(analysis.Diagnostic{
				Pos: expr.Pos(), End: expr.End(),
				Message: fmt.Sprintf("%s.Wait() inside the loop that starts the goroutines it waits for, while their %s.Add is made once before the loop: the first Wait waits for goroutines not started yet, or a later Done drives the counter negative; move Wait after the loop",
					wg, wg),
				Related: []analysis.RelatedInformation{
					{Pos: before.instr.Pos(), Message: "counted here, before the loop"},
					{Pos: s.Instr.Pos(), Message: "one goroutine started per iteration here"},
				},
			})
			break
		}
	}
}

// onCycle: a and b are on one cycle of their function (each reaches the other).
func onCycle(a, b *ssa.BasicBlock) bool {
	if a == b {
		return ssaflow.InLoop(a)
	}
	return ssaflow.Reachable(a)[b] && ssaflow.Reachable(b)[a]
}

// callsDone: the goroutine s calls Done (made or deferred) on k, the
// starter's WaitGroup.
func (c *checker) callsDone(s goroutines.Start, k string) bool {
	for _, d := range c.opsOf(s.Fn) {
		if d.Name == "Done" && ref(d.Recv, s.In) == k {
			return true
		}
	}
	return false
}

// waitWithoutDone: a local WaitGroup that never leaves fn and its closures
// except as the receiver of its own methods, with a positive constant Add,
// and no Done, Go or other Add anywhere: its Wait blocks forever once an
// Add has run.
func (c *checker) waitWithoutDone(fn *ssa.Function) {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			alloc, ok := instr.(*ssa.Alloc)
			if !ok || !syncops.IsNamed(alloc.Type(), "sync", "WaitGroup") {
				continue
			}
			var ops []op
			if !confined(alloc, &ops) {
				continue
			}
			var adds, waits []op
			countsOnly := true // only positive constant Adds and Waits
			for _, o := range ops {
				switch {
				case o.Name == "Wait":
					if !o.deferred && o.block.Parent() == fn {
						waits = append(waits, o)
					}
				case o.Name == "Add" && positiveConst(o.instr.Common()):
					adds = append(adds, o)
				default:
					countsOnly = false
				}
			}
			if !countsOnly {
				continue
			}
			if len(adds) == 0 {
				continue
			}
			for _, w := range waits {
				if w.block.Parent() != fn {
					continue
				}
				expr, wg := c.callAt(w.instr)
				if expr == nil {
					continue
				}
				severity := meta.Warning
				for _, a := range adds {
					if a.block.Parent() == fn && a.block.Dominates(w.block) && (a.block != w.block || a.index < w.index) {
						severity = meta.Error
					}
				}
				c.report(analysis.Diagnostic{
					Pos: expr.Pos(), End: expr.End(), Category: severity,
					Message: fmt.Sprintf("%s.Wait() waits for Done calls that never come: nothing calls %s.Done() or hands %s to code that could, so Wait blocks forever after %s.Add", wg, wg, wg, wg),
					Related: []analysis.RelatedInformation{{Pos: adds[0].instr.Pos(), Message: "counted here"}},
				})
			}
		}
	}
}

// confined: every use of v is a WaitGroup method call with v as receiver
// (collected into ops), or a closure capturing it whose uses are confined
// in turn.
func confined(v ssa.Value, ops *[]op) bool {
	refs := v.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.Call, *ssa.Defer:
			ci := r.(ssa.CallInstruction)
			m, ok := syncops.MethodOf(ci.Common())
			if !ok || m.Kind != syncops.WaitGroup || m.Recv != v || len(ci.Common().Args) == 0 {
				return false
			}
			for _, a := range ci.Common().Args[1:] {
				if a == v {
					return false
				}
			}
			_, d := ci.(*ssa.Defer)
			*ops = append(*ops, op{Method: m, instr: ci, block: ci.Block(), index: indexOf(ci.Block(), ci), deferred: d})
		case *ssa.MakeClosure:
			fn, ok := r.Fn.(*ssa.Function)
			if !ok {
				return false
			}
			for i, b := range r.Bindings {
				if b == v && !confined(fn.FreeVars[i], ops) {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

func positiveConst(c *ssa.CallCommon) bool {
	if len(c.Args) != 2 {
		return false
	}
	k, ok := c.Args[1].(*ssa.Const)
	if !ok || k.Value == nil || k.Value.Kind() != constant.Int {
		return false
	}
	return constant.Sign(k.Value) > 0
}
