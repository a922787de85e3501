// Package closemisuse reports channel closes that panic at run time: a
// second close of the same channel on a path, an explicit close under a
// deferred one, a send after a close, a close run by every goroutine of a
// loop (or by two goroutines), and a receiver that closes while senders may
// still send.
package closemisuse

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/localchan"
	"github.com/goconc/goconc/engine/model/lockstate"
	"github.com/goconc/goconc/engine/model/ssabuild"
	"github.com/goconc/goconc/engine/model/ssaflow"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

var Analyzer = &analysis.Analyzer{
	Name: "close_misuse",
	Doc: `a channel closed twice, from its receiver, or before a send

Closing a closed channel and sending on one both panic. Reported: a close or
send that every path reaches after a close of the same channel with no new
channel assigned in between (error); an explicit close after a deferred
close of the same channel (error); a close run unconditionally by a
goroutine literal started in a loop, or by two goroutine literals, on a
channel they share (warning); a function that receives once from a channel
several goroutines send on and then closes it without waiting for them
(warning).`,
	Requires: []*analysis.Analyzer{ssabuild.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Error, Category: "channels", Checklist: "defer-close"}

func run(pass *analysis.Pass) (any, error) {
	if !closesChannels(pass) {
		return nil, nil
	}
	res := ssabuild.Of(pass)
	for _, fn := range res.Funcs() {
		checkSequential(pass, res, fn)
		checkGoroutineClosers(pass, res, fn)
		checkReceiverClose(pass, res, fn)
	}
	return nil, nil
}

// closesChannels: the package calls the close builtin (no SSA otherwise).
func closesChannels(pass *analysis.Pass) bool {
	for id, obj := range pass.TypesInfo.Uses {
		if id.Name == "close" && obj.Pkg() == nil {
			return true
		}
	}
	return false
}

// closeArg is the channel a close call (or deferred close) closes.
func closeArg(instr ssa.Instruction) (ssa.Value, bool) {
	ci, ok := instr.(ssa.CallInstruction)
	if !ok {
		return nil, false
	}
	b, ok := ci.Common().Value.(*ssa.Builtin)
	if !ok || b.Name() != "close" || len(ci.Common().Args) != 1 {
		return nil, false
	}
	return ci.Common().Args[0], true
}

// channel names a channel value within one function: the SSA value itself
// (a local never reassigned is one value) or the access path it was loaded
// from (s.out), with the address that reassigning it would store to.
type channel struct {
	value ssa.Value
	key   string // "" for a plain SSA value
	addr  string // the key of the variable or field holding it
}

func channelOf(fn *ssa.Function, v ssa.Value) channel {
	for {
		ct, ok := v.(*ssa.ChangeType)
		if !ok {
			break
		}
		v = ct.X
	}
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		if k, ok := lockstate.KeyOf(fn, load.X); ok {
			return channel{key: k.ID() + ".*", addr: k.ID()}
		}
	}
	return channel{value: v}
}

func (c channel) same(o channel) bool {
	if c.key != "" || o.key != "" {
		return c.key == o.key
	}
	return c.value == o.value
}

type chanEvent struct {
	instr    ssa.Instruction
	ch       channel
	isClose  bool
	deferred bool
}

func eventsOf(fn *ssa.Function) []chanEvent {
	var out []chanEvent
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if arg, ok := closeArg(instr); ok {
				_, deferred := instr.(*ssa.Defer)
				out = append(out, chanEvent{instr: instr, ch: channelOf(fn, arg), isClose: true, deferred: deferred})
			}
			if s, ok := instr.(*ssa.Send); ok {
				out = append(out, chanEvent{instr: instr, ch: channelOf(fn, s.Chan)})
			}
		}
	}
	return out
}

// before: a runs before b on every path to b (a dominates b).
func before(a, b ssa.Instruction) bool {
	ab, bb := a.Block(), b.Block()
	if ab != bb {
		return ab.Dominates(bb)
	}
	for _, in := range ab.Instrs {
		if in == a {
			return true
		}
		if in == b {
			return false
		}
	}
	return false
}

// reassigned: the function stores a new channel into the variable or field
// the events read it from.
func reassigned(fn *ssa.Function, c channel) bool {
	if c.addr == "" {
		return false
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if st, ok := instr.(*ssa.Store); ok {
				if k, ok := lockstate.KeyOf(fn, st.Addr); ok && k.ID() == c.addr {
					return true
				}
			}
		}
	}
	return false
}

func checkSequential(pass *analysis.Pass, res *ssabuild.Result, fn *ssa.Function) {
	events := eventsOf(fn)
	for _, e := range events {
		for _, first := range events {
			if !first.isClose || first.instr == e.instr || !first.ch.same(e.ch) || reassigned(fn, e.ch) {
				continue
			}
			if e.ch.key != "" && mayReassignBetween(fn, first.instr, e.instr) {
				continue // a callee of the package may store a new channel in the field
			}
			name := chanText(pass, res, e)
			switch {
			case first.deferred && e.isClose && !e.deferred && before(first.instr, e.instr):
				report(pass, res, e, meta.Error, "`"+name+"` is closed here and again by `defer close("+name+")` when the function returns: the deferred close panics", first, "first closed here")
			case !first.deferred && !e.deferred && before(first.instr, e.instr):
				if e.isClose {
					report(pass, res, e, meta.Error, "`"+name+"` is closed twice on this path: the second close panics (close a channel exactly once)", first, "first closed here")
				} else {
					report(pass, res, e, meta.Error, "send on `"+name+"` after it was closed on this path: panics with \"send on closed channel\"", first, "closed here")
				}
			default:
				continue
			}
			break
		}
	}
}

// mayReassignBetween: a call on some path from a to b runs code of this
// package or code not known (a function value, an interface method), which
// might assign a fresh channel to the field or variable.
func mayReassignBetween(fn *ssa.Function, a, b ssa.Instruction) bool {
	from := ssaflow.Reachable(a.Block())
	from[a.Block()] = true
	for _, blk := range fn.Blocks {
		if !from[blk] || !(blk == b.Block() || ssaflow.Reachable(blk)[b.Block()]) {
			continue
		}
		for _, instr := range blk.Instrs {
			if blk == a.Block() && !before(a, instr) {
				continue
			}
			if blk == b.Block() && !before(instr, b) && instr != b {
				continue
			}
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			if _, builtin := call.Call.Value.(*ssa.Builtin); builtin {
				continue
			}
			callee := call.Call.StaticCallee()
			if callee == nil || callee.Pkg == fn.Pkg {
				return true
			}
		}
	}
	return false
}

// checkGoroutineClosers: goroutine literals that close a channel they share
// every time they run — started in a loop, or two of them.
func checkGoroutineClosers(pass *analysis.Pass, res *ssabuild.Result, fn *ssa.Function) {
	type closer struct {
		g     *ssa.Go
		event chanEvent
		bound ssa.Value // the starter's value (or cell) the literal reads the channel through
	}
	var closers []closer
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			g, ok := instr.(*ssa.Go)
			if !ok {
				continue
			}
			mc, ok := g.Call.Value.(*ssa.MakeClosure)
			if !ok {
				continue
			}
			body := mc.Fn.(*ssa.Function)
			for _, e := range eventsOf(body) {
				if !e.isClose || !unconditional(body, e.instr) {
					continue
				}
				bound := boundFrom(mc, body, e)
				if bound == nil {
					continue // the literal's own channel (a parameter, one it made)
				}
				closers = append(closers, closer{g: g, event: e, bound: bound})
			}
		}
	}
	for i, c := range closers {
		name := chanText(pass, res, c.event)
		if ssaflow.InLoop(c.g.Block()) && !madeInLoop(c.bound, c.g) {
			report(pass, res, c.event, meta.Warning, "`"+name+"` is closed by every goroutine started here: the second close panics (close once after all finish, e.g. wg.Wait() then close, or sync.Once)", chanEvent{}, "")
			continue
		}
		for _, prev := range closers[:i] {
			if prev.bound == c.bound && prev.g != c.g {
				report(pass, res, c.event, meta.Warning, "`"+name+"` is closed by two different goroutines: whichever closes second panics", prev.event, "also closed here")
				break
			}
		}
	}
}

// unconditional: the close runs whenever the literal returns normally — it
// is deferred in the entry block, or its block dominates every return.
func unconditional(fn *ssa.Function, instr ssa.Instruction) bool {
	if _, ok := instr.(*ssa.Defer); ok {
		return instr.Block() == fn.Blocks[0]
	}
	returns := 0
	for _, b := range fn.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			returns++
			if !instr.Block().Dominates(b) {
				return false
			}
		}
	}
	return returns > 0
}

// boundFrom is the starter's value the literal's closed channel comes from:
// a free variable (or a load of one) bound at the closure.
func boundFrom(mc *ssa.MakeClosure, body *ssa.Function, e chanEvent) ssa.Value {
	arg, _ := closeArg(e.instr)
	v := arg
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		v = load.X
	}
	fv, ok := v.(*ssa.FreeVar)
	if !ok {
		return nil
	}
	for i, f := range body.FreeVars {
		if f == fv && i < len(mc.Bindings) {
			return mc.Bindings[i]
		}
	}
	return nil
}

// madeInLoop: the channel (or the variable holding it) is created in the
// same loop that starts the goroutine — one per iteration.
func madeInLoop(bound ssa.Value, g *ssa.Go) bool {
	instr, ok := bound.(ssa.Instruction)
	if !ok || instr.Block() == nil {
		return false
	}
	if instr.Block() == g.Block() {
		return true
	}
	return ssaflow.InLoop(instr.Block()) && ssaflow.Reachable(instr.Block())[g.Block()] && ssaflow.Reachable(g.Block())[instr.Block()]
}

// checkReceiverClose: the function receives once from a channel that
// several goroutines send on, then closes it — without waiting for them.
func checkReceiverClose(pass *analysis.Pass, res *ssabuild.Result, fn *ssa.Function) {
	for _, lc := range localchan.In(fn, localchan.Options{}) {
		var ownRecvs, ownCloses, theirSends []localchan.Op
		ownSends := false
		for f := range functionsOf(lc) {
			for _, op := range lc.OpsIn(f) {
				switch {
				case f == fn && op.Close:
					ownCloses = append(ownCloses, op)
				case f == fn && op.Send:
					ownSends = true
				case f == fn:
					ownRecvs = append(ownRecvs, op)
				case op.Send && !op.Close:
					theirSends = append(theirSends, op)
				}
			}
		}
		if ownSends || len(ownRecvs) == 0 || len(ownCloses) == 0 || len(theirSends) == 0 || !manySenders(lc, theirSends) {
			continue
		}
		drains := false
		for _, r := range ownRecvs {
			drains = drains || ssaflow.InLoop(r.Instr.Block())
		}
		if drains {
			continue // receiving in a loop usually takes every sender's value
		}
		for _, c := range ownCloses {
			if waitsBefore(fn, c.Instr) {
				continue
			}
			received := false
			for _, r := range ownRecvs {
				_, deferred := c.Instr.(*ssa.Defer)
				received = received || deferred || before(r.Instr, c.Instr)
			}
			if !received {
				continue
			}
			call := callOf(res, c.Instr)
			if call == nil {
				continue
			}
			d := analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Category: meta.Warning,
				Message: "`" + lc.Name() + "` is closed by its receiver while other goroutines may still send on it: their send panics (let the senders close it, after a WaitGroup)"}
			for i, s := range theirSends {
				if i == 2 {
					break
				}
				d.Related = append(d.Related, analysis.RelatedInformation{Pos: s.Pos, Message: "a sender that may still be running"})
			}
			pass.Report(d)
		}
	}
}

func functionsOf(lc *localchan.Chan) map[*ssa.Function]bool {
	out := map[*ssa.Function]bool{}
	for _, f := range lc.Values {
		out[f] = true
	}
	return out
}

// manySenders: more sends can come than one receive takes — goroutines
// started in a loop, several goroutines, or a send in a loop.
func manySenders(lc *localchan.Chan, sends []localchan.Op) bool {
	if len(lc.Starts) > 1 {
		return true
	}
	for _, g := range lc.Starts {
		if ssaflow.InLoop(g.Block()) {
			return true
		}
	}
	for _, s := range sends {
		if ssaflow.InLoop(s.Instr.Block()) {
			return true
		}
	}
	return false
}

// waitsBefore: a Wait call (sync.WaitGroup's, errgroup's…) runs before the
// close on every path.
func waitsBefore(fn *ssa.Function, closeInstr ssa.Instruction) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			name := ""
			if call.Call.IsInvoke() {
				name = call.Call.Method.Name()
			} else if callee := call.Call.StaticCallee(); callee != nil {
				name = callee.Name()
			}
			if name == "Wait" && before(instr, closeInstr) {
				return true
			}
		}
	}
	return false
}

// callOf is the call expression of a call or defer instruction (a Defer's
// position is its defer keyword's).
func callOf(res *ssabuild.Result, instr ssa.Instruction) *ast.CallExpr {
	if _, ok := instr.(*ssa.Defer); ok {
		var call *ast.CallExpr
		if f := res.File(instr.Pos()); f != nil {
			ast.Inspect(f, func(n ast.Node) bool {
				if d, ok := n.(*ast.DeferStmt); ok && d.Defer == instr.Pos() {
					call = d.Call
				}
				return call == nil
			})
		}
		return call
	}
	return res.Call(instr.Pos())
}

func chanText(pass *analysis.Pass, res *ssabuild.Result, e chanEvent) string {
	if e.isClose {
		if call := callOf(res, e.instr); call != nil && len(call.Args) == 1 {
			return srctext.Expr(pass.Fset, call.Args[0])
		}
	}
	if f := res.File(e.instr.Pos()); f != nil {
		var text string
		ast.Inspect(f, func(n ast.Node) bool {
			if s, ok := n.(*ast.SendStmt); ok && s.Arrow == e.instr.Pos() {
				text = srctext.Expr(pass.Fset, s.Chan)
			}
			return text == ""
		})
		if text != "" {
			return text
		}
	}
	return "the channel"
}

func report(pass *analysis.Pass, res *ssabuild.Result, e chanEvent, severity, msg string, related chanEvent, relatedMsg string) {
	pos, end := e.instr.Pos(), e.instr.Pos()
	if call := callOf(res, e.instr); call != nil {
		pos, end = call.Pos(), call.End()
	} else if f := res.File(pos); f != nil {
		ast.Inspect(f, func(n ast.Node) bool {
			if s, ok := n.(*ast.SendStmt); ok && s.Arrow == e.instr.Pos() {
				pos, end = s.Pos(), s.End()
			}
			return true
		})
	}
	d := analysis.Diagnostic{Pos: pos, End: end, Category: severity, Message: msg}
	if related.instr != nil {
		rp := related.instr.Pos()
		if call := callOf(res, related.instr); call != nil {
			rp = call.Pos()
		}
		d.Related = []analysis.RelatedInformation{{Pos: rp, Message: relatedMsg}}
	}
	pass.Report(d)
}
