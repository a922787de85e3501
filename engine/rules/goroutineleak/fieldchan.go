package goroutineleak

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/ssabuild"
	"github.com/goconc/goconc/engine/model/ssaflow"
)

// The same leak through a channel kept in a struct field (istio#17860,
// kubernetes#25331, cockroach#35931): `go a.runWait(0)` sends on
// `a.statusCh`, and the starter — the only function that receives from the
// field — can return without receiving (its ctx.Done() case). The field is
// unexported, so the package holds every use of it; it is only ever given an
// unbuffered channel made in the package, never closed, and its value goes
// nowhere but sends, receives and select cases.

// fieldChan is what the package does with one channel field (by declaring
// type and field).
type fieldChan struct {
	name     string
	sends    []*ssa.Send
	recvs    []ssa.Instruction  // receives: <-x.f, and selects with a case on it
	loads    map[*ssa.UnOp]bool // the loads of the field
	unusable bool               // stored a non-channel-make, buffered, closed, escaping, or exported
}

// fieldChans indexes the channel fields of the package's own struct types.
func fieldChans(pass *analysis.Pass, funcs []*ssa.Function) map[string]*fieldChan {
	out := map[string]*fieldChan{}
	get := func(key, name string) *fieldChan {
		fc := out[key]
		if fc == nil {
			fc = &fieldChan{name: name}
			out[key] = fc
		}
		return fc
	}
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				fa, ok := instr.(*ssa.FieldAddr)
				if !ok {
					continue
				}
				key, name, exported, ok := chanField(pass, fa)
				if !ok {
					continue
				}
				fc := get(key, name)
				if exported {
					fc.unusable = true
				}
				for _, r := range *fa.Referrers() {
					switch r := r.(type) {
					case *ssa.Store:
						if r.Addr != fa || !unbufferedMake(r.Val) {
							fc.unusable = true
						}
					case *ssa.UnOp:
						if r.Op != token.MUL || !fc.classifyLoad(r) {
							fc.unusable = true
						}
					case *ssa.DebugRef:
					default:
						fc.unusable = true
					}
				}
			}
		}
	}
	return out
}

// classifyLoad records what is done with a load of the field; false when
// the channel goes anywhere else (a call, a variable, a close, a range).
func (fc *fieldChan) classifyLoad(load *ssa.UnOp) bool {
	if fc.loads == nil {
		fc.loads = map[*ssa.UnOp]bool{}
	}
	fc.loads[load] = true
	for _, r := range *load.Referrers() {
		switch r := r.(type) {
		case *ssa.Send:
			if r.Chan != load {
				return false
			}
			fc.sends = append(fc.sends, r)
		case *ssa.UnOp:
			if r.Op != token.ARROW {
				return false
			}
			fc.recvs = append(fc.recvs, r)
		case *ssa.Select:
			for _, st := range r.States {
				if st.Chan == load && st.Dir != types.RecvOnly {
					return false // a select that sends on it
				}
			}
			fc.recvs = append(fc.recvs, r)
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// chanField names a field of channel type of a struct declared in this
// package: "pkg.T.f".
func chanField(pass *analysis.Pass, fa *ssa.FieldAddr) (key, name string, exported, ok bool) {
	ptr, isPtr := types.Unalias(fa.X.Type()).Underlying().(*types.Pointer)
	if !isPtr {
		return
	}
	named, isNamed := types.Unalias(ptr.Elem()).(*types.Named)
	if !isNamed || named.Obj().Pkg() != pass.Pkg {
		return
	}
	st, isStruct := named.Underlying().(*types.Struct)
	if !isStruct || fa.Field >= st.NumFields() {
		return
	}
	f := st.Field(fa.Field)
	if _, isChan := f.Type().Underlying().(*types.Chan); !isChan {
		return
	}
	// Package main cannot be imported: its exported fields are its own too.
	exported = (f.Exported() || f.Embedded()) && pass.Pkg.Name() != "main"
	return named.Obj().Name() + "." + f.Name(), f.Name(), exported, true
}

// unbufferedMake: v is make(chan T) or make(chan T, 0).
func unbufferedMake(v ssa.Value) bool {
	mc, ok := v.(*ssa.MakeChan)
	if !ok {
		return false
	}
	k, ok := mc.Size.(*ssa.Const)
	return ok && k.Value != nil && k.Value.Kind() == constant.Int && constant.Sign(k.Value) == 0
}

// checkFieldChans reports goroutines that send on a channel field whose only
// receiver, the function that started them, can return without receiving.
func checkFieldChans(pass *analysis.Pass, res *ssabuild.Result) {
	funcs := res.Funcs()
	chans := fieldChans(pass, funcs)
	reported := map[*ssa.Go]bool{}
	defer checkStreamLeaks(pass, res, chans, reported)
	for _, fc := range chans {
		if fc.unusable || len(fc.sends) == 0 || len(fc.recvs) == 0 {
			continue
		}
		starter := fc.recvs[0].Parent()
		single := true
		for _, r := range fc.recvs {
			single = single && r.Parent() == starter
		}
		if !single {
			continue
		}
		for _, b := range starter.Blocks {
			for _, instr := range b.Instrs {
				g, ok := instr.(*ssa.Go)
				if !ok {
					continue
				}
				body := goBody(g)
				if body == nil || body == starter || !onlySends(fc, body) {
					continue
				}
				if exits := returnsWithoutFieldRecv(starter, g, fc); len(exits) > 0 {
					reported[g] = true
					reportFieldChan(pass, res, fc, g, body, exits)
				}
			}
		}
	}
}

// goBody is the function a go statement runs, when it is this package's: a
// static callee (a function or method) or a closure.
func goBody(g *ssa.Go) *ssa.Function {
	if mc, ok := g.Call.Value.(*ssa.MakeClosure); ok {
		fn, _ := mc.Fn.(*ssa.Function)
		return fn
	}
	if g.Call.IsInvoke() {
		return nil
	}
	return g.Call.StaticCallee()
}

// onlySends: every use of the field in body is a send, and there is one.
func onlySends(fc *fieldChan, body *ssa.Function) bool {
	n := 0
	for _, s := range fc.sends {
		if s.Parent() == body {
			n++
		}
	}
	return n > 0
}

// returnsWithoutFieldRecv walks the starter from the go statement to its
// returns, stopping at a receive from the field, a select case on it taken,
// a test failure or a call that never returns.
func returnsWithoutFieldRecv(fn *ssa.Function, g *ssa.Go, fc *fieldChan) []*ssa.Return {
	isRecv := map[ssa.Instruction]bool{}
	for _, r := range fc.recvs {
		isRecv[r] = true
	}
	stops := func(instr ssa.Instruction) bool {
		switch in := instr.(type) {
		case *ssa.UnOp:
			return isRecv[in]
		case *ssa.Select:
			// A select waiting on the field alone.
			return isRecv[in] && in.Blocking && len(in.States) == 1
		case *ssa.Call, *ssa.Defer:
			return failsTest(instr.(ssa.CallInstruction).Common()) || ssaflow.Ends(instr)
		case *ssa.Panic:
			return true
		}
		return false
	}
	received := func(b *ssa.BasicBlock, i int) bool {
		return caseTaken(b, i, func(sel *ssa.Select, st *ssa.SelectState) bool {
			load, ok := st.Chan.(*ssa.UnOp)
			return isRecv[sel] && ok && load.Op == token.MUL && isFieldLoadOf(load, fc)
		})
	}
	return walk{fn: fn, stop: stops, follow: func(b *ssa.BasicBlock, i int) bool { return !received(b, i) }}.from(g.Block(), after(g))
}

// isFieldLoadOf: load reads the field fc.
func isFieldLoadOf(load *ssa.UnOp, fc *fieldChan) bool { return fc.loads[load] }

func reportFieldChan(pass *analysis.Pass, res *ssabuild.Result, fc *fieldChan, g *ssa.Go, body *ssa.Function, exits []*ssa.Return) {
	var send *ssa.Send
	for _, s := range fc.sends {
		if s.Parent() == body {
			send = s
			break
		}
	}
	pass.Report(leakDiagnostic(pass, res, send.Pos(), g, exits, fmt.Sprintf("returns here without receiving from `%s`", fc.name), "goroutine may block forever on `%s`: the field `%s` holds an unbuffered channel that only %s receives from, and it can return without receiving (line %d) — select on a done channel in the sender, or give the channel a buffer", fc.name, g.Parent().Name(), pass.Fset.Position(returnPos(res, exits[0])).Line))
}

// The second shape (grpc#1353, moby#27782, syncthing#5795): the goroutine
// sends a stream on the field in a loop, and the one function that receives
// from it does so in a loop that it can leave — a select case on a stop
// channel the sender does not close, or an early return from a range over
// the field — while the sender has more to send.

// checkStreamLeaks reports, for each field whose receives are all in one
// function, the sends of other functions — goroutines or callers — that can
// block forever when that function stops receiving.
func checkStreamLeaks(pass *analysis.Pass, res *ssabuild.Result, chans map[string]*fieldChan, reported map[*ssa.Go]bool) {
	funcs := res.Funcs()
	starts := map[*ssa.Function]*ssa.Go{}
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if g, ok := instr.(*ssa.Go); ok {
					if body := goBody(g); body != nil && starts[body] == nil {
						starts[body] = g
					}
				}
			}
		}
	}
	for _, fc := range chans {
		if fc.unusable || len(fc.sends) == 0 || len(fc.recvs) == 0 {
			continue
		}
		receiver := fc.recvs[0].Parent()
		single := true
		for _, r := range fc.recvs {
			single = single && r.Parent() == receiver
		}
		if !single {
			continue
		}
		done := map[*ssa.Function]bool{}
		for _, send := range fc.sends {
			sender := send.Parent()
			if sender == receiver || done[sender] {
				continue
			}
			done[sender] = true
			g := starts[sender]
			if g != nil && reported[g] {
				continue
			}
			if exits := stopsReceiving(receiver, fc, sender, chans); len(exits) > 0 {
				if g != nil {
					reported[g] = true
				}
				reportStreamLeak(pass, res, fc, g, send, receiver, exits)
			}
		}
	}
}

// stopsReceiving lists the receiver's returns that leave a loop receiving
// from the field: out of a select through a case on another channel (one the
// sender does not close or send on: that would say the stream has ended), or
// out of the body of a range over the field. Coming back to receive again,
// a test failure or a call that never returns ends a path.
func stopsReceiving(fn *ssa.Function, fc *fieldChan, sender *ssa.Function, chans map[string]*fieldChan) []*ssa.Return {
	var out []*ssa.Return
	isRecv := map[ssa.Instruction]bool{}
	for _, r := range fc.recvs {
		isRecv[r] = true
	}
	for _, r := range fc.recvs {
		head := r.Block()
		if !ssaflow.InLoop(head) {
			continue
		}
		skip := map[*ssa.BasicBlock]bool{}
		switch r := r.(type) {
		case *ssa.Select:
			if !r.Blocking {
				continue
			}
			for i, st := range r.States {
				caseBlock := ssaflow.SelectCase(r, i)
				if caseBlock == nil {
					continue
				}
				load, isLoad := st.Chan.(*ssa.UnOp)
				if isLoad && isRecv[r] && isFieldLoadOf(load, fc) {
					skip[caseBlock] = true // the field's own case: receives
					continue
				}
				if senderSignals(sender, st.Chan) {
					skip[caseBlock] = true // the sender says it is done: coordinated
				}
			}
		case *ssa.UnOp:
			if ok := closedBranch(r); ok != nil {
				skip[ok] = true // the channel closed: the stream ended
			}
		default:
			continue
		}
		out = append(out, walk{
			fn: fn,
			stop: func(in ssa.Instruction) bool {
				switch in := in.(type) {
				case *ssa.UnOp, *ssa.Select:
					return isRecv[in]
				case *ssa.Call, *ssa.Defer:
					return failsTest(in.(ssa.CallInstruction).Common()) || ssaflow.Ends(in)
				case *ssa.Panic:
					return true
				}
				return false
			},
			follow: func(b *ssa.BasicBlock, i int) bool { return !skip[b.Succs[i]] },
			never:  map[*ssa.BasicBlock]bool{head: true},
		}.from(head, len(head.Instrs))...)
	}
	return out
}

// senderSignals: the sender closes or sends on the channel ch is a load of
// (the same field of its type), or ch is not a field load at all (a local
// channel: whether the sender reaches it is not known — assume it does).
func senderSignals(sender *ssa.Function, ch ssa.Value) bool {
	load, ok := ch.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return !isDoneCall(ch)
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return true
	}
	same := func(v ssa.Value) bool {
		l, ok := v.(*ssa.UnOp)
		if !ok || l.Op != token.MUL {
			return false
		}
		f, ok := l.X.(*ssa.FieldAddr)
		return ok && f.Field == fa.Field && types.Identical(f.X.Type(), fa.X.Type())
	}
	for _, b := range sender.Blocks {
		for _, instr := range b.Instrs {
			switch in := instr.(type) {
			case *ssa.Send:
				if same(in.Chan) {
					return true
				}
			case ssa.CallInstruction:
				if b, ok := in.Common().Value.(*ssa.Builtin); ok && b.Name() == "close" && len(in.Common().Args) == 1 && same(in.Common().Args[0]) {
					return true
				}
			}
		}
	}
	return false
}

// isDoneCall: ch is ctx.Done() — cancelled by whoever owns the context, not
// by a plain sender.
func isDoneCall(ch ssa.Value) bool {
	call, ok := ch.(*ssa.Call)
	return ok && call.Call.IsInvoke() && call.Call.Method.Name() == "Done"
}

func reportStreamLeak(pass *analysis.Pass, res *ssabuild.Result, fc *fieldChan, g *ssa.Go, send *ssa.Send, receiver *ssa.Function, exits []*ssa.Return) {
	pass.Report(leakDiagnostic(pass, res, send.Pos(), g, exits, fmt.Sprintf("stops receiving from `%s` here", fc.name), "`%s` may block forever: the only receiver of `%s`, %s, can stop receiving and return (line %d) while this still sends — select on the same stop signal here", fc.name, receiver.Name(), pass.Fset.Position(returnPos(res, exits[0])).Line))
}
