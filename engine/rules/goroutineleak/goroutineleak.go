// Package goroutineleak reports a goroutine that blocks forever on an
// unbuffered channel its starter abandons: the goroutine sends (or receives)
// and the function that started it can return without the matching receive
// (or send or close) — a select that takes its timeout or ctx.Done() case,
// an early return. Every call leaks one goroutine.
package goroutineleak

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/localchan"
	"github.com/goconc/goconc/engine/model/ssabuild"
	"github.com/goconc/goconc/engine/model/ssaflow"
	"github.com/goconc/goconc/engine/model/syncops"
)

var Analyzer = &analysis.Analyzer{
	Name: "goroutine_leak_blocked_send",
	Doc: `a goroutine blocked forever on an unbuffered channel its starter abandons

A function makes an unbuffered channel, starts a goroutine literal that
sends on it (or receives from it), and has a path from the go statement to a
return that never receives (or sends or closes): a select whose timeout or
ctx.Done() case is taken, an early return. On that path the goroutine blocks
forever, with everything it references. The channel must be seen by nobody
else (not passed to calls, stored or returned), and the goroutine's own
operation must be a plain one (not a select with a way out). A path that has
already failed the test (t.Error, t.Fatal) is not counted; in _test.go files
the finding is information. Quick fix: a
buffer of 1, when the goroutine is started once and sends once.

Also: a channel in an unexported struct field, given only unbuffered
channels made in the package, never closed and used only in sends,
receives and select cases, that a goroutine sends on while the one
function receiving from it — the one that started the goroutine — can
return without receiving; and a goroutine sending a stream in a loop whose
starter, the only receiver, can return from inside its receiving loop; and
a channel a function makes, gives to the one goroutine literal it starts
(which only sends on it, plainly) and returns: a caller in the package that
keeps it to itself and can return without receiving leaks that goroutine.`,
	Requires: []*analysis.Analyzer{ssabuild.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Warning, Category: "channels", Checklist: "context-timeouts"}

func run(pass *analysis.Pass) (any, error) {
	if !startsGoroutines(pass) {
		return nil, nil
	}
	res := ssabuild.Of(pass)
	for _, fn := range res.Funcs() {
		for _, lc := range localchan.In(fn, localchan.Options{Unbuffered: true}) {
			check(pass, res, fn, lc)
		}
	}
	checkFieldChans(pass, res)
	checkReturnedChans(pass, res)
	return nil, nil
}

// startsGoroutines: the package has a go statement (no SSA otherwise).
func startsGoroutines(pass *analysis.Pass) bool {
	for _, f := range pass.Files {
		found := false
		ast.Inspect(f, func(n ast.Node) bool {
			if _, ok := n.(*ast.GoStmt); ok {
				found = true
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

type direction int

const (
	sends    direction = iota // the goroutine sends; the starter must receive
	receives                  // the goroutine receives; the starter must send or close
)

func check(pass *analysis.Pass, res *ssabuild.Result, fn *ssa.Function, lc *localchan.Chan) {
	own := lc.OpsIn(fn)
	for _, g := range lc.Starts {
		body := g.Call.Value.(*ssa.MakeClosure).Fn.(*ssa.Function)
		theirs := lc.OpsIn(body)
		if dir, blocking, ok := sides(theirs, own); ok {
			if exits := leakingReturns(fn, g, lc, dir); len(exits) > 0 {
				report(pass, res, lc, g, dir, blocking, exits, theirs)
				continue
			}
		}
		if onlyConsumer(lc, g, fn) {
			if exits := abandoningReturns(fn, lc, theirs, own); len(exits) > 0 {
				reportAbandon(pass, res, lc, g, theirs, exits)
			}
		}
	}
}

// onlyConsumer: no goroutine but g's starter receives from the channel (no
// other goroutine it starts is left to drain it).
func onlyConsumer(lc *localchan.Chan, g *ssa.Go, starter *ssa.Function) bool {
	for _, other := range lc.Starts {
		if other == g {
			continue
		}
		body := other.Call.Value.(*ssa.MakeClosure).Fn.(*ssa.Function)
		for _, o := range lc.OpsIn(body) {
			if !o.Send {
				return false
			}
		}
	}
	return true
}

// sides: the goroutine only sends (at least one plain send) and the starter
// only receives — or the goroutine only receives and the starter only sends
// or closes. Anything else is a protocol this rule does not judge.
func sides(theirs, own []localchan.Op) (direction, []localchan.Op, bool) {
	allSend, allRecv := len(theirs) > 0, len(theirs) > 0
	var plainSends, plainRecvs []localchan.Op
	for _, o := range theirs {
		if o.Close {
			return 0, nil, false // the goroutine closes it: it owns the channel
		}
		allSend = allSend && o.Send
		allRecv = allRecv && !o.Send
		if o.Plain && o.Send {
			plainSends = append(plainSends, o)
		}
		if o.Plain && !o.Send {
			plainRecvs = append(plainRecvs, o)
		}
	}
	ownSends := false
	ownRecvs := false
	for _, o := range own {
		if o.Send {
			ownSends = true
		} else {
			ownRecvs = true
		}
	}
	switch {
	case allSend && len(plainSends) > 0 && !ownSends:
		return sends, plainSends, true
	case allRecv && len(plainRecvs) > 0 && !ownRecvs:
		return receives, plainRecvs, true
	}
	return 0, nil, false
}

// leakingReturns lists the starter's returns reachable from the go statement
// (or from the call that hands it the channel) without releasing the goroutine: no receive (or send/close) on the way, no
// select case doing it taken, no deferred close registered, no test failure
// reported, no call that never returns.
func leakingReturns(fn *ssa.Function, from ssa.Instruction, lc *localchan.Chan, dir direction) []*ssa.Return {
	releases := func(instr ssa.Instruction) bool {
		switch in := instr.(type) {
		case *ssa.UnOp:
			return dir == sends && in.Op == token.ARROW && lc.Values[in.X] == fn
		case *ssa.Send:
			return dir == receives && lc.Values[in.Chan] == fn
		case *ssa.Select:
			// A select that waits on this channel alone.
			return in.Blocking && len(in.States) == 1 && lc.Values[in.States[0].Chan] == fn
		case *ssa.Call, *ssa.Defer:
			return (dir == receives && lc.IsClose(instr)) || failsTest(instr.(ssa.CallInstruction).Common()) || ssaflow.Ends(instr)
		case *ssa.Panic:
			return true
		}
		return false
	}
	// A select case that does the releasing operation, taken.
	releasingCase := func(b *ssa.BasicBlock, i int) bool {
		return caseTaken(b, i, func(_ *ssa.Select, st *ssa.SelectState) bool {
			return lc.Values[st.Chan] == fn && (dir == sends) == (st.Dir == types.RecvOnly)
		})
	}
	return walk{fn: fn, stop: releases, follow: func(b *ssa.BasicBlock, i int) bool { return !releasingCase(b, i) }}.from(from.Block(), after(from))
}

// failsTest: t.Error, t.Errorf, t.Fail (and the Fatal family): the test has
// failed on this path, a leak there changes nothing.
func failsTest(c *ssa.CallCommon) bool {
	switch syncops.CalleeName(c) {
	case "(*testing.common).Error", "(*testing.common).Errorf", "(*testing.common).Fail":
		return true
	}
	return false
}

func report(pass *analysis.Pass, res *ssabuild.Result, lc *localchan.Chan, g *ssa.Go, dir direction, blocking []localchan.Op, exits []*ssa.Return, theirs []localchan.Op) {
	name := lc.Name()
	if dir == sends {
		d := leakDiagnostic(pass, res, blocking[0].Pos, g, exits, fmt.Sprintf("returns here without receiving from `%s`", name), "goroutine may block forever on `%s`: `%s` is unbuffered and the function that started it can return without receiving (give the channel a buffer: make(%s, 1))", name, types.TypeString(lc.Make.Type(), types.RelativeTo(pass.Pkg)))
		d.SuggestedFixes = bufferFix(pass, res, lc, g, theirs, name)
		pass.Report(d)
		return
	}
	pass.Report(leakDiagnostic(pass, res, blocking[0].Pos, g, exits, fmt.Sprintf("returns here without sending on or closing `%s`", name), "goroutine may block forever on `%s`: the function that started it can return without sending on or closing `%s` (close it with defer, or select on a done channel)", name))
}

// bufferFix: make(chan T) → make(chan T, 1), enough only when the goroutine
// is started once and sends once.
func bufferFix(pass *analysis.Pass, res *ssabuild.Result, lc *localchan.Chan, g *ssa.Go, theirs []localchan.Op, name string) []analysis.SuggestedFix {
	if len(lc.Starts) != 1 || ssaflow.InLoop(g.Block()) || len(theirs) != 1 || ssaflow.InLoop(theirs[0].Instr.Block()) {
		return nil
	}
	call := res.Call(lc.Make.Pos())
	if call == nil || len(call.Args) != 1 {
		return nil
	}
	at := call.Args[0].End()
	return []analysis.SuggestedFix{{
		Message:   fmt.Sprintf("Give `%s` a buffer of 1", name),
		TextEdits: []analysis.TextEdit{{Pos: at, End: at, NewText: []byte(", 1")}},
	}}
}

func enclosingOp(f *ast.File, pos token.Pos) ast.Node {
	if f == nil {
		return nil
	}
	path, _ := astutil.PathEnclosingInterval(f, pos, pos)
	for _, n := range path {
		switch n := n.(type) {
		case *ast.SendStmt:
			return n
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				return n
			}
		}
	}
	return nil
}

func returnPos(res *ssabuild.Result, r *ssa.Return) token.Pos {
	if r.Pos().IsValid() {
		return r.Pos()
	}
	return r.Parent().Pos()
}
