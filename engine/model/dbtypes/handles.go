package dbtypes

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// GormRootExpr is the handle a chain of *gorm.DB builders starts from (db in
// db.WithContext(ctx).Raw(…)).
func GormRootExpr(info *types.Info, e ast.Expr) ast.Expr {
	for {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			return e
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return e
		}
		fn, _ := info.Uses[sel.Sel].(*types.Func)
		if kind, ok := GormMethod(fn); !ok || kind != GormBuilder || fn.Name() == "Begin" {
			return e
		}
		e = sel.X
	}
}

// GormRoot strips *gorm.DB builder calls (WithContext, Raw, Where…) off a handle.
func GormRoot(v ssa.Value) ssa.Value {
	for i := 0; i < 32; i++ {
		c, ok := v.(*ssa.Call)
		if !ok || len(c.Call.Args) == 0 {
			return v
		}
		callee := c.Call.StaticCallee()
		if callee == nil {
			return v
		}
		obj, _ := callee.Object().(*types.Func)
		if kind, ok := GormMethod(obj); !ok || kind != GormBuilder || obj.Name() == "Begin" {
			return v
		}
		v = c.Call.Args[0]
	}
	return v
}

// Concrete is the type of the value behind an interface, when the package
// shows it (MakeInterface, phis of one type).
func Concrete(v ssa.Value) types.Type { return concrete(v, 0) }

func concrete(v ssa.Value, depth int) types.Type {
	if depth > 8 || v == nil {
		return nil
	}
	switch v := v.(type) {
	case *ssa.MakeInterface:
		return v.X.Type()
	case *ssa.ChangeInterface:
		return concrete(v.X, depth+1)
	case *ssa.Phi:
		var t types.Type
		for _, e := range v.Edges {
			et := concrete(e, depth+1)
			if et == nil || (t != nil && !types.Identical(t, et)) {
				return nil
			}
			t = et
		}
		return t
	}
	return nil
}
