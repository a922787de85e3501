// Package goroutines says which goroutines a function starts and what they
// run: a go statement's function (a literal with its captured variables, a
// named function or method with its arguments), sync.WaitGroup.Go (Go 1.25)
// and errgroup.Group.Go/TryGo. Rules use it to see a goroutine's operations
// in the frame of the function that started it.
package goroutines

import (
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/syncops"
)

// How a goroutine was started.
const (
	GoStmt      = "go"
	WaitGroupGo = "sync.WaitGroup.Go"
	ErrgroupGo  = "errgroup.Group.Go"
)

// Frame is a called function with its free variables and parameters bound
// to the caller's values.
type Frame struct {
	// Fn is the function called (nil when it is not statically known: a
	// function value from a parameter or a field, an interface method).
	Fn *ssa.Function
	in map[ssa.Value]ssa.Value
}

// In is v (a value of Fn) in the caller's frame: a captured variable's
// binding, a parameter's argument; nil when v has no counterpart there.
func (f Frame) In(v ssa.Value) ssa.Value { return f.in[v] }

// FrameOf binds the function value fnv (a closure, a function, a bound
// method) called with args.
func FrameOf(fnv ssa.Value, args []ssa.Value) Frame {
	f := Frame{in: map[ssa.Value]ssa.Value{}}
	switch v := fnv.(type) {
	case *ssa.MakeClosure:
		fn, ok := v.Fn.(*ssa.Function)
		if !ok {
			return f
		}
		f.Fn = fn
		for i, fv := range fn.FreeVars {
			if i < len(v.Bindings) {
				f.in[fv] = v.Bindings[i]
			}
		}
	case *ssa.Function:
		f.Fn = v
	default:
		return f
	}
	if len(f.Fn.Blocks) == 0 {
		if o := f.Fn.Origin(); o != nil && len(o.Blocks) > 0 {
			f.Fn = o
		}
	}
	if len(args) == len(f.Fn.Params) {
		for i, p := range f.Fn.Params {
			f.in[p] = args[i]
		}
	}
	return f
}

// Start is one place where a function starts a goroutine.
type Start struct {
	Frame
	Instr ssa.CallInstruction // the *ssa.Go, or the call of wg.Go / g.Go
	Via   string
}

// Of lists the goroutines fn starts itself (not those its callees or its
// deferred closures start: a goroutine started by a deferred closure starts
// when fn returns, not at the defer).
func Of(fn *ssa.Function) []Start {
	var out []Start
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch i := instr.(type) {
			case *ssa.Go:
				out = append(out, started(i, GoStmt, i.Call.Value, i.Call.Args))
			case *ssa.Call:
				c := i.Common()
				if m, ok := syncops.MethodOf(c); ok && m.Kind == syncops.WaitGroup && m.Name == "Go" && len(c.Args) == 2 {
					out = append(out, started(i, WaitGroupGo, c.Args[1], nil))
					continue
				}
				switch syncops.CalleeName(c) {
				case "(*golang.org/x/sync/errgroup.Group).Go", "(*golang.org/x/sync/errgroup.Group).TryGo":
					if len(c.Args) == 2 {
						out = append(out, started(i, ErrgroupGo, c.Args[1], nil))
					}
				}
			}
		}
	}
	return out
}

func started(instr ssa.CallInstruction, via string, fnv ssa.Value, args []ssa.Value) Start {
	return Start{Frame: FrameOf(fnv, args), Instr: instr, Via: via}
}
