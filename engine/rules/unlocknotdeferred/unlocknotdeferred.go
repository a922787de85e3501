// Package unlocknotdeferred points at a Lock released by hand on several
// ways out of a function where a defer would provably change nothing today:
// the Lock is at the top level of the function body (not in a loop), each
// Unlock is directly followed by a return whose results call nothing (or
// ends the function), and the function takes that lock only once. The next
// early return someone adds will then be correct too. An Unlock followed by
// more work is left alone: that work runs outside the lock on purpose, and
// moving the Unlock would run it under the lock — a deadlock if it takes the
// same lock (the engine issue's c.close() case).
package unlocknotdeferred

import (
	"fmt"
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/lockstate"
	"github.com/goconc/goconc/engine/rules/internal/deferfix"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

var Analyzer = &analysis.Analyzer{
	Name: "unlock_not_deferred",
	Doc: `early exits between Lock and a plain Unlock

A Lock whose Unlock is repeated on each early exit works until someone adds
an exit without it. defer mu.Unlock() right after the Lock keeps every exit
correct. Hint; the quick fix is offered only where it cannot change what runs
under the lock.`,
	Requires: []*analysis.Analyzer{lockstate.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Hint, Category: "locks", Checklist: "defer-unlock"}

func run(pass *analysis.Pass) (any, error) {
	res := lockstate.Of(pass)
	for _, rep := range res.Reports {
		perKey := map[string]int{}
		for _, a := range rep.Acquisitions {
			perKey[a.Key.ID()]++
		}
		for _, a := range rep.Acquisitions {
			// In a loop a defer would hold the lock to the end of the function, not the iteration.
			if a.Uncertain || a.Reacquires || a.InLoop || a.Via != "" || len(a.HeldAtReturns) > 0 || len(a.HeldAtPanics) > 0 || a.HeldIntoNextIteration {
				continue
			}
			var plain []token.Pos
			deferred := false
			for _, r := range a.Releases {
				if r.Deferred {
					deferred = true
				} else {
					plain = append(plain, r.Site)
				}
			}
			if deferred || len(plain) < 2 {
				continue
			}
			call := res.Calls[a.Site]
			if call == nil {
				continue
			}
			unlock := "Unlock"
			if a.Read {
				unlock = "RUnlock"
			}
			recv := srctext.Receiver(pass.Fset, call)
			// Reported only where the defer provably changes nothing today: an
			// Unlock followed by more work is usually deliberate (the work runs
			// outside the lock), and there a defer would be wrong advice.
			if perKey[a.Key.ID()] != 1 {
				continue
			}
			fix, ok := deferfix.Fix(pass, rep.Fn.Syntax(), call, plain, recv+"."+unlock+"()")
			if !ok {
				continue
			}
			d := analysis.Diagnostic{
				Pos: call.Pos(), End: call.End(),
				Message: fmt.Sprintf("%d exits each call %s.%s() by hand (lines %s): `defer %s.%s()` after the Lock keeps the next early return correct",
					len(plain), recv, unlock, srctext.Lines(pass.Fset, plain), recv, unlock),
				SuggestedFixes: []analysis.SuggestedFix{fix},
			}
			for _, p := range plain {
				d.Related = append(d.Related, analysis.RelatedInformation{Pos: res.CallStart(p), Message: "released by hand"})
			}
			pass.Report(d)
		}
	}
	return nil, nil
}
