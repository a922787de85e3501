// Package doublelock reports a sync.Mutex or RWMutex acquired again by the
// goroutine that already holds it: directly, through a callee that locks it
// (with the callee's boolean flags bound at the call), or a read lock taken
// while holding the write lock. Go's mutexes are not re-entrant, so every one
// of these deadlocks; an RLock re-entered while read-held deadlocks only when
// a writer queues between the two.
package doublelock

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/lockstate"
	"github.com/goconc/goconc/engine/model/ssabuild"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

var Analyzer = &analysis.Analyzer{
	Name: "double_lock",
	Doc: `a mutex locked again by the goroutine holding it

Go's sync.Mutex and RWMutex are not re-entrant: Lock on a mutex the same
goroutine holds blocks forever, as does RLock under Lock and Lock under RLock.
RLock under RLock deadlocks when a writer arrives between the two (the second
RLock waits behind it). Callees are followed through their summaries, with
boolean arguments bound (remove(k, false) does not lock when remove locks only
if needLock). Error when every path to the second acquisition holds the lock;
warning when some path does, and for RLock re-entry. Also once.Do(f) where
f, itself or through the functions it calls (five calls deep), calls Do on
the same Once: Do returns only after f does, so the second Do waits forever
(warning).`,
	Requires: []*analysis.Analyzer{lockstate.Analyzer, ssabuild.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Error, Category: "locks", Checklist: "defer-unlock"}

func run(pass *analysis.Pass) (any, error) {
	res := lockstate.Of(pass)
	for _, rep := range res.Reports {
		for _, d := range rep.DoubleLocks {
			call := res.Calls[d.Site]
			if call == nil {
				continue
			}
			name := d.Key.String()
			prev := srctext.Line(pass.Fset, d.Prev)
			severity := meta.Warning
			var msg string
			switch {
			case d.Read && d.PrevRead:
				if class := d.Key.Class(); class == "" || !res.WriteLocked[class] {
					continue // no writer anywhere: readers never wait for each other
				}
				what := fmt.Sprintf("%s.RLock()", name)
				if d.Via != "" {
					what = fmt.Sprintf("%s read-locks %s again", srctext.Callee(pass.Fset, call), name)
				}
				msg = fmt.Sprintf("%s while already holding its read lock (line %d): a writer waiting in between deadlocks both", what, prev)
			case d.Via != "":
				verb := "locks"
				if d.Read {
					verb = "read-locks"
				}
				msg = fmt.Sprintf("%s %s %s again while it is held (locked at line %d): Go mutexes are not re-entrant", srctext.Callee(pass.Fset, call), verb, name, prev)
				if d.Must && d.CalleeMust {
					severity = meta.Error
				}
			case !d.Read && d.PrevRead:
				msg = fmt.Sprintf("%s.Lock() while holding its read lock (line %d): the writer waits for itself", name, prev)
				if d.Must {
					severity = meta.Error
				}
			case d.Read && !d.PrevRead:
				msg = fmt.Sprintf("%s.RLock() while holding its write lock (line %d)", name, prev)
				if d.Must {
					severity = meta.Error
				}
			default:
				msg = fmt.Sprintf("%s is locked again while already held (locked at line %d): Go mutexes are not re-entrant", name, prev)
				if d.Must {
					severity = meta.Error
				}
			}
			if !d.Must && !(d.Read && d.PrevRead) {
				msg += " — on some paths"
			}
			pass.Report(analysis.Diagnostic{
				Pos: call.Pos(), End: call.End(), Category: severity, Message: msg,
				Related: []analysis.RelatedInformation{{Pos: res.CallStart(d.Prev), Message: "acquired here"}},
			})
		}
	}
	checkOnceReentry(pass)
	return nil, nil
}
