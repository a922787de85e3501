package blockingops

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// fieldFuncs finds the function each func-typed struct field holds, where the
// indexed functions store exactly one into it (`deleteTokenFunc:
// as.deleteToken` in a composite literal, `k.onEvict = c.evict`): a call
// through the field runs that function. A field that is also given a value
// the package cannot name (a parameter, a call result) or two different
// functions is left out.
func fieldFuncs(fns []*ssa.Function) map[string]*ssa.Function {
	out := map[string]*ssa.Function{}
	unknown := map[string]bool{}
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				st, ok := instr.(*ssa.Store)
				if !ok {
					continue
				}
				fa, ok := st.Addr.(*ssa.FieldAddr)
				if !ok {
					continue
				}
				if _, isFunc := fa.Type().(*types.Pointer).Elem().Underlying().(*types.Signature); !isFunc {
					continue
				}
				class := fieldClass(fa)
				if class == "" {
					continue
				}
				if c, ok := st.Val.(*ssa.Const); ok && c.IsNil() {
					continue // clearing the field adds no callee
				}
				target := storedFunc(st.Val)
				if target == nil || (out[class] != nil && out[class] != target) {
					unknown[class] = true
					continue
				}
				out[class] = target
			}
		}
	}
	for class := range unknown {
		delete(out, class)
	}
	return out
}

// storedFunc is the function a stored func value runs: a named function, a
// closure, the method of a method value.
func storedFunc(v ssa.Value) *ssa.Function {
	switch v := v.(type) {
	case *ssa.Function:
		return v
	case *ssa.MakeClosure:
		fn, ok := v.Fn.(*ssa.Function)
		if !ok {
			return nil
		}
		if strings.HasPrefix(fn.Synthetic, "bound method wrapper") {
			return boundMethod(fn)
		}
		return fn
	}
	return nil
}

// boundMethod is the method a bound-method wrapper calls.
func boundMethod(wrapper *ssa.Function) *ssa.Function {
	for _, b := range wrapper.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(*ssa.Call); ok {
				if callee := call.Call.StaticCallee(); callee != nil {
					return callee
				}
			}
		}
	}
	return nil
}

// fieldClass names a struct field across instances: "pkg.Type.field", "" for
// a field of an unnamed struct.
func fieldClass(fa *ssa.FieldAddr) string {
	ptr, ok := fa.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return ""
	}
	named, ok := types.Unalias(ptr.Elem()).(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return ""
	}
	st, ok := named.Underlying().(*types.Struct)
	if !ok || fa.Field >= st.NumFields() {
		return ""
	}
	return named.Obj().Pkg().Path() + "." + named.Obj().Name() + "." + st.Field(fa.Field).Name()
}

// FieldCall is a call, in an indexed function, through a func-typed field
// that holds one known function.
type FieldCall struct {
	Site   token.Pos
	Callee *ssa.Function
}

// FieldCalls lists fn's calls through func-typed fields whose function the
// package names (see fieldFuncs).
func (ix *Index) FieldCalls(fn *ssa.Function) []FieldCall {
	var out []FieldCall
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok || call.Call.IsInvoke() {
				continue
			}
			load, ok := call.Call.Value.(*ssa.UnOp)
			if !ok || load.Op != token.MUL {
				continue
			}
			fa, ok := load.X.(*ssa.FieldAddr)
			if !ok {
				continue
			}
			if callee := ix.fieldFuncs[fieldClass(fa)]; callee != nil {
				out = append(out, FieldCall{Site: call.Pos(), Callee: callee})
			}
		}
	}
	return out
}
