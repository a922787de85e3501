// Package ssabuild builds a package's SSA once for the rules that walk it
// (the blocking rules: WaitGroup, Cond, context cancel), and only when one of
// them asks: a package with nothing to look at costs no SSA.
//
// The build is ssapkg's, as the lock model's: generic bodies once in their
// generic form, dependencies' functions without bodies.
package ssabuild

import (
	"go/ast"
	"go/build"
	"go/token"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/ssapkg"
)

var Analyzer = &analysis.Analyzer{
	Name:       "ssabuild",
	Doc:        "builds the package's SSA on first use, for goconc's blocking rules",
	Run:        run,
	ResultType: reflect.TypeOf((*Result)(nil)),
}

// Result is the package's SSA, built on the first call of Funcs.
type Result struct {
	pass  *analysis.Pass
	once  sync.Once
	pkg   *ssa.Package
	funcs []*ssa.Function
	calls map[token.Pos]*ast.CallExpr
}

func run(pass *analysis.Pass) (any, error) { return &Result{pass: pass}, nil }

// Of is the pass's SSA result (not yet built).
func Of(pass *analysis.Pass) *Result { return pass.ResultOf[Analyzer].(*Result) }

// Imports reports whether the package imports one of paths: rules ask this
// before Funcs, so a package that cannot contain their finding builds nothing.
func Imports(pass *analysis.Pass, paths ...string) bool {
	for _, imp := range pass.Pkg.Imports() {
		for _, p := range paths {
			if imp.Path() == p {
				return true
			}
		}
	}
	return false
}

// InGOROOT reports whether the package is part of the standard library:
// models skip it in go vet's facts passes when nothing of it can matter.
func InGOROOT(pass *analysis.Pass) bool {
	if len(pass.Files) == 0 {
		return false
	}
	root := build.Default.GOROOT
	name := pass.Fset.File(pass.Files[0].Pos()).Name()
	return root != "" && strings.HasPrefix(name, filepath.Join(root, "src")+string(filepath.Separator))
}

// InModuleCache reports whether the package is a dependency read from the
// module cache (a module at a version, its files under .../path@version/):
// code the user does not write, whose own locks only its own code takes. A
// module replaced by a local directory, or one of a go.work workspace, is
// the user's code and is not in the cache.
func InModuleCache(pass *analysis.Pass) bool {
	if pass.Module == nil || pass.Module.Version == "" || len(pass.Files) == 0 {
		return false
	}
	name := pass.Fset.File(pass.Files[0].Pos()).Name()
	return strings.Contains(filepath.ToSlash(name), "@"+pass.Module.Version+"/")
}

// Funcs is every function with a body declared in the package's source —
// declared functions, methods and their function literals, nested ones
// included — in source order.
func (r *Result) Funcs() []*ssa.Function {
	r.once.Do(r.build)
	return r.funcs
}

// Package is the package's SSA (built on first use).
func (r *Result) Package() *ssa.Package {
	r.once.Do(r.build)
	return r.pkg
}

// Calls maps every call's Lparen to its call expression.
func (r *Result) Calls() map[token.Pos]*ast.CallExpr {
	r.once.Do(r.build)
	return r.calls
}

// Call is the call expression whose Lparen is lparen (what SSA gives as a
// call's position), for messages and fixes; nil if none.
func (r *Result) Call(lparen token.Pos) *ast.CallExpr {
	r.once.Do(r.build)
	return r.calls[lparen]
}

// File is the syntax of the file holding pos.
func (r *Result) File(pos token.Pos) *ast.File {
	for _, f := range r.pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

func (r *Result) build() {
	r.pkg = ssapkg.Build(r.pass)
	r.calls = map[token.Pos]*ast.CallExpr{}
	ssapkg.CallsByLparen(r.pass.Files, r.calls)
	_, r.funcs = ssapkg.Functions(r.pass, r.pkg)
	// Package-level variable initialisers' literals live in init.
	if init := r.pkg.Func("init"); init != nil {
		queue := append([]*ssa.Function(nil), init.AnonFuncs...)
		for len(queue) > 0 {
			f := queue[0]
			queue = append(queue[1:], f.AnonFuncs...)
			r.funcs = append(r.funcs, f)
		}
	}
	sort.SliceStable(r.funcs, func(i, j int) bool { return r.funcs[i].Pos() < r.funcs[j].Pos() })
}
