// Package gormlostupdate reports a read-modify-write of a model through GORM
// with neither a row lock on the read nor a version or compare-and-set
// condition on the write: two callers interleaving between the read and the
// write both write a value computed from the same old one, and one change is
// lost. The statements, their handles, builders (through variables) and
// transactions come from the GORM model (model/gormtx); the model variable,
// its fields and the package's helper functions it is handed to are resolved
// by go/types.
package gormlostupdate

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/dbtypes"
	"github.com/goconc/goconc/engine/model/gormtx"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

var Analyzer = &analysis.Analyzer{
	Name: "gorm_lost_update",
	Doc: `a GORM read-modify-write with neither a row lock nor a version check

A model variable v is read through a *gorm.DB (First, Take, Last, Find,
FirstOrInit, FirstOrCreate, Scan into v or &v), a new value of one of its
fields is computed from the old one (v.Stock -= n, v.Count++,
v.Balance = v.Balance + x, through a local next := v.Balance + x, or a field
set after a guard clause on it: if v.Status != "pending" { return … }), and
v's state is written back (Save, Updates, Update, UpdateColumn(s) of v or
through Model(&v), or a write of v's type whose values are computed from v's
old fields: Model(&Account{}).Where("id = ?", id).Updates(map[string]any{
"balance": acc.Balance + amt})). The write may be in a function v is passed
to: a helper or repository method of the package (save(&acc)), followed
through static calls up to three deep, or of another package, through the
ParamWrites fact its analysis exports. A column write counts only when its
values include the changed field; a read into v again before the write makes
the later read the one that counts.

Silent when the read carries clause.Locking (in the chain or an earlier
builder step q := db.Clauses(…)) or runs Raw SQL that locks the row (FOR
UPDATE/SHARE) or is not constant, when the write has a condition other than
the key (Where/Not/Or on another column — a compare-and-set — unless it
repeats the read's own filter with the same variables, or a condition that
is not a constant string) or a gorm.Expr/clause expression value (an
atomic update), when v's type has a version field (gorm-version-unchecked's
concern), and in a transaction started with options that are SERIALIZABLE or
not visible. Inside a transaction too: a plain SELECT takes no lock at READ
COMMITTED or REPEATABLE READ.

The lock fix (Clauses(clause.Locking{Strength: "UPDATE"}) on the read,
importing gorm.io/gorm/clause) is offered only when the read runs on a
transaction's handle and not through Raw.

Not reported in _test.go files: a test that reads, changes and saves a row
sets up its own state, one writer at a time.

Cannot see: a read inside a helper (acc, _ := repo.Get(id)), a helper whose
model parameter is a type parameter, a model reached through a pointer copy
(p := &acc), a slice element or a map value, and column-to-field mappings (a
guard on v.Status before Updates(map[string]any{"status": "paid"}) alone is
not reported).`,
	Requires:  []*analysis.Analyzer{gormtx.Analyzer},
	Run:       run,
	FactTypes: []analysis.Fact{new(ParamWrites)},
}

// ParamWrites is the fact of a function that writes the state of model
// parameters through GORM (itself or through further helpers), for callers
// in other packages.
type ParamWrites struct{ Params []ParamWrite }

// ParamWrite is one parameter's write.
type ParamWrite struct {
	Index   int
	Write   string   // the statement as written in the helper ("r.db.Save")
	Change  string   // a new value computed from the old inside the helper, "" without one
	Guarded bool     // a compare-and-set condition, an atomic value or a versioned model
	Whole   bool     // the whole model is written (Save, Updates(v))
	Fields  []string // otherwise the fields its values read
}

func (*ParamWrites) AFact() {}

func (f *ParamWrites) String() string {
	var b strings.Builder
	b.WriteString("writes")
	for _, p := range f.Params {
		fmt.Fprintf(&b, " param %d with %s", p.Index, p.Write)
		if p.Change != "" {
			fmt.Fprintf(&b, " after %s", p.Change)
		}
		if p.Guarded {
			b.WriteString(" (guarded)")
		}
	}
	return b.String()
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Warning, Category: "database", Checklist: "db-transactions-locks"}

var (
	readMethods  = map[string]bool{"First": true, "Take": true, "Last": true, "Find": true, "FirstOrInit": true, "FirstOrCreate": true, "Scan": true}
	writeMethods = map[string]bool{"Save": true, "Update": true, "Updates": true, "UpdateColumn": true, "UpdateColumns": true}
	// A condition on the key only: it picks the row, it does not compare its state.
	keyCondition = regexp.MustCompile("(?i)^\\s*[`\"]?(\\w+\\.)?[`\"]?(id|uuid|\\w+_id|\\w+_uuid)[`\"]?\\s*(=|IN)\\s*\\(?\\s*\\?\\s*\\)?\\s*$")
)

const clausePath = "gorm.io/gorm/clause"

type checker struct {
	pass      *analysis.Pass
	info      *types.Info
	byFn      map[*ssa.Function][]*gormtx.Statement
	decls     map[*types.Func]*ast.FuncDecl
	fnOf      map[*types.Func]*ssa.Function
	calls     map[token.Pos]*ast.CallExpr
	summaries map[helperKey]*write
}

type helperKey struct {
	fn    *types.Func
	param int
}

// write is a write of the model's state: a GORM statement, or a call of a
// package function that writes the parameter the model is passed as.
type write struct {
	at     *ast.CallExpr     // the call in the function with the read
	stmt   *gormtx.Statement // the GORM statement that writes (in a helper for a helper call); nil in another package
	change ast.Node          // a new value computed from the old inside the helper or the write itself
	// For a helper of another package (its fact): the statement and the change as written there.
	writeText, changeText string
	guarded               bool            // a compare-and-set condition or an atomic expression
	fields                map[string]bool // for a column write: the fields its values read; nil for the whole model
	helper                *types.Func     // the helper called, nil for a direct statement
	param                 types.Object    // the helper's parameter the model is passed as
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[gormtx.Analyzer].(*gormtx.Result)
	if len(res.Statements) == 0 {
		return nil, nil
	}
	c := &checker{pass: pass, info: pass.TypesInfo, byFn: map[*ssa.Function][]*gormtx.Statement{}, decls: map[*types.Func]*ast.FuncDecl{},
		fnOf: map[*types.Func]*ssa.Function{}, calls: map[token.Pos]*ast.CallExpr{}, summaries: map[helperKey]*write{}}
	for _, st := range res.Statements {
		if st.Call == nil {
			continue
		}
		fn := st.Call.Parent()
		c.byFn[fn] = append(c.byFn[fn], st)
		if obj, ok := fn.Object().(*types.Func); ok {
			c.fnOf[obj] = fn
		}
	}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if obj, ok := c.info.Defs[fd.Name].(*types.Func); ok {
					c.decls[obj] = fd
				}
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				c.calls[call.Lparen] = call
			}
			return true
		})
	}
	for fn, stmts := range c.byFn {
		for _, read := range stmts {
			c.checkRead(fn, read)
		}
	}
	c.exportFacts()
	return nil, nil
}

// exportFacts records, for each exported function or method, the model
// parameters it writes.
func (c *checker) exportFacts() {
	for obj, decl := range c.decls {
		if !obj.Exported() || decl.Type.Params == nil {
			continue
		}
		var fact ParamWrites
		for i := 0; i < obj.Type().(*types.Signature).Params().Len(); i++ {
			w := c.helperWrite(obj, i, 0, map[helperKey]bool{})
			if w == nil {
				continue
			}
			pw := ParamWrite{Index: i, Write: w.writeText, Change: w.changeText, Guarded: w.guarded, Whole: w.fields == nil}
			if w.stmt != nil {
				pw.Write = srctext.Expr(c.pass.Fset, w.stmt.Root) + "." + w.stmt.Method
			}
			if w.change != nil {
				pw.Change = oneLine(srctext.Node(c.pass.Fset, w.change))
			}
			for f := range w.fields {
				pw.Fields = append(pw.Fields, f)
			}
			sort.Strings(pw.Fields)
			fact.Params = append(fact.Params, pw)
		}
		if len(fact.Params) > 0 {
			c.pass.ExportObjectFact(obj, &fact)
		}
	}
}

// calleeWrite: the write a call of fn makes of its i-th argument's state —
// from fn's body in this package, from its fact in another.
func (c *checker) calleeWrite(fn *types.Func, i, depth int, seen map[helperKey]bool) *write {
	if c.decls[fn] != nil {
		return c.helperWrite(fn, i, depth, seen)
	}
	if fn.Pkg() == nil || fn.Pkg() == c.pass.Pkg {
		return nil
	}
	var fact ParamWrites
	if !c.pass.ImportObjectFact(fn.Origin(), &fact) {
		return nil
	}
	for _, p := range fact.Params {
		if p.Index != i {
			continue
		}
		w := &write{guarded: p.Guarded, writeText: p.Write, changeText: p.Change}
		if !p.Whole {
			w.fields = map[string]bool{}
			for _, f := range p.Fields {
				w.fields[f] = true
			}
		}
		return w
	}
	return nil
}

func (c *checker) checkRead(fn *ssa.Function, read *gormtx.Statement) {
	if !readMethods[read.Method] || read.Locking != nil || len(read.Expr.Args) == 0 || rawLockOrUnknown(c.info, read) {
		return
	}
	// A test reads, changes and saves rows to set up its state, one writer at a time.
	if strings.HasSuffix(c.pass.Fset.File(read.Expr.Pos()).Name(), "_test.go") {
		return
	}
	model := modelVar(c.info, read.Expr.Args[0])
	body := funcBody(fn)
	if model == nil || body == nil {
		return
	}
	for _, w := range c.writesAfter(fn, read) {
		if !c.writesModel(w, model) {
			continue
		}
		// A later read into the same model is the one the write's values come from.
		if c.rereadBefore(fn, read, model, w.at.Pos()) {
			return
		}
		// The first write of the model's state after the read decides, as the write the change was made for.
		change := derivedChange(c.info, body, model, read.Expr.End(), w.at.Pos(), w.fields)
		if change == nil {
			change = w.change
		}
		guarded := w.guarded
		if guarded && w.helper == nil && w.stmt != nil && !atomicValues(c.info, w.stmt) && sameFilterAsRead(c.info, w.stmt, read) {
			guarded = false // the write's filter names the row the read selected: not a compare-and-set
		}
		if (change == nil && w.changeText == "") || guarded || gormtx.VersionedType(model.Type()) || serializableOrUnknown(c.info, read.InTx) {
			return
		}
		c.report(read, model, change, w.changeText, w)
		return
	}
}

// rereadBefore: fn reads into model again between read and pos.
func (c *checker) rereadBefore(fn *ssa.Function, read *gormtx.Statement, model *types.Var, pos token.Pos) bool {
	for _, st := range c.byFn[fn] {
		if st != read && readMethods[st.Method] && st.Expr.Pos() > read.Expr.End() && st.Expr.End() < pos &&
			len(st.Expr.Args) > 0 && modelVar(c.info, st.Expr.Args[0]) == model {
			return true
		}
	}
	return false
}

// writesAfter lists the model writes in fn after the read, in source order:
// GORM statements and calls of package functions that write a parameter.
func (c *checker) writesAfter(fn *ssa.Function, read *gormtx.Statement) []*write {
	var out []*write
	for _, st := range c.byFn[fn] {
		if writeMethods[st.Method] && st.Expr.Pos() > read.Expr.End() {
			out = append(out, c.direct(st))
		}
	}
	for _, b := range fn.Blocks {
		for _, in := range b.Instrs {
			call, ok := in.(*ssa.Call)
			if !ok || call.Pos() <= read.Expr.End() {
				continue
			}
			expr := c.calls[call.Pos()]
			if expr == nil {
				continue
			}
			callee := typeutil.StaticCallee(c.info, expr)
			if callee == nil {
				continue
			}
			callee = callee.Origin()
			for i, a := range expr.Args {
				if modelVar(c.info, a) == nil {
					continue
				}
				if h := c.calleeWrite(callee, i, 0, map[helperKey]bool{}); h != nil {
					hw := *h
					hw.at, hw.helper = expr, callee
					hw.param = modelArgObj(c.info, a)
					out = append(out, &hw)
				}
			}
		}
	}
	sortWrites(out)
	return out
}

func (c *checker) direct(st *gormtx.Statement) *write {
	w := &write{at: st.Expr, stmt: st, guarded: guardedWrite(c.info, st)}
	return w
}

// writesModel: w writes the state of model — the model itself (Save(&v),
// Updates(&v), Model(&v)…), or values read from it into a statement on v or
// on v's type (Model(&Account{})). For a helper, the parameter v is passed as.
func (c *checker) writesModel(w *write, model *types.Var) bool {
	if w.helper != nil {
		return w.param == model
	}
	st := w.stmt
	target, targetType := writeTarget(c.info, st)
	if target == nil && (targetType == nil || !types.Identical(deref(targetType), deref(model.Type()))) {
		return false
	}
	if target != nil && target != model {
		return false
	}
	if st.Method == "Save" || (st.Method == "Updates" && target != nil && len(st.Expr.Args) > 0 && modelVar(c.info, st.Expr.Args[0]) == model) {
		w.fields = nil
		w.change = derivedValue(c.info, st.Expr.Args, model)
		return true
	}
	values := st.Expr.Args
	if st.Method == "Update" || st.Method == "UpdateColumn" {
		if len(values) < 2 {
			return false
		}
		values = values[1:]
	}
	w.fields = fieldsRead(c.info, values, model)
	if len(w.fields) == 0 {
		return false
	}
	w.change = derivedValue(c.info, values, model)
	return true
}

// helperWrite: the package function fn writes the state of its i-th
// parameter (directly or through another helper), unguarded or not.
func (c *checker) helperWrite(fn *types.Func, i, depth int, seen map[helperKey]bool) *write {
	key := helperKey{fn, i}
	if s, ok := c.summaries[key]; ok {
		return s
	}
	if seen[key] || depth > 3 {
		return nil
	}
	seen[key] = true
	decl := c.decls[fn]
	param := paramVar(c.info, decl, i)
	ssaFn := c.fnOf[fn]
	var found *write
	if param != nil && isModelType(param.Type()) {
		var candidates []*write
		if ssaFn != nil {
			for _, st := range c.byFn[ssaFn] {
				if writeMethods[st.Method] {
					candidates = append(candidates, c.direct(st))
				}
			}
		}
		ast.Inspect(decl.Body, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return !isFuncLit(n)
			}
			callee := typeutil.StaticCallee(c.info, call)
			if callee == nil {
				return true
			}
			callee = callee.Origin()
			for j, a := range call.Args {
				if modelVar(c.info, a) != param {
					continue
				}
				if h := c.calleeWrite(callee, j, depth+1, seen); h != nil {
					hw := *h
					hw.at, hw.helper, hw.param = call, callee, param
					candidates = append(candidates, &hw)
				}
			}
			return true
		})
		sortWrites(candidates)
		for _, w := range candidates {
			if !c.writesModel(w, param) {
				continue
			}
			hw := *w
			if ch := derivedChange(c.info, decl.Body, param, decl.Body.Pos(), w.at.Pos(), w.fields); ch != nil {
				hw.change = ch
			}
			if gormtx.VersionedType(param.Type()) {
				hw.guarded = true
			}
			found = &hw
			break
		}
	}
	if depth == 0 || found != nil {
		c.summaries[key] = found
	}
	return found
}

func (c *checker) report(read *gormtx.Statement, model *types.Var, change ast.Node, changeText string, w *write) {
	fset := c.pass.Fset
	readText := srctext.Expr(fset, read.Root) + "." + read.Method
	writeText := srctext.Expr(fset, w.at.Fun)
	inner := w.writeText
	if w.stmt != nil {
		inner = srctext.Expr(fset, w.stmt.Root) + "." + w.stmt.Method
	}
	if w.helper == nil {
		writeText = inner
	}
	if change != nil {
		changeText = oneLine(srctext.Node(fset, change))
	}
	msg := fmt.Sprintf("read-modify-write of `%s` with no row lock and no version check: `%s` → `%s` → `%s`; a concurrent writer between the read and the write is overwritten (lost update)",
		model.Name(), readText, changeText, writeText)
	if w.helper != nil {
		msg += fmt.Sprintf(" — `%s` writes it with `%s`", srctext.Expr(fset, w.at.Fun), inner)
	}
	d := analysis.Diagnostic{
		Pos: w.at.Pos(), End: w.at.End(), Message: msg,
		Related: []analysis.RelatedInformation{{Pos: read.Expr.Pos(), End: read.Expr.End(), Message: "read here without a lock"}},
	}
	if change != nil {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: change.Pos(), End: change.End(), Message: "new value computed from the old one here"})
	}
	if w.helper != nil && w.stmt != nil {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: w.stmt.Expr.Pos(), End: w.stmt.Expr.End(), Message: "written here"})
	}
	if fix, ok := c.lockFix(read); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.pass.Report(d)
}

// lockFix adds Clauses(clause.Locking{Strength: "UPDATE"}) to a read that
// runs on a transaction's handle, importing gorm.io/gorm/clause when the
// file does not. Outside a transaction the lock would end with the statement.
func (c *checker) lockFix(read *gormtx.Statement) (analysis.SuggestedFix, bool) {
	// Raw SQL ignores clauses: the lock belongs in the SQL text.
	if read.Handle.Kind != gormtx.Tx || !dbtypes.IsGormDB(c.info.TypeOf(read.Root)) || gormtx.HasBuilder(c.info, read, "Raw") != nil {
		return analysis.SuggestedFix{}, false
	}
	file := c.fileOf(read.Expr.Pos())
	if file == nil {
		return analysis.SuggestedFix{}, false
	}
	alias, imported := "clause", false
	for _, imp := range file.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == clausePath {
			imported = true
			if imp.Name != nil {
				alias = imp.Name.Name
			}
		}
	}
	if alias == "_" || alias == "." {
		return analysis.SuggestedFix{}, false
	}
	var edits []analysis.TextEdit
	if !imported {
		// A name "clause" visible at the read would shadow the new import.
		if scope := c.innermostScope(file, read.Expr.Pos()); scope != nil {
			if _, obj := scope.LookupParent(alias, read.Expr.Pos()); obj != nil {
				return analysis.SuggestedFix{}, false
			}
		}
		edits = append(edits, importEdit(file))
	}
	at := read.Root.End()
	edits = append(edits, analysis.TextEdit{Pos: at, End: at, NewText: []byte(".Clauses(" + alias + `.Locking{Strength: "UPDATE"})`)})
	return analysis.SuggestedFix{Message: "Lock the row when reading it (SELECT … FOR UPDATE)", TextEdits: edits}, true
}

func (c *checker) fileOf(pos token.Pos) *ast.File {
	for _, f := range c.pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

func (c *checker) innermostScope(file *ast.File, pos token.Pos) *types.Scope {
	path, _ := astutil.PathEnclosingInterval(file, pos, pos)
	for _, n := range path {
		if s := c.info.Scopes[n]; s != nil {
			return s.Innermost(pos)
		}
	}
	return nil
}

// importEdit adds gorm.io/gorm/clause to the file's imports.
func importEdit(file *ast.File) analysis.TextEdit {
	const spec = `"` + clausePath + `"`
	for _, d := range file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		if gd.Lparen.IsValid() && len(gd.Specs) > 0 {
			// Sorted in: before the first unnamed path after it, as gofmt would order the group.
			for _, sp := range gd.Specs {
				is := sp.(*ast.ImportSpec)
				if p, _ := strconv.Unquote(is.Path.Value); is.Name == nil && p > clausePath {
					return analysis.TextEdit{Pos: is.Pos(), End: is.Pos(), NewText: []byte(spec + "\n\t")}
				}
			}
			end := gd.Specs[len(gd.Specs)-1].End()
			return analysis.TextEdit{Pos: end, End: end, NewText: []byte("\n\t" + spec)}
		}
		return analysis.TextEdit{Pos: gd.End(), End: gd.End(), NewText: []byte("\nimport " + spec)}
	}
	end := file.Name.End()
	return analysis.TextEdit{Pos: end, End: end, NewText: []byte("\n\nimport " + spec)}
}
