// Package fencing is goconc's model of distributed locks whose library
// offers a fencing token, and of the writes made while one is held:
//
//   - goconc's runtime/dlock: a lease (a value of type dlock.Lease, as
//     Locker.Lock and TryLock return it) carries Token(); the protected
//     store is expected to refuse a write whose token is older than one it
//     has seen (UPDATE … SET fence = $2 WHERE … AND fence < $2).
//   - etcd's client/v3/concurrency.Mutex: the lock is a key whose create
//     revision orders holders; a write is fenced when it is committed in a
//     Txn comparing on it (If(m.IsOwner()), or a Compare built from m.Key()
//     or m.Header()), or carries one of them to another store.
//
// A hold starts at the acquiring call and lasts, in the acquiring function's
// control flow, until an Unlock on the lock (a deferred Unlock ends it at
// return). Writes are recognised by their go/types callee: database/sql,
// sqlx and pgx Exec (and queries whose constant SQL is INSERT, UPDATE,
// DELETE…), GORM's writing methods, go-redis' writing commands, etcd's
// Put, Delete, Do and Txn commits with Put or Delete operations. A write is
// in the hold when it is in the region, or in a function of the package
// called (or a function literal created) there, followed through the call
// graph. A write carries the token when one of its operands (receiver,
// arguments, a GORM builder chain, a Txn's comparisons) data-depends, in SSA,
// on the token: directly, through locals, struct fields and composite
// literals, through a helper's parameter the caller passes it in, through a
// package function returning it, or through a struct field some function of
// the package stores it in. Libraries without tokens (redsync,
// bsm/redislock, SET NX locks) are not modelled here.
package fencing

import (
	"go/token"
	"go/types"
	"reflect"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/dbtypes"
	"github.com/goconc/goconc/engine/model/ssabuild"
	"github.com/goconc/goconc/engine/model/syncops"
)

var Analyzer = &analysis.Analyzer{
	Name:       "fencing",
	Doc:        "finds writes made while holding a distributed lock that offers a fencing token, and whether they carry it (goconc's fencing model)",
	Requires:   []*analysis.Analyzer{ssabuild.Analyzer},
	Run:        run,
	ResultType: reflect.TypeOf((*Result)(nil)),
}

// Lib is a lock library offering a fencing token.
type Lib int

const (
	Dlock Lib = iota + 1 // github.com/goconc/goconc/runtime/dlock
	Etcd                 // go.etcd.io/etcd/client/v3/concurrency (and its v3.3/v3.4 paths)
)

const dlockPath = "github.com/goconc/goconc/runtime/dlock"

var etcdConcurrency = map[string]bool{
	"go.etcd.io/etcd/client/v3/concurrency":       true,
	"go.etcd.io/etcd/clientv3/concurrency":        true,
	"github.com/coreos/etcd/clientv3/concurrency": true,
}

var etcdClient = map[string]bool{
	"go.etcd.io/etcd/client/v3":       true,
	"go.etcd.io/etcd/clientv3":        true,
	"github.com/coreos/etcd/clientv3": true,
}

// Result lists the package's writes made under a fenceable lock without its
// token, in source order of the writes.
type Result struct {
	Unfenced []*Write
}

// Write is one write made while a lock is held, not carrying its token.
type Write struct {
	Pos     token.Pos // the write call
	What    string    // how users name it: "(*sql.DB).ExecContext", "KV.Put"
	Lib     Lib
	Acquire token.Pos // the call taking the lock
	Via     token.Pos // the call, in the acquiring function, leading to the write in another function; NoPos when direct
}

func run(pass *analysis.Pass) (any, error) {
	res := &Result{}
	if !mentionsLockLibrary(pass.TypesInfo) {
		return res, nil
	}
	built := ssabuild.Of(pass)
	m := &model{info: pass.TypesInfo, built: built, pkg: built.Package(), sums: map[sumKey]*summary{}, returns: map[*ssa.Function]int{}, fields: map[Lib]map[*types.Var]bool{}}
	funcs := built.Funcs()
	for _, lib := range []Lib{Dlock, Etcd} {
		if takesToken(funcs, lib) {
			m.fields[lib] = tokenFields(m, funcs, lib)
		}
	}
	seen := map[token.Pos]bool{}
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for i, in := range b.Instrs {
				call, ok := in.(*ssa.Call)
				if !ok {
					continue
				}
				lib, ok := acquisition(&call.Call)
				if !ok {
					continue
				}
				for _, w := range m.hold(fn, b, i, lib, call.Pos()) {
					if !seen[w.Pos] {
						seen[w.Pos] = true
						res.Unfenced = append(res.Unfenced, w)
					}
				}
			}
		}
	}
	sort.Slice(res.Unfenced, func(i, j int) bool { return res.Unfenced[i].Pos < res.Unfenced[j].Pos })
	return res, nil
}

// mentionsLockLibrary: the package uses an object of dlock or etcd's
// concurrency package (a lease's Unlock, a Mutex's Lock): nothing to build otherwise.
func mentionsLockLibrary(info *types.Info) bool {
	for _, obj := range info.Uses {
		if p := obj.Pkg(); p != nil && (p.Path() == dlockPath || etcdConcurrency[p.Path()]) {
			return true
		}
	}
	return false
}

// acquisition: c takes a fenceable lock — a call returning a dlock.Lease
// (Locker.Lock, TryLock, or a helper returning the lease), or etcd's
// Mutex.Lock / TryLock.
func acquisition(c *ssa.CallCommon) (Lib, bool) {
	if fn := calledFunc(c); fn != nil && fn.Pkg() != nil && etcdConcurrency[fn.Pkg().Path()] &&
		(fn.Name() == "Lock" || fn.Name() == "TryLock") && syncops.IsNamed(recvType(fn), fn.Pkg().Path(), "Mutex") {
		return Etcd, true
	}
	res := c.Signature().Results()
	if res.Len() > 0 && isLease(res.At(0).Type()) {
		return Dlock, true
	}
	return 0, false
}

func isLease(t types.Type) bool { return syncops.IsNamed(t, dlockPath, "Lease") }

// release: c ends the hold of lib's lock (a non-deferred Unlock).
func release(c *ssa.CallCommon, lib Lib) bool {
	fn := calledFunc(c)
	if fn == nil || fn.Name() != "Unlock" || fn.Pkg() == nil {
		return false
	}
	switch lib {
	case Dlock:
		return c.IsInvoke() && isLease(c.Value.Type()) || isLease(recvType(fn))
	case Etcd:
		return etcdConcurrency[fn.Pkg().Path()]
	}
	return false
}

// tokenSource: c yields lib's fencing token (dlock: Lease.Token(); etcd:
// Mutex.IsOwner(), Key(), Header()).
func tokenSource(c *ssa.CallCommon, lib Lib) bool {
	fn := calledFunc(c)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch lib {
	case Dlock:
		if fn.Name() != "Token" {
			return false
		}
		if c.IsInvoke() {
			return isLease(c.Value.Type())
		}
		return fn.Pkg().Path() == dlockPath || strings.HasPrefix(fn.Pkg().Path(), dlockPath+"/")
	case Etcd:
		return etcdConcurrency[fn.Pkg().Path()] && (fn.Name() == "IsOwner" || fn.Name() == "Key" || fn.Name() == "Header")
	}
	return false
}

type model struct {
	info    *types.Info
	built   *ssabuild.Result
	pkg     *ssa.Package
	sums    map[sumKey]*summary
	returns map[*ssa.Function]int // per lib bit: 1<<lib set when a result carries lib's token
	fields  map[Lib]map[*types.Var]bool
}

// hold walks the region from instruction i of block b (the acquisition) to
// the releases and returns its unfenced writes.
func (m *model) hold(fn *ssa.Function, start *ssa.BasicBlock, i int, lib Lib, acquire token.Pos) []*Write {
	acq := start.Instrs[i].(*ssa.Call)
	failed := acquireError(acq)
	var out []*Write
	visited := map[*ssa.BasicBlock]bool{}
	var walk func(b *ssa.BasicBlock, from int)
	walk = func(b *ssa.BasicBlock, from int) {
		for _, in := range b.Instrs[from:] {
			if call, ok := in.(*ssa.Call); ok {
				if release(&call.Call, lib) || m.releases(&call.Call, lib) {
					return
				}
				if call == acq {
					return // around a loop to the acquisition again
				}
			}
			out = append(out, m.writesOf(fn, in, lib, acquire)...)
		}
		succs := b.Succs
		// The branch where the acquisition's error is not nil holds nothing.
		if ifi, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok && failed != nil {
			if held, ok := errorTest(ifi.Cond, failed); ok {
				succs = []*ssa.BasicBlock{b.Succs[held]}
			}
		}
		for _, s := range succs {
			if !visited[s] {
				visited[s] = true
				walk(s, 0)
			}
		}
	}
	walk(start, i+1)
	return out
}

// acquireError is the error the acquisition returns: etcd's Lock result,
// the second result of a dlock Lock/TryLock.
func acquireError(c *ssa.Call) ssa.Value {
	t := c.Type()
	if tup, ok := t.(*types.Tuple); ok {
		if refs := c.Referrers(); refs != nil && tup.Len() == 2 {
			for _, r := range *refs {
				if ex, ok := r.(*ssa.Extract); ok && ex.Index == 1 {
					return ex
				}
			}
		}
		return nil
	}
	if types.Identical(t, types.Universe.Lookup("error").Type()) {
		return c
	}
	return nil
}

// errorTest: cond compares err with nil; held is the index of the successor
// where err is nil (0 for err == nil, 1 for err != nil).
func errorTest(cond ssa.Value, err ssa.Value) (held int, ok bool) {
	b, isBin := cond.(*ssa.BinOp)
	if !isBin || (b.Op != token.EQL && b.Op != token.NEQ) {
		return 0, false
	}
	x, y := b.X, b.Y
	if y == err {
		x, y = y, x
	}
	if k, isConst := y.(*ssa.Const); x != err || !isConst || !k.IsNil() {
		return 0, false
	}
	if b.Op == token.EQL {
		return 0, true
	}
	return 1, true
}

// releases: c calls a package function or closure that releases lib's lock
// itself (release := func() { lease.Unlock(ctx) }).
func (m *model) releases(c *ssa.CallCommon, lib Lib) bool {
	callee := c.StaticCallee()
	if callee == nil || !m.local(callee) {
		return false
	}
	for _, b := range callee.Blocks {
		for _, in := range b.Instrs {
			if call, ok := in.(*ssa.Call); ok && release(&call.Call, lib) {
				return true
			}
		}
	}
	return false
}

// writesOf: the unfenced writes instruction in of fn (in the hold) makes,
// itself or in the package functions it calls or creates.
func (m *model) writesOf(fn *ssa.Function, in ssa.Instruction, lib Lib, acquire token.Pos) []*Write {
	var out []*Write
	switch in := in.(type) {
	case ssa.CallInstruction:
		c := in.Common()
		if what, ok := m.write(c); ok {
			if !m.carries(fn, operands(c), lib).token {
				out = append(out, &Write{Pos: c.Pos(), What: what, Lib: lib, Acquire: acquire})
			}
			return out
		}
		// A package function passed as a value (a function literal capturing
		// nothing, a method value) runs in the hold too, for all we know.
		for _, a := range c.Args {
			if f, ok := a.(*ssa.Function); ok && m.local(f) {
				out = append(out, m.through(fn, f, nil, lib, acquire, c.Pos())...)
			}
		}
		callee := c.StaticCallee()
		if callee == nil || !m.local(callee) {
			return out
		}
		args := c.Args
		if mc, ok := c.Value.(*ssa.MakeClosure); ok {
			args = append(append([]ssa.Value{}, args...), mc.Bindings...)
		}
		out = append(out, m.through(fn, callee, args, lib, acquire, c.Pos())...)
	case *ssa.MakeClosure:
		// A function literal created in the hold (a Transaction callback, a
		// goroutine's body) runs there; one called directly is the call above.
		if onlyCalled(in) {
			return nil
		}
		args := make([]ssa.Value, len(in.Fn.(*ssa.Function).Params), len(in.Fn.(*ssa.Function).Params)+len(in.Bindings))
		args = append(args, in.Bindings...)
		out = append(out, m.through(fn, in.Fn.(*ssa.Function), args, lib, acquire, in.Pos())...)
	}
	return out
}

// through maps callee's writes (its summary) to the call's arguments: a
// write that depends on a parameter carries the token when the argument does.
func (m *model) through(fn, callee *ssa.Function, args []ssa.Value, lib Lib, acquire, via token.Pos) []*Write {
	var out []*Write
	for _, w := range m.summary(callee, lib).writes {
		fenced := false
		for p := range w.params {
			if p < len(args) && args[p] != nil && m.carries(fn, []ssa.Value{args[p]}, lib).token {
				fenced = true
				break
			}
		}
		if !fenced {
			out = append(out, &Write{Pos: w.pos, What: w.what, Lib: lib, Acquire: acquire, Via: via})
		}
	}
	return out
}

func onlyCalled(mc *ssa.MakeClosure) bool {
	refs := mc.Referrers()
	if refs == nil || len(*refs) == 0 {
		return false
	}
	for _, r := range *refs {
		c, ok := r.(ssa.CallInstruction)
		if !ok || c.Common().Value != mc {
			return false
		}
	}
	return true
}

func (m *model) local(fn *ssa.Function) bool {
	return fn.Blocks != nil && (fn.Pkg == m.pkg || fn.Origin() != nil && fn.Origin().Pkg == m.pkg)
}

// summary of a function for lib: every write it (or a package function it
// calls or creates) makes without the token, with the parameters (free
// variables numbered after them) the write depends on.
type summary struct {
	writes []sumWrite
}

type sumWrite struct {
	pos    token.Pos
	what   string
	params map[int]bool
}

func (m *model) summary(fn *ssa.Function, lib Lib) *summary {
	if fn.Origin() != nil {
		fn = fn.Origin()
	}
	key := sumKey{fn, lib}
	if s, ok := m.sums[key]; ok {
		if s == nil {
			return &summary{} // recursion
		}
		return s
	}
	m.sums[key] = nil
	s := &summary{}
	for _, b := range fn.Blocks {
		for _, in := range b.Instrs {
			switch in := in.(type) {
			case ssa.CallInstruction:
				c := in.Common()
				if what, ok := m.write(c); ok {
					d := m.carries(fn, operands(c), lib)
					if !d.token {
						s.writes = append(s.writes, sumWrite{pos: c.Pos(), what: what, params: d.params})
					}
					continue
				}
				for _, a := range c.Args {
					if f, ok := a.(*ssa.Function); ok && m.local(f) {
						s.writes = append(s.writes, m.lift(fn, m.summary(f, lib), nil, lib)...)
					}
				}
				callee := c.StaticCallee()
				if callee == nil || !m.local(callee) {
					continue
				}
				args := c.Args
				if mc, ok := c.Value.(*ssa.MakeClosure); ok {
					args = append(append([]ssa.Value{}, args...), mc.Bindings...)
				}
				s.writes = append(s.writes, m.lift(fn, m.summary(callee, lib), args, lib)...)
			case *ssa.MakeClosure:
				if onlyCalled(in) {
					continue
				}
				lit := in.Fn.(*ssa.Function)
				args := make([]ssa.Value, len(lit.Params), len(lit.Params)+len(in.Bindings))
				args = append(args, in.Bindings...)
				s.writes = append(s.writes, m.lift(fn, m.summary(lit, lib), args, lib)...)
			}
		}
	}
	m.sums[key] = s
	return s
}

type sumKey struct {
	fn  *ssa.Function
	lib Lib
}

// lift maps a callee's summary writes into the caller fn.
func (m *model) lift(fn *ssa.Function, callee *summary, args []ssa.Value, lib Lib) []sumWrite {
	var out []sumWrite
	for _, w := range callee.writes {
		params := map[int]bool{}
		fenced := false
		for p := range w.params {
			if p >= len(args) || args[p] == nil {
				continue
			}
			d := m.carries(fn, []ssa.Value{args[p]}, lib)
			if d.token {
				fenced = true
				break
			}
			for q := range d.params {
				params[q] = true
			}
		}
		if !fenced {
			out = append(out, sumWrite{pos: w.pos, what: w.what, params: params})
		}
	}
	return out
}

// operands of a call the store sees: receiver and arguments.
func operands(c *ssa.CallCommon) []ssa.Value {
	vs := append([]ssa.Value{}, c.Args...)
	if c.IsInvoke() {
		vs = append(vs, c.Value)
	}
	return vs
}

// deps is what a set of values data-depends on: lib's token, and the
// parameters (free variables numbered after them) of the function.
type deps struct {
	token  bool
	params map[int]bool
}

// carries follows vs backwards through SSA within fn.
func (m *model) carries(fn *ssa.Function, vs []ssa.Value, lib Lib) deps {
	d := deps{params: map[int]bool{}}
	seen := map[ssa.Value]bool{}
	var visit func(v ssa.Value)
	visit = func(v ssa.Value) {
		if v == nil || seen[v] || d.token {
			return
		}
		seen[v] = true
		switch v := v.(type) {
		case *ssa.Parameter:
			for i, p := range fn.Params {
				if p == v {
					d.params[i] = true
				}
			}
			return
		case *ssa.FreeVar:
			for i, f := range fn.FreeVars {
				if f == v {
					d.params[len(fn.Params)+i] = true
				}
			}
			return
		case *ssa.Call:
			if tokenSource(&v.Call, lib) {
				d.token = true
				return
			}
			if callee := v.Call.StaticCallee(); callee != nil && m.local(callee) && m.returnsToken(callee, lib) {
				d.token = true
				return
			}
		case *ssa.FieldAddr:
			if m.fields[lib][fieldOf(v.X.Type(), v.Field)] {
				d.token = true
				return
			}
		case *ssa.Field:
			if m.fields[lib][fieldOf(v.X.Type(), v.Field)] {
				d.token = true
				return
			}
		case *ssa.Function, *ssa.Const:
			return
		}
		// Addresses: what is stored through them (a composite literal's
		// fields, a variadic slice's elements, a local variable).
		switch v.(type) {
		case *ssa.Alloc, *ssa.FieldAddr, *ssa.IndexAddr, *ssa.Global:
			if refs := v.Referrers(); refs != nil {
				for _, r := range *refs {
					switch r := r.(type) {
					case *ssa.Store:
						if r.Addr == v {
							visit(r.Val)
						}
					case *ssa.FieldAddr:
						visit(r)
					case *ssa.IndexAddr:
						visit(r)
					}
				}
			}
			if _, isGlobal := v.(*ssa.Global); isGlobal {
				return
			}
		}
		in, ok := v.(ssa.Instruction)
		if !ok {
			return
		}
		var ops []*ssa.Value
		for _, op := range in.Operands(ops) {
			if *op != nil {
				visit(*op)
			}
		}
	}
	for _, v := range vs {
		visit(v)
	}
	return d
}

// returnsToken: a package function one of whose results carries lib's token.
func (m *model) returnsToken(fn *ssa.Function, lib Lib) bool {
	bit := 1 << (2 * int(lib))
	done := bit << 1
	if st := m.returns[fn]; st&done != 0 {
		return st&bit != 0
	}
	m.returns[fn] |= done // recursion: no
	var results []ssa.Value
	for _, b := range fn.Blocks {
		if r, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			results = append(results, r.Results...)
		}
	}
	if m.carries(fn, results, lib).token {
		m.returns[fn] |= bit
		return true
	}
	return false
}

// takesToken: some function of the package calls lib's token source (no
// field can hold the token otherwise).
func takesToken(funcs []*ssa.Function, lib Lib) bool {
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, in := range b.Instrs {
				if c, ok := in.(ssa.CallInstruction); ok && tokenSource(c.Common(), lib) {
					return true
				}
			}
		}
	}
	return false
}

// tokenFields: the struct fields some function of the package stores lib's
// token in (w.fence = lease.Token(), Row{Fence: tok}).
func tokenFields(m *model, funcs []*ssa.Function, lib Lib) map[*types.Var]bool {
	out := map[*types.Var]bool{}
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, in := range b.Instrs {
				st, ok := in.(*ssa.Store)
				if !ok {
					continue
				}
				fa, ok := st.Addr.(*ssa.FieldAddr)
				if !ok {
					continue
				}
				if f := fieldOf(fa.X.Type(), fa.Field); f != nil && !out[f] && m.carries(fn, []ssa.Value{st.Val}, lib).token {
					out[f] = true
				}
			}
		}
	}
	return out
}

func fieldOf(t types.Type, i int) *types.Var {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	s, ok := t.Underlying().(*types.Struct)
	if !ok || i >= s.NumFields() {
		return nil
	}
	return s.Field(i)
}

func calledFunc(c *ssa.CallCommon) *types.Func { return dbtypes.CalledMethod(c) }

func recvType(fn *types.Func) types.Type {
	if r := fn.Type().(*types.Signature).Recv(); r != nil {
		return r.Type()
	}
	return nil
}
