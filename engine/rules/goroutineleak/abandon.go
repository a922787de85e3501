package goroutineleak

import (
	"fmt"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/localchan"
	"github.com/goconc/goconc/engine/model/ssabuild"
	"github.com/goconc/goconc/engine/model/ssaflow"
)

// The abandoning consumer (cockroach#18101, moby#21233): a goroutine sends a
// stream of values on an unbuffered channel — a plain send in a loop, then
// perhaps a close — and the function that started it receives them in a loop
// (`for v := range ch`) but can leave that loop early, on an error, with
// values still to come. The goroutine blocks on its next send forever. The
// starter's receive releases the sender once, not for good, so the checks
// above (a return before any receive) do not see it.

// abandoningReturns are the starter's returns reachable from inside a loop
// that receives from the channel, without going round to receive again,
// without leaving through the "channel closed" branch of a range, and with
// nothing on the way that receives again, ends the path or fails a test.
func abandoningReturns(fn *ssa.Function, lc *localchan.Chan, theirs, own []localchan.Op) []*ssa.Return {
	loopSend := false
	for _, o := range theirs {
		if !o.Send {
			return nil // the goroutine receives too: a protocol this does not judge
		}
		if o.Plain && !o.Close && ssaflow.InLoop(o.Instr.Block()) {
			loopSend = true
		}
	}
	if !loopSend {
		return nil
	}
	var recvs []*ssa.UnOp
	for _, o := range own {
		if o.Send {
			return nil // the starter sends or closes: not a plain consumer
		}
		if u, ok := o.Instr.(*ssa.UnOp); ok && o.Plain && ssaflow.InLoop(u.Block()) {
			recvs = append(recvs, u)
		}
	}
	var out []*ssa.Return
	seenRet := map[*ssa.Return]bool{}
	for _, recv := range recvs {
		for _, r := range returnsLeavingLoop(fn, lc, recv) {
			if !seenRet[r] {
				seenRet[r] = true
				out = append(out, r)
			}
		}
	}
	return out
}

func returnsLeavingLoop(fn *ssa.Function, lc *localchan.Chan, recv *ssa.UnOp) []*ssa.Return {
	head := recv.Block()
	closedExit := closedBranch(recv)
	again := func(instr ssa.Instruction) bool {
		switch in := instr.(type) {
		case *ssa.UnOp:
			return in.Op == token.ARROW && lc.Values[in.X] == fn
		case *ssa.Select:
			for _, st := range in.States {
				if lc.Values[st.Chan] == fn {
					return true
				}
			}
		case *ssa.Call, *ssa.Defer:
			return failsTest(instr.(ssa.CallInstruction).Common()) || ssaflow.Ends(instr)
		case *ssa.Panic:
			return true
		}
		return false
	}
	return walk{
		fn:     fn,
		stop:   again,
		follow: func(b *ssa.BasicBlock, i int) bool { return b.Succs[i] != closedExit },
		never:  map[*ssa.BasicBlock]bool{head: true},
	}.from(head, after(recv))
}

// closedBranch is the block a range over the channel goes to when it is
// closed: the false branch of `if ok` on the receive's comma-ok.
func closedBranch(recv *ssa.UnOp) *ssa.BasicBlock {
	if !recv.CommaOk || recv.Referrers() == nil {
		return nil
	}
	for _, r := range *recv.Referrers() {
		ext, ok := r.(*ssa.Extract)
		if !ok || ext.Index != 1 || ext.Referrers() == nil {
			continue
		}
		for _, u := range *ext.Referrers() {
			if iff, ok := u.(*ssa.If); ok && iff.Cond == ext {
				return iff.Block().Succs[1]
			}
		}
	}
	return nil
}

func reportAbandon(pass *analysis.Pass, res *ssabuild.Result, lc *localchan.Chan, g *ssa.Go, theirs []localchan.Op, exits []*ssa.Return) {
	var op localchan.Op
	for _, o := range theirs {
		if o.Plain && !o.Close && ssaflow.InLoop(o.Instr.Block()) {
			op = o
			break
		}
	}
	name := lc.Name()
	pass.Report(leakDiagnostic(pass, res, op.Pos, g, exits, fmt.Sprintf("stops receiving from `%s` here", name), "goroutine may block forever on `%s`: the function that started it can stop receiving from `%s` and return (line %d) while the goroutine still has values to send (select on a done channel in the sender, or drain `%s` before returning)", name, pass.Fset.Position(returnPos(res, exits[0])).Line, name))
}
