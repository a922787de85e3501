// Package blockingops is goconc's shared model of the operations a goroutine
// can block on — channel sends and receives, WaitGroup.Wait, Cond.Wait — and
// of their partners: the receives and sends (and, for a receive, a close),
// Done calls and Signal/Broadcast calls that would let them proceed.
// Channels, WaitGroups and Conds are named by access path (lockstate.Key):
// two operations meet when their keys have the same class (the field of a
// named struct type, a package variable) or, for a variable captured by
// closures, the same identity; a bare parameter is named by what the calls
// and go statements of the package pass for it.
package blockingops

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/lockstate"
)

// Kind of an operation.
type Kind int

const (
	Send Kind = iota
	Recv
	WaitGroupWait
	WaitGroupDone
	WaitGroupAdd
	CondWait
	CondSignal // Signal or Broadcast
	// Close: close(ch). It never blocks; it releases every receive on ch.
	Close
)

// Partner is the kind of operation that unblocks this one.
func (k Kind) Partner() Kind {
	switch k {
	case Send:
		return Recv
	case Recv:
		return Send
	case WaitGroupWait:
		return WaitGroupDone
	case CondWait:
		return CondSignal
	}
	return -1
}

// Unblocks reports whether an operation of kind p lets one of kind k
// proceed: its partner, or a close for a receive.
func (k Kind) Unblocks(p Kind) bool {
	return p == k.Partner() || (k == Recv && p == Close)
}

// Blocks: the operation can wait for a partner.
func (k Kind) Blocks() bool { return k == Send || k == Recv || k == WaitGroupWait || k == CondWait }

// Op is one operation in a function.
type Op struct {
	Kind  Kind
	Key   lockstate.Key // the channel, WaitGroup or Cond
	Instr ssa.Instruction
	Pos   token.Pos
	// Deferred: a `defer wg.Done()` — it runs at every exit.
	Deferred bool
	// NonBlocking: a case of a select with a default.
	NonBlocking bool
}

// Same reports whether two keys, each seen in its own function, name the same
// channel, WaitGroup or Cond: the same class, or the same captured variable.
func Same(a, b lockstate.Key) bool {
	if ca, cb := a.Class(), b.Class(); ca != "" || cb != "" {
		return ca == cb
	}
	return a.Root == lockstate.RootCell && b.Root == lockstate.RootCell && a.ID() == b.ID()
}

// OpsOf lists fn's own operations (not its callees'), in instruction order.
func OpsOf(fn *ssa.Function) []Op {
	var out []Op
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			out = append(out, opsOfInstr(fn, instr)...)
		}
	}
	return out
}

func opsOfInstr(fn *ssa.Function, instr ssa.Instruction) []Op {
	add := func(kind Kind, v ssa.Value, pos token.Pos) []Op {
		k, ok := lockstate.KeyOf(fn, v)
		if !ok {
			return nil
		}
		return []Op{{Kind: kind, Key: k, Instr: instr, Pos: pos}}
	}
	switch in := instr.(type) {
	case *ssa.Send:
		return add(Send, in.Chan, in.Pos())
	case *ssa.UnOp:
		if in.Op == token.ARROW {
			return add(Recv, in.X, in.Pos())
		}
	case *ssa.Select:
		var out []Op
		for _, st := range in.States {
			kind := Recv
			if st.Dir == types.SendOnly {
				kind = Send
			}
			for _, op := range add(kind, st.Chan, st.Pos) {
				// A select with a default, or with another case, does not wait
				// for this partner alone.
				op.NonBlocking = !in.Blocking || len(in.States) > 1
				out = append(out, op)
			}
		}
		return out
	case ssa.CallInstruction:
		kind, recv, ok := syncCall(in.Common())
		if !ok {
			kind, recv, ok = closeCall(in.Common())
		}
		if !ok {
			return nil
		}
		ops := add(kind, recv, in.Pos())
		if _, deferred := in.(*ssa.Defer); deferred {
			for i := range ops {
				ops[i].Deferred = true
			}
		}
		return ops
	}
	return nil
}

// closeCall recognises the builtin close(ch), with the channel.
func closeCall(c *ssa.CallCommon) (Kind, ssa.Value, bool) {
	if b, ok := c.Value.(*ssa.Builtin); ok && b.Name() == "close" && len(c.Args) == 1 {
		return Close, c.Args[0], true
	}
	return 0, nil, false
}

// syncCall recognises (*sync.WaitGroup).Wait/Done and (*sync.Cond).Wait/
// Signal/Broadcast by their types, with the receiver.
func syncCall(c *ssa.CallCommon) (Kind, ssa.Value, bool) {
	callee := c.StaticCallee()
	if callee == nil || len(c.Args) == 0 || len(callee.FreeVars) > 0 {
		return 0, nil, false
	}
	obj, _ := callee.Object().(*types.Func)
	if obj == nil || obj.Pkg() == nil || obj.Pkg().Path() != "sync" {
		return 0, nil, false
	}
	sig, _ := obj.Type().(*types.Signature)
	if sig == nil || sig.Recv() == nil {
		return 0, nil, false
	}
	ptr, _ := sig.Recv().Type().(*types.Pointer)
	if ptr == nil {
		return 0, nil, false
	}
	named, _ := types.Unalias(ptr.Elem()).(*types.Named)
	if named == nil {
		return 0, nil, false
	}
	switch named.Obj().Name() + "." + obj.Name() {
	case "WaitGroup.Wait":
		return WaitGroupWait, c.Args[0], true
	case "WaitGroup.Done":
		return WaitGroupDone, c.Args[0], true
	case "WaitGroup.Add":
		return WaitGroupAdd, c.Args[0], true
	case "Cond.Wait":
		return CondWait, c.Args[0], true
	case "Cond.Signal", "Cond.Broadcast":
		return CondSignal, c.Args[0], true
	}
	return 0, nil, false
}
