package lockstate

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// OpKind is what a call does to a sync lock.
type OpKind int

const (
	OpNone OpKind = iota
	OpLock
	OpUnlock
	OpRLock
	OpRUnlock
	OpTryLock
	OpTryRLock
)

func (k OpKind) acquires() bool { return k == OpLock || k == OpRLock }
func (k OpKind) releases() bool { return k == OpUnlock || k == OpRUnlock }
func (k OpKind) read() bool     { return k == OpRLock || k == OpRUnlock || k == OpTryRLock }

// ReleasedLock is the lock a call in fn releases (Unlock, RUnlock, a Cond's
// `c.L.Unlock()`), named as the lock model names it, so that it compares
// with the locks HeldAt lists.
func ReleasedLock(fn *ssa.Function, c *ssa.CallCommon) (Key, bool) {
	kind, recv := lockOp(c)
	if !kind.releases() {
		return Key{}, false
	}
	return lockKeyOf(fn, recv)
}

// lockOp recognises a direct call of a sync.Mutex/RWMutex method (promoted
// through embedding too: SSA selects the embedded field explicitly) and
// returns the receiver's SSA value.
func lockOp(call *ssa.CallCommon) (OpKind, ssa.Value) {
	if call.IsInvoke() {
		return condLockerOp(call)
	}
	callee := call.StaticCallee()
	if callee == nil || call.IsInvoke() || len(call.Args) == 0 {
		return OpNone, nil
	}
	recvType, name, ok := syncMethod(callee)
	if !ok || (recvType != "Mutex" && recvType != "RWMutex") {
		return OpNone, nil
	}
	var kind OpKind
	switch name {
	case "Lock":
		kind = OpLock
	case "Unlock":
		kind = OpUnlock
	case "RLock":
		kind = OpRLock
	case "RUnlock":
		kind = OpRUnlock
	case "TryLock":
		kind = OpTryLock
	case "TryRLock":
		kind = OpTryRLock
	default:
		return OpNone, nil
	}
	return kind, call.Args[0]
}

// condLockerOp recognises `c.L.Lock()` / `c.L.Unlock()`: the sync.Locker a
// sync.Cond was made with, locked through the Cond's L field (the idiom of
// x/crypto/ssh's window and mongo-driver's pool). The lock is named by that
// field, `c.L`; other sync.Locker values (a no-op locker, an RLocker) are
// not taken for locks.
func condLockerOp(call *ssa.CallCommon) (OpKind, ssa.Value) {
	load, ok := call.Value.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return OpNone, nil
	}
	field, ok := load.X.(*ssa.FieldAddr)
	if !ok {
		return OpNone, nil
	}
	ptr, ok := types.Unalias(field.X.Type()).Underlying().(*types.Pointer)
	if !ok {
		return OpNone, nil
	}
	named, ok := types.Unalias(ptr.Elem()).(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != "sync" || named.Obj().Name() != "Cond" {
		return OpNone, nil
	}
	if st, ok := named.Underlying().(*types.Struct); !ok || field.Field >= st.NumFields() || st.Field(field.Field).Name() != "L" {
		return OpNone, nil
	}
	switch call.Method.Name() {
	case "Lock":
		return OpLock, call.Value
	case "Unlock":
		return OpUnlock, call.Value
	}
	return OpNone, nil
}

// syncMethod reports the receiver type name and method name of a method
// declared in package sync.
func syncMethod(fn *ssa.Function) (recv, name string, ok bool) {
	obj, _ := fn.Object().(*types.Func)
	if obj == nil || obj.Pkg() == nil || obj.Pkg().Path() != "sync" {
		return "", "", false
	}
	sig, _ := obj.Type().(*types.Signature)
	if sig == nil || sig.Recv() == nil {
		return "", "", false
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, _ := types.Unalias(t).(*types.Named)
	if named == nil {
		return "", "", false
	}
	// A bound-method wrapper ("mu.Unlock" used as a value) has the method's
	// object too but free variables instead of parameters: analyse its body.
	if len(fn.FreeVars) > 0 {
		return "", "", false
	}
	return named.Obj().Name(), obj.Name(), true
}

// isSyncFunc reports a package-level function of package sync by name.
func isSyncFunc(fn *ssa.Function, name string) bool {
	obj, _ := fn.Object().(*types.Func)
	return obj != nil && obj.Pkg() != nil && obj.Pkg().Path() == "sync" && obj.Name() == name &&
		obj.Type().(*types.Signature).Recv() == nil
}

// noReturn lists calls after which the path ends: the process or goroutine is
// gone, so a lock held there is not a leak anyone can observe.
func noReturn(call *ssa.CallCommon) bool {
	callee := call.StaticCallee()
	if callee == nil {
		return false
	}
	obj, _ := callee.Object().(*types.Func)
	if obj == nil || obj.Pkg() == nil {
		return false
	}
	path, name := obj.Pkg().Path(), obj.Name()
	switch path {
	case "os":
		return name == "Exit"
	case "runtime":
		return name == "Goexit"
	case "log":
		switch name {
		case "Fatal", "Fatalf", "Fatalln":
			return true
		}
	case "testing":
		switch name {
		case "Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow":
			return true
		}
	}
	return false
}
