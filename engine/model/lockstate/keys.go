package lockstate

import (
	"fmt"
	"go/token"
	"go/types"
	"strings"
	"sync"

	"golang.org/x/tools/go/ssa"
)

// RootKind says what a lock path starts from. Only roots that mean the same
// thing to a caller (parameters, free variables, package variables) survive
// substitution into a caller; locals are meaningful inside one function.
type RootKind int

const (
	RootParam RootKind = iota
	RootFreeVar
	RootGlobal
	RootLocal
	// RootCell is a variable of an enclosing function captured by closures:
	// the same lock for the function, its closures and their siblings.
	RootCell
)

// Step is one selection on the way from the root to the lock: a struct field
// (with the named struct type that declares it, which gives the lock its
// class) or a pointer dereference.
type Step struct {
	Field string
	Owner string // "pkg.Type" of the struct declaring Field; "" for a dereference
	Deref bool
	// Elem: an element of a slice, array or map (s.items[i], m[k], a range
	// element). Index names it when two uses provably reach the same element:
	// a constant, a value computed once per call ("v:…"), or the instruction
	// that took the element out ("e:…", the same element until the flow runs
	// that instruction again). "" means "some element": a class of locks.
	Elem  bool
	Index string
}

// Key names a lock relative to the function that uses it: "parameter 0, field
// mu", "package variable registryMu". Two operations with equal keys in one
// function act on the same lock; a callee's key becomes the caller's by
// substituting its root with the argument at the call.
type Key struct {
	Root   RootKind
	Index  int    // parameter or free-variable index
	Global string // "pkgpath.name" of a package variable
	Local  string // identity of a local allocation within its function
	Name   string // how the root is written in source, for messages
	Path   []Step
	// Reassigned (RootCell only): the captured variable is assigned more than
	// once, so two accesses through it may reach different values.
	Reassigned bool
}

// Exact: the key names one lock for the whole call. Not so a key through an
// element with no provable index ("some element of s.items": two
// acquisitions may take different elements), nor one named by the
// instruction that took the element (a loop takes a new one each time).
func (k Key) Exact() bool {
	for _, s := range k.Path {
		if s.Elem && (s.Index == "" || strings.HasPrefix(s.Index, "e:")) {
			return false
		}
	}
	return true
}

// someElement: the key is a class ("some element of s.items"), never one
// lock: locking it again while it is held takes another element, as a rule.
func (k Key) someElement() bool {
	for _, s := range k.Path {
		if s.Elem && s.Index == "" {
			return true
		}
	}
	return false
}

// elemMarker is how an element taken by instruction v appears in key IDs.
func elemMarker(v ssa.Value) string { return fmt.Sprintf("[e:%p]", v) }

// forgetElement turns keys through the element taken by v into the class:
// running v again takes another element (the next iteration's).
func (k Key) forgetElement(v ssa.Value) Key {
	idx := elemMarker(v)
	idx = idx[1 : len(idx)-1]
	path := make([]Step, len(k.Path))
	copy(path, k.Path)
	for i := range path {
		if path[i].Elem && path[i].Index == idx {
			path[i].Index = ""
		}
	}
	k.Path = path
	return k
}

// Owner is the key of the value whose field k selects (s.mu → s), ok=false
// when k selects no field (a bare variable).
func (k Key) Owner() (Key, bool) {
	for i := len(k.Path) - 1; i >= 0; i-- {
		if k.Path[i].Elem {
			return Key{}, false
		}
		if !k.Path[i].Deref {
			o := k
			o.Path = append([]Step(nil), k.Path[:i]...)
			return o, true
		}
	}
	return Key{}, false
}

// ID is the identity of the key within one function.
func (k Key) ID() string {
	var b strings.Builder
	switch k.Root {
	case RootParam:
		fmt.Fprintf(&b, "p%d", k.Index)
	case RootFreeVar:
		fmt.Fprintf(&b, "f%d", k.Index)
	case RootGlobal:
		b.WriteString("g:" + k.Global)
	case RootLocal:
		b.WriteString("l:" + k.Local)
	case RootCell:
		b.WriteString("c:" + k.Local)
	}
	for _, s := range k.Path {
		if s.Elem {
			b.WriteString("[" + s.Index + "]")
		} else if s.Deref {
			b.WriteString(".*")
		} else {
			b.WriteString("." + s.Field)
		}
	}
	return b.String()
}

// String is the key as source would write it: "s.mu", "registryMu".
func (k Key) String() string {
	var b strings.Builder
	b.WriteString(k.Name)
	for _, s := range k.Path {
		if s.Elem {
			idx := s.Index
			if strings.HasPrefix(idx, "v:") || strings.HasPrefix(idx, "e:") || idx == "" {
				idx = "…"
			}
			b.WriteString("[" + idx + "]")
			continue
		}
		if !s.Deref {
			if b.Len() > 0 {
				b.WriteString(".")
			}
			b.WriteString(s.Field)
		}
	}
	return b.String()
}

// Class is the lock's identity across instances: the field of a named struct
// type ("Bank.mu") or a package variable. Lock order is a property of classes;
// an empty class (a bare parameter or local) takes no part in it.
func (k Key) Class() string {
	elem := ""
	for i := len(k.Path) - 1; i >= 0; i-- {
		s := k.Path[i]
		if s.Deref {
			continue
		}
		if s.Elem {
			// A lock that is itself an element (s.mus[i]): the class of the
			// elements of that field.
			elem = "[]"
			continue
		}
		if s.Owner == "" {
			return ""
		}
		return s.Owner + "." + s.Field + elem
	}
	if elem != "" {
		return ""
	}
	if k.Root == RootGlobal && len(k.Path) == 0 {
		return k.Global
	}
	return ""
}

// ClassLabel is Class without the package path, for messages.
func ClassLabel(class string) string {
	if i := strings.LastIndex(class, "/"); i >= 0 {
		class = class[i+1:]
	}
	if i := strings.Index(class, "."); i >= 0 && strings.Count(class, ".") > 1 {
		return class[i+1:]
	}
	if i := strings.Index(class, "."); i >= 0 {
		return class[i+1:]
	}
	return class
}

// With is k followed by one more step.
func (k Key) With(s Step) Key { return k.with(s) }

func (k Key) with(s Step) Key {
	path := make([]Step, len(k.Path), len(k.Path)+1)
	copy(path, k.Path)
	k.Path = append(path, s)
	return k
}

// keyOf resolves the SSA value of a lock's address (the receiver of Lock) to
// a key. It refuses (ok=false) what it cannot name exactly: an element of a
// slice or map (which index?), a call result, a phi of different locks.
// Refusing is what keeps the rules quiet where they would guess.
func keyOf(fn *ssa.Function, v ssa.Value) (Key, bool) { return keyAt(fn, v, 0, false) }

// lockKeyOf is keyOf for the lock model's own operations, which also names
// locks reached through an element (s.items[i].mu, m[k].mu, a range
// element): as one lock when the index is provably the same, else as the
// class "some element of s.items" (see Key.Exact). Other models keep keyOf,
// whose keys stay exact access paths.
func lockKeyOf(fn *ssa.Function, v ssa.Value) (Key, bool) { return keyAt(fn, v, 0, true) }

// keyAt bounds the walk: phis can refer to each other in cycles.
func keyAt(fn *ssa.Function, v ssa.Value, depth int, elems bool) (Key, bool) {
	if depth > 12 {
		return Key{}, false
	}
	depth++
	switch v := v.(type) {
	case *ssa.Parameter:
		for i, p := range fn.Params {
			if p == v {
				return Key{Root: RootParam, Index: i, Name: v.Name()}, true
			}
		}
	case *ssa.FreeVar:
		for i, f := range fn.FreeVars {
			if f == v {
				// A closure made in one place captures its parent's cell:
				// name the cell, so parent, closure and siblings agree.
				if mc := makeClosureOf(fn); mc != nil && i < len(mc.Bindings) {
					if cell, ok := mc.Bindings[i].(*ssa.Alloc); ok {
						return cellKey(cell, v.Name()), true
					}
				}
				return Key{Root: RootFreeVar, Index: i, Name: v.Name()}, true
			}
		}
	case *ssa.Global:
		obj := v.Object()
		if obj == nil || obj.Pkg() == nil {
			return Key{}, false
		}
		return Key{Root: RootGlobal, Global: obj.Pkg().Path() + "." + obj.Name(), Name: obj.Name()}, true
	case *ssa.Alloc:
		if captured(v) {
			return cellKey(v, v.Comment), true
		}
		return Key{Root: RootLocal, Local: fmt.Sprintf("%s#%p", v.Parent().String(), v), Name: v.Comment}, true
	case *ssa.FieldAddr:
		base, ok := keyAt(fn, v.X, depth, elems)
		if !ok {
			return Key{}, false
		}
		ptr, ok := v.X.Type().Underlying().(*types.Pointer)
		if !ok {
			return Key{}, false
		}
		return fieldStep(base, ptr.Elem(), v.Field)
	case *ssa.Field:
		base, ok := keyAt(fn, v.X, depth, elems)
		if !ok {
			return Key{}, false
		}
		return fieldStep(base, v.X.Type(), v.Field)
	case *ssa.UnOp:
		if v.Op == token.MUL {
			base, ok := keyAt(fn, v.X, depth, elems)
			if !ok {
				return Key{}, false
			}
			return base.with(Step{Deref: true}), true
		}
	case *ssa.ChangeType:
		return keyAt(fn, v.X, depth, elems)
	case *ssa.MakeInterface:
		return keyAt(fn, v.X, depth, elems)
	case *ssa.IndexAddr:
		if elems {
			return elemStep(fn, v, v.X, v.Index, depth)
		}
	case *ssa.Index:
		if elems {
			return elemStep(fn, v, v.X, v.Index, depth)
		}
	case *ssa.Lookup:
		if elems && !v.CommaOk {
			return elemStep(fn, v, v.X, v.Index, depth)
		}
	case *ssa.Extract:
		if !elems {
			break
		}
		switch t := v.Tuple.(type) {
		case *ssa.Lookup: // e, ok := m[k]
			if v.Index == 0 {
				return elemStep(fn, t, t.X, t.Index, depth)
			}
		case *ssa.Next: // for _, e := range m
			if r, ok := t.Iter.(*ssa.Range); ok && v.Index == 2 && !t.IsString {
				return elemStep(fn, t, r.X, nil, depth)
			}
		}
	case *ssa.Phi:
		// Equal keys on every edge (a loop-carried pointer that never changes).
		var first Key
		have := false
		for _, e := range v.Edges {
			if e == v {
				continue
			}
			k, ok := keyAt(fn, e, depth, elems)
			if !ok || (have && k.ID() != first.ID()) {
				return Key{}, false
			}
			first, have = k, true
		}
		if have {
			return first, true
		}
	}
	return Key{}, false
}

// elemStep is the key of an element of the slice, array or map x, taken by
// the instruction at: named by its index when that is the same at each use,
// else by at (see Step.Elem).
func elemStep(fn *ssa.Function, at, x, index ssa.Value, depth int) (Key, bool) {
	base, ok := keyAt(fn, x, depth, true)
	if !ok {
		return Key{}, false
	}
	idx := sameIndex(fn, index)
	if idx == "" {
		m := elemMarker(at)
		idx = m[1 : len(m)-1]
	}
	return base.with(Step{Elem: true, Index: idx}), true
}

// sameIndex names an index that is the same value at every use within one
// call: a constant, a parameter or free variable, or a value computed in the
// entry block (which no loop re-enters). A value computed in a loop body is
// the same SSA value in every iteration but not the same index, so it gives
// "" (some element).
func sameIndex(fn *ssa.Function, index ssa.Value) string {
	switch v := index.(type) {
	case nil:
		return ""
	case *ssa.Const:
		if v.Value == nil {
			return ""
		}
		return v.Value.ExactString()
	case *ssa.Parameter, *ssa.FreeVar:
		return fmt.Sprintf("v:%p", v)
	case ssa.Instruction:
		if b := v.Block(); b != nil && b.Index == 0 && v.Parent() == fn {
			return fmt.Sprintf("v:%p", v)
		}
	}
	return ""
}

func fieldStep(base Key, structType types.Type, index int) (Key, bool) {
	st, ok := structType.Underlying().(*types.Struct)
	if !ok || index >= st.NumFields() {
		return Key{}, false
	}
	owner := ""
	if named, ok := types.Unalias(structType).(*types.Named); ok && named.Obj().Pkg() != nil {
		owner = named.Obj().Pkg().Path() + "." + named.Obj().Name()
	}
	return base.with(Step{Field: st.Field(index).Name(), Owner: owner}), true
}

// substitute turns a callee's key into the caller's: a parameter root becomes
// the argument's key, a free variable the closure's binding. Callee locals
// mean nothing to the caller.
func substitute(k Key, caller *ssa.Function, args []ssa.Value, bindings []ssa.Value) (Key, bool) {
	return substituteWith(lockKeyOf, k, caller, args, bindings)
}

// substituteWith is substitute with the caller's key resolver (the flow's
// memoised one: a callee's summary names the same arguments again and again).
func substituteWith(resolve func(*ssa.Function, ssa.Value) (Key, bool), k Key, caller *ssa.Function, args []ssa.Value, bindings []ssa.Value) (Key, bool) {
	var base Key
	switch k.Root {
	case RootGlobal, RootCell:
		base = k
		base.Path = nil
	case RootParam:
		if k.Index >= len(args) {
			return Key{}, false
		}
		b, ok := resolve(caller, args[k.Index])
		if !ok {
			return Key{}, false
		}
		base = b
	case RootFreeVar:
		if k.Index >= len(bindings) {
			return Key{}, false
		}
		b, ok := resolve(caller, bindings[k.Index])
		if !ok {
			return Key{}, false
		}
		base = b
	default:
		return Key{}, false
	}
	if len(k.Path) == 0 {
		return base, true
	}
	// One new path for the whole suffix: base.Path may be shared with the
	// resolver's memo and is never written to.
	path := make([]Step, len(base.Path), len(base.Path)+len(k.Path))
	copy(path, base.Path)
	for _, s := range k.Path {
		if s.Elem && (strings.HasPrefix(s.Index, "v:") || strings.HasPrefix(s.Index, "e:")) {
			s.Index = "" // a value of the callee: another call may pass another
		}
		path = append(path, s)
	}
	base.Path = path
	return base, true
}

func cellKey(cell *ssa.Alloc, name string) Key {
	return Key{Root: RootCell, Local: fmt.Sprintf("%s#%p", cell.Parent().String(), cell), Name: name, Reassigned: reassigned(cell)}
}

// reassigned: the captured variable is assigned more than once (by its
// function or by the closures that share it), so what it points to at one
// access may not be what it pointed to at another.
func reassigned(cell *ssa.Alloc) bool {
	stores := 0
	var count func(addr ssa.Value, depth int)
	count = func(addr ssa.Value, depth int) {
		for _, r := range *addr.Referrers() {
			switch r := r.(type) {
			case *ssa.Store:
				if r.Addr == addr {
					stores++
				}
			case *ssa.MakeClosure:
				if depth > 3 {
					continue
				}
				if fn, ok := r.Fn.(*ssa.Function); ok {
					for i, b := range r.Bindings {
						if b == addr && i < len(fn.FreeVars) {
							count(fn.FreeVars[i], depth+1)
						}
					}
				}
			}
		}
	}
	count(cell, 0)
	return stores > 1
}

// captured: the variable is bound into a closure.
func captured(a *ssa.Alloc) bool {
	for _, r := range *a.Referrers() {
		if _, ok := r.(*ssa.MakeClosure); ok {
			return true
		}
	}
	return false
}

var closureSites sync.Map // *ssa.Function → *ssa.MakeClosure (nil when not unique)

// makeClosureOf finds where fn's closure is made in its enclosing function;
// nil unless exactly one place makes it.
func makeClosureOf(fn *ssa.Function) *ssa.MakeClosure {
	if v, ok := closureSites.Load(fn); ok {
		mc, _ := v.(*ssa.MakeClosure)
		return mc
	}
	parent := fn.Parent()
	var found *ssa.MakeClosure
	n := 0
	if parent != nil {
		for _, b := range parent.Blocks {
			for _, in := range b.Instrs {
				if mc, ok := in.(*ssa.MakeClosure); ok && mc.Fn == fn {
					found = mc
					n++
				}
			}
		}
	}
	if n != 1 {
		found = nil
	}
	closureSites.Store(fn, found)
	return found
}
