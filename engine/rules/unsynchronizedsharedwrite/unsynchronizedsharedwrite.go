// Package unsynchronizedsharedwrite reports a package variable, captured
// variable or field written with no lock held from a goroutine or handler
// while the same location is written or read concurrently: by another
// instance of the same goroutine or handler, by the function that started it
// before it waits, or by another goroutine; and an access without a lock —
// a read included — racing with one that holds a mutex. Atomics (sync/atomic functions and
// types) are calls, not plain accesses, and stay silent.
package unsynchronizedsharedwrite

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/races"
	"github.com/goconc/goconc/engine/rules/internal/racemsg"
)

var Analyzer = &analysis.Analyzer{
	Name: "unsynchronized_shared_write",
	Doc: `a variable written in goroutines without a lock, atomic or hand-off

A write racing with another access is a data race: the reader may see a torn
or stale value, and the compiler may reorder or cache either side. Reported
where a package variable, captured variable or field reachable from a
goroutine, errgroup/WaitGroup.Go, time.AfterFunc callback or HTTP handler is
written with no lock held and the same location is accessed concurrently: by
another instance (a handler; goroutines started in a loop), by the starting
function before it waits (Wait, a receive, a select), or by another goroutine.

Also reported, as the other half of a lockset race: an access with no lock
held — a read included — to a location that a concurrent access writes or
reads holding a mutex (another instance of the same handler, the goroutine
and its starter, two goroutines of one starter): the lock on one side says
the location is shared, and the two hold no lock in common. A function
documented or named as running under its caller's lock ("Lock should be
held", *Locked) or releasing a lock it did not take, a side that can only
run after a receive or Wait when the other side signals, and the timer a
time.AfterFunc call returns stay silent.

Variables made inside the goroutine, atomics and writes under a mutex stay
silent.`,
	Requires: []*analysis.Analyzer{races.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Warning, Category: "shared-state", Checklist: "shared-state"}

func run(pass *analysis.Pass) (any, error) {
	for _, r := range races.Of(pass).Races {
		if r.At.Map {
			continue
		}
		d := racemsg.Diagnostic(pass, r, fmt.Sprintf("`%s`", r.At.Key.String()),
			"guard it with a sync.Mutex, use sync/atomic, or hand the value over through a channel")
		if fix, ok := lockFix(pass, r); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
		pass.Report(d)
	}
	return nil, nil
}
