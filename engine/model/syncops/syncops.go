// Package syncops recognises the calls the blocking rules reason about —
// sync.WaitGroup, sync.Cond and sync.Map methods, context's cancelling constructors,
// time.After — by go/types identity, never by name: a local type with a Wait
// method, or a variable called wg, is nothing to it.
package syncops

import (
	"fmt"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// IsNamed reports whether t (or what it points to) is the named type pkg.name.
func IsNamed(t types.Type, pkg, name string) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	return n.Obj().Pkg().Path() == pkg && n.Obj().Name() == name
}

// Kind is the type whose method a call invokes.
type Kind int

const (
	None Kind = iota
	WaitGroup
	Cond
	Map
)

// Method is a call to a method of sync.WaitGroup, sync.Cond or sync.Map: its
// kind, the method name and the receiver (a *sync.WaitGroup / *sync.Cond /
// *sync.Map value).
type Method struct {
	Kind Kind
	Name string // Add, Done, Wait, Go; Wait, Signal, Broadcast
	Recv ssa.Value
}

// MethodOf classifies a static call to a sync.WaitGroup, sync.Cond or sync.Map method
// (a method value bound to a receiver included).
func MethodOf(c *ssa.CallCommon) (Method, bool) {
	var fn *ssa.Function
	var recv ssa.Value
	switch v := c.Value.(type) {
	case *ssa.Function:
		if len(c.Args) == 0 {
			return Method{}, false
		}
		fn, recv = v, c.Args[0]
	case *ssa.MakeClosure: // a bound method value, wg.Done as a func
		f, ok := v.Fn.(*ssa.Function)
		if !ok || len(v.Bindings) != 1 {
			return Method{}, false
		}
		fn, recv = f, v.Bindings[0]
	default:
		return Method{}, false
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok {
		return Method{}, false
	}
	sig, _ := obj.Type().(*types.Signature)
	if sig == nil || sig.Recv() == nil {
		return Method{}, false
	}
	switch {
	case IsNamed(sig.Recv().Type(), "sync", "WaitGroup"):
		return Method{Kind: WaitGroup, Name: obj.Name(), Recv: recv}, true
	case IsNamed(sig.Recv().Type(), "sync", "Cond"):
		return Method{Kind: Cond, Name: obj.Name(), Recv: recv}, true
	case IsNamed(sig.Recv().Type(), "sync", "Map"):
		return Method{Kind: Map, Name: obj.Name(), Recv: recv}, true
	}
	return Method{}, false
}

// FuncOf is the package-level function or method a types.Object names, as
// "pkg/path.Name" or "(*pkg/path.T).Name"; "" for anything else.
func FuncOf(obj types.Object) string {
	f, ok := obj.(*types.Func)
	if !ok || f.Pkg() == nil {
		return ""
	}
	return f.FullName()
}

// CancellingContext reports whether fn (FuncOf form) returns a context with
// its cancel function: context.WithCancel, WithTimeout, WithDeadline and
// their *Cause variants.
func CancellingContext(fn string) bool {
	switch fn {
	case "context.WithCancel", "context.WithTimeout", "context.WithDeadline",
		"context.WithCancelCause", "context.WithTimeoutCause", "context.WithDeadlineCause":
		return true
	}
	return false
}

// NoReturn reports whether a call to fn (FuncOf form) never returns to its
// caller: the path ends there as it does at a panic.
func NoReturn(fn string) bool {
	switch fn {
	case "os.Exit", "runtime.Goexit", "log.Fatal", "log.Fatalf", "log.Fatalln", "log.Panic", "log.Panicf", "log.Panicln",
		"(*log.Logger).Fatal", "(*log.Logger).Fatalf", "(*log.Logger).Fatalln",
		"(*log.Logger).Panic", "(*log.Logger).Panicf", "(*log.Logger).Panicln",
		"(*testing.common).Fatal", "(*testing.common).Fatalf", "(*testing.common).FailNow",
		"(*testing.common).Skip", "(*testing.common).Skipf", "(*testing.common).SkipNow":
		return true
	}
	return false
}

// CalleeName is FuncOf of a call's static callee ("" when dynamic).
func CalleeName(c *ssa.CallCommon) string {
	if c.IsInvoke() {
		return ""
	}
	if f := c.StaticCallee(); f != nil {
		if o := f.Origin(); o != nil {
			f = o
		}
		return FuncOf(f.Object())
	}
	return ""
}

// FieldName is the name of field i of the struct ptr points to.
func FieldName(ptr ssa.Value, i int) string {
	if p, ok := types.Unalias(ptr.Type()).Underlying().(*types.Pointer); ok {
		if s, ok := p.Elem().Underlying().(*types.Struct); ok && i < s.NumFields() {
			return s.Field(i).Name()
		}
	}
	return fmt.Sprint(i)
}
