// Package testgoroutine reports *testing.T misused from goroutines: t.Fatal,
// FailNow or Skip called from a goroutine other than the test's (they stop
// only that goroutine), and t used by a goroutine the test never waits for
// (after the test returns, the call panics or its failure is lost).
package testgoroutine

import (
	"fmt"
	"go/ast"
	"go/types"
	"regexp"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/syncops"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

var Analyzer = &analysis.Analyzer{
	Name: "test_goroutine_after_return",
	Doc: `testing.T misused from a goroutine

t.Fatal, t.Fatalf, t.FailNow and t.Skip* (and testify's require.*, which
call FailNow) from a goroutine literal — started with go, errgroup's Go or
sync.WaitGroup's Go — stop only that goroutine: the test carries on. go
vet's testinggoroutine checks *testing.T; this also sees testing.TB, *B and *F
parameters (shared helpers) and require. And a goroutine that always uses t
while the test function never waits after starting it (no receive, select,
range, Wait, Cleanup, Lock, Run, Eventually…) outlives the test: the call
panics or its failure is lost. Parameters are followed by object, so a
subtest's own t is another t.`,
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Warning, Category: "testing", Checklist: "race-in-ci"}

var fatalMethods = map[string]bool{"Fatal": true, "Fatalf": true, "FailNow": true, "Skip": true, "Skipf": true, "SkipNow": true}

var waitMethods = regexp.MustCompile(`^(Wait|Cleanup|Lock|RLock|Run|Eventually|EventuallyWithT|Do)$`)

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	in.Preorder([]ast.Node{(*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)}, func(n ast.Node) {
		var ft *ast.FuncType
		var body *ast.BlockStmt
		switch f := n.(type) {
		case *ast.FuncDecl:
			ft, body = f.Type, f.Body
		case *ast.FuncLit:
			ft, body = f.Type, f.Body
		}
		if body == nil {
			return
		}
		for _, t := range testingParams(pass, ft) {
			for _, g := range goroutineLiterals(pass, body) {
				check(pass, body, t, g)
			}
		}
	})
	return nil, nil
}

// testingParams: parameters of type *testing.T, *testing.B, *testing.F or testing.TB.
func testingParams(pass *analysis.Pass, ft *ast.FuncType) []types.Object {
	var out []types.Object
	for _, field := range ft.Params.List {
		for _, name := range field.Names {
			obj := pass.TypesInfo.Defs[name]
			if obj == nil || name.Name == "_" {
				continue
			}
			t := obj.Type()
			if syncops.IsNamed(t, "testing", "T") || syncops.IsNamed(t, "testing", "B") || syncops.IsNamed(t, "testing", "F") || syncops.IsNamed(t, "testing", "TB") {
				out = append(out, obj)
			}
		}
	}
	return out
}

// started is a function literal run as a goroutine, with how it is started.
type started struct {
	lit    *ast.FuncLit
	goStmt *ast.GoStmt // nil for errgroup/WaitGroup Go
	at     ast.Node
}

// goroutineLiterals lists the literals that body (not its nested literals)
// starts as goroutines.
func goroutineLiterals(pass *analysis.Pass, body *ast.BlockStmt) []started {
	var out []started
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.GoStmt:
			if lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok {
				out = append(out, started{lit: lit, goStmt: n, at: n})
			}
		case *ast.CallExpr:
			sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "Go" || len(n.Args) != 1 {
				return true
			}
			recv := pass.TypesInfo.TypeOf(sel.X)
			if recv == nil || !(syncops.IsNamed(recv, "golang.org/x/sync/errgroup", "Group") || syncops.IsNamed(recv, "sync", "WaitGroup")) {
				return true
			}
			if lit, ok := ast.Unparen(n.Args[0]).(*ast.FuncLit); ok {
				out = append(out, started{lit: lit, at: n})
			}
		}
		return true
	})
	return out
}

type use struct {
	call    *ast.CallExpr
	fatal   bool
	certain bool // a statement of the literal's body itself, not under a condition
}

// usesOf lists the calls in lit that use the test's t: its methods, and
// testify's require functions given t.
func usesOf(pass *analysis.Pass, lit *ast.FuncLit, t types.Object) []use {
	top := map[ast.Stmt]bool{}
	for _, s := range lit.Body.List {
		top[s] = true
	}
	var out []use
	var stack []ast.Node
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		certain := len(stack) >= 2 && isTopStmt(stack[len(stack)-2], top)
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok && pass.TypesInfo.Uses[id] == t {
				out = append(out, use{call: call, fatal: fatalMethods[sel.Sel.Name], certain: certain})
				return true
			}
			if f, ok := pass.TypesInfo.Uses[sel.Sel].(*types.Func); ok && f.Pkg() != nil && f.Pkg().Path() == "github.com/stretchr/testify/require" && len(call.Args) > 0 {
				if id, ok := ast.Unparen(call.Args[0]).(*ast.Ident); ok && pass.TypesInfo.Uses[id] == t {
					out = append(out, use{call: call, fatal: true, certain: certain})
				}
			}
		}
		return true
	})
	return out
}

func isTopStmt(n ast.Node, top map[ast.Stmt]bool) bool {
	s, ok := n.(ast.Stmt)
	return ok && top[s]
}

func check(pass *analysis.Pass, body *ast.BlockStmt, t types.Object, g started) {
	uses := usesOf(pass, g.lit, t)
	related := []analysis.RelatedInformation{{Pos: g.at.Pos(), Message: "goroutine started here"}}
	for _, u := range uses {
		if u.fatal {
			pass.Report(analysis.Diagnostic{Pos: u.call.Pos(), End: u.call.End(), Related: related,
				Message: fmt.Sprintf("`%s` from a goroutine other than the test's: it stops only this goroutine and the test carries on (report with %s.Error and return, or send the error back to the test goroutine)",
					srctext.Expr(pass.Fset, u.call.Fun), t.Name())})
			return
		}
	}
	if g.goStmt == nil || waitsAfter(pass, body, g.goStmt) {
		return
	}
	for _, u := range uses {
		if u.certain {
			pass.Report(analysis.Diagnostic{Pos: u.call.Pos(), End: u.call.End(), Related: related,
				Message: fmt.Sprintf("the goroutine uses `%s` but the test never waits for it: after the test returns, `%s` panics or is lost (wait with a WaitGroup or channel before returning)",
					t.Name(), srctext.Expr(pass.Fset, u.call.Fun))})
			return
		}
	}
}

// waitsAfter: after the go statement the function receives, selects,
// ranges, or calls something that waits (Wait, Cleanup, Lock, Run,
// Eventually…).
func waitsAfter(pass *analysis.Pass, body *ast.BlockStmt, g *ast.GoStmt) bool {
	waits := false
	ast.Inspect(body, func(n ast.Node) bool {
		if waits || n == nil {
			return false
		}
		if n.Pos() < g.End() {
			return n.End() > g.End() // descend only into what contains later code
		}
		switch n := n.(type) {
		case *ast.SelectStmt, *ast.RangeStmt:
			waits = true
		case *ast.UnaryExpr:
			waits = n.Op.String() == "<-"
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && waitMethods.MatchString(sel.Sel.Name) {
				waits = true
			}
		}
		return true
	})
	return waits
}
