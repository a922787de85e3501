// Package fieldguardmissing reports an access to a field (or package
// variable) without the mutex that guards it everywhere else: the guard is
// inferred from the locks held at the field's accesses (the guardedby
// model), or named by a comment on the field.
package fieldguardmissing

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/guardedby"
)

var Analyzer = &analysis.Analyzer{
	Name: "field_guard_missing",
	Doc: `a field accessed without the mutex that guards it elsewhere

A field that a mutex of its struct guards at most of its accesses (at least
three, and three in four of those outside constructors), or that a comment
says is guarded ("// guarded by mu", "// +checklocks:mu", a mutex commented
"protects the following"), is read or written without that mutex — or
written holding it only in read mode (RLock) — in code that can run
concurrently with the guarded accesses: a function reached from a goroutine,
callback or HTTP handler, or an exported method of a type that owns a mutex.

A function that holds no lock counts as holding its callers' locks when every
call site in the package holds them (followed up to three calls up); a
function named *Locked, or documented "must hold mu" / "mu must be held",
counts as holding them. Silent: constructors and any access to a value
before its function publishes it, package initialisers, test files, fields
never written once published, fields of types that synchronise themselves
(sync, sync/atomic, channels, structs with their own mutex), fields ever
used with sync/atomic, and reads under RLock.

What it cannot see: callers in other packages (an exported helper that
expects its caller to hold the lock is reported when nothing in the package
says so), accesses through a slice or map element of structs, locks held by
a goroutine that is the field's only writer (a single-writer field read
without the lock by its writer is reported), and orderings other than locks
(a channel hand-off, a WaitGroup) that make an unlocked access safe.`,
	Requires: []*analysis.Analyzer{guardedby.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Hint, Category: "shared-state", Checklist: "shared-state"}

func run(pass *analysis.Pass) (any, error) {
	for _, f := range guardedby.Of(pass).Findings {
		a, g := f.Access, f.Guard
		what := "read here without it"
		switch {
		case a.Write && f.ReadLocked:
			what = "written here holding it only for reading (RLock)"
		case a.Write:
			what = "written here without it"
		}
		var why string
		if g.Documented != "" {
			why = fmt.Sprintf("is documented as guarded by `%s`", f.LockName)
			if g.Total > 0 {
				why += fmt.Sprintf(" (held at %d of %d accesses outside constructors)", g.Guarded, g.Total)
			}
		} else {
			why = fmt.Sprintf("is guarded by `%s` at %d of %d accesses outside constructors", f.LockName, g.Guarded, g.Total)
		}
		name := a.Key.String()
		if name == "" {
			name = a.Var.Name()
		}
		d := analysis.Diagnostic{
			Pos:     a.Instr.Pos(),
			Message: fmt.Sprintf("`%s` %s, but %s: hold `%s` here (or document why this access cannot race)", name, why, what, f.LockName),
		}
		for _, r := range f.Related {
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: r.Instr.Pos(), Message: fmt.Sprintf("`%s` accessed holding `%s`", r.Key.String(), f.LockName)})
		}
		pass.Report(d)
	}
	return nil, nil
}
