// Package ssapkg builds one package's SSA for a model analyzer, on demand: a
// model that can tell from the imports that a package is of no interest skips
// the build (most of a dependency graph, where go vet runs us for facts),
// which requiring the buildssa pass would not allow.
package ssapkg

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// Build builds the package's SSA with its imports as type-only packages
// (their functions' effects come from facts), as the buildssa pass does.
// Generic bodies are analysed once, in their generic form (calls to an
// instance use its origin): instantiating every generic call site costs more
// than the rest of the build.
func Build(pass *analysis.Pass) *ssa.Package {
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
	pkg := prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
	pkg.Build()
	return pkg
}

// Functions lists the package's declared functions and, with them, their
// function literals (all), in source order.
func Functions(pass *analysis.Pass, pkg *ssa.Package) (decls, all []*ssa.Function) {
	for _, file := range pass.Files {
		for _, d := range file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			obj, _ := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if obj == nil {
				continue
			}
			fn := pkg.Prog.FuncValue(obj)
			if fn == nil {
				continue
			}
			decls = append(decls, fn)
			all = appendWithAnon(all, fn)
		}
	}
	return decls, all
}

func appendWithAnon(fns []*ssa.Function, fn *ssa.Function) []*ssa.Function {
	fns = append(fns, fn)
	for _, a := range fn.AnonFuncs {
		fns = appendWithAnon(fns, a)
	}
	return fns
}

// CallsByLparen maps each call's Lparen (what SSA reports as a call's
// position) to the call expression, for messages and fixes.
func CallsByLparen(files []*ast.File, into map[token.Pos]*ast.CallExpr) {
	for _, file := range files {
		ast.Inspect(file, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok {
				into[c.Lparen] = c
			}
			return true
		})
	}
}
