// Package sqltext follows a string value through SSA to the constant SQL
// texts it can hold: literals, constants, locals, package variables,
// fmt.Sprintf formats, concatenations, closures' captured values and the
// arguments the package's own calls pass for a parameter.
package sqltext

import (
	"go/constant"
	"go/token"
	"go/types"
	"regexp"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/ssabuild"
)

// Texts follows a string value through SSA to the constants it can hold.
type Texts struct {
	pass     *analysis.Pass
	built    *ssabuild.Result
	closures map[*ssa.Function]*ssa.MakeClosure
	globals  map[*ssa.Global][]ssa.Value             // values stored in package variables
	Callers  map[*ssa.Function][]ssa.CallInstruction // static calls of the package's functions
}

// New indexes the package's closures, package variable stores and static
// calls.
func New(pass *analysis.Pass, built *ssabuild.Result) *Texts {
	t := &Texts{pass: pass, built: built, closures: map[*ssa.Function]*ssa.MakeClosure{}, globals: map[*ssa.Global][]ssa.Value{}, Callers: map[*ssa.Function][]ssa.CallInstruction{}}
	if init := built.Package().Func("init"); init != nil {
		t.index(init)
	}
	for _, fn := range built.Funcs() {
		t.index(fn)
	}
	return t
}

// MentionsConst: some constant string of the package (its own or an
// imported constant) matches re — a cheap test before any SSA.
func MentionsConst(info *types.Info, re *regexp.Regexp) bool {
	for _, tv := range info.Types {
		if tv.Value != nil && tv.Value.Kind() == constant.String && re.MatchString(constant.StringVal(tv.Value)) {
			return true
		}
	}
	return false
}

func (t *Texts) index(fn *ssa.Function) {
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
					t.Callers[callee] = append(t.Callers[callee], in)
				}
			}
		}
	}
}

// Text is one value a string can hold; From is where a caller passed it in
// (NoPos when it is in the function itself).
type Text struct {
	S    string
	From token.Pos
}

// Values lists what v can hold; an unknown part of a concatenation is "…"
// (the constant parts are kept), a value with no constant part at all
// gives nothing.
func (t *Texts) Values(v ssa.Value) []Text { return t.values(v, 0, map[ssa.Value]bool{}) }

// Unknown stands for a part of a concatenation not known.
const Unknown = "…"

const unknown = Unknown

// values lists what v can hold; an unknown part of a concatenation is "…"
// (the constant parts still name the function), a value with no constant
// part at all gives nothing.
func (t *Texts) values(v ssa.Value, depth int, seen map[ssa.Value]bool) []Text {
	if depth > 12 || seen[v] {
		return nil
	}
	seen[v] = true
	defer delete(seen, v)
	switch v := v.(type) {
	case *ssa.Const:
		if v.Value != nil && v.Value.Kind() == constant.String {
			return []Text{{S: constant.StringVal(v.Value)}}
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
		var out []Text
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
			xs = []Text{{S: unknown}}
		}
		if len(ys) == 0 {
			ys = []Text{{S: unknown}}
		}
		var out []Text
		for _, x := range xs {
			for _, y := range ys {
				if len(out) < 16 {
					from := x.From
					if !from.IsValid() {
						from = y.From
					}
					out = append(out, Text{S: x.S + y.S, From: from})
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
			var out []Text
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
		var out []Text
		for _, c := range t.Callers[fn] {
			com := c.Common()
			if i >= len(com.Args) {
				continue
			}
			for _, x := range t.values(com.Args[i], depth+1, seen) {
				if !x.From.IsValid() {
					x.From = com.Pos()
					if expr := t.built.Call(com.Pos()); expr != nil {
						x.From = expr.Pos()
					}
				}
				out = append(out, x)
			}
		}
		return out
	}
	return nil
}

func (t *Texts) pkgOf(v ssa.Instruction) *ssa.Package { return v.Parent().Pkg }

func isString(tp types.Type) bool {
	b, ok := tp.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}
