// Package syncmapcheckthenact reports a sync.Map Load whose result decides a
// later Store or Delete of the same key on the same map: each call is atomic,
// the pair is not. Two goroutines can both see the key absent and both store
// (one value is lost), or one deletes the entry another has just replaced.
// LoadOrStore, LoadAndDelete, Swap, CompareAndSwap and CompareAndDelete do
// the check and the act in one step.
package syncmapcheckthenact

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"go/version"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/lockstate"
	"github.com/goconc/goconc/engine/model/publication"
	"github.com/goconc/goconc/engine/model/ssabuild"
	"github.com/goconc/goconc/engine/model/syncops"
	"github.com/goconc/goconc/engine/rules/internal/filever"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

var Analyzer = &analysis.Analyzer{
	Name: "syncmap_check_then_act",
	Doc: `sync.Map Load whose result decides a Store or Delete of the same key

Every sync.Map method is atomic on its own; a Load followed by a Store or
Delete that depends on what the Load returned is not. Two goroutines both see
the key absent and both Store: one value is lost (a counter increment, a
"create once" entry, a connection opened twice). A Delete decided by a Load
removes the value another goroutine stored in between.

Reported at the Store or Delete when, in the same function, a Load of the
same map (by type: a sync.Map variable, field or field path, or *sync.Map)
with the same key (the same SSA value, an equal constant, or the same
variable path) decides it: the Store or Delete runs only on one branch of a
condition computed from the Load's results, or stores a value computed from
them. A Store the Load only decides (rather than feeds) is reported when its
value has an identity — a pointer, channel, map, function, slice or
non-empty interface, or a struct holding one: two goroutines storing two
such values for one key keep two different objects. A bool, number or
string computed again for the key (memoisation) is the same value twice.
A Delete is reported when the loaded value (not only its presence) decides
it: deleting a key when present is what Delete does anyway. Silent when a
lock is held around both (the lock model's HeldAt) or every caller of the
function holds one ("lock held on entry" helpers), when
the key or the map differ, when the Store does not depend on the Load, and
for LoadOrStore, LoadAndDelete, Swap, CompareAndSwap and CompareAndDelete.
Quick fix: ` + "`if _, ok := m.Load(k); !ok { m.Store(k, v) }`" + ` becomes
` + "`m.LoadOrStore(k, v)`" + ` when the if holds only that Store and k and v are
variables or literals (evaluating them always changes nothing).

Not seen: a Load and a Store in different functions (a "get" helper and a
"put" helper), keys computed by two calls (two fmt.Sprintf with the same
arguments), a lock the caller holds around the whole function.`,
	Requires: []*analysis.Analyzer{ssabuild.Analyzer, lockstate.Analyzer},
	Run:      run,
}

// Information by default: on the precision modules 2 of 3 findings were true
// (nats-server's gateway outsim map has a single writer goroutine, which the
// rule cannot see) — below the 90 % a warning needs.
var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Information, Category: "shared-state", Checklist: "shared-state"}

// mapCall is a sync.Map method call.
type mapCall struct {
	call *ssa.Call
	name string
	recv ssa.Value
}

func run(pass *analysis.Pass) (any, error) {
	if !ssabuild.Imports(pass, "sync") {
		return nil, nil
	}
	res := ssabuild.Of(pass)
	var locks *lockstate.Result
	var calls *publication.Calls
	for _, fn := range res.Funcs() {
		var loads, acts []mapCall
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok {
					continue
				}
				m, ok := syncops.MethodOf(call.Common())
				if !ok || m.Kind != syncops.Map {
					continue
				}
				switch m.Name {
				case "Load":
					loads = append(loads, mapCall{call, m.Name, m.Recv})
				case "Store", "Delete":
					acts = append(acts, mapCall{call, m.Name, m.Recv})
				}
			}
		}
		if len(loads) == 0 || len(acts) == 0 {
			continue
		}
		if locks == nil {
			locks = lockstate.Of(pass)
			calls = publication.NewCalls(res.Funcs(), staticCallee, nil)
		}
		if locks.CallersHold(fn, calls.Sites) {
			continue // a "lock held on entry" helper: the caller's lock covers both
		}
		for _, act := range acts {
			check(pass, res, locks, loads, act)
		}
	}
	return nil, nil
}

// check reports act when a Load of the same map and key decides it and no
// such Load shares a lock with it.
func check(pass *analysis.Pass, res *ssabuild.Result, locks *lockstate.Result, loads []mapCall, act mapCall) {
	var decider *mapCall
	viaValue := false
	for i, ld := range loads {
		if !sameValue(ld.recv, act.recv, 0) || !sameValue(arg(ld.call, 1), arg(act.call, 1), 0) {
			continue
		}
		tainted := derived(ld.call, false)
		byValue, decided := false, false
		if act.name == "Store" {
			byValue = tainted[arg(act.call, 2)]
			decided = decidedBy(act.call, tainted) && hasIdentity(unwrap(arg(act.call, 2)).Type(), 0)
		} else {
			// Deleting when present is what Delete does anyway: only a
			// decision on the loaded value (expired, stale) can be undone
			// by a Store in between.
			decided = decidedBy(act.call, derived(ld.call, true))
		}
		if !byValue && !decided {
			continue
		}
		if lockedAround(locks, ld.call, act.call) {
			return // the author serialises the pair (double-checked under a lock)
		}
		if decider == nil {
			decider, viaValue = &loads[i], byValue
		}
	}
	if decider == nil {
		return
	}
	actExpr, loadExpr := res.Call(act.call.Pos()), res.Call(decider.call.Pos())
	if actExpr == nil || loadExpr == nil {
		return
	}
	recv := srctext.Receiver(pass.Fset, actExpr)
	key := srctext.Expr(pass.Fset, actExpr.Args[0])
	line := pass.Fset.Position(loadExpr.Pos()).Line
	newer := func(v string) bool {
		fv := filever.At(pass, actExpr.Pos())
		return fv == "" || version.Compare(fv, v) >= 0
	}
	callText := fmt.Sprintf("%s.%s(%s, …)", recv, act.name, key)
	if act.name == "Delete" {
		callText = fmt.Sprintf("%s.Delete(%s)", recv, key)
	}
	var what, advice string
	switch {
	case act.name == "Delete":
		what = "another goroutine can store a new value in between, and this Delete removes it"
		advice = "use LoadAndDelete"
		if newer("go1.20") {
			advice = fmt.Sprintf("use %s.CompareAndDelete(%s, old) or LoadAndDelete", recv, key)
		}
	case viaValue:
		what = "the value stored is computed from what Load returned; another goroutine can store in between, and its update is lost"
		advice = "loop on CompareAndSwap"
		if !newer("go1.20") {
			advice = "guard the read-modify-write with a mutex"
		}
	default:
		what = "another goroutine can store the same key in between, and one of the two values is lost"
		advice = fmt.Sprintf("use %s.LoadOrStore(%s, v)", recv, key)
		if newer("go1.20") {
			advice += " or CompareAndSwap"
		}
	}
	d := analysis.Diagnostic{
		Pos: actExpr.Pos(), End: actExpr.End(),
		Message: fmt.Sprintf("%s is decided by %s.Load(%s) (line %d) without a lock: %s (%s)", callText, srctext.Receiver(pass.Fset, loadExpr), srctext.Expr(pass.Fset, loadExpr.Args[0]), line, what, advice),
		Related: []analysis.RelatedInformation{{Pos: loadExpr.Pos(), End: loadExpr.End(), Message: "the Load whose result decides it"}},
	}
	if act.name == "Store" && !viaValue {
		d.SuggestedFixes = loadOrStoreFix(pass, res.File(actExpr.Pos()), loadExpr, actExpr)
	}
	pass.Report(d)
}

func staticCallee(c *ssa.CallCommon) []*ssa.Function {
	if f := c.StaticCallee(); f != nil {
		return []*ssa.Function{f}
	}
	return nil
}

// arg is argument i of a method call (0 is the receiver).
func arg(c *ssa.Call, i int) ssa.Value {
	if i < len(c.Call.Args) {
		return c.Call.Args[i]
	}
	return nil
}

// derived are the values computed from the Load's results within its
// function: the results (only the value, not ok, when valueOnly), and every
// value an operation, conversion, field selection or call computes from one
// of them.
func derived(load *ssa.Call, valueOnly bool) map[ssa.Value]bool {
	out := map[ssa.Value]bool{}
	var work []ssa.Value
	for _, r := range *load.Referrers() {
		if x, ok := r.(*ssa.Extract); ok && (!valueOnly || x.Index == 0) {
			out[x] = true
			work = append(work, x)
		}
	}
	for len(work) > 0 && len(out) < 500 {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		refs := v.Referrers()
		if refs == nil {
			continue
		}
		for _, r := range *refs {
			rv, ok := r.(ssa.Value)
			if !ok || out[rv] {
				continue
			}
			switch r.(type) {
			case *ssa.Extract, *ssa.UnOp, *ssa.BinOp, *ssa.TypeAssert, *ssa.Convert, *ssa.ChangeType,
				*ssa.ChangeInterface, *ssa.MakeInterface, *ssa.Phi, *ssa.Call, *ssa.Field, *ssa.FieldAddr,
				*ssa.Index, *ssa.IndexAddr, *ssa.Lookup, *ssa.Slice, *ssa.SliceToArrayPointer:
				out[rv] = true
				work = append(work, rv)
			}
		}
	}
	return out
}

// decidedBy: call runs only on one branch of an if whose condition is
// derived from the Load: a successor of the if, entered only from it,
// dominates the call's block.
func decidedBy(call *ssa.Call, tainted map[ssa.Value]bool) bool {
	target := call.Block()
	for _, b := range call.Parent().Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok || !tainted[iff.Cond] {
			continue
		}
		for _, s := range b.Succs {
			if len(s.Preds) == 1 && s.Dominates(target) {
				return true
			}
		}
	}
	return false
}

// hasIdentity: two values of type t made by two goroutines are told apart —
// a pointer, channel, map, function, slice or non-empty interface (a
// connection, an entry with its own state), or a struct or array holding
// one. A bool, number or string computed twice for one key is the same value
// twice (memoisation), and an empty interface says nothing: neither is
// reported.
func hasIdentity(t types.Type, depth int) bool {
	if depth > 4 {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Pointer, *types.Chan, *types.Map, *types.Signature, *types.Slice:
		return true
	case *types.Interface:
		return u.NumMethods() > 0
	case *types.Array:
		return hasIdentity(u.Elem(), depth+1)
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			if hasIdentity(u.Field(i).Type(), depth+1) {
				return true
			}
		}
	}
	return false
}

// lockedAround: a lock is (or may be) held both at the Load and at the act.
func lockedAround(locks *lockstate.Result, load, act ssa.Instruction) bool {
	a, ok1 := locks.HeldAt(load)
	b, ok2 := locks.HeldAt(act)
	if !ok1 || !ok2 {
		return true // the lock model gave the function up: say nothing
	}
	for _, x := range a.May {
		for _, y := range b.May {
			if x.Key.ID() == y.Key.ID() {
				return true
			}
		}
	}
	return false
}

// sameValue: a and b are the same map or key — the same SSA value, equal
// constants, loads of the same variable path, or the same operation on such.
func sameValue(a, b ssa.Value, depth int) bool {
	if a == nil || b == nil || depth > 6 {
		return false
	}
	a, b = unwrap(a), unwrap(b)
	if a == b {
		return true
	}
	if r := syncops.Ref(a, nil); r != "" && r == syncops.Ref(b, nil) {
		return true
	}
	switch x := a.(type) {
	case *ssa.Const:
		y, ok := b.(*ssa.Const)
		return ok && types.Identical(x.Type(), y.Type()) && x.Value != nil && y.Value != nil && constant.Compare(x.Value, token.EQL, y.Value)
	case *ssa.BinOp:
		y, ok := b.(*ssa.BinOp)
		return ok && x.Op == y.Op && sameValue(x.X, y.X, depth+1) && sameValue(x.Y, y.Y, depth+1)
	case *ssa.Field:
		y, ok := b.(*ssa.Field)
		return ok && x.Field == y.Field && sameValue(x.X, y.X, depth+1)
	case *ssa.Convert:
		y, ok := b.(*ssa.Convert)
		return ok && types.Identical(x.Type(), y.Type()) && sameValue(x.X, y.X, depth+1)
	}
	return false
}

// unwrap strips the conversions to interface a key goes through on its way
// to an any parameter.
func unwrap(v ssa.Value) ssa.Value {
	for {
		switch x := v.(type) {
		case *ssa.MakeInterface:
			v = x.X
		case *ssa.ChangeInterface:
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		default:
			return v
		}
	}
}

// loadOrStoreFix: `if _, ok := m.Load(k); !ok { m.Store(k, v) }` becomes
// `m.LoadOrStore(k, v)` — the if has no else, its body is only the Store,
// the map, key and value are variables, fields or literals (evaluated always
// rather than only when absent, they change nothing), and the ok tested is
// the one the init declares.
func loadOrStoreFix(pass *analysis.Pass, file *ast.File, load, store *ast.CallExpr) []analysis.SuggestedFix {
	if file == nil {
		return nil
	}
	path, _ := astutil.PathEnclosingInterval(file, store.Pos(), store.End())
	if len(path) < 4 {
		return nil
	}
	stmt, ok1 := path[1].(*ast.ExprStmt)
	block, ok2 := path[2].(*ast.BlockStmt)
	ifs, ok3 := path[3].(*ast.IfStmt)
	if !ok1 || !ok2 || !ok3 || stmt.X != store || ifs.Body != block || ifs.Else != nil || len(block.List) != 1 {
		return nil
	}
	init, ok := ifs.Init.(*ast.AssignStmt)
	if !ok || init.Tok != token.DEFINE || len(init.Lhs) != 2 || len(init.Rhs) != 1 || ast.Unparen(init.Rhs[0]) != load {
		return nil
	}
	if id, ok := init.Lhs[0].(*ast.Ident); !ok || id.Name != "_" {
		return nil
	}
	okID, isID := init.Lhs[1].(*ast.Ident)
	not, isNot := ast.Unparen(ifs.Cond).(*ast.UnaryExpr)
	if !isID || !isNot || not.Op != token.NOT {
		return nil
	}
	if c, ok := ast.Unparen(not.X).(*ast.Ident); !ok || pass.TypesInfo.ObjectOf(c) == nil || pass.TypesInfo.ObjectOf(c) != pass.TypesInfo.ObjectOf(okID) {
		return nil
	}
	if len(store.Args) != 2 || !simple(store.Fun) || !simple(store.Args[0]) || !simple(store.Args[1]) {
		return nil
	}
	if srctext.Expr(pass.Fset, store.Fun) != srctext.Receiver(pass.Fset, load)+".Store" {
		return nil
	}
	text := srctext.Receiver(pass.Fset, store) + ".LoadOrStore(" + srctext.Expr(pass.Fset, store.Args[0]) + ", " + srctext.Expr(pass.Fset, store.Args[1]) + ")"
	return []analysis.SuggestedFix{{
		Message:   "Use LoadOrStore",
		TextEdits: []analysis.TextEdit{{Pos: ifs.Pos(), End: ifs.End(), NewText: []byte(text)}},
	}}
}

// simple: an identifier, a literal, or a selection from one — evaluating it
// has no effect.
func simple(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident, *ast.BasicLit:
		return true
	case *ast.SelectorExpr:
		return simple(e.X)
	}
	return false
}
