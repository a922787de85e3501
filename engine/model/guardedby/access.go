package guardedby

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/lockstate"
)

// accessesOf lists fn's accesses to the package's fields and package
// variables, one per variable and line (a read and a write on one line —
// `s.n++`, `s.m[k] = v` — are one write).
func (m *model) accessesOf(fn *ssa.Function) []*Access {
	var out []*Access
	type lineKey struct {
		v    *types.Var
		key  string
		line int
	}
	seen := map[lineKey]*Access{}
	add := func(in ssa.Instruction, addr ssa.Value, write, passed bool) {
		v, k, ok := m.locate(fn, addr)
		if !ok {
			return
		}
		pos := in.Pos()
		if !pos.IsValid() {
			pos = addr.Pos()
		}
		if !pos.IsValid() {
			return // a parameter spilled into its variable, not source
		}
		lk := lineKey{v, k.ID(), m.pass.Fset.Position(pos).Line}
		if a := seen[lk]; a != nil {
			if write && !passed {
				a.Passed = false
			} else if write && !a.Write {
				a.Passed = true
			}
			a.Write = a.Write || write
			return
		}
		a := &Access{Instr: in, Fn: fn, Var: v, Key: k, Write: write, Passed: passed}
		seen[lk] = a
		out = append(out, a)
	}
	for _, b := range fn.Blocks {
		for _, in := range b.Instrs {
			switch in := in.(type) {
			case *ssa.UnOp:
				if in.Op == token.MUL {
					add(in, in.X, false, false)
				}
			case *ssa.Store:
				if addr, ok := elementContainer(in.Addr); ok {
					add(in, addr, true, false)
				} else {
					add(in, in.Addr, true, false)
				}
			case *ssa.MapUpdate:
				if addr, ok := loadedFrom(in.Map); ok {
					add(in, addr, true, false)
				}
			case ssa.CallInstruction:
				m.callAccesses(in, add)
			}
		}
	}
	return out
}

// callAccesses: delete(s.m, k) writes s.m; &s.f handed to a call reads and
// writes s.f — unless the call is to sync/atomic, which makes s.f an atomic
// (never counted).
func (m *model) callAccesses(c ssa.CallInstruction, add func(ssa.Instruction, ssa.Value, bool, bool)) {
	cc := c.Common()
	if b, ok := cc.Value.(*ssa.Builtin); ok {
		if b.Name() == "delete" && len(cc.Args) == 2 {
			if addr, ok := loadedFrom(cc.Args[0]); ok {
				add(c, addr, true, false)
			}
		}
		return
	}
	atomic := false
	if callee := cc.StaticCallee(); callee != nil && callee.Pkg != nil && callee.Pkg.Pkg.Path() == "sync/atomic" {
		atomic = true
	}
	if f := cc.StaticCallee(); f != nil && f.Object() != nil && f.Object().Pkg() != nil && f.Object().Pkg().Path() == "sync/atomic" {
		atomic = true
	}
	for _, arg := range cc.Args {
		fa, ok := arg.(*ssa.FieldAddr)
		if !ok {
			if g, isGlobal := arg.(*ssa.Global); isGlobal && atomic {
				if v, ok := g.Object().(*types.Var); ok {
					m.atomic[v] = true
				}
			}
			continue
		}
		if atomic {
			m.atomic[fieldVar(fa)] = true
			continue
		}
		add(c, fa, true, true)
	}
}

// locate names the field or package variable addr points to, with its key
// in fn's frame.
func (m *model) locate(fn *ssa.Function, addr ssa.Value) (*types.Var, lockstate.Key, bool) {
	var v *types.Var
	switch a := addr.(type) {
	case *ssa.FieldAddr:
		v = fieldVar(a)
	case *ssa.Global:
		v, _ = a.Object().(*types.Var)
	}
	if v == nil || v.Pkg() != m.pass.Pkg {
		return nil, lockstate.Key{}, false
	}
	k, ok := lockstate.KeyOf(fn, addr)
	if !ok {
		return nil, lockstate.Key{}, false
	}
	return v, k, true
}

func fieldVar(fa *ssa.FieldAddr) *types.Var {
	p, ok := fa.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return nil
	}
	st, ok := p.Elem().Underlying().(*types.Struct)
	if !ok || fa.Field >= st.NumFields() {
		return nil
	}
	return st.Field(fa.Field).Origin()
}

// loadedFrom: v is the value loaded from a field or package variable (the
// map of `s.m[k] = v`).
func loadedFrom(v ssa.Value) (ssa.Value, bool) {
	if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL {
		return u.X, true
	}
	return nil, false
}

// elementContainer: addr is an element of a slice or array held by a field
// or package variable (s.items[i] = x, s.items[i].n = x, s.arr[i] = x):
// the address of that field.
func elementContainer(addr ssa.Value) (ssa.Value, bool) {
	sawIndex := false
	for range 8 {
		switch a := addr.(type) {
		case *ssa.FieldAddr:
			if !sawIndex {
				if _, ok := a.X.(*ssa.IndexAddr); !ok {
					return nil, false
				}
			}
			addr = a.X
		case *ssa.IndexAddr:
			sawIndex = true
			if _, isSlice := a.X.Type().Underlying().(*types.Slice); isSlice {
				return loadedFrom(a.X)
			}
			addr = a.X // *array: its address
			switch addr.(type) {
			case *ssa.FieldAddr, *ssa.Global:
				return addr, true
			}
		default:
			return nil, false
		}
	}
	return nil, false
}

// declaresMutex: the package declares a mutex somewhere a guard can be — a
// struct field or a package variable (nothing else can be inferred).
func declaresMutex(pkg *types.Package) bool {
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		switch o := scope.Lookup(name).(type) {
		case *types.Var:
			if isMutex(o.Type()) {
				return true
			}
		case *types.TypeName:
			if st, ok := o.Type().Underlying().(*types.Struct); ok && hasMutexField(st, 0) {
				return true
			}
		}
	}
	return false
}

func hasMutexField(st *types.Struct, depth int) bool {
	for i := 0; i < st.NumFields(); i++ {
		t := st.Field(i).Type()
		if isMutex(t) {
			return true
		}
		if inner, ok := t.Underlying().(*types.Struct); ok && depth < 2 && hasMutexField(inner, depth+1) {
			return true
		}
	}
	return false
}

// isMutex: sync.Mutex or sync.RWMutex, or a pointer to one.
func isMutex(t types.Type) bool {
	return isNamedIn(t, "sync", "Mutex", "RWMutex")
}

func isNamedIn(t types.Type, pkg string, names ...string) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != pkg {
		return false
	}
	if len(names) == 0 {
		return true
	}
	for _, name := range names {
		if n.Obj().Name() == name {
			return true
		}
	}
	return false
}

// selfSynchronised: values of type t synchronise their own use — sync and
// sync/atomic types, channels, and structs that hold their own mutex (a
// field holding one is not data a lock guards).
func selfSynchronised(t types.Type) bool {
	if isNamedIn(t, "sync") || isNamedIn(t, "sync/atomic") {
		return true
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	switch u := t.Underlying().(type) {
	case *types.Chan:
		return true
	case *types.Struct:
		if _, named := types.Unalias(t).(*types.Named); named {
			for i := 0; i < u.NumFields(); i++ {
				ft := u.Field(i).Type()
				if isNamedIn(ft, "sync") || isNamedIn(ft, "sync/atomic") {
					return true
				}
			}
		}
	}
	return false
}
