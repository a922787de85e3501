// Package concurrentmapwrite reports a map written with no lock held from a
// goroutine or handler while the same map is written or read concurrently:
// by another instance of the same goroutine or handler, by the function that
// started it before it waits, or by another goroutine. Go's runtime stops the
// program when it catches it ("fatal error: concurrent map writes").
package concurrentmapwrite

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/lockstate"
	"github.com/goconc/goconc/engine/model/races"
	"github.com/goconc/goconc/engine/rules/internal/racemsg"
)

var Analyzer = &analysis.Analyzer{
	Name: "concurrent_map_write",
	Doc: `a map written from several goroutines without a lock

Go maps are not safe for concurrent use: a write racing with another write
or a read crashes the program (fatal error: concurrent map writes). Reported
where a map reachable from a goroutine, errgroup/WaitGroup.Go, time.AfterFunc
callback or HTTP handler is written with no lock held, and the same map is
used concurrently: by another instance (a handler; goroutines started in a
loop), by the starting function before it waits, or by another goroutine. A
map made inside the goroutine, a sync.Map, and writes under a mutex stay
silent. Also reported (warning): a read, range or write with no lock held
racing with a write or read of the same map that holds a mutex — another
instance of the handler, the goroutine and its starter, two goroutines of one
starter (concurrent map read and map write crashes too) — and a write in a
helper reached holding only a read lock (RLock).

Quick fix, where it cannot deadlock: lock the mutex of the struct that holds
the map around the write.`,
	Requires: []*analysis.Analyzer{races.Analyzer, lockstate.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Error, Category: "shared-state", Checklist: "shared-state"}

func run(pass *analysis.Pass) (any, error) {
	for _, r := range races.Of(pass).Races {
		if !r.At.Map {
			continue
		}
		d := racemsg.Diagnostic(pass, r, fmt.Sprintf("map `%s`", r.At.Key.String()),
			"concurrent map writes crash the program; guard the map with a sync.Mutex, or use sync.Map")
		if r.Maybe || r.Conflict != races.WithItself || r.OtherLock != nil {
			d.Category = meta.Warning
		}
		if fix, ok := guardFix(pass, r); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
		pass.Report(d)
	}
	return nil, nil
}
