package dbtypes

import (
	"go/types"
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
		"Pluck", "Row", "Rows", "Exec", "Transaction"} {
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
