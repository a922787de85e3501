package advisorylockpooledconn

import (
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/ssabuild"
)

// texts follows a string value through SSA to the constants it can hold.
type texts struct {
	pass     *analysis.Pass
	built    *ssabuild.Result
	closures map[*ssa.Function]*ssa.MakeClosure
	globals  map[*ssa.Global][]ssa.Value             // values stored in package variables
	callers  map[*ssa.Function][]ssa.CallInstruction // static calls of the package's functions
}

func (t *texts) index(fn *ssa.Function) {
	for _, b := range fn.Blocks {
		for _, in := range b.Instrs {
			switch in := in.(type) {
			case *ssa.MakeClosure:
				if f, ok := in.Fn.(*ssa.Function); ok {
					t.closures[f] = in
				}
			case *ssa.Store:
				if g, ok := in.Addr.(*ssa.Global); ok {
					t.globals[g] = append(t.globals[g], in.Val)
				}
			case ssa.CallInstruction:
				if callee := in.Common().StaticCallee(); callee != nil && callee.Pkg == fn.Pkg {
					t.callers[callee] = append(t.callers[callee], in)
				}
			}
		}
	}
}

// text is one value a string can hold; from is where a caller passed it in
// (NoPos when it is in the function itself).
type text struct {
	s    string
	from token.Pos
}

// sessionLockIn: the session lock function some value of v calls, and where
// that value was passed in from.
func (t *texts) sessionLockIn(v ssa.Value) (string, []token.Pos) {
	for _, x := range t.values(v, 0, map[ssa.Value]bool{}) {
		if m := sessionLock.FindString(x.s); m != "" {
			name := strings.TrimRight(strings.TrimSuffix(m, "("), " \t\r\n")
			var from []token.Pos
			if x.from.IsValid() {
				from = []token.Pos{x.from}
			}
			return name, from
		}
	}
	return "", nil
}

const unknown = "…"

// values lists what v can hold; an unknown part of a concatenation is "…"
// (the constant parts still name the function), a value with no constant
// part at all gives nothing.
func (t *texts) values(v ssa.Value, depth int, seen map[ssa.Value]bool) []text {
	if depth > 12 || seen[v] {
		return nil
	}
	seen[v] = true
	defer delete(seen, v)
	switch v := v.(type) {
	case *ssa.Const:
		if v.Value != nil && v.Value.Kind() == constant.String {
			return []text{{s: constant.StringVal(v.Value)}}
		}
	case *ssa.MakeInterface:
		return t.values(v.X, depth+1, seen)
	case *ssa.ChangeType:
		return t.values(v.X, depth+1, seen)
	case *ssa.Convert:
		if isString(v.X.Type()) {
			return t.values(v.X, depth+1, seen)
		}
	case *ssa.Phi:
		var out []text
		for _, e := range v.Edges {
			out = append(out, t.values(e, depth+1, seen)...)
		}
		return out
	case *ssa.BinOp:
		if v.Op != token.ADD || !isString(v.Type()) {
			return nil
		}
		xs, ys := t.values(v.X, depth+1, seen), t.values(v.Y, depth+1, seen)
		if len(xs) == 0 && len(ys) == 0 {
			return nil
		}
		if len(xs) == 0 {
			xs = []text{{s: unknown}}
		}
		if len(ys) == 0 {
			ys = []text{{s: unknown}}
		}
		var out []text
		for _, x := range xs {
			for _, y := range ys {
				if len(out) < 16 {
					from := x.from
					if !from.IsValid() {
						from = y.from
					}
					out = append(out, text{s: x.s + y.s, from: from})
				}
			}
		}
		return out
	case *ssa.Call:
		// fmt.Sprintf("SELECT pg_advisory_lock(%d)", key): the format names the function.
		if callee := v.Call.StaticCallee(); callee != nil && callee.Pkg != nil && callee.Pkg.Pkg.Path() == "fmt" &&
			callee.Name() == "Sprintf" && len(v.Call.Args) > 0 {
			return t.values(v.Call.Args[0], depth+1, seen)
		}
	case *ssa.UnOp:
		if g, ok := v.X.(*ssa.Global); ok && v.Op == token.MUL && g.Pkg == t.pkgOf(v) {
			var out []text
			for _, s := range t.globals[g] {
				out = append(out, t.values(s, depth+1, seen)...)
			}
			return out
		}
	case *ssa.FreeVar:
		fn := v.Parent()
		if mc := t.closures[fn]; mc != nil {
			for i, f := range fn.FreeVars {
				if f == v && i < len(mc.Bindings) {
					return t.values(mc.Bindings[i], depth+1, seen)
				}
			}
		}
	case *ssa.Parameter:
		// The arguments the package's own calls pass (acquire(ctx, "SELECT pg_advisory_lock($1)")).
		fn := v.Parent()
		i := -1
		for j, p := range fn.Params {
			if p == v {
				i = j
			}
		}
		if i < 0 || fn.Parent() != nil {
			return nil
		}
		var out []text
		for _, c := range t.callers[fn] {
			com := c.Common()
			if i >= len(com.Args) {
				continue
			}
			for _, x := range t.values(com.Args[i], depth+1, seen) {
				if !x.from.IsValid() {
					x.from = com.Pos()
					if expr := t.built.Call(com.Pos()); expr != nil {
						x.from = expr.Pos()
					}
				}
				out = append(out, x)
			}
		}
		return out
	}
	return nil
}

func (t *texts) pkgOf(v ssa.Instruction) *ssa.Package { return v.Parent().Pkg }

func isString(tp types.Type) bool {
	b, ok := tp.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}
