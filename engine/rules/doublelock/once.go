package doublelock

import (
	"fmt"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/lockstate"
	"github.com/goconc/goconc/engine/model/ssabuild"
	"github.com/goconc/goconc/engine/model/syncops"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

// onceDepth bounds how many calls down the function given to Do is followed.
const onceDepth = 5

// onceDo is a call of (*sync.Once).Do reached from some function, with the
// Once in that function's terms and the calls on the way.
type onceDo struct {
	key   lockstate.Key
	site  ssa.CallInstruction // the Do call itself
	calls []ssa.CallInstruction
}

// onceFinder follows static calls to the Do calls they reach, memoised per
// function (a function's Do calls, in its own terms, do not depend on who
// calls it).
type onceFinder struct {
	memo  map[*ssa.Function][]onceDo
	doing map[*ssa.Function]bool
}

// checkOnceReentry reports once.Do(f) where f — itself or through the
// functions it calls, closures and method values bound at the call — calls
// Do on the same Once. Do returns only after f does, and a Do of the same
// Once waits for that: the goroutine blocks forever (a sync.Once is a mutex
// plus a flag set after f returns).
func checkOnceReentry(pass *analysis.Pass) {
	if !ssabuild.Imports(pass, "sync") {
		return
	}
	res := ssabuild.Of(pass)
	of := &onceFinder{memo: map[*ssa.Function][]onceDo{}, doing: map[*ssa.Function]bool{}}
	for _, fn := range res.Funcs() {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok || !isOnceDo(call.Common()) {
					continue
				}
				key, ok := lockstate.KeyOf(fn, call.Call.Args[0])
				if !ok || !key.Exact() {
					continue
				}
				f, bindings := lockstate.Callee(&ssa.CallCommon{Value: call.Call.Args[1]})
				if f == nil || len(f.Blocks) == 0 {
					continue
				}
				for _, d := range of.find(f, onceDepth) {
					k, ok := cellToParam(f, d.key)
					if ok {
						k, ok = lockstate.Substitute(k, fn, nil, bindings)
					}
					if !ok || !k.Exact() || k.ID() != key.ID() {
						continue
					}
					reportOnce(pass, res, call, key, d)
					break
				}
			}
		}
	}
}

func isOnceDo(c *ssa.CallCommon) bool {
	return len(c.Args) == 2 && syncops.CalleeName(c) == "(*sync.Once).Do"
}

// find lists the Do calls fn makes, itself or through static callees (and
// the functions given to the Do calls on the way), up to depth calls down,
// with the Once in fn's terms.
func (of *onceFinder) find(fn *ssa.Function, depth int) []onceDo {
	if out, ok := of.memo[fn]; ok {
		return out
	}
	if of.doing[fn] || depth == 0 {
		return nil
	}
	of.doing[fn] = true
	defer delete(of.doing, fn)
	var out []onceDo
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			var c *ssa.CallCommon
			switch in := instr.(type) {
			case *ssa.Call:
				c = in.Common()
			case *ssa.Defer:
				c = in.Common() // runs before fn returns: still inside the caller's Do
			default:
				continue
			}
			ci := instr.(ssa.CallInstruction)
			var callee *ssa.Function
			var bindings []ssa.Value
			args := c.Args
			if isOnceDo(c) {
				if k, ok := lockstate.KeyOf(fn, c.Args[0]); ok {
					out = append(out, onceDo{key: k, site: ci})
				}
				// The function given to this Do runs inside it, in this goroutine.
				callee, bindings = lockstate.Callee(&ssa.CallCommon{Value: c.Args[1]})
				args = nil
			} else {
				callee, bindings = lockstate.Callee(c)
			}
			if callee == nil || callee == fn || len(callee.Blocks) == 0 {
				continue
			}
			for _, d := range of.find(callee, depth-1) {
				k, ok := cellToParam(callee, d.key)
				if ok {
					k, ok = lockstate.Substitute(k, fn, args, bindings)
				}
				if !ok {
					continue
				}
				out = append(out, onceDo{key: k, site: d.site, calls: append([]ssa.CallInstruction{ci}, d.calls...)})
			}
		}
	}
	of.memo[fn] = out
	return out
}

// cellToParam: a key rooted at a variable of fn captured by closures names
// the variable of one activation of fn. Leaving fn for its caller, it means
// the parameter the variable holds (a captured receiver or argument), or
// nothing the caller can name (ok=false). Keys of other functions' variables
// are kept.
func cellToParam(fn *ssa.Function, k lockstate.Key) (lockstate.Key, bool) {
	if k.Root != lockstate.RootCell || !strings.HasPrefix(k.Local, fn.String()+"#") {
		return k, true
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			cell, ok := instr.(*ssa.Alloc)
			if !ok || fmt.Sprintf("%s#%p", fn.String(), cell) != k.Local {
				continue
			}
			var param *ssa.Parameter
			for _, r := range *cell.Referrers() {
				if st, ok := r.(*ssa.Store); ok && st.Addr == cell {
					p, isParam := st.Val.(*ssa.Parameter)
					if !isParam || param != nil {
						return lockstate.Key{}, false
					}
					param = p
				}
			}
			// The cell's key starts by loading the variable: the parameter is
			// what that load gives.
			if len(k.Path) == 0 || !k.Path[0].Deref {
				return lockstate.Key{}, false
			}
			for i, p := range fn.Params {
				if p == param {
					return lockstate.Key{Root: lockstate.RootParam, Index: i, Name: k.Name, Path: k.Path[1:]}, true
				}
			}
			return lockstate.Key{}, false
		}
	}
	return lockstate.Key{}, false
}

func reportOnce(pass *analysis.Pass, res *ssabuild.Result, call *ssa.Call, key lockstate.Key, d onceDo) {
	start := func(lparen token.Pos) token.Pos {
		if ce := res.Call(lparen); ce != nil {
			return ce.Pos()
		}
		return lparen
	}
	expr := res.Call(call.Pos())
	if expr == nil {
		return
	}
	name := key.String()
	related := []analysis.RelatedInformation{}
	for _, c := range d.calls {
		text := c.Common().Description()
		if ce := res.Call(c.Pos()); ce != nil {
			text = srctext.Callee(pass.Fset, ce)
		}
		related = append(related, analysis.RelatedInformation{Pos: start(c.Pos()), Message: "which calls " + text})
	}
	related = append(related, analysis.RelatedInformation{Pos: start(d.site.Pos()), Message: fmt.Sprintf("%s.Do again: it waits for the first Do to return", name)})
	pass.Report(analysis.Diagnostic{
		Pos: expr.Pos(), End: expr.End(), Category: meta.Warning,
		Message: fmt.Sprintf("the function given to %s.Do reaches %s.Do again (line %d): Do waits for its own function to return, so this goroutine blocks forever",
			name, name, srctext.Line(pass.Fset, d.site.Pos())),
		Related: related,
	})
}
