package rangeunclosed

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/model/lockstate"
	"github.com/goconc/goconc/engine/model/ssabuild"
	"github.com/goconc/goconc/engine/model/syncops"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

// chanField is what the package does with one unexported channel field of
// one of its struct types.
type chanField struct {
	name   string // "balancer.addrCh"
	elem   string // the element type, for closes the analysis cannot trace
	sends  []token.Pos
	escape bool // given a value from elsewhere, or its value handed on
	closed bool
}

// fieldChans classifies the package's unexported channel fields: every
// store a make(chan …) of the package, every load used only by sends,
// receives, select cases, len/cap or returned as a receive-only channel.
// Closes of values the analysis cannot trace to a field count against every
// field of that channel type (the closer may hold one of them).
func fieldChans(pass *analysis.Pass, funcs []*ssa.Function) map[string]*chanField {
	fields := map[string]*chanField{}
	get := func(fa *ssa.FieldAddr) *chanField {
		key, name, ok := chanFieldOf(pass, fa)
		if !ok {
			return nil
		}
		f := fields[key]
		if f == nil {
			f = &chanField{name: name, elem: elemKey(fa.Type().(*types.Pointer).Elem())}
			fields[key] = f
		}
		return f
	}
	untracedClose := map[string]bool{} // channel element types closed through untraced values
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch in := instr.(type) {
				case *ssa.Store:
					if fa, ok := in.Addr.(*ssa.FieldAddr); ok {
						if f := get(fa); f != nil {
							if _, made := stripChangeType(in.Val).(*ssa.MakeChan); !made {
								f.escape = true
							}
						}
					}
				case *ssa.UnOp:
					if in.Op != token.MUL {
						continue
					}
					if fa, ok := in.X.(*ssa.FieldAddr); ok {
						if f := get(fa); f != nil {
							classifyUses(in, f, 0)
						}
					}
				case *ssa.Call, *ssa.Defer:
					c := instr.(ssa.CallInstruction).Common()
					if b, ok := c.Value.(*ssa.Builtin); !ok || b.Name() != "close" || len(c.Args) != 1 {
						continue
					}
					if fa := fieldLoad(c.Args[0]); fa != nil {
						if f := get(fa); f != nil {
							f.closed = true
							continue
						}
					}
					untracedClose[elemKey(c.Args[0].Type())] = true
				}
			}
		}
	}
	for _, f := range fields {
		if untracedClose[f.elem] {
			f.closed = true
		}
	}
	return fields
}

// chanFieldOf names an unexported channel field of a struct type of this
// package: its key ("pkg.T.f") and "T.f".
func chanFieldOf(pass *analysis.Pass, fa *ssa.FieldAddr) (key, name string, ok bool) {
	ptr, isPtr := fa.X.Type().Underlying().(*types.Pointer)
	if !isPtr {
		return "", "", false
	}
	named, isNamed := types.Unalias(ptr.Elem()).(*types.Named)
	if !isNamed || named.Obj().Pkg() != pass.Pkg {
		return "", "", false
	}
	st, isStruct := named.Underlying().(*types.Struct)
	if !isStruct || fa.Field >= st.NumFields() {
		return "", "", false
	}
	field := st.Field(fa.Field)
	if field.Exported() {
		return "", "", false
	}
	if _, isChan := field.Type().Underlying().(*types.Chan); !isChan {
		return "", "", false
	}
	key = named.Obj().Pkg().Path() + "." + named.Obj().Name() + "." + field.Name()
	return key, named.Obj().Name() + "." + field.Name(), true
}

// elemKey is a channel type without its direction.
func elemKey(t types.Type) string {
	if ch, ok := t.Underlying().(*types.Chan); ok {
		return types.TypeString(ch.Elem(), nil)
	}
	return ""
}

func stripChangeType(v ssa.Value) ssa.Value {
	for {
		ct, ok := v.(*ssa.ChangeType)
		if !ok {
			return v
		}
		v = ct.X
	}
}

// fieldLoad: v is a load of a struct field (through conversions of the
// channel's direction).
func fieldLoad(v ssa.Value) *ssa.FieldAddr {
	if u, ok := stripChangeType(v).(*ssa.UnOp); ok && u.Op == token.MUL {
		fa, _ := u.X.(*ssa.FieldAddr)
		return fa
	}
	return nil
}

// classifyUses records the sends of a loaded field value and marks the
// field escaping when the value goes anywhere else than a channel
// operation or a receive-only result.
func classifyUses(v ssa.Value, f *chanField, depth int) {
	if depth > 3 {
		f.escape = true
		return
	}
	for _, r := range *v.Referrers() {
		switch r := r.(type) {
		case *ssa.Send:
			if r.X == v {
				f.escape = true
			} else {
				f.sends = append(f.sends, r.Pos())
			}
		case *ssa.UnOp:
			if r.Op != token.ARROW {
				f.escape = true
			}
		case *ssa.Select:
			for _, st := range r.States {
				if st.Send == v {
					f.escape = true
				} else if st.Chan == v && st.Dir == types.SendOnly {
					f.sends = append(f.sends, st.Pos)
				}
			}
		case *ssa.ChangeType:
			classifyUses(r, f, depth+1)
		case *ssa.Return:
			if ch, ok := v.Type().Underlying().(*types.Chan); !ok || ch.Dir() != types.RecvOnly {
				f.escape = true // a bidirectional channel handed out can be closed elsewhere
			}
		case *ssa.Call:
			if b, ok := r.Call.Value.(*ssa.Builtin); !ok || (b.Name() != "len" && b.Name() != "cap" && b.Name() != "close") {
				f.escape = true
			}
		case *ssa.Defer:
			if b, ok := r.Call.Value.(*ssa.Builtin); !ok || b.Name() != "close" {
				f.escape = true
			}
		case *ssa.DebugRef:
		default:
			f.escape = true
		}
	}
}

// rangedField is the field a range receives from: loaded in place
// (`range s.ch`) or returned by a static call of a function of the package
// whose every return is a load of that field (`range b.Notify()`).
func rangedField(pass *analysis.Pass, recv *ssa.UnOp) (key string, ok bool) {
	x := stripChangeType(recv.X)
	if fa := fieldLoad(x); fa != nil {
		key, _, ok = chanFieldOf(pass, fa)
		return key, ok
	}
	call, isCall := x.(*ssa.Call)
	if !isCall {
		return "", false
	}
	g := call.Call.StaticCallee()
	if g == nil || g.Pkg == nil || g.Pkg.Pkg != pass.Pkg || len(g.Blocks) == 0 || g.Signature.Results().Len() != 1 {
		return "", false
	}
	for _, b := range g.Blocks {
		ret, isRet := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !isRet {
			continue
		}
		fa := fieldLoad(ret.Results[0])
		if fa == nil {
			return "", false
		}
		k, _, ok := chanFieldOf(pass, fa)
		if !ok || (key != "" && k != key) {
			return "", false
		}
		key = k
	}
	return key, key != ""
}

// awaited: fn calls Done on a WaitGroup (itself or deferred) that the
// package Waits on somewhere — the WaitGroup's field class, or the same
// captured variable.
func awaited(fn *ssa.Function, funcs []*ssa.Function) (wait ssa.CallInstruction, ok bool) {
	var dones []lockstate.Key
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			ci, isCall := instr.(ssa.CallInstruction)
			if !isCall {
				continue
			}
			if m, isWG := syncops.MethodOf(ci.Common()); isWG && m.Kind == syncops.WaitGroup && m.Name == "Done" {
				if k, ok := lockstate.KeyOf(fn, m.Recv); ok {
					dones = append(dones, k)
				}
			}
		}
	}
	if len(dones) == 0 {
		return nil, false
	}
	for _, g := range funcs {
		for _, b := range g.Blocks {
			for _, instr := range b.Instrs {
				ci, isCall := instr.(*ssa.Call)
				if !isCall {
					continue
				}
				m, isWG := syncops.MethodOf(ci.Common())
				if !isWG || m.Kind != syncops.WaitGroup || m.Name != "Wait" {
					continue
				}
				k, ok := lockstate.KeyOf(g, m.Recv)
				if !ok {
					continue
				}
				for _, d := range dones {
					if (d.Class() != "" && d.Class() == k.Class()) || (d.Root == lockstate.RootCell && d.ID() == k.ID()) {
						return ci, true
					}
				}
			}
		}
	}
	return nil, false
}

// checkFieldRanges: `for v := range s.ch` (or `range s.get()`) over an
// unexported field channel that the package never closes and never hands
// out, in a function a WaitGroup waits for (it calls Done, the package
// calls Wait): the range never ends, so neither does the Wait.
func checkFieldRanges(pass *analysis.Pass, res *ssabuild.Result, ranges []*ast.RangeStmt) {
	funcs := res.Funcs()
	var fields map[string]*chanField
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				recv, ok := instr.(*ssa.UnOp)
				if !ok || recv.Op != token.ARROW || !recv.CommaOk {
					continue
				}
				r := enclosingRange(ranges, recv.Pos())
				if r == nil || !loopsBack(recv.Block()) {
					continue
				}
				key, ok := rangedField(pass, recv)
				if !ok {
					continue
				}
				if fields == nil {
					fields = fieldChans(pass, funcs)
				}
				f := fields[key]
				if f == nil || f.escape || f.closed || len(f.sends) == 0 {
					continue
				}
				wait, ok := awaited(fn, funcs)
				if !ok {
					continue
				}
				reportFieldRange(pass, res, r, f, wait)
			}
		}
	}
}

func enclosingRange(ranges []*ast.RangeStmt, pos token.Pos) *ast.RangeStmt {
	for _, r := range ranges {
		if r.For <= pos && pos < r.Body.Lbrace {
			return r
		}
	}
	return nil
}

func reportFieldRange(pass *analysis.Pass, res *ssabuild.Result, r *ast.RangeStmt, f *chanField, wait ssa.CallInstruction) {
	name := srctext.Expr(pass.Fset, r.X)
	waitText := "Wait()"
	if ce := res.Call(wait.Pos()); ce != nil {
		waitText = srctext.Expr(pass.Fset, ce)
	}
	d := analysis.Diagnostic{
		Pos: r.X.Pos(), End: r.X.End(),
		Message: fmt.Sprintf("`range %s` never ends: nothing in the package closes %s, and this goroutine's Done is awaited by %s, which then blocks forever too (close the channel when its producer stops)",
			name, f.name, waitText),
	}
	wpos := wait.Pos()
	if ce := res.Call(wpos); ce != nil {
		wpos = ce.Pos()
	}
	d.Related = append(d.Related, analysis.RelatedInformation{Pos: wpos, Message: "waits for the ranging goroutine"})
	for i, s := range f.sends {
		if i == 3 {
			break
		}
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: s, Message: fmt.Sprintf("sends on %s", f.name)})
	}
	pass.Report(d)
}
