package dbtypes

import (
	"go/types"
	"strings"
)

const (
	gormPath   = "gorm.io/gorm"
	clausePath = "gorm.io/gorm/clause"
)

// GormMethodKind says what a *gorm.DB method does with the statement.
type GormMethodKind int

const (
	GormBuilder  GormMethodKind = iota + 1 // returns a *gorm.DB without running SQL (Where, Clauses, Session, Begin…)
	GormExecutor                           // sends a statement (First, Save, Update, Count, Exec, Transaction…)
)

// The *gorm.DB API, by what each method does: the method is resolved by
// type first (GormMethod), then its name says which of gorm's methods it is.
var gormMethods = map[string]GormMethodKind{}

func init() {
	for _, m := range []string{"Model", "Clauses", "Table", "Distinct", "Select", "Omit", "MapColumns", "Where", "Not", "Or",
		"Joins", "InnerJoins", "Group", "Having", "Order", "Limit", "Offset", "Scopes", "Preload", "Attrs", "Assign",
		"Unscoped", "Raw", "Session", "WithContext", "Debug", "Set", "InstanceSet", "Begin", "Commit", "Rollback",
		"SavePoint", "RollbackTo"} {
		gormMethods[m] = GormBuilder
	}
	for _, m := range []string{"Create", "CreateInBatches", "Save", "First", "Take", "Last", "Find", "FindInBatches",
		"FirstOrInit", "FirstOrCreate", "Update", "Updates", "UpdateColumn", "UpdateColumns", "Delete", "Count", "Scan",
		"Pluck", "Row", "Rows", "Exec", "Transaction", "Connection"} {
		gormMethods[m] = GormExecutor
	}
}

// GormMethod: fn is a method of gorm.io/gorm's DB, and what it does.
func GormMethod(fn *types.Func) (GormMethodKind, bool) {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != gormPath {
		return 0, false
	}
	recv := fn.Type().(*types.Signature).Recv()
	if recv == nil || !IsGormDB(recv.Type()) {
		return 0, false
	}
	k, ok := gormMethods[fn.Name()]
	return k, ok
}

// IsGormOpen: fn is gorm.Open, whose result is a connection pool.
func IsGormOpen(fn *types.Func) bool {
	return fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == gormPath && fn.Name() == "Open" &&
		fn.Type().(*types.Signature).Recv() == nil
}

// IsGormDB: t is *gorm.DB (or gorm.DB).
func IsGormDB(t types.Type) bool { return isNamed(t, gormPath, "DB") }

// IsLockingClause: t is gorm's clause.Locking (SELECT … FOR UPDATE/SHARE), or a pointer to one.
func IsLockingClause(t types.Type) bool { return isNamed(t, clausePath, "Locking") }

func isNamed(t types.Type, path, name string) bool {
	if t == nil {
		return false
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == path && n.Obj().Name() == name
}

// IsGormClausePackage: p is gorm.io/gorm/clause.
func IsGormClausePackage(p *types.Package) bool { return p != nil && p.Path() == clausePath }

// IsGormDialectorField: obj is the Dialector field of gorm.Config (promoted to *gorm.DB).
func IsGormDialectorField(obj types.Object) bool {
	v, ok := obj.(*types.Var)
	return ok && v.IsField() && v.Name() == "Dialector" && v.Pkg() != nil && v.Pkg().Path() == gormPath
}

// GORM's dialectors for SQLite, which build clause.Locking as nothing
// ("SQLite3 does not support row-level locking"): the packages declaring them.
var sqliteDialectorPkgs = map[string]bool{
	"gorm.io/driver/sqlite":                  true,
	"github.com/glebarez/sqlite":             true,
	"github.com/libtnb/sqlite":               true,
	"github.com/ncruces/go-sqlite3/gormlite": true,
}

// OnlySQLiteDialector: among the packages imports link in (followed
// transitively), the types implementing gorm.Dialector are all SQLite's;
// driver is the package of one of them. False when there is none, or when a
// dialector of another database (PostgreSQL, MySQL…) is linked in too.
func OnlySQLiteDialector(imports []*types.Package) (driver string, ok bool) {
	seen := map[*types.Package]bool{}
	var closure []*types.Package
	var walk func(p *types.Package)
	walk = func(p *types.Package) {
		if p == nil || seen[p] {
			return
		}
		seen[p] = true
		closure = append(closure, p)
		for _, imp := range p.Imports() {
			walk(imp)
		}
	}
	for _, p := range imports {
		walk(p)
	}
	var dialector *types.Interface
	for _, p := range closure {
		if p.Path() == gormPath {
			if tn, isTN := p.Scope().Lookup("Dialector").(*types.TypeName); isTN {
				dialector, _ = tn.Type().Underlying().(*types.Interface)
			}
		}
	}
	if dialector == nil {
		return "", false
	}
	for _, p := range closure {
		// A dialector refers to *gorm.DB (Initialize), so its package imports gorm.
		if p.Path() == gormPath || strings.HasPrefix(p.Path(), gormPath+"/") || !importsPath(p, gormPath) {
			continue
		}
		for _, name := range p.Scope().Names() {
			tn, isTN := p.Scope().Lookup(name).(*types.TypeName)
			if !isTN || !tn.Exported() || types.IsInterface(tn.Type()) {
				continue
			}
			if !types.Implements(tn.Type(), dialector) && !types.Implements(types.NewPointer(tn.Type()), dialector) {
				continue
			}
			if !sqliteDialectorPkgs[p.Path()] {
				return "", false
			}
			driver = p.Path()
		}
	}
	return driver, driver != ""
}

func importsPath(p *types.Package, path string) bool {
	for _, imp := range p.Imports() {
		if imp.Path() == path {
			return true
		}
	}
	return false
}
