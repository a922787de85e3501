package gormtx

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/goconc/goconc/engine/model/dbtypes"
)

// cycle: a phi edge that leads back to the phi itself; it adds nothing.
const cycle Kind = -1

// handle follows a *gorm.DB value back to where it comes from.
func (m *model) handle(v ssa.Value, depth int, seen map[*ssa.Phi]bool) Handle {
	h := m.origin(v, depth, seen)
	if h.Kind == cycle && depth == 0 {
		return Handle{}
	}
	return h
}

func (m *model) origin(v ssa.Value, depth int, seen map[*ssa.Phi]bool) Handle {
	if depth > 16 {
		return Handle{}
	}
	switch v := v.(type) {
	case *ssa.Call:
		callee := v.Call.StaticCallee()
		if callee == nil {
			return Handle{}
		}
		obj, _ := callee.Object().(*types.Func)
		kind, ok := dbtypes.GormMethod(obj)
		if !ok || kind != dbtypes.GormBuilder || len(v.Call.Args) == 0 {
			return Handle{}
		}
		if obj.Name() == "Begin" {
			return Handle{Tx, fmt.Sprintf("begin@%d", v.Pos())}
		}
		return m.origin(v.Call.Args[0], depth+1, seen)
	case *ssa.Extract:
		// db, err := gorm.Open(…)
		if c, ok := v.Tuple.(*ssa.Call); ok && v.Index == 0 {
			if callee := c.Call.StaticCallee(); callee != nil {
				if obj, _ := callee.Object().(*types.Func); dbtypes.IsGormOpen(obj) {
					return Handle{Pool, fmt.Sprintf("open@%d", c.Pos())}
				}
			}
		}
	case *ssa.Parameter:
		fn := v.Parent()
		if m.callbacks[fn] != nil && len(fn.Params) > 0 && fn.Params[0] == v {
			return Handle{Tx, paramKey(v)}
		}
		if m.connCallbacks[fn] && len(fn.Params) > 0 && fn.Params[0] == v {
			return Handle{Conn, paramKey(v)}
		}
		return Handle{Param, paramKey(v)}
	case *ssa.FreeVar:
		if b := m.binding(v); b != nil {
			return m.origin(b, depth+1, seen)
		}
	case *ssa.UnOp:
		if v.Op != token.MUL {
			return Handle{}
		}
		switch x := v.X.(type) {
		case *ssa.Global:
			return Handle{m.globalKind(x), "global:" + x.RelString(nil)}
		case *ssa.FieldAddr:
			return m.fieldHandle(x.X, fieldOf(x.X.Type(), x.Field), depth)
		case *ssa.Alloc, *ssa.FreeVar:
			// A variable captured by a closure lives in a cell: what was stored in it.
			if val := m.cellValue(x); val != nil {
				return m.origin(val, depth+1, seen)
			}
		}
	case *ssa.Field:
		return m.fieldHandle(v.X, fieldOf(v.X.Type(), v.Field), depth)
	case *ssa.Phi:
		if seen[v] {
			return Handle{Kind: cycle}
		}
		if seen == nil {
			seen = map[*ssa.Phi]bool{}
		}
		seen[v] = true
		defer delete(seen, v)
		merged := Handle{Kind: cycle}
		for _, e := range v.Edges {
			h := m.origin(e, depth+1, seen)
			switch {
			case h.Kind == cycle:
			case merged.Kind == cycle:
				merged = h
			case h.Kind != merged.Kind:
				return Handle{}
			case h.Key != merged.Key:
				merged.Key = ""
			}
		}
		return merged
	}
	return Handle{}
}

func (m *model) fieldHandle(base ssa.Value, f *types.Var, depth int) Handle {
	if f == nil {
		return Handle{}
	}
	h := Handle{Kind: m.kindOfField(f)}
	if b := m.baseKey(base, depth+1); b != "" {
		h.Key = b + "." + objKey(f)
	}
	return h
}

// baseKey identifies the struct a field is read from: the same parameter,
// captured variable, package variable or field path.
func (m *model) baseKey(v ssa.Value, depth int) string {
	if depth > 16 {
		return ""
	}
	switch v := v.(type) {
	case *ssa.Parameter:
		return paramKey(v)
	case *ssa.FreeVar:
		if b := m.binding(v); b != nil {
			return m.baseKey(b, depth+1)
		}
	case *ssa.Global:
		return "global:" + v.RelString(nil)
	case *ssa.Alloc:
		return fmt.Sprintf("local@%d", v.Pos())
	case *ssa.UnOp:
		if v.Op != token.MUL {
			return ""
		}
		switch x := v.X.(type) {
		case *ssa.Alloc, *ssa.FreeVar:
			if val := m.cellValue(x); val != nil {
				return m.baseKey(val, depth+1)
			}
		case *ssa.Global:
			return "global:" + x.RelString(nil)
		case *ssa.FieldAddr:
			if f, b := fieldOf(x.X.Type(), x.Field), m.baseKey(x.X, depth+1); f != nil && b != "" {
				return b + "." + objKey(f)
			}
		}
	case *ssa.FieldAddr:
		if f, b := fieldOf(v.X.Type(), v.Field), m.baseKey(v.X, depth+1); f != nil && b != "" {
			return b + "." + objKey(f)
		}
	}
	return ""
}

// kindOfField: a field holds the pool when the package starts transactions
// from it and every value it stores there is the pool. Only an unexported
// field of this package's type: another package could store a transaction
// in an exported one, and a constructor taking a *gorm.DB parameter
// (NewRepo(tx)) may be handed one.
func (m *model) kindOfField(f *types.Var) Kind {
	if k, ok := m.fieldKind[f]; ok {
		return k
	}
	m.fieldKind[f] = Unknown // while computing: a store of the field into itself proves nothing
	if f.Exported() || f.Pkg() != m.pass.Pkg || !m.startedFrom[f] {
		return Unknown
	}
	for _, v := range m.fieldStores[f] {
		if m.handle(v, 0, nil).Kind != Pool {
			return Unknown
		}
	}
	m.fieldKind[f] = Pool
	return Pool
}

// globalKind: a package variable is the application's pool unless a
// transaction is stored in it (an init function storing its parameter is
// the usual way to set it).
func (m *model) globalKind(g *ssa.Global) Kind {
	if k, ok := m.globalKinds[g]; ok {
		return k
	}
	m.globalKinds[g] = Pool // while computing: storing the variable into itself proves nothing
	for _, v := range m.globalStores[g] {
		if m.handle(v, 0, nil).Kind == Tx {
			m.globalKinds[g] = Unknown
			return Unknown
		}
	}
	return Pool
}

// cellValue: the one value ever stored in a captured variable's cell (a
// parameter spilled for its closures, a local assigned once); nil when it
// is assigned more than once or its address escapes.
func (m *model) cellValue(cell ssa.Value) ssa.Value {
	for i := 0; i < 16; i++ {
		fv, ok := cell.(*ssa.FreeVar)
		if !ok {
			break
		}
		cell = m.binding(fv)
	}
	alloc, ok := cell.(*ssa.Alloc)
	if !ok {
		return nil
	}
	var stored ssa.Value
	for _, ref := range *alloc.Referrers() {
		switch r := ref.(type) {
		case *ssa.Store:
			if r.Addr != alloc || stored != nil {
				return nil
			}
			stored = r.Val
		case *ssa.UnOp, *ssa.MakeClosure, *ssa.DebugRef:
		default:
			return nil
		}
	}
	return stored
}

func (m *model) binding(fv *ssa.FreeVar) ssa.Value {
	fn := fv.Parent()
	mc := m.closures[fn]
	if mc == nil {
		return nil
	}
	for i, f := range fn.FreeVars {
		if f == fv && i < len(mc.Bindings) {
			return mc.Bindings[i]
		}
	}
	return nil
}

// builtFrom strips builder calls other than Begin (and captured variables)
// off a *gorm.DB value: what the chain was built on.
func builtFrom(v ssa.Value) ssa.Value {
	for i := 0; i < 32; i++ {
		c, ok := v.(*ssa.Call)
		if !ok {
			return v
		}
		callee := c.Call.StaticCallee()
		if callee == nil {
			return v
		}
		obj, _ := callee.Object().(*types.Func)
		kind, ok := dbtypes.GormMethod(obj)
		if !ok || kind != dbtypes.GormBuilder || obj.Name() == "Begin" || len(c.Call.Args) == 0 {
			return v
		}
		v = c.Call.Args[0]
	}
	return v
}

// rootField: the struct field a chain was built on (s.db in s.db.WithContext(ctx)), if it was.
func rootField(v ssa.Value) *types.Var {
	switch r := builtFrom(v).(type) {
	case *ssa.UnOp:
		if fa, ok := r.X.(*ssa.FieldAddr); ok && r.Op == token.MUL {
			return fieldOf(fa.X.Type(), fa.Field)
		}
	case *ssa.Field:
		return fieldOf(r.X.Type(), r.Field)
	}
	return nil
}

// buildersOnChain lists the builder calls on the way from the handle to the statement, the last first.
func (m *model) buildersOnChain(v ssa.Value) []*ast.CallExpr {
	var out []*ast.CallExpr
	for i := 0; i < 32; i++ {
		c, ok := v.(*ssa.Call)
		if !ok {
			return out
		}
		callee := c.Call.StaticCallee()
		if callee == nil {
			return out
		}
		obj, _ := callee.Object().(*types.Func)
		kind, ok := dbtypes.GormMethod(obj)
		if !ok || kind != dbtypes.GormBuilder || obj.Name() == "Begin" || len(c.Call.Args) == 0 {
			return out
		}
		if expr := m.calls[c.Pos()]; expr != nil {
			out = append(out, expr)
		}
		v = c.Call.Args[0]
	}
	return out
}

// lockingOnChain finds a clause.Locking passed to a Clauses call on the
// way from the handle to the statement.
func (m *model) lockingOnChain(v ssa.Value) ast.Expr {
	for _, b := range m.buildersOnChain(v) {
		if fn, _ := typeutil.Callee(m.pass.TypesInfo, b).(*types.Func); fn == nil || fn.Name() != "Clauses" {
			continue
		}
		for _, a := range b.Args {
			if dbtypes.IsLockingClause(m.pass.TypesInfo.TypeOf(a)) {
				return a
			}
		}
	}
	return nil
}

// chainRoot is the expression a call chain of *gorm.DB builders starts
// from (s.db in s.db.Where(…).First(&x)) and the number of builder calls
// between it and the statement.
func chainRoot(info *types.Info, call *ast.CallExpr) (ast.Expr, int) {
	links := 0
	for {
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return call.Fun, links
		}
		inner, ok := ast.Unparen(sel.X).(*ast.CallExpr)
		if !ok {
			return sel.X, links
		}
		fn, _ := typeutil.Callee(info, inner).(*types.Func)
		if kind, ok := dbtypes.GormMethod(fn); !ok || kind != dbtypes.GormBuilder || fn.Name() == "Begin" {
			return sel.X, links
		}
		call = inner
		links++
	}
}

// stripBuilders goes n builder calls back from v (the SSA side of chainRoot).
func stripBuilders(v ssa.Value, n int) ssa.Value {
	for ; n > 0; n-- {
		c, ok := v.(*ssa.Call)
		if !ok || len(c.Call.Args) == 0 {
			return v
		}
		v = c.Call.Args[0]
	}
	return v
}

// assignedVar: the variable a Begin() result is assigned to (tx := db.Begin()).
func assignedVar(pass *analysis.Pass, call *ast.CallExpr) (string, types.Object) {
	var name string
	var obj types.Object
	for _, f := range pass.Files {
		if f.Pos() > call.Pos() || call.End() > f.End() {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 || as.Rhs[0] != ast.Expr(call) {
				return obj == nil
			}
			if id, ok := as.Lhs[0].(*ast.Ident); ok && id.Name != "_" {
				name, obj = id.Name, pass.TypesInfo.ObjectOf(id)
			}
			return false
		})
	}
	return name, obj
}

func fieldOf(t types.Type, i int) *types.Var {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok || i >= st.NumFields() {
		return nil
	}
	return st.Field(i)
}

func paramKey(p *ssa.Parameter) string { return fmt.Sprintf("param:%s@%d", p.Name(), p.Pos()) }

func objKey(o types.Object) string { return fmt.Sprintf("%s@%d", o.Name(), o.Pos()) }
