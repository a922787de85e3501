package entrypoints

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/syncops"
)

type finder struct {
	pass *analysis.Pass
	res  *Result
	fns  []*ssa.Function
}

// routerPackages: packages whose registration calls take handlers (found by
// the callee's package, whatever the router variable is called).
var routerPackages = []string{
	"net/http",
	"github.com/go-chi/chi",
	"github.com/gorilla/mux",
	"github.com/gin-gonic/gin",
	"github.com/labstack/echo",
}

func isRouterPackage(path string) bool {
	if path == "net/http/httptest" {
		// A test server's handler runs while the test's own request is in
		// flight, ordered before the response the test reads (and so
		// before the test's next access): not a concurrent entry by itself.
		return false
	}
	for _, p := range routerPackages {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

// startsIn records the entries fn starts: go statements, Go methods of
// sync.WaitGroup and errgroup.Group, time.AfterFunc callbacks and handler
// registrations.
func (f *finder) startsIn(fn *ssa.Function) {
	for _, b := range fn.Blocks {
		for _, in := range b.Instrs {
			switch in := in.(type) {
			case *ssa.Go:
				callee := in.Call.StaticCallee()
				if callee == nil || in.Call.IsInvoke() {
					continue
				}
				f.add(&Entry{Fn: callee, Kind: Goroutine, Via: "go statement", Site: in.Pos(), Start: in, Starter: fn, args: in.Call.Args})
			case *ssa.Call:
				f.callStarts(fn, in)
			}
		}
	}
}

func (f *finder) callStarts(fn *ssa.Function, call *ssa.Call) {
	obj := calleeObject(call.Common())
	if obj == nil || obj.Pkg() == nil {
		return
	}
	args := call.Call.Args
	path, name := obj.Pkg().Path(), obj.Name()
	recv := obj.Signature().Recv()
	switch {
	case recv != nil && (syncops.IsNamed(recv.Type(), "sync", "WaitGroup") && name == "Go" ||
		syncops.IsNamed(recv.Type(), "golang.org/x/sync/errgroup", "Group") && (name == "Go" || name == "TryGo")):
		if len(args) == 2 {
			f.addFunc(args[1], Goroutine, "("+typeLabel(recv.Type())+")."+name, fn, call)
		}
	case recv == nil && path == "time" && name == "AfterFunc":
		if len(args) == 2 {
			f.addFunc(args[1], Callback, "time.AfterFunc", fn, call)
		}
	case isRouterPackage(path):
		via := path[strings.LastIndex(path, "/")+1:] + "." + name
		if recv != nil {
			via = "(" + typeLabel(recv.Type()) + ")." + name
		}
		for _, a := range withVariadic(args) {
			if target := funcOf(a); target != nil && isHandlerSignature(target.Signature) {
				f.add(&Entry{Fn: target, Kind: Handler, Via: via, Site: call.Pos(), Start: call, Starter: fn})
			}
		}
	}
}

// handlerTypes: a ServeHTTP method of a type of the package is a handler
// however the value reaches the server.
func (f *finder) handlerTypes() {
	scope := f.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		for _, t := range []types.Type{tn.Type(), types.NewPointer(tn.Type())} {
			sel := types.NewMethodSet(t).Lookup(f.pass.Pkg, "ServeHTTP")
			if sel == nil {
				continue
			}
			m, ok := sel.Obj().(*types.Func)
			if !ok || m.Pkg() != f.pass.Pkg || !isHandlerSignature(m.Signature()) {
				continue
			}
			fn := f.res.prog.FuncValue(m)
			if fn == nil || len(fn.Blocks) == 0 || f.has(fn, Handler) {
				continue
			}
			f.add(&Entry{Fn: fn, Kind: Handler, Via: "ServeHTTP method", Site: m.Pos()})
			break
		}
	}
}

func (f *finder) has(fn *ssa.Function, k Kind) bool {
	for _, e := range f.res.Entries {
		if e.Fn == fn && e.Kind == k {
			return true
		}
	}
	return false
}

func (f *finder) addFunc(v ssa.Value, k Kind, via string, starter *ssa.Function, start ssa.Instruction) {
	if target := funcOf(v); target != nil {
		f.add(&Entry{Fn: target, Kind: k, Via: via, Site: start.Pos(), Start: start, Starter: starter})
	}
}

func (f *finder) add(e *Entry) {
	if e.Start != nil {
		e.cycle = loopOf(e.Start.Block())
		e.InLoop = len(e.cycle) > 0
	}
	e.Multi = e.Kind == Handler || e.InLoop
	e.shared = e.initialShared()
	f.res.Entries = append(f.res.Entries, e)
}

// withVariadic adds the elements of a variadic argument (gin's
// GET(path, handlers...)) to the arguments.
func withVariadic(args []ssa.Value) []ssa.Value {
	out := append([]ssa.Value(nil), args...)
	for _, a := range args {
		sl, ok := a.(*ssa.Slice)
		if !ok {
			continue
		}
		arr, ok := sl.X.(*ssa.Alloc)
		if !ok {
			continue
		}
		for _, ref := range *arr.Referrers() {
			ia, ok := ref.(*ssa.IndexAddr)
			if !ok {
				continue
			}
			for _, r := range *ia.Referrers() {
				if st, ok := r.(*ssa.Store); ok && st.Addr == ia {
					out = append(out, st.Val)
				}
			}
		}
	}
	return out
}

// funcOf is the function a func value denotes: a function, a closure, a
// method value, a conversion of one (http.HandlerFunc(f)).
func funcOf(v ssa.Value) *ssa.Function {
	switch v := v.(type) {
	case *ssa.Function:
		return v
	case *ssa.MakeClosure:
		fn, _ := v.Fn.(*ssa.Function)
		return fn
	case *ssa.ChangeType:
		return funcOf(v.X)
	case *ssa.MakeInterface:
		return funcOf(v.X)
	}
	return nil
}

// isHandlerSignature: func(http.ResponseWriter, *http.Request) (a method's
// receiver aside), func(*gin.Context), func(echo.Context) error.
func isHandlerSignature(sig *types.Signature) bool {
	p := sig.Params()
	switch p.Len() {
	case 2:
		return syncops.IsNamed(p.At(0).Type(), "net/http", "ResponseWriter") && syncops.IsNamed(p.At(1).Type(), "net/http", "Request")
	case 1:
		t := p.At(0).Type()
		return isNamedIn(t, "github.com/gin-gonic/gin", "Context") || isNamedIn(t, "github.com/labstack/echo", "Context")
	}
	return false
}

// isNamedIn: t is pkg.name for pkg or one of its major versions (…/v4).
func isNamedIn(t types.Type, pkg, name string) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Name() != name {
		return false
	}
	path := n.Obj().Pkg().Path()
	return path == pkg || strings.HasPrefix(path, pkg+"/v")
}

// calleeObject is the function or method a call names: static, or the
// interface method of an invoke.
func calleeObject(c *ssa.CallCommon) *types.Func {
	if c.IsInvoke() {
		return c.Method
	}
	if fn := c.StaticCallee(); fn != nil {
		if o := fn.Origin(); o != nil {
			fn = o
		}
		obj, _ := fn.Object().(*types.Func)
		return obj
	}
	return nil
}

func typeLabel(t types.Type) string {
	return types.TypeString(t, func(p *types.Package) string { return p.Name() })
}
