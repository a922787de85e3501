// Package redislockunsaferelease reports a Redis lock with a TTL released
// with a plain DEL (or extended with a plain EXPIRE) of its key, in the
// acquiring function or in another method of the same type. Once the TTL has
// run out another process holds the key, and the plain command hits its lock.
// Acquisitions and key commands come from the shared model (model/redislock),
// which resolves calls by type and keys by what they denote.
package redislockunsaferelease

import (
	"fmt"
	"go/ast"

	"golang.org/x/tools/go/analysis"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/redislock"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

var Analyzer = &analysis.Analyzer{
	Name: "redis_lock_unsafe_release",
	Doc: `a Redis lock with a TTL released by a plain DEL or extended by a plain EXPIRE

After a SET-if-absent with a TTL the key may expire while its holder still
works (a GC pause, a slow query); another process then takes it, and the
holder's plain DEL deletes that process's lock (a third one gets in), a plain
EXPIRE extends it. Reported on DEL/UNLINK and EXPIRE-family commands on the
lock's key in the acquiring function, or in another method of the same type
when the key is a receiver field or a constant. A compare-and-delete Lua
script, or WATCH/MULTI (go-redis Watch, TxPipelined), is the safe release.
Without a TTL nobody else can hold the key: redis-lock-no-expiry reports that.`,
	Requires: []*analysis.Analyzer{redislock.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Warning, Category: "database", Checklist: "distributed-lock-reviewed"}

func run(pass *analysis.Pass) (any, error) {
	model := pass.ResultOf[redislock.Analyzer].(*redislock.Result)
	reported := map[*ast.CallExpr]bool{}
	for _, acq := range model.Acquires {
		if acq.NoExpiry {
			continue
		}
		for _, op := range acq.Ops {
			if reported[op.Call] {
				continue
			}
			reported[op.Call] = true
			call := srctext.Expr(pass.Fset, op.Call.Fun) + "(…)"
			key := srctext.Expr(pass.Fset, acq.Key)
			var msg string
			if op.Kind == redislock.Delete {
				msg = fmt.Sprintf("`%s` deletes lock `%s` without checking it still holds it: after the TTL ran out another holder owns the key and this deletes their lock (compare the token and delete in one Lua script: if GET == token then DEL)", call, key)
			} else {
				msg = fmt.Sprintf("`%s` extends lock `%s` without checking it still holds it: after the TTL ran out this extends another holder's lock (compare the token and PEXPIRE in one Lua script)", call, key)
			}
			pass.Report(analysis.Diagnostic{
				Pos: op.Call.Pos(), End: op.Call.End(), Message: msg,
				Related: []analysis.RelatedInformation{{Pos: acq.Call.Pos(), End: acq.Call.End(), Message: "lock taken here with a TTL"}},
			})
		}
	}
	return nil, nil
}
