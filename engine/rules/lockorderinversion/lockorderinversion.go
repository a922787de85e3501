// Package lockorderinversion reports two code paths that take the same two
// lock classes in opposite orders (AB-BA): run concurrently, each can hold
// the lock the other waits for. Acquisitions are ordered events, including
// those inside callees: a callee that releases the caller's lock before taking
// another adds no edge.
package lockorderinversion

import (
	"fmt"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/lockstate"
)

var Analyzer = &analysis.Analyzer{
	Name: "lock_order_inversion",
	Doc: `two paths taking the same two locks in opposite orders

Lock classes are struct fields of a named type (Bank.mu) and package
variables. An inversion is reported when one path acquires B while holding A
and another acquires A while holding B, unless both waits are for read locks
of an RWMutex (readers do not block readers) or both paths hold a common
third lock for writing (a gate that serialises them). Locks of one class
(parent and child nodes) are not ordered against each other. Edges of
imported packages travel as facts. Warning: the two paths must also run
concurrently, which the analysis does not prove.`,
	Requires: []*analysis.Analyzer{lockstate.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Warning, Category: "locks", Checklist: "shared-state"}

type side struct {
	from, to         string
	fromRead, toRead bool
	site             token.Pos
	fn               string
	gates            []string
}

func run(pass *analysis.Pass) (any, error) {
	res := lockstate.Of(pass)
	var local []side
	for _, r := range res.Reports {
		for _, e := range r.Edges {
			local = append(local, side{e.From, e.To, e.FromRead, e.ToRead, e.Site, funcLabel(e.Fn), e.Gates})
		}
	}
	var all []side
	all = append(all, local...)
	for _, e := range res.ImportedEdges {
		all = append(all, side{e.From, e.To, e.FromRead, e.ToRead, token.NoPos, e.Func, e.Gates})
	}
	for _, e := range local {
		call := res.Calls[e.site]
		if call == nil {
			continue
		}
		for _, o := range all {
			if o.from != e.to || o.to != e.from || !conflict(e, o) || shareGate(e, o) {
				continue
			}
			d := analysis.Diagnostic{
				Pos: call.Pos(), End: call.End(),
				Message: fmt.Sprintf("lock order inversion: %s is locked while holding %s here, but %s locks %s while holding %s",
					lockstate.ClassLabel(e.to), lockstate.ClassLabel(e.from), o.fn, lockstate.ClassLabel(o.to), lockstate.ClassLabel(o.from)),
			}
			if o.site.IsValid() {
				d.Related = []analysis.RelatedInformation{{Pos: res.CallStart(o.site), Message: "the opposite order: " + lockstate.ClassLabel(o.to) + " while holding " + lockstate.ClassLabel(o.from)}}
			}
			pass.Report(d)
			break
		}
	}
	return nil, nil
}

// conflict: each side waits for a lock the other holds in a mode that blocks it.
func conflict(e, o side) bool {
	waitsOnO := !(e.toRead && o.fromRead)
	waitsOnE := !(o.toRead && e.fromRead)
	return waitsOnO && waitsOnE
}

func shareGate(e, o side) bool {
	for _, g := range e.gates {
		for _, h := range o.gates {
			if g == h {
				return true
			}
		}
	}
	return false
}

// funcLabel names a function as a reader finds it: Branch.Close, RemoveGroup.
func funcLabel(fn *ssa.Function) string {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	if recv := fn.Signature.Recv(); recv != nil {
		t := recv.Type().String()
		t = strings.TrimPrefix(t, "*")
		if i := strings.LastIndex(t, "."); i >= 0 {
			t = t[i+1:]
		}
		return t + "." + fn.Name()
	}
	return fn.Name()
}
