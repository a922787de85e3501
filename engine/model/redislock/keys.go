package redislock

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// lockKey identifies a key expression by what it denotes: constants by value,
// variables and fields by their go/types objects, the method's receiver as
// "recv" (so m.key in Lock and l.key in Unlock of one type meet), string
// concatenation and calls by their parts. id is "" when some part cannot be
// identified (an index, a conversion of something unknown).
type lockKey struct {
	id string
	// portable: the same id names the same key in another method of the
	// receiver's type (a constant, or rooted at the receiver).
	portable bool
}

func keyOf(info *types.Info, fd *ast.FuncDecl, e ast.Expr) lockKey {
	k := keyBuilder{info: info, recv: receiverVar(info, fd), portable: true}
	id := k.expr(e)
	if id == "" {
		return lockKey{}
	}
	return lockKey{id: id, portable: k.portable}
}

type keyBuilder struct {
	info     *types.Info
	recv     *types.Var
	portable bool
}

func (k *keyBuilder) expr(e ast.Expr) string {
	e = ast.Unparen(e)
	if tv, ok := k.info.Types[e]; ok && tv.Value != nil {
		return "const:" + tv.Value.ExactString()
	}
	switch e := e.(type) {
	case *ast.Ident:
		return k.object(k.info.Uses[e])
	case *ast.SelectorExpr:
		if sel, ok := k.info.Selections[e]; ok {
			if sel.Kind() != types.FieldVal {
				return ""
			}
			x := k.expr(e.X)
			if x == "" {
				return ""
			}
			return x + "." + objectID(sel.Obj())
		}
		return k.object(k.info.Uses[e.Sel]) // a package-qualified variable
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return ""
		}
		a, b := k.expr(e.X), k.expr(e.Y)
		if a == "" || b == "" {
			return ""
		}
		return "(" + a + "+" + b + ")"
	case *ast.CallExpr:
		return k.call(e)
	}
	return ""
}

// call: a function or method call whose callee is known (fmt.Sprintf("lock:%s", id), m.lockKey()).
func (k *keyBuilder) call(e *ast.CallExpr) string {
	fn, ok := typeutil.Callee(k.info, e).(*types.Func)
	if !ok {
		return ""
	}
	parts := []string{}
	if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok {
		if s, ok := k.info.Selections[sel]; ok && s.Kind() == types.MethodVal {
			x := k.expr(sel.X)
			if x == "" {
				return ""
			}
			parts = append(parts, x)
		}
	}
	for _, a := range e.Args {
		p := k.expr(a)
		if p == "" {
			return ""
		}
		parts = append(parts, p)
	}
	return fn.FullName() + "(" + strings.Join(parts, ",") + ")"
}

func (k *keyBuilder) object(obj types.Object) string {
	v, ok := obj.(*types.Var)
	if !ok {
		return ""
	}
	if v == k.recv {
		return "recv"
	}
	if v.Parent() != v.Pkg().Scope() {
		k.portable = false // a local or parameter: another function's variable of that name is another key
	}
	return objectID(v)
}

func objectID(obj types.Object) string {
	return fmt.Sprintf("%s@%d", obj.Name(), obj.Pos())
}

func receiverVar(info *types.Info, fd *ast.FuncDecl) *types.Var {
	if fd == nil || fd.Recv == nil {
		return nil
	}
	fn, ok := info.Defs[fd.Name].(*types.Func)
	if !ok {
		return nil
	}
	return fn.Type().(*types.Signature).Recv()
}
