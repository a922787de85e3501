package cancelnotcalled

import (
	"fmt"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/syncops"
)

// Who owns a returned cancel function. A helper that creates a context
// (context.With*, or a function that does) hands its cancel to the caller,
// who must call it; a function that looks one up (a registry's Get, a field)
// does not: its caller may rightly leave it alone. Only the first kind is
// checked, so the freshness of each result is computed from the callee's
// body and exported as a fact for callers in other packages.

// freshCancel: the function's results at these indices are cancel functions
// of contexts it created.
type freshCancel struct{ Results []int }

func (*freshCancel) AFact()           {}
func (f *freshCancel) String() string { return fmt.Sprintf("freshCancel%v", f.Results) }

// freshInStd are the standard library's helpers besides context.With*
// documented to return a stop function the caller must call.
var freshInStd = map[string]int{"os/signal.NotifyContext": 1}

type freshness struct {
	pass *analysis.Pass
	pkg  *ssa.Package
	memo map[*ssa.Function][]bool // per result: a created context's cancel
}

// resultFresh: result idx of a call to callee is a cancel function the
// caller owns. Calls the analysis cannot resolve (interfaces, function
// values) are not known to be: ownership unknown, nothing reported.
func (fr *freshness) resultFresh(com *ssa.CallCommon, idx int) bool {
	name := syncops.CalleeName(com)
	if syncops.CancellingContext(name) {
		return idx == 1
	}
	if i, ok := freshInStd[name]; ok {
		return i == idx
	}
	callee := com.StaticCallee()
	if callee == nil {
		return false
	}
	if o := callee.Origin(); o != nil {
		callee = o
	}
	if callee.Pkg == fr.pkg {
		r := fr.of(callee)
		return idx < len(r) && r[idx]
	}
	obj, ok := callee.Object().(*types.Func)
	if !ok {
		return false
	}
	var f freshCancel
	if !fr.pass.ImportObjectFact(obj, &f) {
		return false
	}
	for _, i := range f.Results {
		if i == idx {
			return true
		}
	}
	return false
}

// of computes which results of fn (of this package) are fresh cancels: on
// every return the value is fresh or nil, and fresh on at least one.
func (fr *freshness) of(fn *ssa.Function) []bool {
	if r, ok := fr.memo[fn]; ok {
		return r
	}
	res := fn.Signature.Results()
	out := make([]bool, res.Len())
	fr.memo[fn] = out // recursion: not fresh until shown
	if len(fn.Blocks) == 0 {
		return out
	}
	for idx := range res.Len() {
		if !isCancelFunc(res.At(idx).Type()) {
			continue
		}
		some, all := false, true
		for _, b := range fn.Blocks {
			ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
			if !ok || idx >= len(ret.Results) {
				continue
			}
			switch fr.value(ret.Results[idx], 0) {
			case fresh:
				some = true
			case notFresh:
				all = false
			}
		}
		out[idx] = some && all
	}
	return out
}

type verdict int

const (
	neutral verdict = iota // nil: no context to cancel on that path
	fresh
	notFresh
)

func (fr *freshness) value(v ssa.Value, depth int) verdict {
	if depth > 8 {
		return notFresh
	}
	switch v := v.(type) {
	case *ssa.Const:
		if v.IsNil() {
			return neutral
		}
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok && fr.resultFresh(call.Common(), v.Index) {
			return fresh
		}
	case *ssa.Call:
		if fr.resultFresh(v.Common(), 0) {
			return fresh
		}
	case *ssa.ChangeType:
		return fr.value(v.X, depth+1)
	case *ssa.MakeClosure:
		// A function made here to be called by the caller (typically
		// cancelling what this function created, and more).
		return fresh
	case *ssa.Phi:
		some := false
		for _, e := range v.Edges {
			switch fr.value(e, depth+1) {
			case fresh:
				some = true
			case notFresh:
				return notFresh
			}
		}
		if some {
			return fresh
		}
		return neutral
	}
	return notFresh
}

// export records the package's fresh-cancel functions for its importers.
func (fr *freshness) export(fns []*ssa.Function) {
	for _, fn := range fns {
		obj, ok := fn.Object().(*types.Func)
		if !ok || obj.Pkg() != fr.pass.Pkg || fn.Parent() != nil {
			continue
		}
		var idx []int
		for i, ok := range fr.of(fn) {
			if ok {
				idx = append(idx, i)
			}
		}
		if len(idx) > 0 {
			fr.pass.ExportObjectFact(obj, &freshCancel{Results: idx})
		}
	}
}
