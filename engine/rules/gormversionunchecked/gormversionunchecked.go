// Package gormversionunchecked reports an optimistic-locking write whose
// conflict passes as success: an update guarded by a version whose
// RowsAffected is never read (followed through SSA into the package's
// helpers), and Save of a model whose BeforeUpdate hook adds the version
// condition (Save then upserts over the concurrent change).
package gormversionunchecked

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/gormtx"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

var Analyzer = &analysis.Analyzer{
	Name: "gorm_version_unchecked",
	Doc: `a GORM optimistic-locking write whose conflict passes as success

An Update/Updates/Save/UpdateColumn(s) guarded by a version — a
Where/Not on the way (same chain or an earlier step) whose constant condition
names a version column, or a model whose type has a Version field and a
BeforeUpdate(*gorm.DB) hook — changes 0 rows when another writer got there
first; unless RowsAffected is read the conflict passes as success. The result
is followed through SSA: variables, phis and the package's functions it is
passed to (return mustAffectOne(res)); returned, stored or passed out of sight
counts as read. Save of a hook-versioned model without Select("*") is reported
whatever is checked: when the versioned UPDATE matches 0 rows GORM's Save falls
back to INSERT … ON CONFLICT DO UPDATE.`,
	Requires: []*analysis.Analyzer{gormtx.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Warning, Category: "database", Checklist: "db-transactions-locks"}

var writes = map[string]bool{"Update": true, "Updates": true, "UpdateColumn": true, "UpdateColumns": true, "Save": true}

func run(pass *analysis.Pass) (any, error) {
	info := pass.TypesInfo
	for _, st := range pass.ResultOf[gormtx.Analyzer].(*gormtx.Result).Statements {
		if !writes[st.Method] || st.Call == nil {
			continue
		}
		var model ast.Expr
		if m := gormtx.HasBuilder(info, st, "Model"); m != nil && len(m.Args) > 0 {
			model = m.Args[0]
		} else if len(st.Expr.Args) > 0 {
			model = st.Expr.Args[0]
		}
		var hookFn *types.Func
		if model != nil {
			hookFn = gormtx.HookVersioned(info.TypeOf(model))
		}
		cond := gormtx.VersionCondition(info, st)
		if hookFn == nil && cond == nil {
			continue
		}
		write := srctext.Expr(pass.Fset, st.Root) + "." + st.Method
		var related []analysis.RelatedInformation
		if cond != nil {
			related = append(related, analysis.RelatedInformation{Pos: cond.Pos(), End: cond.End(), Message: "the version condition is added here"})
		} else if hookFn.Pos().IsValid() {
			related = append(related, analysis.RelatedInformation{Pos: hookFn.Pos(), Message: "the version condition is added here"})
		}
		modelText := ""
		if model != nil {
			m := ast.Unparen(model)
			if u, ok := m.(*ast.UnaryExpr); ok {
				m = ast.Unparen(u.X)
			}
			modelText = srctext.Expr(pass.Fset, m)
		}
		if hookFn != nil && st.Method == "Save" && gormtx.HasBuilder(info, st, "Select") == nil {
			pass.Report(analysis.Diagnostic{Pos: st.Expr.Pos(), End: st.Expr.End(), Related: related,
				Message: fmt.Sprintf("`%s` on `%s`, whose BeforeUpdate adds the version condition: when the versioned UPDATE matches 0 rows, GORM's Save falls back to INSERT … ON CONFLICT DO UPDATE and overwrites the concurrent change (RowsAffected is then 1, so the check never fires) — use `Select(\"*\").Updates(&%s)` or `Select(\"*\").Save(&%s)` and check RowsAffected",
					write, modelText, modelText, modelText)})
			continue
		}
		if gormtx.RowsAffectedRead(st.Call) {
			continue
		}
		guard := modelText + ".BeforeUpdate"
		if cond != nil && len(cond.Args) > 0 {
			guard = srctext.Expr(pass.Fset, cond.Args[0])
		}
		pass.Report(analysis.Diagnostic{Pos: st.Expr.Pos(), End: st.Expr.End(), Related: related,
			Message: fmt.Sprintf("`%s` is guarded by a version (%s) but its RowsAffected is never read: when another writer got there first the update changes 0 rows and this passes as success — check `RowsAffected == 0` and retry or report the conflict", write, guard)})
	}
	return nil, nil
}
