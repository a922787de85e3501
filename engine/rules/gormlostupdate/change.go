package gormlostupdate

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/goconc/goconc/engine/model/gormtx"
)

// modelVar: the variable v of a model argument written v or &v.
func modelVar(info *types.Info, e ast.Expr) *types.Var {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	id, ok := e.(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := info.ObjectOf(id).(*types.Var)
	if v == nil || v.IsField() || !isModelType(v.Type()) {
		return nil
	}
	return v
}

func modelArgObj(info *types.Info, e ast.Expr) types.Object {
	if v := modelVar(info, e); v != nil {
		return v
	}
	return nil
}

// isModelType: a struct or a pointer to one (a slice read is not one row's model).
func isModelType(t types.Type) bool {
	_, ok := deref(t).Underlying().(*types.Struct)
	return ok
}

func deref(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

func funcBody(fn *ssa.Function) *ast.BlockStmt {
	switch s := fn.Syntax().(type) {
	case *ast.FuncDecl:
		return s.Body
	case *ast.FuncLit:
		return s.Body
	}
	return nil
}

func isFuncLit(n ast.Node) bool { _, ok := n.(*ast.FuncLit); return ok }

// paramVar: the i-th parameter of a function declaration.
func paramVar(info *types.Info, decl *ast.FuncDecl, i int) *types.Var {
	if decl == nil {
		return nil
	}
	n := 0
	for _, f := range decl.Type.Params.List {
		names := f.Names
		if len(names) == 0 {
			n++
			continue
		}
		for _, name := range names {
			if n == i {
				v, _ := info.Defs[name].(*types.Var)
				return v
			}
			n++
		}
	}
	return nil
}

// writeTarget: the variable a write statement writes (Save(&v), Updates(&v),
// Model(&v) on its way), or for Model(&T{}) / Model(new(T)) only its type.
func writeTarget(info *types.Info, st *gormtx.Statement) (*types.Var, types.Type) {
	if st.Method != "Update" && st.Method != "UpdateColumn" && len(st.Expr.Args) > 0 {
		if v := modelVar(info, st.Expr.Args[0]); v != nil {
			return v, nil
		}
	}
	m := gormtx.HasBuilder(info, st, "Model")
	if m == nil || len(m.Args) == 0 {
		return nil, nil
	}
	if v := modelVar(info, m.Args[0]); v != nil {
		return v, nil
	}
	arg := ast.Unparen(m.Args[0])
	if u, ok := arg.(*ast.UnaryExpr); ok && u.Op == token.AND {
		arg = ast.Unparen(u.X)
	}
	switch a := arg.(type) {
	case *ast.CompositeLit:
		return nil, info.TypeOf(a)
	case *ast.CallExpr:
		if id, ok := ast.Unparen(a.Fun).(*ast.Ident); ok && id.Name == "new" && len(a.Args) == 1 {
			if _, isBuiltin := info.Uses[id].(*types.Builtin); isBuiltin {
				return nil, info.TypeOf(a.Args[0])
			}
		}
	}
	return nil, nil
}

// fieldSel: e is v.F for the variable v; F's name.
func fieldSel(info *types.Info, e ast.Expr, v types.Object) (string, bool) {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return "", false
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok || info.ObjectOf(id) != v {
		return "", false
	}
	if s, ok := info.Selections[sel]; !ok || s.Kind() != types.FieldVal {
		return "", false
	}
	return sel.Sel.Name, true
}

// fieldsRead: the fields of v read anywhere in exprs.
func fieldsRead(info *types.Info, exprs []ast.Expr, v types.Object) map[string]bool {
	out := map[string]bool{}
	for _, e := range exprs {
		ast.Inspect(e, func(n ast.Node) bool {
			if x, ok := n.(ast.Expr); ok {
				if f, ok := fieldSel(info, x, v); ok {
					out[f] = true
					return false
				}
			}
			return true
		})
	}
	return out
}

// mentions: e reads the field f of v (any field when f is "").
func mentions(info *types.Info, e ast.Node, v types.Object, f string) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if found {
			return false
		}
		if x, ok := n.(ast.Expr); ok {
			if name, ok := fieldSel(info, x, v); ok && (f == "" || name == f) {
				found = true
				return false
			}
		}
		return true
	})
	return found
}

var arithmetic = map[token.Token]bool{token.ADD: true, token.SUB: true, token.MUL: true, token.QUO: true, token.REM: true,
	token.AND: true, token.OR: true, token.XOR: true, token.SHL: true, token.SHR: true, token.AND_NOT: true}

// derivedValue: a value among a write's arguments (directly, or as a value of
// a map or struct literal) that is arithmetic on a field of v:
// Updates(map[string]any{"balance": acc.Balance + amt}).
func derivedValue(info *types.Info, args []ast.Expr, v types.Object) ast.Node {
	var found ast.Node
	var visit func(e ast.Expr)
	visit = func(e ast.Expr) {
		if found != nil || e == nil {
			return
		}
		e = ast.Unparen(e)
		switch x := e.(type) {
		case *ast.UnaryExpr:
			if x.Op == token.AND {
				visit(x.X)
			}
		case *ast.CompositeLit:
			for _, el := range x.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					visit(kv.Value)
				} else {
					visit(el)
				}
			}
		case *ast.BinaryExpr:
			if arithmeticOn(info, x, v) {
				found = x
			}
		}
	}
	for _, a := range args {
		visit(a)
	}
	return found
}

// arithmeticOn: e is an arithmetic expression with a field of v among its operands.
func arithmeticOn(info *types.Info, e ast.Expr, v types.Object) bool {
	e = ast.Unparen(e)
	if _, ok := fieldSel(info, e, v); ok {
		return true
	}
	b, ok := e.(*ast.BinaryExpr)
	return ok && arithmetic[b.Op] && (arithmeticOn(info, b.X, v) || arithmeticOn(info, b.Y, v))
}

// derivedChange: a statement of body between from and to giving a field of
// v a value computed from its old one — v.F op= x, v.F++, v.F = … v.F …, v.F
// = next where next was computed from v.F, or v.F set after a guard clause
// on it. fields, when not nil, limits the fields to those the write sends.
func derivedChange(info *types.Info, body *ast.BlockStmt, v types.Object, from, to token.Pos, fields map[string]bool) ast.Node {
	var stmts []ast.Stmt
	var guards []*ast.IfStmt
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil || n.End() < from || n.Pos() > to {
			return false
		}
		switch s := n.(type) {
		case *ast.AssignStmt, *ast.IncDecStmt:
			if s.Pos() > from && s.End() < to {
				stmts = append(stmts, s.(ast.Stmt))
			}
		case *ast.IfStmt:
			if s.Pos() > from && s.Pos() < to && guardClause(s) {
				guards = append(guards, s)
			}
		}
		return true
	})
	sort.Slice(stmts, func(i, j int) bool { return stmts[i].Pos() < stmts[j].Pos() })
	for _, s := range stmts {
		var lhs, rhs ast.Expr
		op := token.ASSIGN
		switch s := s.(type) {
		case *ast.IncDecStmt:
			lhs = s.X
			op = s.Tok
		case *ast.AssignStmt:
			if len(s.Lhs) != 1 || len(s.Rhs) != 1 {
				continue
			}
			lhs, rhs, op = s.Lhs[0], s.Rhs[0], s.Tok
		}
		f, ok := fieldSel(info, lhs, v)
		if !ok || (fields != nil && !fields[f]) {
			continue
		}
		if op != token.ASSIGN && op != token.DEFINE {
			return s
		}
		if mentions(info, rhs, v, f) || computedThroughLocal(info, body, rhs, v, f) {
			return s
		}
		for _, g := range guards {
			if g.Pos() < s.Pos() && mentions(info, g.Cond, v, f) {
				return s
			}
		}
	}
	return nil
}

// computedThroughLocal: rhs uses a local variable assigned from v.F
// (next := acc.Balance - amount; acc.Balance = next).
func computedThroughLocal(info *types.Info, body *ast.BlockStmt, rhs ast.Expr, v types.Object, f string) bool {
	locals := map[types.Object]bool{}
	ast.Inspect(rhs, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if obj, ok := info.Uses[id].(*types.Var); ok && obj != v && !obj.IsField() {
				locals[obj] = true
			}
		}
		return true
	})
	if len(locals) == 0 {
		return false
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch s := n.(type) {
		case *ast.AssignStmt:
			for i, l := range s.Lhs {
				id, ok := l.(*ast.Ident)
				if !ok || !locals[info.ObjectOf(id)] {
					continue
				}
				if len(s.Rhs) == len(s.Lhs) && mentions(info, s.Rhs[i], v, f) || len(s.Rhs) == 1 && len(s.Lhs) > 1 && mentions(info, s.Rhs[0], v, f) {
					found = true
				}
			}
		case *ast.ValueSpec:
			for i, id := range s.Names {
				if locals[info.ObjectOf(id)] && i < len(s.Values) && mentions(info, s.Values[i], v, f) {
					found = true
				}
			}
		}
		return true
	})
	return found
}

// guardClause: if cond { … return/continue/break … } — what follows depends on the condition.
func guardClause(s *ast.IfStmt) bool {
	for _, b := range s.Body.List {
		switch b := b.(type) {
		case *ast.ReturnStmt:
			return true
		case *ast.BranchStmt:
			if b.Tok == token.CONTINUE || b.Tok == token.BREAK {
				return true
			}
		}
	}
	return false
}

// rowLockSQL: SQL that locks the rows it reads.
var rowLockSQL = regexp.MustCompile(`(?i)\bFOR\s+(NO\s+KEY\s+)?(UPDATE|SHARE|KEY\s+SHARE)\b|\bLOCK\s+IN\s+SHARE\s+MODE\b|\bWITH\s*\(\s*UPDLOCK`)

// rawLockOrUnknown: the read runs SQL written by hand (Raw on its way) that
// locks the row, or whose text is not a constant.
func rawLockOrUnknown(info *types.Info, st *gormtx.Statement) bool {
	raw := gormtx.HasBuilder(info, st, "Raw")
	if raw == nil {
		return false
	}
	if len(raw.Args) == 0 {
		return true
	}
	tv, ok := info.Types[raw.Args[0]]
	return !ok || tv.Value == nil || tv.Value.Kind() != constant.String || rowLockSQL.MatchString(constant.StringVal(tv.Value))
}

// guardedWrite: the write's own conditions make it safe — a Where/Not/Or on
// the way whose condition is anything but the key (a compare-and-set, or a
// condition not visible as a constant), or an atomic expression among its
// values (gorm.Expr, a clause expression).
func guardedWrite(info *types.Info, st *gormtx.Statement) bool {
	for _, b := range st.Builders {
		fn, _ := typeutil.Callee(info, b).(*types.Func)
		if fn == nil || (fn.Name() != "Where" && fn.Name() != "Not" && fn.Name() != "Or") {
			continue
		}
		if len(b.Args) == 0 {
			continue
		}
		tv, ok := info.Types[b.Args[0]]
		if !ok || tv.Value == nil || tv.Value.Kind() != constant.String || !keyCondition.MatchString(constant.StringVal(tv.Value)) {
			return true
		}
	}
	return atomicValues(info, st)
}

// atomicValues: the write's values include an expression the database
// evaluates (gorm.Expr, a clause expression): an atomic update.
func atomicValues(info *types.Info, st *gormtx.Statement) bool {
	atomic := false
	for _, a := range st.Expr.Args {
		ast.Inspect(a, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.CallExpr:
				if fn, _ := typeutil.Callee(info, x).(*types.Func); fn != nil && fn.Pkg() != nil &&
					(fn.Pkg().Path() == "gorm.io/gorm" && fn.Name() == "Expr" || fn.Pkg().Path() == clausePath) {
					atomic = true
				}
			case *ast.CompositeLit:
				if n, ok := types.Unalias(deref(info.TypeOf(x))).(*types.Named); ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == clausePath {
					atomic = true
				}
			}
			return !atomic
		})
	}
	return atomic
}

// sameFilterAsRead: every condition of the write that is not on the key is
// one the read selected its row with — the same constant text and the same
// arguments (the same variables, or equal constants) — so it names the row
// the read returned (`Where("sku = ?", sku)` on both), not a compare-and-set
// on the value the change was computed from.
func sameFilterAsRead(info *types.Info, write, read *gormtx.Statement) bool {
	for _, b := range write.Builders {
		fn, _ := typeutil.Callee(info, b).(*types.Func)
		if fn == nil || (fn.Name() != "Where" && fn.Name() != "Not" && fn.Name() != "Or") || len(b.Args) == 0 {
			continue
		}
		cond, ok := constString(info, b.Args[0])
		if ok && keyCondition.MatchString(cond) {
			continue
		}
		if !ok || fn.Name() != "Where" || !readHasFilter(info, read, cond, b.Args[1:]) {
			return false
		}
	}
	return true
}

func readHasFilter(info *types.Info, read *gormtx.Statement, cond string, args []ast.Expr) bool {
	calls := append([]*ast.CallExpr{read.Expr}, read.Builders...)
	for _, b := range calls {
		fn, _ := typeutil.Callee(info, b).(*types.Func)
		if fn == nil || len(b.Args) == 0 {
			continue
		}
		// Where("sku = ?", sku) in the chain, or First(&v, "sku = ?", sku) on the read itself.
		condArgs := b.Args
		if b == read.Expr {
			if len(condArgs) < 2 {
				continue
			}
			condArgs = condArgs[1:]
		} else if fn.Name() != "Where" {
			continue
		}
		c, ok := constString(info, condArgs[0])
		if !ok || strings.Join(strings.Fields(c), " ") != strings.Join(strings.Fields(cond), " ") || len(condArgs)-1 != len(args) {
			continue
		}
		same := true
		for i, a := range args {
			same = same && sameOperand(info, a, condArgs[i+1])
		}
		if same {
			return true
		}
	}
	return false
}

// sameOperand: two expressions that are the same variable or equal constants.
func sameOperand(info *types.Info, a, b ast.Expr) bool {
	ta, tb := info.Types[a], info.Types[b]
	if ta.Value != nil && tb.Value != nil {
		return constant.Compare(ta.Value, token.EQL, tb.Value)
	}
	ia, oka := ast.Unparen(a).(*ast.Ident)
	ib, okb := ast.Unparen(b).(*ast.Ident)
	return oka && okb && info.Uses[ia] != nil && info.Uses[ia] == info.Uses[ib]
}

func constString(info *types.Info, e ast.Expr) (string, bool) {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

// serializableOrUnknown: the transaction the read runs in was started with
// options that make the database detect the conflict (SERIALIZABLE), or
// with options not visible here.
func serializableOrUnknown(info *types.Info, tx *gormtx.TxScope) bool {
	if tx == nil || tx.Starter == nil {
		return false
	}
	args := tx.Starter.Args
	if fn, _ := typeutil.Callee(info, tx.Starter).(*types.Func); fn != nil && fn.Name() == "Transaction" && len(args) > 0 {
		args = args[1:]
	}
	for _, a := range args {
		a = ast.Unparen(a)
		if id, ok := a.(*ast.Ident); ok && id.Name == "nil" {
			continue
		}
		if u, ok := a.(*ast.UnaryExpr); ok && u.Op == token.AND {
			a = ast.Unparen(u.X)
		}
		lit, ok := a.(*ast.CompositeLit)
		if !ok {
			return true
		}
		for _, el := range lit.Elts {
			kv, ok := el.(*ast.KeyValueExpr)
			if !ok {
				return true
			}
			if k, ok := kv.Key.(*ast.Ident); !ok || k.Name != "Isolation" {
				continue
			}
			tv := info.Types[kv.Value]
			if tv.Value == nil {
				return true
			}
			// database/sql.LevelSerializable; any isolation level type's "Serializable" constant by name otherwise.
			if v, ok := constant.Int64Val(tv.Value); ok && isSQLIsolation(tv.Type) && v == 6 {
				return true
			}
			if sel, ok := ast.Unparen(kv.Value).(*ast.SelectorExpr); ok && strings.Contains(sel.Sel.Name, "Serializable") {
				return true
			}
		}
	}
	return false
}

func isSQLIsolation(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "database/sql" && n.Obj().Name() == "IsolationLevel"
}

func sortWrites(ws []*write) {
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].at.Pos() < ws[j].at.Pos() })
}

func oneLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}
