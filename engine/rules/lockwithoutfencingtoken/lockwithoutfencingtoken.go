// Package lockwithoutfencingtoken reports a write to a shared store made
// while holding a distributed lock whose library offers a fencing token,
// when the write does not carry that token: a holder paused (GC, network)
// past its lease keeps writing after another process took the lock, and
// only a token the store checks makes that late write harmless. The model
// (which libraries offer a token, the held region, the writes, how a value
// carries the token) is package fencing's.
package lockwithoutfencingtoken

import (
	"fmt"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/fencing"
)

var Analyzer = &analysis.Analyzer{
	Name: "lock_without_fencing_token",
	Doc: `a write made under a distributed lock that offers a fencing token, without the token

Locks, resolved by type: goconc's runtime/dlock (a dlock.Lease from
Locker.Lock/TryLock, whose Token() is the fencing token) and etcd's
client/v3/concurrency.Mutex (after Lock/TryLock; fenced by a Txn comparing
on m.IsOwner(), m.Key() or m.Header()). The hold runs from the acquiring
call to an Unlock in the same function (to return for a deferred Unlock).
Writes, resolved by type: database/sql, sqlx and pgx Exec (and queries
whose constant SQL is INSERT/UPDATE/DELETE…), GORM Create/Save/Update/
Updates/Delete/Exec…, go-redis writing commands, etcd Put/Delete and Txn
commits with Put/Delete operations — in the hold, or in functions of the
package called or function literals created there. Silent when an operand
of the write (arguments, receiver, a GORM builder chain, a Txn's If) data-
depends on the token: directly, through locals, struct fields, composite
literals, a helper's parameter or result. Not judged: locks without tokens
(redsync, bsm/redislock, SET NX — see lock-ttl-shorter-than-work and
redis-lock-unsafe-release), reads, writes after the release, _test.go files.`,
	Requires: []*analysis.Analyzer{fencing.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Information, Category: "database", Checklist: "distributed-lock-reviewed"}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[fencing.Analyzer].(*fencing.Result)
	for _, w := range res.Unfenced {
		if isTest(pass, w.Pos) || isTest(pass, w.Acquire) {
			continue
		}
		line := pass.Fset.Position(w.Acquire).Line
		var msg string
		switch w.Lib {
		case fencing.Dlock:
			msg = fmt.Sprintf("%s writes while the distributed lock taken at line %d is held but does not carry the lease's fencing token: a holder paused past its lease can overwrite a newer holder's write (pass lease.Token() with the write and have the store reject older tokens, e.g. UPDATE … SET fence = $n WHERE … AND fence < $n)", w.What, line)
		case fencing.Etcd:
			msg = fmt.Sprintf("%s writes while the etcd mutex locked at line %d is held but is not conditioned on still owning it: a holder whose session expired can overwrite a newer holder's write (commit it in a Txn with If(m.IsOwner()))", w.What, line)
		default:
			continue
		}
		related := []analysis.RelatedInformation{{Pos: w.Acquire, Message: "the lock is taken here"}}
		if w.Via.IsValid() {
			related = append(related, analysis.RelatedInformation{Pos: w.Via, Message: "the write runs in this call, with the lock held"})
		}
		pass.Report(analysis.Diagnostic{Pos: w.Pos, Message: msg, Related: related})
	}
	return nil, nil
}

func isTest(pass *analysis.Pass, pos token.Pos) bool {
	return strings.HasSuffix(pass.Fset.Position(pos).Filename, "_test.go")
}
