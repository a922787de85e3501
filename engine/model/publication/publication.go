// Package publication answers whether an access to a field happens before
// the value holding it can be seen by another goroutine: in the function that
// allocates the value (a constructor filling in `&T{}` or `new(T)`, through
// a captured variable holding only that, or a package function returning
// only such values: a snapshot copy), in init, or in an unexported helper
// every call of which (tests' calls aside) hands it a value its caller has
// just allocated (or is itself such a helper). Escape between the
// allocation and the access (a goroutine started on the new value first) is
// not followed: the allocating function counts as before publication.
package publication

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Calls indexes a package's calls by the function they run.
type Calls struct {
	sites   map[*ssa.Function][]ssa.CallInstruction
	escaped map[types.Object]bool // functions used as values (go f, callbacks, method values)
	entries map[*ssa.Function]bool
}

// NewCalls indexes the calls of funcs; callees resolves a call (static and
// interface calls to the package's types), entries are the functions started
// as goroutines or registered as handlers.
func NewCalls(funcs []*ssa.Function, callees func(*ssa.CallCommon) []*ssa.Function, entries []*ssa.Function) *Calls {
	c := &Calls{sites: map[*ssa.Function][]ssa.CallInstruction{}, escaped: map[types.Object]bool{}, entries: map[*ssa.Function]bool{}}
	for _, e := range entries {
		c.entries[e] = true
	}
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, in := range b.Instrs {
				var callee ssa.Value
				if ci, ok := in.(ssa.CallInstruction); ok {
					callee = ci.Common().Value
					if _, isGo := in.(*ssa.Go); !isGo {
						for _, f := range callees(ci.Common()) {
							c.sites[f] = append(c.sites[f], ci)
						}
					}
				}
				var ops [8]*ssa.Value
				for _, op := range in.Operands(ops[:0]) {
					// A function operand that is not the callee of a call (go
					// f, a callback, a method value's wrapper, a MakeClosure's
					// function) is used as a value.
					if f, ok := (*op).(*ssa.Function); ok && (*op != callee || isGo(in)) {
						c.escape(f)
					}
				}
			}
		}
	}
	return c
}

func isGo(in ssa.Instruction) bool { _, ok := in.(*ssa.Go); return ok }

// escape marks f, and the method a bound or thunk wrapper stands for, as
// used as a value.
func (c *Calls) escape(f *ssa.Function) {
	if o := f.Object(); o != nil {
		c.escaped[o] = true
	}
}

// Sites are the calls in the package that can run fn.
func (c *Calls) Sites(fn *ssa.Function) []ssa.CallInstruction { return c.sites[fn] }

// Private: fn can only be called from the package's own code as the index
// sees it — unexported, not started or registered as an entry, not used as
// a value, with at least one call.
func (c *Calls) Private(fn *ssa.Function) bool {
	if fn.Parent() != nil || fn.Object() == nil || fn.Object().Exported() || c.entries[fn] || c.escaped[fn.Object()] {
		return false
	}
	return len(c.sites[fn]) > 0
}

// InInit: fn is a package initialiser (func init, or a literal in one).
func InInit(fn *ssa.Function) bool {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	return fn.Name() == "init" || strings.HasPrefix(fn.Name(), "init#")
}

// Before reports whether the access through addr in fn happens before the
// value it selects a field of is published.
func (c *Calls) Before(fn *ssa.Function, addr ssa.Value) bool {
	return c.before(fn, addr, 0)
}

func (c *Calls) before(fn *ssa.Function, addr ssa.Value, depth int) bool {
	if InInit(fn) {
		return true
	}
	base := root(addr)
	if c.fresh(fn, base, depth) {
		return true
	}
	p, ok := base.(*ssa.Parameter)
	if !ok || depth >= 3 || !c.Private(fn) {
		return false
	}
	i := paramIndex(fn, p)
	sites := 0
	for _, site := range c.sites[fn] {
		if c.inTest(site.Parent()) && !c.inTest(fn) {
			continue // a test calling a production helper is not how the package publishes values
		}
		sites++
		com := site.Common()
		args := com.Args
		if com.IsInvoke() {
			args = append([]ssa.Value{com.Value}, com.Args...)
		}
		if i < 0 || i >= len(args) || !c.before(site.Parent(), args[i], depth+1) {
			return false
		}
	}
	return sites > 0
}

// fresh: v is a value fn has just made and not yet handed to anyone as far
// as the index sees — an allocation of fn (new, &T{}, a local variable), a
// local variable captured by closures that only ever holds such a value, or
// the result of a package function every return of which is one (a
// snapshot copy).
func (c *Calls) fresh(fn *ssa.Function, v ssa.Value, depth int) bool {
	if depth > 4 {
		return false
	}
	switch x := v.(type) {
	case *ssa.Alloc:
		return x.Parent() == fn
	case *ssa.UnOp:
		cell, ok := x.X.(*ssa.Alloc)
		if !ok || x.Op != token.MUL || cell.Parent() != fn {
			return false
		}
		stores := 0
		for _, r := range *cell.Referrers() {
			if st, ok := r.(*ssa.Store); ok && st.Addr == cell {
				stores++
				if !c.fresh(fn, st.Val, depth+1) {
					return false
				}
			}
		}
		return stores > 0
	case *ssa.Call:
		callee := x.Call.StaticCallee()
		if callee == nil || len(callee.Blocks) == 0 || callee.Pkg != fn.Pkg {
			return false
		}
		returns := 0
		for _, b := range callee.Blocks {
			if r, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && len(r.Results) == 1 {
				returns++
				if !c.fresh(callee, r.Results[0], depth+1) && !isNil(r.Results[0]) {
					return false
				}
			}
		}
		return returns > 0
	}
	return false
}

func isNil(v ssa.Value) bool {
	k, ok := v.(*ssa.Const)
	return ok && k.IsNil()
}

func (c *Calls) inTest(fn *ssa.Function) bool {
	return fn.Prog != nil && strings.HasSuffix(fn.Prog.Fset.Position(fn.Pos()).Filename, "_test.go")
}

// root is the value whose fields addr selects, through field selections of
// embedded structs.
func root(v ssa.Value) ssa.Value {
	for {
		switch x := v.(type) {
		case *ssa.FieldAddr:
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		default:
			return v
		}
	}
}

func paramIndex(fn *ssa.Function, p *ssa.Parameter) int {
	for i, q := range fn.Params {
		if q == p {
			return i
		}
	}
	return -1
}
