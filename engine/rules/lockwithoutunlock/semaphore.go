package lockwithoutunlock

import (
	"fmt"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/lockstate"
	"github.com/goconc/goconc/engine/model/ssabuild"
	"github.com/goconc/goconc/engine/model/ssaflow"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

// checkSemaphores: a buffered channel used as a semaphore — a function sends
// a token into it (acquire) and receives it back (release), itself, in a
// deferred closure or in a function it calls — with a path from the acquire
// to a return that gives nothing back. Each such return keeps one slot
// taken; once the buffer is full every acquire blocks (knative serving#2137:
// the timeout return before the deferred release is registered).
func checkSemaphores(pass *analysis.Pass) {
	res := ssabuild.Of(pass)
	var buffered map[string]bool
	for _, fn := range res.Funcs() {
		acquires := sendsOf(fn)
		if len(acquires) == 0 {
			continue
		}
		if buffered == nil {
			buffered = bufferedChanFields(pass, res.Funcs())
		}
		for _, a := range acquires {
			if !buffered[a.key.Class()] || !a.token {
				continue
			}
			exits, released := returnsHolding(fn, a)
			if len(exits) == 0 || !released {
				continue
			}
			reportSemaphore(pass, res, a, exits)
		}
	}
}

// acquire is a send of a token: a plain send, or a select's send case (the
// walk starts where that case is taken).
type acquire struct {
	key   lockstate.Key
	token bool // the channel's elements are struct{}: placeholders, not data
	pos   token.Pos
	block *ssa.BasicBlock
	index int // first instruction of block after the acquire
}

func sendsOf(fn *ssa.Function) []acquire {
	var out []acquire
	for _, b := range fn.Blocks {
		for i, instr := range b.Instrs {
			switch in := instr.(type) {
			case *ssa.Send:
				if k, ok := lockstate.KeyOf(fn, in.Chan); ok && k.Exact() && k.Class() != "" {
					out = append(out, acquire{key: k, token: emptyElems(in.Chan), pos: in.Pos(), block: b, index: i + 1})
				}
			case *ssa.Select:
				for si, st := range in.States {
					if st.Dir != types.SendOnly {
						continue
					}
					k, ok := lockstate.KeyOf(fn, st.Chan)
					if !ok || !k.Exact() || k.Class() == "" {
						continue
					}
					if taken := ssaflow.SelectCase(in, si); taken != nil {
						out = append(out, acquire{key: k, token: emptyElems(st.Chan), pos: st.Pos, block: taken, index: 0})
					} else if len(in.States) == 1 && in.Blocking {
						out = append(out, acquire{key: k, token: emptyElems(st.Chan), pos: st.Pos, block: b, index: i + 1})
					}
				}
			}
		}
	}
	return out
}

// emptyElems: ch carries struct{} values — tokens, where a queue of data
// (a pipeline's entries, a latest-value slot) carries something.
func emptyElems(ch ssa.Value) bool {
	c, ok := ch.Type().Underlying().(*types.Chan)
	if !ok {
		return false
	}
	st, ok := c.Elem().Underlying().(*types.Struct)
	return ok && st.NumFields() == 0
}

// bufferedChanFields: the channel fields (by class) that the package only
// ever gives make(chan T, n) with a constant n > 0. A field also given an
// unbuffered channel or a value from elsewhere is not a semaphore it knows.
func bufferedChanFields(pass *analysis.Pass, funcs []*ssa.Function) map[string]bool {
	out := map[string]bool{}
	bad := map[string]bool{}
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				st, ok := instr.(*ssa.Store)
				if !ok {
					continue
				}
				if _, isChan := st.Val.Type().Underlying().(*types.Chan); !isChan {
					continue
				}
				k, ok := lockstate.KeyOf(fn, st.Addr)
				if !ok || k.Class() == "" {
					continue
				}
				class := k.Class()
				mc, isMake := st.Val.(*ssa.MakeChan)
				size, isConst := (*ssa.Const)(nil), false
				if isMake {
					size, isConst = mc.Size.(*ssa.Const)
				}
				if !isMake || !isConst || size.Int64() <= 0 {
					bad[class] = true
					continue
				}
				out[class] = true
			}
		}
	}
	for class := range bad {
		delete(out, class)
	}
	return out
}

// releases: instr receives from the channel at key (in fn's terms), in
// place, as a select case, or in a function it calls, defers or starts
// (depth calls down).
func releases(fn *ssa.Function, instr ssa.Instruction, key lockstate.Key, depth int) bool {
	same := func(k lockstate.Key) (lockstate.Key, bool) { return k, true }
	return releasesVia(fn, instr, same, key, depth)
}

// releasesVia: instr of fn receives a token of key, fn's keys turned into
// the reporting function's by toTop.
func releasesVia(fn *ssa.Function, instr ssa.Instruction, toTop func(lockstate.Key) (lockstate.Key, bool), key lockstate.Key, depth int) bool {
	match := func(v ssa.Value) bool {
		k, ok := lockstate.KeyOf(fn, v)
		if ok {
			k, ok = toTop(k)
		}
		return ok && k.ID() == key.ID()
	}
	switch in := instr.(type) {
	case *ssa.UnOp:
		return in.Op == token.ARROW && match(in.X)
	case *ssa.Select:
		for _, st := range in.States {
			if st.Dir == types.RecvOnly && match(st.Chan) {
				return true
			}
		}
	case ssa.CallInstruction:
		if depth == 0 {
			return false
		}
		c := in.Common()
		callee, bindings := lockstate.Callee(c)
		if callee == nil || callee == fn || len(callee.Blocks) == 0 {
			return false
		}
		inner := func(k lockstate.Key) (lockstate.Key, bool) {
			k, ok := lockstate.Substitute(k, fn, c.Args, bindings)
			if !ok {
				return k, false
			}
			return toTop(k)
		}
		for _, b := range callee.Blocks {
			for _, ci := range b.Instrs {
				if releasesVia(callee, ci, inner, key, depth-1) {
					return true
				}
			}
		}
	}
	return false
}

// returnsHolding: the returns reachable from the acquire on a path that
// gives no token back (no receive, no call or defer of a function that
// receives, no go statement handing the token to a goroutine that does) and
// does not end in a panic or a call that never returns; released says some
// path from the acquire does give it back — the function pairs the two, a
// drain-then-send slot does not.
func returnsHolding(fn *ssa.Function, a acquire) (out []*ssa.Return, released bool) {
	type item struct {
		b    *ssa.BasicBlock
		from int
	}
	seen := map[*ssa.BasicBlock]bool{}
	stack := []item{{a.block, a.index}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if it.from == 0 {
			if seen[it.b] || it.b == fn.Recover {
				continue
			}
			seen[it.b] = true
		}
		stopped := false
		for _, instr := range it.b.Instrs[it.from:] {
			if releases(fn, instr, a.key, 2) {
				released, stopped = true, true
				break
			}
			if _, isPanic := instr.(*ssa.Panic); isPanic || ssaflow.Ends(instr) {
				stopped = true
				break
			}
			if r, ok := instr.(*ssa.Return); ok {
				out = append(out, r)
			}
		}
		if !stopped {
			for _, s := range it.b.Succs {
				stack = append(stack, item{s, 0})
			}
		}
	}
	return out, released
}

func reportSemaphore(pass *analysis.Pass, res *ssabuild.Result, a acquire, exits []*ssa.Return) {
	name := a.key.String()
	d := analysis.Diagnostic{
		Pos: a.pos, End: a.pos, Category: meta.Warning,
		Message: fmt.Sprintf("a token sent into %s (a buffered channel used as a semaphore) is not received back on %d return path(s): each keeps a slot taken, and once %s is full every send blocks (release it with a defer right after the send)",
			name, len(exits), name),
	}
	for i, r := range exits {
		if i == 3 {
			break
		}
		pos := r.Pos()
		if !pos.IsValid() {
			pos = r.Parent().Pos()
		}
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: pos, Message: fmt.Sprintf("returns here still holding a slot of %s (line %d)", name, srctext.Line(pass.Fset, pos))})
	}
	pass.Report(d)
}
