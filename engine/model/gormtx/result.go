package gormtx

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/goconc/goconc/engine/model/dbtypes"
)

// versionColumn: column names that carry an optimistic version.
var versionColumn = regexp.MustCompile(`(?i)\b(version|lock_version|revision|row_version)\b`)

// versionFields: the field names GORM code gives an optimistic version.
var versionFields = []string{"Version", "LockVersion", "Revision", "RowVersion"}

// VersionCondition is a Where/Not builder on the statement's way whose
// condition (a constant string) filters on a version column, nil without one.
func VersionCondition(info *types.Info, st *Statement) *ast.CallExpr {
	for _, b := range st.Builders {
		fn, _ := typeutil.Callee(info, b).(*types.Func)
		if fn == nil || (fn.Name() != "Where" && fn.Name() != "Not") || len(b.Args) == 0 {
			continue
		}
		if tv, ok := info.Types[b.Args[0]]; ok && tv.Value != nil && tv.Value.Kind() == constant.String &&
			versionColumn.MatchString(constant.StringVal(tv.Value)) {
			return b
		}
	}
	return nil
}

// HasBuilder: the statement's way has a builder call of this name (Select, Model…).
func HasBuilder(info *types.Info, st *Statement, name string) *ast.CallExpr {
	for _, b := range st.Builders {
		if fn, _ := typeutil.Callee(info, b).(*types.Func); fn != nil && fn.Name() == name {
			return b
		}
	}
	return nil
}

// RowsAffectedRead: the *gorm.DB a statement returned (v) may have its
// RowsAffected read — in this function, through variables and phis, or in a
// function of this package it is passed to (return mustAffectOne(res)).
// Where it goes out of sight (returned, stored, passed to a function without
// a body here, converted to an interface) the answer is true: precision first.
func RowsAffectedRead(v ssa.Value) bool {
	return rowsAffectedRead(v, 0, map[ssa.Value]bool{})
}

func rowsAffectedRead(v ssa.Value, depth int, seen map[ssa.Value]bool) bool {
	if seen[v] || depth > 8 {
		return seen[v] == false
	}
	seen[v] = true
	refs := v.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		switch r := r.(type) {
		case *ssa.FieldAddr:
			if f := fieldOf(r.X.Type(), r.Field); f != nil && f.Name() == "RowsAffected" {
				return true
			}
		case *ssa.Field:
			if f := fieldOf(r.X.Type(), r.Field); f != nil && f.Name() == "RowsAffected" {
				return true
			}
		case *ssa.Phi:
			if rowsAffectedRead(r, depth+1, seen) {
				return true
			}
		case *ssa.Store:
			if r.Val == v {
				// Into a local cell: follow its loads; elsewhere it escapes.
				if alloc, ok := r.Addr.(*ssa.Alloc); ok && !alloc.Heap {
					if loadsRead(alloc, depth, seen) {
						return true
					}
					continue
				}
				return true
			}
		case *ssa.Return, *ssa.MakeInterface, *ssa.MakeClosure, *ssa.Send, *ssa.ChangeType:
			return true
		case *ssa.UnOp:
			if r.Op == token.MUL && rowsAffectedRead(r, depth+1, seen) {
				return true
			}
		case ssa.CallInstruction:
			com := r.Common()
			callee := com.StaticCallee()
			if callee == nil {
				return true
			}
			obj, _ := callee.Object().(*types.Func)
			if _, isGorm := dbtypes.GormMethod(obj); isGorm && len(com.Args) > 0 && com.Args[0] == v {
				// A method of the result (res.Error() is a field; Scan, Rows…) reads the statement, not RowsAffected.
				continue
			}
			if len(callee.Blocks) == 0 {
				return true
			}
			for i, a := range com.Args {
				if a == v && i < len(callee.Params) && rowsAffectedRead(callee.Params[i], depth+1, seen) {
					return true
				}
			}
		}
	}
	return false
}

func loadsRead(alloc *ssa.Alloc, depth int, seen map[ssa.Value]bool) bool {
	for _, r := range *alloc.Referrers() {
		if u, ok := r.(*ssa.UnOp); ok && u.Op == token.MUL && rowsAffectedRead(u, depth+1, seen) {
			return true
		}
		if _, ok := r.(*ssa.Store); !ok {
			if _, ok := r.(*ssa.UnOp); !ok {
				return true // its address escapes
			}
		}
	}
	return false
}

// HookVersioned is the model type's BeforeUpdate hook when the type has a
// version field (Version, LockVersion, Revision, RowVersion) and a
// BeforeUpdate(*gorm.DB) error method — the pattern that adds the version
// condition in the hook — nil otherwise.
func HookVersioned(t types.Type) *types.Func {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return nil
	}
	st, ok := n.Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	versioned := false
	for i := 0; i < st.NumFields(); i++ {
		versioned = versioned || slices.Contains(versionFields, st.Field(i).Name())
	}
	if !versioned {
		return nil
	}
	obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(n), true, n.Obj().Pkg(), "BeforeUpdate")
	fn, ok := obj.(*types.Func)
	if !ok {
		return nil
	}
	sig := fn.Type().(*types.Signature)
	if sig.Params().Len() != 1 || !dbtypes.IsGormDB(sig.Params().At(0).Type()) {
		return nil
	}
	return fn
}

// VersionedType: a model type (or a pointer to one) carrying an optimistic
// version — a Version/LockVersion/Revision/RowVersion field (promoted too), a
// field or gorm column named like a version column, or
// gorm.io/plugin/optimisticlock.Version.
func VersionedType(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	for _, name := range versionFields {
		if obj, _, _ := types.LookupFieldOrMethod(n, true, n.Obj().Pkg(), name); obj != nil {
			if v, ok := obj.(*types.Var); ok && v.IsField() {
				return true
			}
		}
	}
	return versionedStruct(n.Underlying(), 0)
}

func versionedStruct(t types.Type, depth int) bool {
	st, ok := t.(*types.Struct)
	if !ok || depth > 3 {
		return false
	}
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		if versionColumn.MatchString(f.Name()) || versionColumn.MatchString(columnTag(st.Tag(i))) {
			return true
		}
		if n, ok := types.Unalias(derefType(f.Type())).(*types.Named); ok && n.Obj().Pkg() != nil &&
			n.Obj().Pkg().Path() == "gorm.io/plugin/optimisticlock" && n.Obj().Name() == "Version" {
			return true
		}
		if f.Embedded() && versionedStruct(derefType(f.Type()).Underlying(), depth+1) {
			return true
		}
	}
	return false
}

// columnTag: the column name of a gorm:"column:…" struct tag.
func columnTag(tag string) string {
	i := strings.Index(tag, "column:")
	if i < 0 {
		return ""
	}
	rest := tag[i+len("column:"):]
	if j := strings.IndexAny(rest, ";\" "); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

func derefType(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}
