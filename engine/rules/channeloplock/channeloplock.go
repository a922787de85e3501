// Package channeloplock reports a blocking channel send or receive,
// WaitGroup.Wait or Cond.Wait performed — directly or in a callee — while
// the goroutine holds a mutex that the goroutine on the other side (the
// receiver, sender, Done caller or signaller) takes before it gets to its
// own operation. If that side waits for the mutex, neither proceeds.
package channeloplock

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/blockingops"
	"github.com/goconc/goconc/engine/model/lockstate"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

var Analyzer = &analysis.Analyzer{
	Name: "channel_op_under_lock",
	Doc: `a blocking channel operation or Wait while holding a lock its partner needs

A send, receive, WaitGroup.Wait or Cond.Wait that can block runs while a
mutex is held on every path to it, and the goroutine on the other side — the
receiver, sender or closer, the goroutine calling Done, the signaller —
acquires the same mutex (itself or in a function it calls) at a point from
which it can reach its own operation, or in a function its caller runs in a
loop. A partner that receives from a channel parameter is matched through
the calls and go statements that pass the channel. If it is waiting for the mutex, neither goroutine
proceeds. Followed through callees three calls deep; a select with a default
or with several cases, a send right after draining the same channel under
the lock, and locks two readers share (RLock on both sides) are not reported.
Cond.Wait releases only the cond's own lock: any other lock held while
waiting is checked against the goroutines that Signal or Broadcast.`,
	Requires: []*analysis.Analyzer{lockstate.Analyzer},
	Run:      run,
}

// Information: whether the partner really waits for the lock while this side
// blocks depends on timing the analysis does not see.
var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Information, Category: "channels", Checklist: "defer-unlock"}

const depth = 3

func run(pass *analysis.Pass) (any, error) {
	res := lockstate.Of(pass)
	if len(res.Reports) == 0 {
		return nil, nil
	}
	fns := make([]*ssa.Function, len(res.Reports))
	for i, rep := range res.Reports {
		fns[i] = rep.Fn
	}
	ix := blockingops.New(fns)
	c := &checker{pass: pass, res: res, ix: ix}
	for _, fn := range fns {
		c.check(fn)
	}
	return nil, nil
}

type checker struct {
	pass *analysis.Pass
	res  *lockstate.Result
	ix   *blockingops.Index
}

func (c *checker) check(fn *ssa.Function) {
	reported := map[token.Pos]bool{}
	reach := c.ix.Reach(fn, depth, c.res.HeldAt)
	tokens := tokenChannels(reach)
	for _, r := range reach {
		if !r.Kind.Blocks() || r.NonBlocking || r.Deferred || reported[r.Site()] || tokens[r.Key.ID()] {
			continue
		}
		at := r.Instr
		if len(r.Calls) > 0 {
			at = r.Calls[0]
		}
		hs, ok := c.res.HeldAt(at)
		if !ok || len(hs.Must) == 0 {
			continue
		}
		held := notReleased(hs.Must, r.CallerReleased)
		if r.Kind == blockingops.CondWait {
			held = c.otherThanCondLock(held, r)
		}
		if r.Kind == blockingops.Send && len(r.Calls) == 0 && drainedFirst(fn, r) {
			continue
		}
		if f, ok := c.findPartner(fn, r, held); ok {
			reported[r.Site()] = true
			c.report(fn, r, f)
		}
	}
}

// tokenChannels: channels the function both sends on and receives from
// (itself or in its callees) — a semaphore (`sem <- struct{}{}` … `<-sem`) or
// a slot it drains before refilling. Those operations take turns with other
// holders of the same channel; they are not hand-offs to a partner.
func tokenChannels(reach []blockingops.Reached) map[string]bool {
	dirs := map[string]int{}
	for _, r := range reach {
		switch r.Kind {
		case blockingops.Send:
			dirs[r.Key.ID()] |= 1
		case blockingops.Recv:
			dirs[r.Key.ID()] |= 2
		}
	}
	out := map[string]bool{}
	for id, d := range dirs {
		if d == 3 {
			out[id] = true
		}
	}
	return out
}

// notReleased drops the held locks a callee on the way let go of.
func notReleased(held []lockstate.HeldLock, released []lockstate.Key) []lockstate.HeldLock {
	var out []lockstate.HeldLock
outer:
	for _, h := range held {
		for _, k := range released {
			if k.ID() == h.Key.ID() {
				continue outer
			}
		}
		out = append(out, h)
	}
	return out
}

// otherThanCondLock: Cond.Wait releases the lock the Cond was made with; the
// others stay held while it sleeps. Without knowing the Cond's lock, say
// nothing.
func (c *checker) otherThanCondLock(held []lockstate.HeldLock, r blockingops.Reached) []lockstate.HeldLock {
	// Locked through the Cond itself (`c.L.Lock()`): that is its own lock.
	condL := r.Key.ID() + ".L.*"
	own, ok := c.ix.CondLock(r.Key)
	var out []lockstate.HeldLock
	for _, h := range held {
		if h.Key.ID() == condL {
			continue
		}
		if !ok {
			return nil
		}
		if !blockingops.Same(h.Key, own) {
			out = append(out, h)
		}
	}
	return out
}

// drainedFirst: the grpc idiom — under the lock, a non-blocking receive
// empties the one-slot channel, then the send fills it: the send cannot block
// while every sender holds the lock.
func drainedFirst(fn *ssa.Function, send blockingops.Reached) bool {
	for _, op := range blockingops.OpsOf(fn) {
		if op.Kind == blockingops.Recv && op.NonBlocking && op.Key.ID() == send.Key.ID() &&
			op.Instr.Block().Dominates(send.Instr.Block()) && op.Pos < send.Pos {
			return true
		}
	}
	return false
}

type found struct {
	held    lockstate.HeldLock
	partner blockingops.Located
	takes   lockstate.Take
}

// findPartner looks for a partner operation whose goroutine acquires one of
// the held locks on its way to the operation.
func (c *checker) findPartner(fn *ssa.Function, r blockingops.Reached, held []lockstate.HeldLock) (found, bool) {
	if len(held) == 0 {
		return found{}, false
	}
	for _, p := range c.ix.Partners(fn, r.Op) {
		if p.Fn == r.In {
			continue // the same function: the same goroutine, not a partner
		}
		rep := c.res.Report(p.Fn)
		if rep == nil || rep.GaveUp {
			continue
		}
		direct := len(rep.Takes)
		takes := append(append([]lockstate.Take(nil), rep.Takes...), c.fieldTakes(p.Fn)...)
		for _, h := range held {
			for i, a := range takes {
				if !blockingops.Same(a.Key, h.Key) || (a.Read && h.Read) || !sameInstances(r.Key, h.Key, p.Key, a.Key) {
					continue
				}
				// A take through a func field is in the stored function's
				// terms: it cannot say whose instance it locks.
				if i >= direct && sameObject(r.Key, h.Key) {
					continue
				}
				if !c.owesAtTake(p, a) {
					continue
				}
				// A deferred partner (defer wg.Done()) runs at the exit, after
				// anything; a partner whose caller runs it in a loop comes back
				// to its operation after any lock it took.
				if p.Deferred || reaches(p.Fn, a.Site, p.Instr) || c.ix.Repeated(p.Fn, depth) {
					return found{held: h, partner: p, takes: a}, true
				}
			}
		}
	}
	return found{}, false
}

// fieldTakes: the locks fn takes by calling a func-typed field that the
// package gives one function (`tm.deleteTokenFunc(t)` where the field is
// only ever set to as.deleteToken), at the call, in the callee's terms; the
// callee's locals are left out.
func (c *checker) fieldTakes(fn *ssa.Function) []lockstate.Take {
	var out []lockstate.Take
	for _, fc := range c.ix.FieldCalls(fn) {
		rep := c.res.Report(fc.Callee)
		if rep == nil || rep.GaveUp {
			continue
		}
		for _, t := range rep.Takes {
			if t.Key.Root == lockstate.RootLocal {
				continue
			}
			out = append(out, lockstate.Take{Site: fc.Site, Key: t.Key, Read: t.Read, Via: fc.Callee.Name()})
		}
	}
	return out
}

// owesAtTake: a goroutine that does its own wg.Add owes the Done only from
// that Add on; a lock it takes before any Add cannot hold up a Wait for it.
func (c *checker) owesAtTake(p blockingops.Located, take lockstate.Take) bool {
	if p.Kind != blockingops.WaitGroupDone {
		return true
	}
	var adds []blockingops.Reached
	for _, r := range c.ix.Reach(p.Fn, depth, c.res.HeldAt) {
		if r.Kind == blockingops.WaitGroupAdd && blockingops.Same(r.Key, p.Key) {
			adds = append(adds, r)
		}
	}
	if len(adds) == 0 {
		return true // the starter added for it: it owes Done from its start
	}
	for _, add := range adds {
		if at := instrAt(p.Fn, take.Site); at != nil && reachesAvoiding(p.Fn, add.Site(), at, p.Instr) {
			return true
		}
	}
	return false
}

// instrAt is fn's call instruction at pos.
func instrAt(fn *ssa.Function, pos token.Pos) ssa.Instruction {
	for _, b := range fn.Blocks {
		for _, in := range b.Instrs {
			if ci, ok := in.(ssa.CallInstruction); ok && ci.Pos() == pos {
				return in
			}
		}
	}
	return nil
}

// sameInstances: where this side's channel and lock belong to one object
// (o.wg and o.mu), the partner's must too — a goroutine that locks another
// instance's mu (a stream it looked up) while owing Done to this one is not
// this deadlock. A captured variable assigned more than once may hold
// another instance at the lock than at the operation: not the same.
func sameInstances(op, held, partnerOp, take lockstate.Key) bool {
	if !sameObject(op, held) {
		return true
	}
	return sameObject(partnerOp, take)
}

// sameObject: both keys select a field of the same value.
func sameObject(a, b lockstate.Key) bool {
	oa, ok1 := a.Owner()
	ob, ok2 := b.Owner()
	if !ok1 || !ok2 || oa.Reassigned || ob.Reassigned {
		return false
	}
	return oa.ID() == ob.ID()
}

// reaches: the acquisition at site can be followed, on some path, by the
// partner's operation — it comes before it, or both are in a loop.
func reaches(fn *ssa.Function, site token.Pos, op ssa.Instruction) bool {
	return reachesAvoiding(fn, site, op, nil)
}

// reachesAvoiding: some path from the call at site to op does not run avoid
// (the Done that pays the Add back) on the way.
func reachesAvoiding(fn *ssa.Function, site token.Pos, op, avoid ssa.Instruction) bool {
	var from *ssa.BasicBlock
	idx := -1
	for _, b := range fn.Blocks {
		for i, in := range b.Instrs {
			if ci, ok := in.(ssa.CallInstruction); ok && ci.Pos() == site {
				from, idx = b, i
			}
		}
	}
	if from == nil {
		return false
	}
	// scan walks a block's instructions from i: true when op comes first,
	// stopped when avoid does.
	scan := func(b *ssa.BasicBlock, i int) (found, stopped bool) {
		for _, in := range b.Instrs[i:] {
			if in == op {
				return true, false
			}
			if in == avoid {
				return false, true
			}
		}
		return false, false
	}
	if found, stopped := scan(from, idx+1); found {
		return true
	} else if stopped {
		return false
	}
	seen := map[*ssa.BasicBlock]bool{}
	stack := append([]*ssa.BasicBlock(nil), from.Succs...)
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		found, stopped := scan(b, 0)
		if found {
			return true
		}
		if !stopped {
			stack = append(stack, b.Succs...)
		}
	}
	return false
}

func (c *checker) report(fn *ssa.Function, r blockingops.Reached, f found) {
	fset := c.pass.Fset
	lock := f.held.Key.String()
	opText := describe(r.Op)
	if len(r.Calls) > 0 {
		opText = c.callText(r.Calls[0]) + " → " + opText
	}
	peer := funcLabel(f.partner.Fn)
	var msg string
	if r.Kind == blockingops.CondWait {
		msg = fmt.Sprintf("%s releases only its own lock, while %s stays held; %s needs %s before %s, so this goroutine may sleep forever (release %s before waiting)",
			opText, lock, peer, lock, describe(f.partner.Op), lock)
	} else {
		kind := map[blockingops.Kind]string{blockingops.Send: "send", blockingops.Recv: "receive", blockingops.WaitGroupWait: "Wait"}[r.Kind]
		msg = fmt.Sprintf("%s can block while %s is held, and %s (%s) takes %s too: if it is waiting for the lock, neither goroutine proceeds (release %s before the %s)",
			opText, lock, peer, describe(f.partner.Op), lock, lock, kind)
	}
	pos, end := c.span(r.Site())
	related := []analysis.RelatedInformation{{Pos: c.res.CallStart(f.held.Site), Message: lock + " is taken here"}}
	for i, call := range r.Calls {
		if i > 0 {
			related = append(related, analysis.RelatedInformation{Pos: c.res.CallStart(call.Pos()), Message: "which calls " + c.callText(call)})
		}
	}
	if len(r.Calls) > 0 {
		related = append(related, analysis.RelatedInformation{Pos: r.Pos, Message: describe(r.Op) + ": blocks here"})
	}
	related = append(related,
		analysis.RelatedInformation{Pos: f.partner.Pos, Message: "the other side: " + describe(f.partner.Op)},
		analysis.RelatedInformation{Pos: c.res.CallStart(f.takes.Site), Message: fmt.Sprintf("the other side takes %s here (line %d)", f.takes.Key.String(), srctext.Line(fset, f.takes.Site))})
	c.pass.Report(analysis.Diagnostic{Pos: pos, End: end, Message: msg, Related: related})
}

// span is the source range of the statement or expression at pos.
func (c *checker) span(pos token.Pos) (token.Pos, token.Pos) {
	if call := c.res.Calls[pos]; call != nil {
		return call.Pos(), call.End()
	}
	for _, f := range c.pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			path, _ := astutil.PathEnclosingInterval(f, pos, pos)
			for _, n := range path {
				switch n.(type) {
				case *ast.SendStmt, *ast.UnaryExpr, *ast.CommClause, *ast.RangeStmt:
					return n.Pos(), n.End()
				}
			}
		}
	}
	return pos, pos
}

func (c *checker) callText(call ssa.CallInstruction) string {
	if ce := c.res.Calls[call.Pos()]; ce != nil {
		return srctext.Callee(c.pass.Fset, ce)
	}
	return call.Common().Description()
}

func describe(op blockingops.Op) string {
	k := op.Key.String()
	switch op.Kind {
	case blockingops.Send:
		return k + " <- …"
	case blockingops.Recv:
		return "<-" + k
	case blockingops.WaitGroupWait, blockingops.CondWait:
		return k + ".Wait()"
	case blockingops.WaitGroupDone:
		return k + ".Done()"
	case blockingops.Close:
		return "close(" + k + ")"
	case blockingops.CondSignal:
		if ci, ok := op.Instr.(ssa.CallInstruction); ok {
			if callee := ci.Common().StaticCallee(); callee != nil {
				return k + "." + callee.Name() + "()"
			}
		}
		return k + ".Signal()"
	}
	return k
}

// funcLabel names a function as a reader finds it: "Hub.run", "serve", "the
// goroutine in Flush".
func funcLabel(fn *ssa.Function) string {
	if fn.Parent() != nil {
		top := fn
		for top.Parent() != nil {
			top = top.Parent()
		}
		return "the function literal in " + funcLabel(top)
	}
	if recv := fn.Signature.Recv(); recv != nil {
		t := recv.Type().String()
		t = t[strings.LastIndexAny(t, "./")+1:]
		return t + "." + fn.Name()
	}
	return fn.Name()
}
