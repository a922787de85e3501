// Package guardfix builds the race rules' quick fix: one statement wrapped
// in the Lock and Unlock of the mutex that guards what it touches
// (`r.items[k] = v` → `r.mu.Lock()`, the statement, `r.mu.Unlock()`). The
// rules decide where it is safe (no lock possibly held there, no caller
// holding one); this package checks the statement: alone on its lines in a
// block, calling nothing and receiving nothing, so it cannot block or take
// a lock while holding the mutex.
package guardfix

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

// Stmt is the assignment, increment or expression statement at pos, when it
// sits directly in a block (not an if's init or a for's post, which leave no
// room for a Lock before them), with the path from it to the file.
func Stmt(pass *analysis.Pass, pos token.Pos) (ast.Stmt, []ast.Node) {
	for _, f := range pass.Files {
		if f.FileStart > pos || pos > f.FileEnd {
			continue
		}
		path, _ := astutil.PathEnclosingInterval(f, pos, pos)
		for i, n := range path {
			switch n.(type) {
			case *ast.AssignStmt, *ast.IncDecStmt, *ast.ExprStmt:
				if i+1 < len(path) {
					if _, inBlock := path[i+1].(*ast.BlockStmt); inBlock {
						return n.(ast.Stmt), path[i:]
					}
				}
				return nil, nil
			case ast.Stmt:
				return nil, nil
			}
		}
	}
	return nil, nil
}

// CallsNothing: s runs no function and no channel operation (delete and len
// aside).
func CallsNothing(pass *analysis.Pass, s ast.Stmt) bool {
	ok := true
	ast.Inspect(s, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if tv, isType := pass.TypesInfo.Types[n.Fun]; isType && tv.IsType() {
				return true // a conversion
			}
			if id, isIdent := ast.Unparen(n.Fun).(*ast.Ident); isIdent {
				if b, isBuiltin := pass.TypesInfo.Uses[id].(*types.Builtin); isBuiltin && (b.Name() == "delete" || b.Name() == "len") {
					return true
				}
			}
			ok = false
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				ok = false
			}
		case *ast.FuncLit:
			ok = false
		}
		return ok
	})
	return ok
}

// MutexField is the one sync.Mutex or sync.RWMutex field (not embedded) of
// the struct t is or points to, and whether it is an RWMutex.
func MutexField(t types.Type) (name string, rw bool, ok bool) {
	if p, isPtr := t.(*types.Pointer); isPtr {
		t = p.Elem()
	}
	st, isStruct := t.Underlying().(*types.Struct)
	if !isStruct {
		return "", false, false
	}
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		n, isNamed := types.Unalias(f.Type()).(*types.Named)
		if !isNamed || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "sync" || (n.Obj().Name() != "Mutex" && n.Obj().Name() != "RWMutex") {
			continue
		}
		if name != "" || f.Embedded() {
			return "", false, false
		}
		name, rw = f.Name(), n.Obj().Name() == "RWMutex"
	}
	return name, rw, name != ""
}

// Wrap is the fix that puts lock's Lock (RLock when read) on the line
// before stmt and its Unlock (RUnlock) on the line after, indented like it.
func Wrap(pass *analysis.Pass, stmt ast.Stmt, lock string, read bool) (analysis.SuggestedFix, bool) {
	tf := pass.Fset.File(stmt.Pos())
	src, err := pass.ReadFile(tf.Name())
	if err != nil || tf.Line(stmt.End()) >= tf.LineCount() {
		return analysis.SuggestedFix{}, false
	}
	indent := srctext.Indent(src, tf, stmt.Pos())
	lineStart := tf.LineStart(tf.Line(stmt.Pos()))
	eol := tf.LineStart(tf.Line(stmt.End())+1) - 1
	// Alone on its lines (a comment after it aside): `func f() { x = 1 }`
	// has no line of its own to lock before.
	before := src[tf.Offset(lineStart):tf.Offset(stmt.Pos())]
	after := strings.TrimSpace(string(src[tf.Offset(stmt.End()):tf.Offset(eol)]))
	if strings.TrimSpace(string(before)) != "" || (after != "" && !strings.HasPrefix(after, "//")) {
		return analysis.SuggestedFix{}, false
	}
	acquire, release, title := ".Lock()", ".Unlock()", fmt.Sprintf("Guard the write with %s", lock)
	if read {
		acquire, release, title = ".RLock()", ".RUnlock()", fmt.Sprintf("Guard the read with %s", lock)
	}
	return analysis.SuggestedFix{
		Message: title,
		TextEdits: []analysis.TextEdit{
			{Pos: lineStart, End: lineStart, NewText: []byte(indent + lock + acquire + "\n")},
			{Pos: eol, End: eol, NewText: []byte("\n" + indent + lock + release)},
		},
	}, true
}
