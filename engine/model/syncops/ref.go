package syncops

import (
	"fmt"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// Ref names the variable a value refers to within one function: a local
// allocation, a parameter, a captured variable or a package variable, then
// the fields and dereferences on the way ("p:s.wg", "a0x…"). Two receivers
// with equal Refs in one function are the same WaitGroup or Cond; "" means
// the value is not an access path (a call's result, a phi), and nothing is
// concluded about it.
//
// in translates a value of a started goroutine's function into its
// starter's frame (goroutines.Start.In); nil for none.
func Ref(v ssa.Value, in func(ssa.Value) ssa.Value) string {
	switch x := v.(type) {
	case *ssa.FreeVar, *ssa.Parameter:
		if in != nil {
			if o := in(x); o != nil {
				return Ref(o, nil)
			}
		}
		if fv, ok := x.(*ssa.FreeVar); ok {
			return "f:" + fv.Name()
		}
		return "p:" + x.Name()
	case *ssa.Alloc:
		return fmt.Sprintf("a%p", x)
	case *ssa.Global:
		return "g:" + x.Pkg.Pkg.Path() + "." + x.Name()
	case *ssa.FieldAddr:
		if r := Ref(x.X, in); r != "" {
			return r + "." + FieldName(x.X, x.Field)
		}
	case *ssa.UnOp:
		if x.Op == token.MUL {
			if r := Ref(x.X, in); r != "" {
				return r + ".*"
			}
		}
	}
	return ""
}
