// Package condsignalmissing reports a sync.Cond that some goroutine Waits on
// but that nothing can Signal or Broadcast: the waiter sleeps forever. A
// Cond in an unexported struct field or package variable can only be
// reached from its own package, so the package is all there is to look at;
// a local Cond, only from its function and closures. Exported conds, and
// conds whose value leaves those places (passed to a call, stored elsewhere,
// a method value taken), are left alone.
package condsignalmissing

import (
	"fmt"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/ssabuild"
	"github.com/goconc/goconc/engine/model/syncops"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

var Analyzer = &analysis.Analyzer{
	Name: "cond_signal_missing",
	Doc: `a sync.Cond waited on that nothing signals or broadcasts

Wait returns only after a Signal or Broadcast. Reported when no Signal or
Broadcast can reach the Cond: for an unexported struct field (by its
declaring type and field) or package variable, none anywhere in the package;
for a local, none in its function and closures. Exported fields and
variables (other packages may signal them) and conds whose value escapes
(passed to a function, stored elsewhere, a method value taken) are not
reported.`,
	Requires: []*analysis.Analyzer{ssabuild.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Warning, Category: "locks", Checklist: "shared-state"}

// class is what a Cond is, across the package: a field of a named struct,
// a package variable, or (for a local) the value that creates it.
type class struct {
	waits    []*ssa.Call
	signals  bool
	sites    []ssa.CallInstruction // the Signal and Broadcast calls
	escapes  bool
	exported bool
}

type checker struct {
	classes map[string]*class
	order   []string
	// bound maps a closure's captured variable to what its creator binds.
	bound map[*ssa.FreeVar]ssa.Value
}

func (c *checker) class(key string, exported bool) *class {
	k := c.classes[key]
	if k == nil {
		k = &class{exported: exported}
		c.classes[key] = k
		c.order = append(c.order, key)
	}
	return k
}

func run(pass *analysis.Pass) (any, error) {
	if !ssabuild.Imports(pass, "sync") {
		return nil, nil
	}
	res := ssabuild.Of(pass)
	c := &checker{classes: map[string]*class{}, bound: map[*ssa.FreeVar]ssa.Value{}}
	for _, fn := range res.Funcs() {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if mc, ok := instr.(*ssa.MakeClosure); ok {
					if f, ok := mc.Fn.(*ssa.Function); ok {
						for i, fv := range f.FreeVars {
							if _, seen := c.bound[fv]; !seen && i < len(mc.Bindings) {
								c.bound[fv] = mc.Bindings[i]
							}
						}
					}
				}
			}
		}
	}
	for _, fn := range res.Funcs() {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				c.visit(instr)
			}
		}
	}
	for _, key := range c.order {
		k := c.classes[key]
		if k.escapes || k.exported {
			continue
		}
		if k.signals {
			reportSoleSignaler(pass, res, k)
			continue
		}
		for _, w := range k.waits {
			expr := res.Call(w.Pos())
			if expr == nil {
				continue
			}
			cond := srctext.Receiver(pass.Fset, expr)
			pass.Report(analysis.Diagnostic{
				Pos: expr.Pos(), End: expr.End(),
				Message: fmt.Sprintf("%s.Wait() waits for a Signal or Broadcast that nothing in the package sends: this goroutine sleeps forever (call %s.Broadcast() where the condition changes)", cond, cond),
			})
		}
	}
	return nil, nil
}

// reportSoleSignaler reports the waits of a class whose only signaller is a
// goroutine started once that can return without signalling.
func reportSoleSignaler(pass *analysis.Pass, res *ssabuild.Result, k *class) {
	sole, ok := soleSignalerOf(k.sites, res.Funcs())
	if !ok {
		return
	}
	for _, w := range k.waits {
		if w.Parent() == sole.fn {
			continue
		}
		expr := res.Call(w.Pos())
		if expr == nil {
			continue
		}
		cond := srctext.Receiver(pass.Fset, expr)
		related := []analysis.RelatedInformation{{Pos: sole.start.Pos(), Message: "the only goroutine that signals it, started once here"}}
		for _, r := range sole.returns {
			related = append(related, analysis.RelatedInformation{Pos: r.Pos(), Message: "returns without signalling"})
		}
		pass.Report(analysis.Diagnostic{
			Pos: expr.Pos(), End: expr.End(), Related: related,
			Message: fmt.Sprintf("%s.Wait() can only be woken by %s, which runs once as a goroutine and can return without signalling (line %d): on that path this goroutine sleeps forever (signal on every path, e.g. defer the Broadcast)", cond, sole.fn.Name(), pass.Fset.Position(sole.returns[0].Pos()).Line),
		})
	}
}

// visit records the Cond operations and escapes of one instruction.
func (c *checker) visit(instr ssa.Instruction) {
	if call, ok := instr.(ssa.CallInstruction); ok {
		if m, ok := syncops.MethodOf(call.Common()); ok && m.Kind == syncops.Cond {
			key, exported, ok := c.classOf(m.Recv)
			if !ok {
				return
			}
			k := c.class(key, exported)
			switch m.Name {
			case "Signal", "Broadcast":
				k.signals = true
				k.sites = append(k.sites, call)
			case "Wait":
				if call, ok := call.(*ssa.Call); ok {
					k.waits = append(k.waits, call)
				}
			}
			return
		}
	}
	// A Cond value that goes anywhere but a Cond method's receiver (or a
	// nil check, or a local variable) may be signalled there; so may the
	// Cond in a local variable whose address goes anywhere but its loads,
	// stores and closures.
	v, ok := instr.(ssa.Value)
	if !ok || v.Referrers() == nil {
		return
	}
	use := condUse
	if !isCond(v.Type()) {
		switch v.(type) {
		case *ssa.Alloc, *ssa.FieldAddr: // a variable or field holding a *sync.Cond
			if !isCond(deref(v.Type())) {
				return
			}
			use = cellUse
		default:
			return
		}
	}
	key, exported, ok := c.classOf(v)
	if !ok {
		return
	}
	for _, r := range *v.Referrers() {
		if !use(r, v) {
			c.class(key, exported).escapes = true
		}
	}
}

// cellUse: r reads or writes the local variable, or binds it in a closure.
func cellUse(r ssa.Instruction, cell ssa.Value) bool {
	switch r := r.(type) {
	case *ssa.DebugRef, *ssa.MakeClosure:
		return true
	case *ssa.Store:
		return r.Addr == cell
	case *ssa.UnOp:
		return r.Op == token.MUL
	}
	return false
}

// condUse: r uses the Cond v only as a Cond method's receiver, compares it
// with nil, stores a new Cond into its field, or keeps it in a local
// variable (a captured or reassigned local: followed by its own loads).
func condUse(r ssa.Instruction, v ssa.Value) bool {
	switch r := r.(type) {
	case *ssa.DebugRef, *ssa.FieldAddr: // c.L
		return true
	case *ssa.BinOp:
		return r.Op == token.EQL || r.Op == token.NEQ
	case *ssa.Store:
		if r.Addr == v {
			return true // assigning the field or variable
		}
		_, local := r.Addr.(*ssa.Alloc)
		return local
	case *ssa.UnOp:
		return r.Op == token.MUL
	case ssa.CallInstruction:
		m, ok := syncops.MethodOf(r.Common())
		return ok && m.Kind == syncops.Cond && m.Recv == v && len(r.Common().Args) <= 1
	}
	return false
}

// classOf names the Cond a value refers to: "T.f" for a field of a named
// struct, the variable for a package variable, the creating value for a
// local (through the local variables and captured variables that hold it).
func (c *checker) classOf(v ssa.Value) (key string, exported, ok bool) {
	switch x := v.(type) {
	case *ssa.UnOp:
		if x.Op == token.MUL {
			return c.classOf(x.X)
		}
	case *ssa.FieldAddr:
		owner := deref(x.X.Type())
		named, isNamed := types.Unalias(owner).(*types.Named)
		if !isNamed {
			return "", false, false
		}
		st, isStruct := named.Underlying().(*types.Struct)
		if !isStruct || x.Field >= st.NumFields() {
			return "", false, false
		}
		f := st.Field(x.Field)
		return named.Obj().Pkg().Path() + "." + named.Obj().Name() + "." + f.Name(), f.Exported() || f.Embedded(), true
	case *ssa.Global:
		return "var " + x.Pkg.Pkg.Path() + "." + x.Name(), x.Object().Exported(), true
	case *ssa.Call:
		if syncops.CalleeName(x.Common()) == "sync.NewCond" {
			return fmt.Sprintf("new %p", x), false, true
		}
	case *ssa.Alloc:
		if isCondValue(deref(x.Type())) {
			return fmt.Sprintf("new %p", x), false, true // var c sync.Cond
		}
		// A local variable holding a *sync.Cond: the Cond stored into it.
		if isCond(deref(x.Type())) {
			return c.storedCond(x)
		}
	case *ssa.FreeVar:
		if b, ok := c.bound[x]; ok {
			return c.classOf(b)
		}
	}
	return "", false, false
}

// storedCond: the Cond a local variable holds, when every store into it
// stores the same creation.
func (c *checker) storedCond(cell *ssa.Alloc) (string, bool, bool) {
	var key string
	for _, r := range *cell.Referrers() {
		st, ok := r.(*ssa.Store)
		if !ok || st.Addr != cell {
			continue
		}
		k, exported, ok := c.classOf(st.Val)
		if !ok || (key != "" && k != key) {
			return "", false, false
		}
		key = k
		if exported {
			return "", false, false
		}
	}
	return key, false, key != ""
}

func deref(t types.Type) types.Type {
	if p, ok := types.Unalias(t).Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// isCondValue: t is sync.Cond itself (not a pointer to it).
func isCondValue(t types.Type) bool {
	_, ptr := types.Unalias(t).(*types.Pointer)
	return !ptr && syncops.IsNamed(t, "sync", "Cond")
}

// isCond: a *sync.Cond, or the address of a sync.Cond.
func isCond(t types.Type) bool {
	p, ok := types.Unalias(t).Underlying().(*types.Pointer)
	return ok && isCondValue(p.Elem())
}
