// Package lockwithoutunlock reports a lock acquired in a function and still
// held on some way out of it (a return, a panic, the next loop iteration)
// while other ways out release it. A function that returns holding the lock
// on every path hands it to its caller, and is checked at the caller.
package lockwithoutunlock

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/lockstate"
	"github.com/goconc/goconc/engine/model/ssabuild"
	"github.com/goconc/goconc/engine/rules/internal/deferfix"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

var Analyzer = &analysis.Analyzer{
	Name: "lock_without_unlock",
	Doc: `a return, panic or loop iteration that leaves a mutex locked

The seed's "missing defer Unlock → deadlock": a Lock whose early return or
continue skips the Unlock leaves the mutex held, and the next Lock blocks
forever. Releases through defer, local closures, sync.OnceFunc, method values
and goroutines that are joined are followed. A function that returns with the
lock held on every path hands it over (lockX() helpers) and is checked where it
is called; one that returns a different constant when it holds the lock (a
try-lock) is left alone. Whether the leaking path runs depends on
values the analysis does not know — except that a return reached with the
lock held on every path into it is an error: that return is the proof. A
panic path alone is information: it matters only where the panic is
recovered (net/http does).

Also a buffered chan struct{} used as a semaphore: a function sends a token
into a field channel the package only makes buffered, and on some path
after that receives it back (itself, deferred, in a callee or a goroutine it
starts), while another path returns without: each such return keeps a slot
(warning).`,
	Requires: []*analysis.Analyzer{lockstate.Analyzer, ssabuild.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Error, Category: "locks", Checklist: "defer-unlock"}

func run(pass *analysis.Pass) (any, error) {
	res := lockstate.Of(pass)
	for _, rep := range res.Reports {
		for _, a := range rep.Acquisitions {
			// "Some element of s.items" (Key.Exact) is no one lock: taking
			// each in one loop and releasing each in another leaves the class
			// "held" on the path that skipped the second loop.
			if a.Uncertain || a.Reacquires || !a.Key.Exact() {
				continue
			}
			call := res.Calls[a.Site]
			if call == nil {
				continue
			}
			what := lockCall(a)
			d := analysis.Diagnostic{Pos: call.Pos(), End: call.End()}
			switch {
			case len(a.HeldAtReturns) > 0 && len(a.ReleasedAtReturns) > 0:
				if signalledByResult(a) || acquiredOnSuccess(rep, a) {
					continue
				}
				n := distinctLines(pass, a.HeldAtReturns)
				d.Message = fmt.Sprintf("%s is not released on every path: the return%s at line %s keep%s it locked",
					what, srctext.Plural(n), exits(pass, a.HeldAtReturns), verbS(n))
				// Error when every path reaching a leaking return holds the lock
				// (the return itself is the proof); warning when only some do.
				d.Category = meta.Error
				for _, h := range a.HeldAtReturns {
					for _, r := range a.ReleasedAtReturns {
						if r.Pos == h.Pos {
							d.Category = meta.Warning
						}
					}
				}
				for _, e := range a.HeldAtReturns {
					d.Related = append(d.Related, analysis.RelatedInformation{Pos: e.Pos, Message: "returns with " + a.Key.String() + " held"})
				}
				d.SuggestedFixes = deferFix(pass, rep, a, call)
			case a.HeldIntoNextIteration:
				d.Category = meta.Warning
				d.Message = fmt.Sprintf("%s is not released before the loop comes back to it: the next iteration deadlocks", what)
			case len(a.HeldAtReturns) > 0:
				// Held at every return: handed to the caller. A leak only if
				// nothing in the package ever releases this lock.
				class := a.Key.Class()
				if a.Via != "" || class == "" || res.Releases[class] || len(a.HeldAtPanics) > 0 {
					continue
				}
				d.Category = meta.Warning
				d.Message = fmt.Sprintf("%s is never released: no path of this function unlocks it and nothing in the package unlocks %s", what, lockstate.ClassLabel(class))
			case len(a.HeldAtPanics) > 0 && len(a.Releases) > 0:
				d.Category = meta.Information
				d.Message = fmt.Sprintf("%s is not released when the panic at line %s unwinds: a recovered panic (net/http recovers handlers) leaves it locked; use defer",
					what, srctext.Lines(pass.Fset, a.HeldAtPanics))
				for _, p := range a.HeldAtPanics {
					d.Related = append(d.Related, analysis.RelatedInformation{Pos: p, Message: "panics with " + a.Key.String() + " held"})
				}
				d.SuggestedFixes = deferFix(pass, rep, a, call)
			default:
				continue
			}
			pass.Report(d)
		}
	}
	checkSemaphores(pass)
	return nil, nil
}

// deferFix offers defer right after a direct Lock, the manual unlocks
// removed, where deferfix proves it keeps behaviour.
func deferFix(pass *analysis.Pass, rep *lockstate.FuncReport, a *lockstate.Acquisition, call *ast.CallExpr) []analysis.SuggestedFix {
	if a.Via != "" {
		return nil
	}
	var plain []token.Pos
	for _, r := range a.Releases {
		if r.Deferred {
			return nil
		}
		plain = append(plain, r.Site)
	}
	for _, other := range rep.Acquisitions {
		if other != a && other.Key.ID() == a.Key.ID() {
			return nil // locked again later: one defer cannot pair with both
		}
	}
	unlock := "Unlock()"
	if a.Read {
		unlock = "RUnlock()"
	}
	fix, ok := deferfix.Fix(pass, rep.Fn.Syntax(), call, plain, srctext.Receiver(pass.Fset, call)+"."+unlock)
	if !ok {
		return nil
	}
	return []analysis.SuggestedFix{fix}
}

func lockCall(a *lockstate.Acquisition) string {
	if a.Via != "" {
		return fmt.Sprintf("%s (returns with %s held)", a.Via+"()", a.Key.String())
	}
	if a.Read {
		return a.Key.String() + ".RLock()"
	}
	return a.Key.String() + ".Lock()"
}

func exits(pass *analysis.Pass, es []lockstate.Exit) string {
	ps := make([]token.Pos, len(es))
	for i, e := range es {
		ps[i] = e.Pos
	}
	return srctext.Lines(pass.Fset, ps)
}

func distinctLines(pass *analysis.Pass, es []lockstate.Exit) int {
	seen := map[int]bool{}
	for _, e := range es {
		seen[srctext.Line(pass.Fset, e.Pos)] = true
	}
	return len(seen)
}

func verbS(n int) string {
	if n == 1 {
		return "s"
	}
	return ""
}

// signalledByResult: the returns that keep the lock return one constant and
// those that release it another (acquired, ok := true/false): a try-lock
// helper whose caller reads the result.
func signalledByResult(a *lockstate.Acquisition) bool {
	if len(a.HeldAtReturns) == 0 || len(a.ReleasedAtReturns) == 0 {
		return false
	}
	n := len(a.HeldAtReturns[0].Consts)
	for i := 0; i < n; i++ {
		held := constAt(a.HeldAtReturns, i)
		rel := constAt(a.ReleasedAtReturns, i)
		if held != "" && rel != "" && held != rel {
			return true
		}
	}
	return false
}

// acquiredOnSuccess: the Go idiom of a constructor that returns holding the
// lock when its error result is nil and releases it on every error return
// (bbolt's beginTx: "released by the transaction when it closes").
func acquiredOnSuccess(rep *lockstate.FuncReport, a *lockstate.Acquisition) bool {
	res := rep.Fn.Signature.Results()
	if res.Len() == 0 || !types.Identical(res.At(res.Len()-1).Type(), types.Universe.Lookup("error").Type()) {
		return false
	}
	last := res.Len() - 1
	for _, e := range a.HeldAtReturns {
		if last >= len(e.Consts) || !strings.HasPrefix(e.Consts[last], "nil") {
			return false
		}
	}
	for _, e := range a.ReleasedAtReturns {
		if last < len(e.Consts) && strings.HasPrefix(e.Consts[last], "nil") {
			return false
		}
	}
	return true
}

func constAt(es []lockstate.Exit, i int) string {
	v := ""
	for _, e := range es {
		if i >= len(e.Consts) || e.Consts[i] == "" || (v != "" && e.Consts[i] != v) {
			return ""
		}
		v = e.Consts[i]
	}
	return v
}
