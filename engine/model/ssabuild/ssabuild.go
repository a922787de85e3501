// Package ssabuild builds a package's SSA once for the rules that walk it
// (the blocking rules: WaitGroup, Cond, context cancel), and only when one of
// them asks: a package with nothing to look at costs no SSA.
//
// Like the lock model, it builds generic bodies once in their generic form
// (instantiating every generic call site costs more than the rest of the
// build) and gives dependencies' functions no bodies.
package ssabuild

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"sort"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
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

// Funcs is every function with a body declared in the package's source —
// declared functions, methods and their function literals, nested ones
// included — in source order.
func (r *Result) Funcs() []*ssa.Function {
	r.once.Do(r.build)
	return r.funcs
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
	pass := r.pass
	prog := ssa.NewProgram(pass.Fset, 0)
	created := map[*types.Package]bool{}
	var create func([]*types.Package)
	create = func(pkgs []*types.Package) {
		for _, p := range pkgs {
			if !created[p] {
				created[p] = true
				prog.CreatePackage(p, nil, nil, true)
				create(p.Imports())
			}
		}
	}
	create(pass.Pkg.Imports())
	r.pkg = prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
	r.pkg.Build()

	var add func(fn *ssa.Function)
	add = func(fn *ssa.Function) {
		if len(fn.Blocks) == 0 {
			return
		}
		r.funcs = append(r.funcs, fn)
		for _, a := range fn.AnonFuncs {
			add(a)
		}
	}
	r.calls = map[token.Pos]*ast.CallExpr{}
	for _, file := range pass.Files {
		ast.Inspect(file, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok {
				r.calls[c.Lparen] = c
			}
			return true
		})
		for _, d := range file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			if fn := prog.FuncValue(obj); fn != nil && fn.Pkg == r.pkg {
				add(fn)
			}
		}
	}
	// Package-level variable initialisers' literals live in init.
	if init := r.pkg.Func("init"); init != nil {
		for _, a := range init.AnonFuncs {
			add(a)
		}
	}
	sort.SliceStable(r.funcs, func(i, j int) bool { return r.funcs[i].Pos() < r.funcs[j].Pos() })
}
