// Package gormlockonsqlite reports a GORM row lock (clause.Locking) in a
// package whose only GORM dialector is SQLite's: GORM's SQLite dialectors
// build the FOR UPDATE/SHARE clause as nothing, so the query runs unlocked and
// no error says so. The dialectors are found by type (package dbtypes) among
// the packages the code is linked with, not by module names.
package gormlockonsqlite

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/dbtypes"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

var Analyzer = &analysis.Analyzer{
	Name: "gorm_lock_on_sqlite",
	Doc: `a GORM row lock (clause.Locking) where the only GORM dialector is SQLite's

GORM's SQLite dialectors (gorm.io/driver/sqlite, github.com/glebarez/sqlite…)
drop the FOR UPDATE/SHARE clause without an error, so the query locks no row.
The dialectors are the types implementing gorm.Dialector in the packages the
file is linked with (its package's imports, followed transitively; a test
file's imports count only for test files). Reported only when a SQLite
dialector is among them and no other dialector is (a package that can open
PostgreSQL or MySQL as well stays silent), and when the function does not look
at db.Dialector itself (code that asks which dialect it runs on has seen the
difference). A package that uses clause.Locking without importing any driver
(a repository opened elsewhere) cannot be judged and stays silent.`,
	Run: run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Warning, Category: "database", Checklist: "db-transactions-locks"}

func run(pass *analysis.Pass) (any, error) {
	if !importsGormClause(pass.Pkg) {
		return nil, nil
	}
	// The dialectors the package's code (without and with its _test.go files) is linked with.
	var prod, all []*types.Package
	for _, f := range pass.Files {
		test := strings.HasSuffix(pass.Fset.File(f.Pos()).Name(), "_test.go")
		for _, imp := range f.Imports {
			if pn := pass.TypesInfo.PkgNameOf(imp); pn != nil {
				all = append(all, pn.Imported())
				if !test {
					prod = append(prod, pn.Imported())
				}
			}
		}
	}
	prodSQLite, prodOK := dbtypes.OnlySQLiteDialector(prod)
	allSQLite, allOK := dbtypes.OnlySQLiteDialector(all)

	for _, f := range pass.Files {
		driver, ok := prodSQLite, prodOK
		if strings.HasSuffix(pass.Fset.File(f.Pos()).Name(), "_test.go") {
			driver, ok = allSQLite, allOK
		}
		if !ok {
			continue
		}
		for _, decl := range f.Decls {
			if asksDialect(pass, decl) {
				continue
			}
			report(pass, decl, driver)
		}
	}
	return nil, nil
}

func report(pass *analysis.Pass, decl ast.Decl, driver string) {
	ast.Inspect(decl, func(n ast.Node) bool {
		lit, isLit := n.(*ast.CompositeLit)
		if !isLit || !dbtypes.IsLockingClause(pass.TypesInfo.TypeOf(lit)) {
			return true
		}
		name := "clause.Locking"
		if lit.Type != nil {
			name = srctext.Expr(pass.Fset, lit.Type)
		}
		pass.Report(analysis.Diagnostic{
			Pos: lit.Pos(), End: lit.End(),
			Message: fmt.Sprintf("`%s` does nothing on SQLite: GORM's SQLite driver (%s, the only GORM dialector this code is linked with) drops the FOR UPDATE/SHARE clause without an error, so this query locks no row — serialise the writers another way (one writer goroutine, an optimistic version check, BEGIN IMMEDIATE)",
				name, driver),
		})
		return true
	})
}

func importsGormClause(p *types.Package) bool {
	for _, imp := range p.Imports() {
		if dbtypes.IsGormClausePackage(imp) {
			return true
		}
	}
	return false
}

// asksDialect: the declaration reads a *gorm.DB's (or gorm.Config's) Dialector.
func asksDialect(pass *analysis.Pass, decl ast.Node) bool {
	found := false
	ast.Inspect(decl, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok && !found {
			if s := pass.TypesInfo.Selections[sel]; s != nil && dbtypes.IsGormDialectorField(s.Obj()) {
				found = true
			}
		}
		return !found
	})
	return found
}
