// Package txretrystaleread reports a retried transaction that writes back a
// value read from the database before the retry, outside the transaction:
// each attempt reuses the value read once, so the retry that follows a
// serialization failure overwrites the concurrent update it lost to.
//
// A retried transaction is a transaction body run by cockroach-go's retrying
// helpers (crdb.ExecuteTx, crdbpgx.ExecuteTx…), a retry library's function
// (backoff.Retry, retry.Do) that begins one, or a transaction — GORM's
// Transaction, pgx's BeginFunc/BeginTxFunc, a Begin…Commit — inside a loop
// that goes round again when the transaction's error says so and leaves it
// when the error is nil. A stale write is an UPDATE (or an upsert's DO UPDATE)
// through the transaction whose SET clause takes a value that SSA traces to a
// Scan (or sqlx Get) of the same table before the loop, with no read or
// assignment of that variable inside the attempt.
package txretrystaleread

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/dbtypes"
	"github.com/goconc/goconc/engine/model/ssabuild"
	"github.com/goconc/goconc/engine/model/ssaflow"
	"github.com/goconc/goconc/engine/rules/internal/sqltext"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

var Analyzer = &analysis.Analyzer{
	Name: "tx_retry_stale_read",
	Doc: `a retried transaction writes a value read before the retry, outside the transaction

A transaction retried on failure — its body run by cockroach-go's retrying
helpers (crdb.ExecuteTx, crdbpgx.ExecuteTx, crdbsqlx.ExecuteTx,
crdbgorm.ExecuteTx, crdb.ExecuteInTx), a function run again by a retry
library (cenkalti/backoff Retry…, avast/retry-go and sethvargo/go-retry Do…)
that begins a transaction, or a GORM Transaction, a pgx
BeginFunc/BeginTxFunc or a database/sql, sqlx or pgx Begin…Commit inside a
loop that goes round again on the transaction's error and leaves on success —
whose UPDATE (or upsert's DO UPDATE) SET clause writes a value scanned from
the same table before the retry, outside the transaction. Every attempt
reuses the value read once instead of reading the row again: under
SERIALIZABLE or REPEATABLE READ the retry after a serialization failure
(40001) writes the stale value over the concurrent update that made the
attempt fail, the lost update the retry was meant to prevent. The value is
followed through SSA: Scan and sqlx Get destinations (variables, struct
fields), copies, arithmetic and method calls on it, captured variables.
Silent: a read inside the attempt, values written only into WHERE clauses
(keys), id-like columns, a loop that is not a retry (it continues on
success), values not read from the database (parameters).`,
	Requires: []*analysis.Analyzer{ssabuild.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Information, Category: "database", Checklist: "db-transactions-locks"}

var (
	updateText = regexp.MustCompile(`(?i)^\s*UPDATE\s+([\w."]+)|\bINSERT\s+INTO\s+([\w."]+)[\s\S]*\bDO\s+UPDATE\b`)
	fromTable  = regexp.MustCompile(`(?i)\b(?:FROM|JOIN)\s+([\w."]+)`)
	setClause  = regexp.MustCompile(`(?i)\bSET\b`)
	setEnd     = regexp.MustCompile(`(?i)\b(WHERE|RETURNING|FROM)\b`)
	idLike     = regexp.MustCompile(`(?i)(^id$|_id$|^uuid$|_uuid$|^key$|_key$)`)
)

// attempt is one retried transaction: the function holding the retry, the
// loop (nil when a helper retries), and the body function (nil for a
// Begin…Commit in the loop).
type attempt struct {
	fn      *ssa.Function
	loop    *ssaflow.Loop
	body    *ssa.Function
	start   token.Pos // the transaction's call
	retrier string    // the retrying helper, "" for a loop
}

// fill is a Scan or Get into a variable.
type fill struct {
	call   ssa.CallInstruction
	root   *ssa.Alloc
	path   []int
	tables []string
}

type checker struct {
	pass     *analysis.Pass
	built    *ssabuild.Result
	texts    *sqltext.Texts
	closures map[*ssa.Function]*ssa.MakeClosure
	fills    map[*ssa.Alloc][]fill
	stores   map[*ssa.Alloc][]*ssa.Store
}

func run(pass *analysis.Pass) (any, error) {
	if !ssabuild.Imports(pass, "database/sql", "github.com/jackc/pgx/v5", "github.com/jackc/pgx/v4", "github.com/jmoiron/sqlx", "gorm.io/gorm") ||
		!sqltext.MentionsConst(pass.TypesInfo, updateText) {
		return nil, nil
	}
	built := ssabuild.Of(pass)
	c := &checker{pass: pass, built: built, texts: sqltext.New(pass, built), closures: map[*ssa.Function]*ssa.MakeClosure{},
		fills: map[*ssa.Alloc][]fill{}, stores: map[*ssa.Alloc][]*ssa.Store{}}
	fns := built.Funcs()
	for _, fn := range fns {
		c.index(fn)
	}
	var attempts []*attempt
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, in := range b.Instrs {
				if call, ok := in.(ssa.CallInstruction); ok {
					if a := c.retried(fn, call); a != nil {
						attempts = append(attempts, a)
					}
				}
			}
		}
	}
	var ds []analysis.Diagnostic
	seen := map[token.Pos]bool{}
	for _, a := range attempts {
		for _, d := range c.staleWrites(a) {
			if !seen[d.Pos] {
				seen[d.Pos] = true
				ds = append(ds, d)
			}
		}
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i].Pos < ds[j].Pos })
	for _, d := range ds {
		pass.Report(d)
	}
	return nil, nil
}

// index records closures, stores into variables, and the variables a query's
// result is scanned into.
func (c *checker) index(fn *ssa.Function) {
	for _, b := range fn.Blocks {
		for _, in := range b.Instrs {
			switch in := in.(type) {
			case *ssa.MakeClosure:
				if f, ok := in.Fn.(*ssa.Function); ok {
					c.closures[f] = in
				}
			case *ssa.Store:
				if root, _ := c.resolve(in.Addr, 0); root != nil {
					c.stores[root] = append(c.stores[root], in)
				}
			case ssa.CallInstruction:
				c.indexFill(in)
			}
		}
	}
}

func (c *checker) indexFill(call ssa.CallInstruction) {
	com := call.Common()
	m := dbtypes.CalledMethod(com)
	var dests []ssa.Value
	var tables []string
	switch {
	case dbtypes.RowScanner(m):
		args := com.Args
		var recv ssa.Value
		if com.IsInvoke() {
			recv = com.Value
		} else if len(args) > 0 {
			recv, args = args[0], args[1:]
		}
		if len(args) == 1 {
			if _, isSlice := args[0].Type().Underlying().(*types.Slice); isSlice {
				dests = elems(args[0])
			} else {
				dests = args
			}
		}
		tables = c.queryTables(recv)
	case dbtypes.SQLGet(m):
		param, _ := dbtypes.SQLQuery(m)
		args := com.Args
		if !com.IsInvoke() && len(args) > 0 {
			args = args[1:]
		}
		if param < 1 || param >= len(args) {
			return
		}
		dests = []ssa.Value{args[param-1]}
		tables = c.tablesOf(args[param])
	default:
		return
	}
	for _, d := range dests {
		if mi, ok := d.(*ssa.MakeInterface); ok {
			d = mi.X
		}
		if root, path := c.resolve(d, 0); root != nil {
			c.fills[root] = append(c.fills[root], fill{call: call, root: root, path: path, tables: tables})
		}
	}
}

// queryTables: the tables of the query whose result v is (a Row, or Rows
// from a Query call).
func (c *checker) queryTables(v ssa.Value) []string {
	for i := 0; i < 8 && v != nil; i++ {
		switch x := v.(type) {
		case *ssa.Extract:
			v = x.Tuple
			continue
		case *ssa.Call:
			m := dbtypes.CalledMethod(&x.Call)
			param, ok := dbtypes.SQLQuery(m)
			if !ok {
				return nil
			}
			args := x.Call.Args
			if !x.Call.IsInvoke() && len(args) > 0 {
				args = args[1:]
			}
			if param >= len(args) {
				return nil
			}
			return c.tablesOf(args[param])
		}
		return nil
	}
	return nil
}

func (c *checker) tablesOf(sql ssa.Value) []string {
	var out []string
	for _, t := range c.texts.Values(sql) {
		for _, m := range fromTable.FindAllStringSubmatch(t.S, -1) {
			out = append(out, tableName(m[1]))
		}
	}
	return out
}

func tableName(s string) string {
	s = strings.ToLower(strings.ReplaceAll(s, `"`, ""))
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		s = s[i+1:]
	}
	return s
}

// elems: the values stored into a variadic call's implicit slice, by index.
func elems(v ssa.Value) []ssa.Value {
	sl, ok := v.(*ssa.Slice)
	if !ok {
		return nil
	}
	arr, ok := sl.X.(*ssa.Alloc)
	if !ok {
		return nil
	}
	var out []ssa.Value
	for _, r := range *arr.Referrers() {
		ia, ok := r.(*ssa.IndexAddr)
		if !ok {
			continue
		}
		k, ok := ia.Index.(*ssa.Const)
		if !ok {
			continue
		}
		i, _ := constant.Int64Val(k.Value)
		for _, s := range *ia.Referrers() {
			if st, ok := s.(*ssa.Store); ok && st.Addr == ia {
				for int64(len(out)) <= i {
					out = append(out, nil)
				}
				out[i] = st.Val
			}
		}
	}
	return out
}

// resolve: the variable an address points into, and the struct fields on
// the way (nil path after an index: the whole variable).
func (c *checker) resolve(addr ssa.Value, depth int) (*ssa.Alloc, []int) {
	if depth > 10 {
		return nil, nil
	}
	switch a := addr.(type) {
	case *ssa.Alloc:
		return a, nil
	case *ssa.FieldAddr:
		root, path := c.resolve(a.X, depth+1)
		if root == nil {
			return nil, nil
		}
		return root, append(append([]int(nil), path...), a.Field)
	case *ssa.IndexAddr:
		root, _ := c.resolve(a.X, depth+1)
		return root, nil
	case *ssa.FreeVar:
		if b := c.binding(a); b != nil {
			return c.resolve(b, depth+1)
		}
	case *ssa.UnOp:
		// A pointer variable holding one variable's address (acc := &Account{} captured).
		if a.Op != token.MUL {
			return nil, nil
		}
		p, _ := c.resolve(a.X, depth+1)
		if p == nil {
			return nil, nil
		}
		var only *ssa.Alloc
		for _, r := range *p.Referrers() {
			if st, ok := r.(*ssa.Store); ok && st.Addr == p {
				q, ok := st.Val.(*ssa.Alloc)
				if !ok || (only != nil && only != q) {
					return nil, nil
				}
				only = q
			}
		}
		return only, nil
	}
	return nil, nil
}

func (c *checker) binding(v *ssa.FreeVar) ssa.Value {
	fn := v.Parent()
	mc := c.closures[fn]
	if mc == nil {
		return nil
	}
	for i, f := range fn.FreeVars {
		if f == v && i < len(mc.Bindings) {
			return mc.Bindings[i]
		}
	}
	return nil
}

// retried: call starts a transaction that is retried — a retrying helper's
// body, or a transaction in a loop that retries it.
func (c *checker) retried(fn *ssa.Function, call ssa.CallInstruction) *attempt {
	com := call.Common()
	if body, retries, ok := dbtypes.TxFunc(com); ok {
		bf := c.funcOf(body)
		if bf == nil {
			return nil
		}
		a := &attempt{fn: fn, body: bf, start: c.callPos(com)}
		if retries {
			a.retrier = c.calleeName(com)
			return a
		}
		v := call.Value()
		if v == nil {
			return nil
		}
		if a.loop = retryLoop(call.Block(), []ssa.Value{v}); a.loop == nil {
			return nil
		}
		return a
	}
	if body := retryHelper(com); body != nil {
		if bf := c.funcOf(body); bf != nil && c.startsTx(bf) {
			return &attempt{fn: fn, body: bf, start: c.callPos(com), retrier: c.calleeName(com)}
		}
		return nil
	}
	if _, ok := dbtypes.TxBegin(com); !ok || call.Value() == nil {
		return nil
	}
	for _, l := range ssaflow.Loops(call.Block()) {
		errs := txErrors(l, call.Value())
		if len(errs) == 0 {
			continue
		}
		if retryLoop(call.Block(), errs) != nil {
			l := l
			return &attempt{fn: fn, loop: &l, start: c.callPos(com)}
		}
	}
	return nil
}

// Retry libraries whose function runs its argument again on error.
var retryLibs = []string{"github.com/cenkalti/backoff", "github.com/avast/retry-go", "github.com/sethvargo/go-retry"}

// retryHelper: the function a retry library's call runs again on error
// (backoff.Retry(op, b), retry.Do(op), retry.Do(ctx, b, op)); nil if c is
// not one.
func retryHelper(c *ssa.CallCommon) ssa.Value {
	callee := c.StaticCallee()
	if callee == nil || callee.Pkg == nil || callee.Signature.Recv() != nil {
		return nil
	}
	path := callee.Pkg.Pkg.Path()
	lib := false
	for _, p := range retryLibs {
		lib = lib || path == p || strings.HasPrefix(path, p+"/")
	}
	if !lib || !strings.HasPrefix(callee.Name(), "Retry") && !strings.HasPrefix(callee.Name(), "Do") {
		return nil
	}
	for _, a := range c.Args {
		if _, isFunc := a.Type().Underlying().(*types.Signature); isFunc {
			return a
		}
	}
	return nil
}

// startsTx: fn (or a function literal in it) begins a transaction.
func (c *checker) startsTx(fn *ssa.Function) bool {
	for _, f := range c.built.Funcs() {
		inside := false
		for p := f; p != nil && !inside; p = p.Parent() {
			inside = p == fn
		}
		if !inside {
			continue
		}
		for _, b := range f.Blocks {
			for _, in := range b.Instrs {
				if call, ok := in.(ssa.CallInstruction); ok {
					if _, ok := dbtypes.TxBegin(call.Common()); ok {
						return true
					}
					if _, _, ok := dbtypes.TxFunc(call.Common()); ok {
						return true
					}
				}
			}
		}
	}
	return false
}

func (c *checker) funcOf(v ssa.Value) *ssa.Function {
	switch v := v.(type) {
	case *ssa.Function:
		return v
	case *ssa.MakeClosure:
		f, _ := v.Fn.(*ssa.Function)
		return f
	case *ssa.ChangeType: // a literal converted to a named func type (backoff.Operation)
		return c.funcOf(v.X)
	}
	return nil
}

func (c *checker) callPos(com *ssa.CallCommon) token.Pos {
	if e := c.built.Call(com.Pos()); e != nil {
		return e.Pos()
	}
	return com.Pos()
}

func (c *checker) calleeName(com *ssa.CallCommon) string {
	if e := c.built.Call(com.Pos()); e != nil {
		return srctext.Expr(c.pass.Fset, e.Fun)
	}
	return dbtypes.CalledMethod(com).Name()
}

// txErrors: the errors of a Begin…Commit in loop l — the begin's, and those
// of the calls on transactions in the loop (Commit, Exec…).
func txErrors(l ssaflow.Loop, begin ssa.Value) []ssa.Value {
	var out []ssa.Value
	add := func(v ssa.Value) {
		if t, ok := v.Type().(*types.Tuple); ok {
			for _, r := range *v.Referrers() {
				if ex, ok := r.(*ssa.Extract); ok && isError(t.At(ex.Index).Type()) {
					out = append(out, ex)
				}
			}
		} else if isError(v.Type()) {
			out = append(out, v)
		}
	}
	add(begin)
	for b := range l.Blocks {
		for _, in := range b.Instrs {
			call, ok := in.(*ssa.Call)
			if !ok {
				continue
			}
			var recv ssa.Value
			if call.Call.IsInvoke() {
				recv = call.Call.Value
			} else if m := dbtypes.CalledMethod(&call.Call); m != nil && m.Type().(*types.Signature).Recv() != nil && len(call.Call.Args) > 0 {
				recv = call.Call.Args[0]
			}
			if recv == nil {
				continue
			}
			if h, ok := dbtypes.SQLHandleOf(recv.Type()); ok && h.Tx {
				add(call)
			}
		}
	}
	return out
}

func isError(t types.Type) bool { return types.Identical(t, types.Universe.Lookup("error").Type()) }

// retryLoop: the innermost loop holding b in which some branch on a value
// derived from errs goes round again on its failure side and leaves the loop
// on the other (if err != nil { continue } … break; if !retryable(err) {
// return err }).
func retryLoop(b *ssa.BasicBlock, errs []ssa.Value) *ssaflow.Loop {
	loops := ssaflow.Loops(b)
	if len(loops) == 0 {
		return nil
	}
	derived := derive(b.Parent(), errs)
	for _, l := range loops {
		for blk := range l.Blocks {
			ifi, ok := blk.Instrs[len(blk.Instrs)-1].(*ssa.If)
			if !ok || !derived[ifi.Cond] {
				continue
			}
			failTrue, ok := failSide(ifi.Cond, derived, 0)
			if !ok {
				continue
			}
			fail, other := blk.Succs[0], blk.Succs[1]
			if !failTrue {
				fail, other = other, fail
			}
			if reaches(fail, l) && !reaches(other, l) {
				l := l
				return &l
			}
		}
	}
	return nil
}

// reaches: the loop's header can be reached from s within the loop.
func reaches(s *ssa.BasicBlock, l ssaflow.Loop) bool {
	seen := map[*ssa.BasicBlock]bool{}
	stack := []*ssa.BasicBlock{s}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !l.Blocks[x] || seen[x] {
			continue
		}
		if x == l.Header {
			return true
		}
		seen[x] = true
		stack = append(stack, x.Succs...)
	}
	return false
}

// derive: the values of fn computed from errs (comparisons, predicates
// called on them, errors.As targets, variables they are stored in).
func derive(fn *ssa.Function, errs []ssa.Value) map[ssa.Value]bool {
	out := map[ssa.Value]bool{}
	queue := append([]ssa.Value(nil), errs...)
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		if out[v] {
			continue
		}
		out[v] = true
		refs := v.Referrers()
		if refs == nil {
			continue
		}
		for _, r := range *refs {
			if r.Parent() != fn {
				continue
			}
			switch r := r.(type) {
			case *ssa.Store:
				if r.Val == v {
					queue = append(queue, r.Addr)
				}
			case *ssa.Call:
				queue = append(queue, r)
				for _, a := range r.Call.Args {
					if _, isPtr := a.Type().Underlying().(*types.Pointer); isPtr && a != v {
						queue = append(queue, a)
					}
				}
			case ssa.Value:
				queue = append(queue, r)
			}
		}
	}
	return out
}

// failSide: whether cond's true branch is the failure side (err != nil,
// retryable(err), code == "40001"), when its form says.
func failSide(cond ssa.Value, derived map[ssa.Value]bool, depth int) (bool, bool) {
	if depth > 4 {
		return false, false
	}
	switch x := cond.(type) {
	case *ssa.UnOp:
		if x.Op == token.NOT {
			f, ok := failSide(x.X, derived, depth+1)
			return !f, ok
		}
	case *ssa.BinOp:
		if x.Op != token.EQL && x.Op != token.NEQ {
			return false, false
		}
		for _, side := range []ssa.Value{x.X, x.Y} {
			k, ok := side.(*ssa.Const)
			if !ok {
				continue
			}
			switch {
			case k.IsNil():
				return x.Op == token.NEQ, true
			case k.Value != nil && k.Value.Kind() == constant.String:
				return x.Op == token.EQL, true
			case k.Value != nil && k.Value.Kind() == constant.Bool:
				return (x.Op == token.EQL) == constant.BoolVal(k.Value), true
			}
		}
	case *ssa.Call:
		return true, true
	}
	return false, false
}

// inAttempt: in runs inside the attempt.
func (a *attempt) inAttempt(in ssa.Instruction) bool {
	fn := in.Parent()
	if a.body != nil {
		for f := fn; f != nil; f = f.Parent() {
			if f == a.body {
				return true
			}
		}
		return false
	}
	return fn == a.fn && a.loop.Blocks[in.Block()]
}

// refreshes: in runs in the attempt, or in the retry loop before it (a
// read there is fresh for each attempt).
func (a *attempt) refreshes(in ssa.Instruction) bool {
	return a.inAttempt(in) || (a.loop != nil && in.Parent() == a.fn && a.loop.Blocks[in.Block()])
}

// before: fill f runs before the retry, outside it: in the function holding
// it, outside the loop, on every path to the transaction.
func (a *attempt) before(f ssa.CallInstruction, start *ssa.BasicBlock) bool {
	if f.Parent() != a.fn {
		return false
	}
	if a.loop != nil {
		return !a.loop.Blocks[f.Block()] && f.Block().Dominates(a.loop.Header)
	}
	return f.Block().Dominates(start)
}

// staleWrites: the UPDATEs of the attempt setting a value read before it.
func (c *checker) staleWrites(a *attempt) []analysis.Diagnostic {
	var startBlock *ssa.BasicBlock
	for _, b := range a.fn.Blocks {
		for _, in := range b.Instrs {
			if call, ok := in.(ssa.CallInstruction); ok && c.callPos(call.Common()) == a.start {
				startBlock = b
			}
		}
	}
	if startBlock == nil {
		return nil
	}
	var fns []*ssa.Function
	if a.body != nil {
		for _, f := range c.built.Funcs() {
			for p := f; p != nil; p = p.Parent() {
				if p == a.body {
					fns = append(fns, f)
					break
				}
			}
		}
	} else {
		fns = []*ssa.Function{a.fn}
	}
	var out []analysis.Diagnostic
	for _, f := range fns {
		for _, b := range f.Blocks {
			for _, in := range b.Instrs {
				call, ok := in.(ssa.CallInstruction)
				if !ok || !a.inAttempt(in) {
					continue
				}
				if d, ok := c.staleWrite(a, call, startBlock); ok {
					out = append(out, d)
				}
			}
		}
	}
	return out
}

func (c *checker) staleWrite(a *attempt, call ssa.CallInstruction, start *ssa.BasicBlock) (analysis.Diagnostic, bool) {
	com := call.Common()
	m := dbtypes.CalledMethod(com)
	param, ok := dbtypes.SQLQuery(m)
	if !ok {
		return analysis.Diagnostic{}, false
	}
	args := com.Args
	var recv ssa.Value
	if com.IsInvoke() {
		recv = com.Value
	} else if len(args) > 0 {
		recv, args = args[0], args[1:]
	}
	if h, known := dbtypes.SQLHandleOf(recv.Type()); !known || !h.Tx {
		return analysis.Diagnostic{}, false
	}
	if param+1 >= len(args) {
		return analysis.Diagnostic{}, false
	}
	var values []ssa.Value
	if _, isSlice := args[param+1].Type().Underlying().(*types.Slice); isSlice && len(args) == param+2 {
		values = elems(args[param+1])
	} else {
		values = args[param+1:]
	}
	expr := c.built.Call(com.Pos())
	if expr == nil {
		return analysis.Diagnostic{}, false
	}
	for _, text := range c.texts.Values(args[param]) {
		table, sets := updateSets(text.S)
		if table == "" {
			continue
		}
		for i, v := range values {
			if v == nil {
				continue
			}
			col := sets[i+1]
			if col == "" || idLike.MatchString(col) {
				continue
			}
			if mi, ok := v.(*ssa.MakeInterface); ok {
				v = mi.X
			}
			f := c.stale(a, v, start, map[ssa.Value]bool{}, 0)
			if f == nil || !contains(f.tables, table) {
				continue
			}
			// The argument as written (args... passed on: not shown, not reported).
			k := param + 1 + i
			if k >= len(expr.Args) || expr.Ellipsis.IsValid() {
				continue
			}
			argText := srctext.Expr(c.pass.Fset, expr.Args[k])
			var msg string
			if a.retrier != "" {
				msg = fmt.Sprintf("`%s` in the transaction %s retries sets %s to `%s`, read before it outside the transaction: every attempt writes the value read once, so the retry after a serialization failure writes it over the concurrent update that caused the failure — a lost update; read the row again inside the attempt, through the transaction",
					m.Name(), a.retrier, col, argText)
			} else {
				msg = fmt.Sprintf("`%s` in a transaction the loop retries sets %s to `%s`, read before the loop outside the transaction: every attempt writes the value read once, so the retry after a serialization failure writes it over the concurrent update that caused the failure — a lost update; read the row again inside the attempt, through the transaction",
					m.Name(), col, argText)
			}
			fe := c.callPos(f.call.Common())
			d := analysis.Diagnostic{Pos: expr.Pos(), End: expr.End(), Message: msg,
				Related: []analysis.RelatedInformation{
					{Pos: fe, Message: "the value is read here, outside the transaction"},
					{Pos: a.start, Message: "the retried transaction starts here"},
				}}
			return d, true
		}
	}
	return analysis.Diagnostic{}, false
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// updateSets: the table an UPDATE (or an upsert's DO UPDATE) writes, and the
// column each placeholder number of its SET clause assigns.
func updateSets(sql string) (string, map[int]string) {
	m := updateText.FindStringSubmatchIndex(sql)
	if m == nil {
		return "", nil
	}
	var table string
	if m[2] >= 0 {
		table = sql[m[2]:m[3]]
	} else {
		table = sql[m[4]:m[5]]
	}
	rest := sql[m[1]:]
	if m[2] < 0 {
		rest = sql[m[1]-len("UPDATE"):]
	}
	loc := setClause.FindStringIndex(rest)
	if loc == nil {
		return "", nil
	}
	seg := rest[loc[1]:]
	if e := setEnd.FindStringIndex(seg); e != nil {
		seg = seg[:e[0]]
	}
	sets := map[int]string{}
	q := 0 // ? placeholders, numbered in order
	for _, as := range splitTop(seg) {
		eq := strings.IndexByte(as, '=')
		if eq < 0 {
			continue
		}
		col := tableName(strings.TrimSpace(as[:eq]))
		rhs := as[eq+1:]
		for i := 0; i < len(rhs); i++ {
			switch rhs[i] {
			case '$':
				j := i + 1
				for j < len(rhs) && rhs[j] >= '0' && rhs[j] <= '9' {
					j++
				}
				if n, err := strconv.Atoi(rhs[i+1 : j]); err == nil {
					sets[n] = col
				}
			case '?':
				q++
				sets[q] = col
			}
		}
	}
	// ? placeholders before the SET clause shift the numbering: give up.
	if strings.Contains(rest[:loc[0]], "?") {
		return "", nil
	}
	return tableName(table), sets
}

// splitTop splits a SET clause's assignments at commas outside parentheses.
func splitTop(s string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

// stale: the fill before the attempt v's value comes from, with no fill or
// assignment of that variable inside the attempt; nil if none.
func (c *checker) stale(a *attempt, v ssa.Value, start *ssa.BasicBlock, seen map[ssa.Value]bool, depth int) *fill {
	if depth > 12 || seen[v] {
		return nil
	}
	seen[v] = true
	switch x := v.(type) {
	case *ssa.UnOp:
		switch x.Op {
		case token.MUL:
			return c.staleLoad(a, x.X, start, seen, depth)
		case token.SUB, token.XOR:
			return c.stale(a, x.X, start, seen, depth+1)
		}
	case *ssa.BinOp:
		if f := c.stale(a, x.X, start, seen, depth+1); f != nil {
			return f
		}
		return c.stale(a, x.Y, start, seen, depth+1)
	case *ssa.Convert:
		return c.stale(a, x.X, start, seen, depth+1)
	case *ssa.ChangeType:
		return c.stale(a, x.X, start, seen, depth+1)
	case *ssa.MakeInterface:
		return c.stale(a, x.X, start, seen, depth+1)
	case *ssa.Field:
		return c.stale(a, x.X, start, seen, depth+1)
	case *ssa.Phi:
		var f *fill
		for _, e := range x.Edges {
			if e == v {
				continue
			}
			g := c.stale(a, e, start, seen, depth+1)
			if g == nil {
				return nil
			}
			f = g
		}
		return f
	case *ssa.Call:
		// A method of the value (acc.Balance.Add(amount) on a decimal).
		if x.Call.IsInvoke() || x.Call.Signature().Recv() == nil || len(x.Call.Args) == 0 {
			if callee := x.Call.StaticCallee(); callee == nil || callee.Signature.Recv() == nil || len(x.Call.Args) == 0 {
				return nil
			}
		}
		return c.stale(a, x.Call.Args[0], start, seen, depth+1)
	}
	return nil
}

// staleLoad: a load from addr reads a variable filled before the attempt
// and not refilled or assigned inside it.
func (c *checker) staleLoad(a *attempt, addr ssa.Value, start *ssa.BasicBlock, seen map[ssa.Value]bool, depth int) *fill {
	root, path := c.resolve(addr, 0)
	if root == nil {
		return nil
	}
	for _, f := range c.fills[root] {
		if overlap(f.path, path) && a.refreshes(f.call) {
			return nil
		}
	}
	var stored []*ssa.Store
	for _, st := range c.stores[root] {
		_, sp := c.resolve(st.Addr, 0)
		if !overlap(sp, path) {
			continue
		}
		if a.refreshes(st) {
			return nil
		}
		stored = append(stored, st)
	}
	for i := range c.fills[root] {
		f := &c.fills[root][i]
		if overlap(f.path, path) && a.before(f.call, start) {
			return f
		}
	}
	// A variable assigned before the attempt from a value read before it
	// (newBalance := acc.Balance - amount).
	if len(stored) == 0 || len(c.fills[root]) > 0 {
		return nil
	}
	var f *fill
	for _, st := range stored {
		if st.Parent() != a.fn || (a.loop != nil && a.loop.Blocks[st.Block()]) {
			return nil
		}
		if f = c.stale(a, st.Val, start, seen, depth+1); f == nil {
			return nil
		}
	}
	return f
}

// overlap: two field paths into one variable can name the same memory.
func overlap(p, q []int) bool {
	for i := 0; i < len(p) && i < len(q); i++ {
		if p[i] != q[i] {
			return false
		}
	}
	return true
}
