// Package gormtx is goconc's model of GORM statements and the transactions
// they run in, shared by gorm-tx-outer-handle, gorm-lock-outside-tx,
// gorm-version-unchecked and gorm-lost-update. Every
// call of a *gorm.DB method that sends a statement (First, Save, Count,
// Transaction…) is a Statement; the *gorm.DB it runs on is followed through
// SSA — builder calls (Where, Clauses, Session…), local variables, phis,
// closures' captured variables — to the handle it comes from: a transaction
// (a Transaction callback's parameter, a Begin() result), one pinned
// connection (a Connection callback's parameter), the pool (gorm.Open,
// a package variable, a field the package starts transactions from and only
// ever stores the pool in), or a parameter (the caller may pass either).
// Calls are recognised by their go/types callee (package dbtypes).
package gormtx

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/dbtypes"
	"github.com/goconc/goconc/engine/model/ssabuild"
)

var Analyzer = &analysis.Analyzer{
	Name:       "gormtx",
	Doc:        "finds GORM statements, the *gorm.DB handle each runs on (transaction, pinned connection, pool or parameter) and the transaction around it (goconc's shared GORM model)",
	Requires:   []*analysis.Analyzer{ssabuild.Analyzer},
	Run:        run,
	ResultType: reflect.TypeOf((*Result)(nil)),
}

// Result lists a package's statements in source order.
type Result struct {
	Statements []*Statement
	m          *model
}

// HandleOf follows a *gorm.DB value of the package's SSA (ssabuild's) to
// the handle it comes from, as for statements: for calls gormtx does not
// list (a deferred db.Exec, a Raw builder).
func (r *Result) HandleOf(v ssa.Value) Handle {
	if r.m == nil {
		return Handle{}
	}
	return r.m.handle(v, 0, nil)
}

// Kind is where a handle comes from.
type Kind int

const (
	Unknown Kind = iota
	Pool         // gorm.Open, a package variable, a field only ever holding the pool
	Tx           // a Transaction callback's parameter or a Begin() result, or built from one
	Param        // a parameter: the caller may pass the pool or a transaction
	Conn         // a Connection callback's parameter: one connection, no transaction
)

// Handle is the origin of a *gorm.DB value. Key identifies the root it was
// built from (the same parameter, field path or package variable), "" when
// there is none to compare.
type Handle struct {
	Kind Kind
	Key  string
}

// Statement is one call sending SQL.
type Statement struct {
	Expr   *ast.CallExpr // the executing call (its Fun is root.….Method)
	Method string
	Root   ast.Expr // the chain's root as written (db, s.db, q)
	// RootIsHandle: Root is itself the handle (a variable, field or package
	// variable holding it), not a query built from it in an earlier step
	// (q := db.Where(…)): replacing Root by another handle keeps the chain.
	RootIsHandle bool
	Handle       Handle
	// Locking is a clause.Locking argument of a Clauses call on the way
	// from the handle to the statement (in the same chain or through
	// variables), nil without one.
	Locking ast.Expr
	// InTx is the innermost transaction whose code contains the statement.
	InTx *TxScope
	// Call is the statement's SSA call, its *gorm.DB result the value
	// RowsAffected and Error are read from.
	Call *ssa.Call
	// Builders are the builder calls (Where, Model, Select…) on the way from
	// the handle to the statement, in the same chain or through variables,
	// the statement's end first.
	Builders []*ast.CallExpr
}

// TxScope is a transaction: the body of a Transaction callback, or the
// code from a Begin() to the last Commit() of its result in one function.
type TxScope struct {
	Starter    *ast.CallExpr // the Transaction or Begin call
	Outer      Handle        // the handle it was started from
	Name       string        // the transaction handle's variable ("tx"), "" when it has none
	NameObj    types.Object  // that variable
	start, end token.Pos
	outerValue ssa.Value
}

func run(pass *analysis.Pass) (any, error) {
	res := &Result{}
	// GORM's own packages are not the application's statements (the model runs
	// on dependencies when a rule exports facts).
	if strings.HasPrefix(pass.Pkg.Path(), "gorm.io/") || !usesGorm(pass.TypesInfo) {
		return res, nil
	}
	built := ssabuild.Of(pass)
	fns := built.Funcs()
	m := &model{pass: pass, calls: built.Calls(), closures: map[*ssa.Function]*ssa.MakeClosure{}, callbacks: map[*ssa.Function]*TxScope{},
		connCallbacks: map[*ssa.Function]bool{}, begins: map[*ssa.Call]*TxScope{}, fieldStores: map[*types.Var][]ssa.Value{},
		globalStores: map[*ssa.Global][]ssa.Value{}, startedFrom: map[*types.Var]bool{}, fieldKind: map[*types.Var]Kind{},
		globalKinds: map[*ssa.Global]Kind{}}
	res.m = m
	var gormCalls []gormCall
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, in := range b.Instrs {
				switch in := in.(type) {
				case *ssa.MakeClosure:
					if f, ok := in.Fn.(*ssa.Function); ok {
						m.closures[f] = in
					}
				case *ssa.Store:
					m.noteStore(in)
				case *ssa.Call:
					if gc, ok := m.gormCall(fn, in); ok {
						gormCalls = append(gormCalls, gc)
					}
				}
			}
		}
	}
	m.scopes(gormCalls)
	for _, gc := range gormCalls {
		if gc.kind != dbtypes.GormExecutor || gc.expr == nil {
			continue
		}
		recv := gc.call.Call.Args[0]
		root, links := chainRoot(pass.TypesInfo, gc.expr)
		st := &Statement{Expr: gc.expr, Method: gc.name, Root: root, Handle: m.handle(recv, 0, nil)}
		_, isCall := stripBuilders(recv, links).(*ssa.Call)
		st.RootIsHandle = !isCall
		st.Locking = m.lockingOnChain(recv)
		st.Call = gc.call
		st.Builders = m.buildersOnChain(recv)
		st.InTx = m.innermost(gc.expr.Pos(), gc.expr.End())
		res.Statements = append(res.Statements, st)
	}
	sort.Slice(res.Statements, func(i, j int) bool { return res.Statements[i].Expr.Pos() < res.Statements[j].Expr.Pos() })
	return res, nil
}

// usesGorm: the package refers to something of gorm.io/gorm — directly, or
// through another package's type embedding *gorm.DB — so its SSA is worth
// building.
func usesGorm(info *types.Info) bool {
	for _, obj := range info.Uses {
		if obj.Pkg() != nil && obj.Pkg().Path() == "gorm.io/gorm" {
			return true
		}
	}
	return false
}

type model struct {
	pass          *analysis.Pass
	calls         map[token.Pos]*ast.CallExpr
	closures      map[*ssa.Function]*ssa.MakeClosure
	callbacks     map[*ssa.Function]*TxScope // Transaction callbacks → their transaction
	connCallbacks map[*ssa.Function]bool     // Connection callbacks
	begins        map[*ssa.Call]*TxScope
	all           []*TxScope
	fieldStores   map[*types.Var][]ssa.Value
	globalStores  map[*ssa.Global][]ssa.Value
	startedFrom   map[*types.Var]bool // fields the package starts transactions from
	fieldKind     map[*types.Var]Kind
	globalKinds   map[*ssa.Global]Kind
}

type gormCall struct {
	fn   *ssa.Function
	call *ssa.Call
	expr *ast.CallExpr
	name string
	kind dbtypes.GormMethodKind
}

func (m *model) gormCall(fn *ssa.Function, c *ssa.Call) (gormCall, bool) {
	callee := c.Call.StaticCallee()
	if callee == nil || len(c.Call.Args) == 0 {
		return gormCall{}, false
	}
	obj, _ := callee.Object().(*types.Func)
	kind, ok := dbtypes.GormMethod(obj)
	if !ok {
		return gormCall{}, false
	}
	return gormCall{fn: fn, call: c, expr: m.calls[c.Pos()], name: obj.Name(), kind: kind}, true
}

func (m *model) noteStore(s *ssa.Store) {
	if !dbtypes.IsGormDB(s.Val.Type()) {
		return
	}
	switch addr := s.Addr.(type) {
	case *ssa.FieldAddr:
		if f := fieldOf(addr.X.Type(), addr.Field); f != nil {
			m.fieldStores[f] = append(m.fieldStores[f], s.Val)
		}
	case *ssa.Global:
		m.globalStores[addr] = append(m.globalStores[addr], s.Val)
	}
}

// scopes finds the transactions: Transaction callbacks, and Begin() up to
// the last (non-deferred) Commit() of its result.
func (m *model) scopes(gcs []gormCall) {
	commits := map[*ssa.Call]token.Pos{}
	for _, gc := range gcs {
		switch gc.name {
		case "Transaction":
			if len(gc.call.Call.Args) < 2 || gc.expr == nil {
				continue
			}
			var cb *ssa.Function
			switch a := gc.call.Call.Args[1].(type) {
			case *ssa.MakeClosure:
				cb, _ = a.Fn.(*ssa.Function)
			case *ssa.Function:
				cb = a
			}
			if cb == nil || cb.Parent() == nil || len(cb.Params) == 0 || cb.Syntax() == nil {
				continue // a named function may be called outside the transaction too
			}
			scope := &TxScope{Starter: gc.expr, start: cb.Syntax().Pos(), end: cb.Syntax().End(), outerValue: gc.call.Call.Args[0]}
			if p := cb.Params[0]; p.Name() != "_" {
				scope.Name, scope.NameObj = p.Name(), p.Object()
			}
			m.callbacks[cb] = scope
			m.all = append(m.all, scope)
			if f := rootField(gc.call.Call.Args[0]); f != nil {
				m.startedFrom[f] = true
			}
		case "Connection":
			if len(gc.call.Call.Args) < 2 {
				continue
			}
			if mc, ok := gc.call.Call.Args[1].(*ssa.MakeClosure); ok {
				if cb, ok := mc.Fn.(*ssa.Function); ok {
					m.connCallbacks[cb] = true
				}
			} else if cb, ok := gc.call.Call.Args[1].(*ssa.Function); ok && cb.Parent() != nil {
				m.connCallbacks[cb] = true
			}
		case "Begin":
			if gc.expr == nil {
				continue
			}
			m.begins[gc.call] = &TxScope{Starter: gc.expr, start: gc.expr.Pos(), outerValue: gc.call.Call.Args[0]}
			if f := rootField(gc.call.Call.Args[0]); f != nil {
				m.startedFrom[f] = true
			}
		case "Commit":
			if b, ok := builtFrom(gc.call.Call.Args[0]).(*ssa.Call); ok && gc.expr != nil && gc.expr.End() > commits[b] {
				commits[b] = gc.expr.End()
			}
		}
	}
	for call, scope := range m.begins {
		end, ok := commits[call]
		if !ok {
			continue
		}
		scope.end = end
		scope.Name, scope.NameObj = assignedVar(m.pass, scope.Starter)
		m.all = append(m.all, scope)
	}
	for _, s := range m.all {
		s.Outer = m.handle(s.outerValue, 0, nil)
	}
}

func (m *model) innermost(pos, end token.Pos) *TxScope {
	var best *TxScope
	for _, s := range m.all {
		if pos >= s.start && end <= s.end && (best == nil || s.start > best.start) {
			best = s
		}
	}
	return best
}
