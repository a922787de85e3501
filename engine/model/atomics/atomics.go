// Package atomics finds the locations a package accesses through the
// sync/atomic functions — struct fields and package variables — with every
// atomic call on each, and the plain loads and stores of the same locations
// in the package's source. A field is named by its declaration together with
// the fields on the way to it from the variable the access starts at
// (Server.stats.outMsgs and Account.stats.outMsgs are two locations of one
// declaration; so are LocalCache.stats→hits and the hits of a stats value a
// function returned), whatever value that variable holds.
// The atomic types (atomic.Int64, atomic.Value…) are method calls on values
// that cannot be read plainly, and are not locations here.
package atomics

import (
	"fmt"
	"go/token"
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/ssabuild"
	"github.com/goconc/goconc/engine/model/syncops"
)

var Analyzer = &analysis.Analyzer{
	Name:       "atomics",
	Doc:        "finds the fields and package variables accessed with sync/atomic functions, their atomic calls and their plain accesses (goconc's shared model)",
	Requires:   []*analysis.Analyzer{ssabuild.Analyzer},
	Run:        run,
	ResultType: reflect.TypeOf((*Result)(nil)),
}

// Location is a field — by its declaration and the fields on the way to it,
// through values and pointers held in fields, innermost first — or a package
// variable.
type Location struct {
	Var  *types.Var // the field or package variable itself
	path string     // the enclosing fields' identities
}

// Op is one sync/atomic call on a location.
type Op struct {
	Call  *ssa.Call
	Fn    *ssa.Function
	Loc   Location
	Func  string // "AddInt64", "LoadUint32", "CompareAndSwapPointer"…
	Write bool   // every function but the Load ones
}

// Access is a plain load or store of a location that some Op accesses.
type Access struct {
	Instr ssa.Instruction // *ssa.UnOp (load) or *ssa.Store
	Fn    *ssa.Function
	Loc   Location
	Addr  ssa.Value // the *ssa.FieldAddr or *ssa.Global loaded or stored
	Write bool
}

// Result is the atomic accesses of a package, by location.
type Result struct {
	Ops   map[Location][]Op
	Plain []Access // in the order of Funcs, then instructions
}

// Of is the model of the pass's package.
func Of(pass *analysis.Pass) *Result { return pass.ResultOf[Analyzer].(*Result) }

func run(pass *analysis.Pass) (any, error) {
	res := &Result{Ops: map[Location][]Op{}}
	if !ssabuild.Imports(pass, "sync/atomic") {
		return res, nil
	}
	funcs := ssabuild.Of(pass).Funcs()
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, in := range b.Instrs {
				c, ok := in.(*ssa.Call)
				if !ok || len(c.Call.Args) == 0 {
					continue
				}
				name, ok := atomicFunc(&c.Call)
				if !ok {
					continue
				}
				if loc, ok := LocOf(unconvert(c.Call.Args[0])); ok {
					res.Ops[loc] = append(res.Ops[loc], Op{Call: c, Fn: fn, Loc: loc, Func: name, Write: !strings.HasPrefix(name, "Load")})
				}
			}
		}
	}
	if len(res.Ops) == 0 {
		return res, nil
	}
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, in := range b.Instrs {
				var addr ssa.Value
				write := false
				switch in := in.(type) {
				case *ssa.UnOp:
					if in.Op == token.MUL {
						addr = in.X
					}
				case *ssa.Store:
					if in.Pos().IsValid() { // not a parameter spilled into its variable
						addr, write = in.Addr, true
					}
				}
				if addr == nil {
					continue
				}
				if loc, ok := LocOf(addr); ok && res.Ops[loc] != nil {
					res.Plain = append(res.Plain, Access{Instr: in, Fn: fn, Loc: loc, Addr: addr, Write: write})
				}
			}
		}
	}
	return res, nil
}

// unconvert strips the pointer conversions in atomic.AddInt32((*int32)(&s.state), 1).
func unconvert(v ssa.Value) ssa.Value {
	for {
		switch x := v.(type) {
		case *ssa.ChangeType:
			v = x.X
		case *ssa.Convert:
			v = x.X
		default:
			return v
		}
	}
}

// atomicFunc is the name of the sync/atomic package function a call runs.
func atomicFunc(c *ssa.CallCommon) (string, bool) {
	fn := c.StaticCallee()
	if fn == nil || fn.Signature.Recv() != nil {
		return "", false
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Pkg() == nil || obj.Pkg().Path() != "sync/atomic" {
		return "", false
	}
	for _, p := range []string{"Add", "Load", "Store", "Swap", "CompareAndSwap", "And", "Or"} {
		if strings.HasPrefix(obj.Name(), p) {
			return obj.Name(), true
		}
	}
	return "", false
}

// LocOf is the location an address names: the field a FieldAddr selects
// (with the fields that hold its struct by value) or a package variable.
func LocOf(addr ssa.Value) (Location, bool) {
	switch a := addr.(type) {
	case *ssa.FieldAddr:
		f, ok := fieldOf(a)
		if !ok {
			return Location{}, false
		}
		var path strings.Builder
		for x := a.X; ; {
			switch y := x.(type) {
			case *ssa.FieldAddr:
				outer, ok := fieldOf(y)
				if !ok {
					return Location{}, false
				}
				fmt.Fprintf(&path, "%p/", outer)
				x = y.X
				continue
			case *ssa.UnOp: // a pointer held in a field: c.stats.hits
				if _, inField := y.X.(*ssa.FieldAddr); y.Op == token.MUL && inField {
					path.WriteString("*/")
					x = y.X
					continue
				}
			case *ssa.Global:
				path.WriteString("g:" + y.Name())
			}
			break
		}
		return Location{Var: f, path: path.String()}, true
	case *ssa.Global:
		v, ok := a.Object().(*types.Var)
		return Location{Var: v}, ok
	}
	return Location{}, false
}

func fieldOf(a *ssa.FieldAddr) (*types.Var, bool) {
	ptr, ok := a.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return nil, false
	}
	st, ok := ptr.Elem().Underlying().(*types.Struct)
	if !ok || a.Field >= st.NumFields() {
		return nil, false
	}
	return st.Field(a.Field).Origin(), true
}

// SyncField reports whether the struct type has a field that synchronises:
// a sync.Mutex or RWMutex (or a pointer to one), or a sync/atomic type.
func SyncField(st *types.Struct) bool {
	for i := 0; i < st.NumFields(); i++ {
		t := st.Field(i).Type()
		if syncops.IsNamed(t, "sync", "Mutex") || syncops.IsNamed(t, "sync", "RWMutex") {
			return true
		}
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "sync/atomic" {
			return true
		}
	}
	return false
}
