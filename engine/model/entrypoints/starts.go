package entrypoints

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/ssaflow"
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
			case *ssa.Store:
				// http.Server{Handler: h}: the server runs h for every request.
				if fa, ok := in.Addr.(*ssa.FieldAddr); ok {
					if ptr, ok := fa.X.Type().Underlying().(*types.Pointer); ok && syncops.IsNamed(ptr.Elem(), "net/http", "Server") &&
						ptr.Elem().Underlying().(*types.Struct).Field(fa.Field).Name() == "Handler" {
						f.handlerArg(fn, in, in.Val, "http.Server.Handler")
					}
				}
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
	case recv == nil && strings.HasPrefix(name, "Register") && strings.HasSuffix(name, "Server") && len(args) == 2 && isGRPCRegistrar(obj.Signature().Params().At(0).Type()):
		f.grpcService(fn, call, name, args[1])
	case isRouterPackage(path):
		via := path[strings.LastIndex(path, "/")+1:] + "." + name
		if recv != nil {
			via = "(" + typeLabel(recv.Type()) + ")." + name
		}
		for _, a := range withVariadic(args) {
			f.handlerArg(fn, call, a, via)
		}
	}
}

// isGRPCRegistrar: grpc.ServiceRegistrar or *grpc.Server, the first
// parameter of protoc-gen-go-grpc's Register…Server functions.
func isGRPCRegistrar(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	return syncops.IsNamed(t, "google.golang.org/grpc", "ServiceRegistrar") || syncops.IsNamed(t, "google.golang.org/grpc", "Server")
}

// grpcService records the methods of a gRPC service implementation handed
// to its generated Register…Server function: each implements a method of
// the service interface and runs for every call.
func (f *finder) grpcService(fn *ssa.Function, call *ssa.Call, register string, impl ssa.Value) {
	iface, ok := impl.Type().Underlying().(*types.Interface)
	if !ok {
		return
	}
	// The implementation: the value converted to the interface here, or
	// the one a constructor returns (`pb.RegisterKVServer(s,
	// NewKVServer(srv))`), whose receiver the starter does not name.
	var recv ssa.Value
	var concrete types.Type
	if mi, ok := impl.(*ssa.MakeInterface); ok {
		recv, concrete = mi.X, mi.X.Type()
	} else if c, ok := impl.(*ssa.Call); ok {
		concrete = returnedConcrete(c)
	}
	if concrete == nil {
		return
	}
	var args []ssa.Value
	if recv != nil {
		args = []ssa.Value{recv}
	}
	mset := types.NewMethodSet(concrete)
	for i := 0; i < iface.NumMethods(); i++ {
		m := iface.Method(i)
		if !m.Exported() {
			continue // mustEmbedUnimplemented…Server
		}
		sel := mset.Lookup(m.Pkg(), m.Name())
		if sel == nil {
			continue
		}
		impl, ok := sel.Obj().(*types.Func)
		if !ok || impl.Pkg() != f.pass.Pkg {
			continue // the embedded Unimplemented…Server's
		}
		target := f.res.prog.FuncValue(impl)
		if target == nil || len(target.Blocks) == 0 {
			continue
		}
		f.add(&Entry{Fn: target, Kind: RPC, Via: register, Site: call.Pos(), Start: call, Starter: fn, args: args})
	}
}

// returnedConcrete is the one concrete type a static call's callee returns
// converted to an interface on every return, nil if not one.
func returnedConcrete(c *ssa.Call) types.Type {
	callee := c.Call.StaticCallee()
	if callee == nil || len(callee.Blocks) == 0 {
		return nil
	}
	var t types.Type
	for _, b := range callee.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		if len(ret.Results) != 1 {
			return nil
		}
		mi, ok := ret.Results[0].(*ssa.MakeInterface)
		if !ok || (t != nil && !types.Identical(t, mi.X.Type())) {
			return nil
		}
		t = mi.X.Type()
	}
	return t
}

// handlerArg records the handler a registration hands over, if a is one: a
// function, closure or method value, a closure a middleware call returned,
// or a pointer to a type with a ServeHTTP method.
func (f *finder) handlerArg(fn *ssa.Function, start ssa.Instruction, a ssa.Value, via string) {
	if target := funcOf(a); target != nil && isHandlerSignature(target.Signature) {
		f.add(&Entry{Fn: target, Kind: Handler, Via: via, Site: start.Pos(), Start: start, Starter: fn})
	} else if mc, binds := returnedClosure(a); mc != nil && isHandlerSignature(mc.Fn.(*ssa.Function).Signature) {
		f.add(&Entry{Fn: mc.Fn.(*ssa.Function), Kind: Handler, Via: via, Site: start.Pos(), Start: start, Starter: fn, bindings: binds, closure: mc})
	} else if target, recv := f.handlerValue(a); target != nil {
		f.add(&Entry{Fn: target, Kind: Handler, Via: via, Site: start.Pos(), Start: start, Starter: fn, args: []ssa.Value{recv}})
	}
}

// returnedClosure: v is the result of a static call of a function that
// returns one closure (a middleware's `return func(w, r) {…}`, or its
// http.HandlerFunc conversion): the closure, and the caller's values of its
// free variables — the call's argument where the closure captures a
// parameter (or a variable holding one), nil elsewhere.
func returnedClosure(v ssa.Value) (*ssa.MakeClosure, []ssa.Value) {
	for {
		switch x := v.(type) {
		case *ssa.ChangeType:
			v = x.X
			continue
		case *ssa.MakeInterface:
			v = x.X
			continue
		}
		break
	}
	call, ok := v.(*ssa.Call)
	if !ok {
		return nil, nil
	}
	callee := call.Call.StaticCallee()
	if callee == nil || len(callee.Blocks) == 0 {
		return nil, nil
	}
	var mc *ssa.MakeClosure
	for _, b := range callee.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		if len(ret.Results) != 1 {
			return nil, nil
		}
		r := ret.Results[0]
		for {
			if ct, ok := r.(*ssa.ChangeType); ok {
				r = ct.X
				continue
			}
			if mi, ok := r.(*ssa.MakeInterface); ok {
				r = mi.X
				continue
			}
			break
		}
		m, ok := r.(*ssa.MakeClosure)
		if !ok || (mc != nil && m.Fn != mc.Fn) {
			return nil, nil
		}
		mc = m
	}
	if mc == nil {
		return nil, nil
	}
	if fn, _ := mc.Fn.(*ssa.Function); fn == nil {
		return nil, nil
	}
	args := call.Call.Args
	binds := make([]ssa.Value, len(mc.Bindings))
	for i, b := range mc.Bindings {
		if a, ok := b.(*ssa.Alloc); ok {
			if st := ssaflow.OnlyStore(a); st != nil {
				b = st.Val
			}
		}
		if p, ok := b.(*ssa.Parameter); ok {
			for j, q := range callee.Params {
				if q == p && j < len(args) {
					binds[i] = args[j]
				}
			}
		}
	}
	return mc, binds
}

// handlerValue: v is a value of a type of the package with a ServeHTTP
// method (a pointer, or a struct value: `mux.Handle("/", h{db: db})`),
// handed to a router (`http.ListenAndServe(addr, p)`): the method, and
// the receiver.
func (f *finder) handlerValue(v ssa.Value) (*ssa.Function, ssa.Value) {
	mi, ok := v.(*ssa.MakeInterface)
	if !ok {
		return nil, nil
	}
	sel := types.NewMethodSet(mi.X.Type()).Lookup(f.pass.Pkg, "ServeHTTP")
	if sel == nil {
		return nil, nil
	}
	m, ok := sel.Obj().(*types.Func)
	if !ok || m.Pkg() != f.pass.Pkg || !isHandlerSignature(m.Signature()) {
		return nil, nil
	}
	fn := f.res.prog.FuncValue(m)
	if fn == nil || len(fn.Blocks) == 0 {
		return nil, nil
	}
	return fn, mi.X
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
	e.Multi = e.ServesRequests() || e.InLoop
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
