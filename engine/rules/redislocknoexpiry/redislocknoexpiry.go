// Package redislocknoexpiry reports a Redis lock taken with SET-if-absent and
// no expiry: go-redis SetNX(ctx, key, v, 0), SetArgs with Mode "NX" and no
// TTL, SET … NX without EX/PX (or SETNX) through go-redis or redigo Do. A
// holder that crashes before releasing it leaves the key forever. Calls are
// resolved by type (model/dbtypes), the expiry read as a constant value.
package redislocknoexpiry

import (
	"fmt"
	"go/ast"

	"golang.org/x/tools/go/analysis"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/redislock"
	"github.com/goconc/goconc/engine/rules/internal/srctext"
)

var Analyzer = &analysis.Analyzer{
	Name: "redis_lock_no_expiry",
	Doc: `a Redis lock taken with SETNX / SET NX and no expiry

A SET-if-absent with no TTL (SetNX with a constant 0 expiration, SetArgs
with Mode "NX" and neither TTL nor ExpireAt, SET … NX without EX/PX, SETNX)
whose key is released by a DEL, or which its key, function or receiver type
names a lock, stays forever when its holder crashes before releasing it. An
EXPIRE sent as a second command leaves the same hole between the two
commands. A set-once marker (nothing releases it, nothing calls it a lock)
is not reported.`,
	Requires: []*analysis.Analyzer{redislock.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Warning, Category: "database", Checklist: "distributed-lock-reviewed"}

func run(pass *analysis.Pass) (any, error) {
	model := pass.ResultOf[redislock.Analyzer].(*redislock.Result)
	for _, acq := range model.Acquires {
		if !acq.NoExpiry {
			continue
		}
		var releases []analysis.RelatedInformation
		var expire *redislock.KeyOp
		for _, op := range acq.Ops {
			switch {
			case op.Kind == redislock.Delete:
				releases = append(releases, analysis.RelatedInformation{Pos: op.Call.Pos(), End: op.Call.End(), Message: "released here"})
			case op.Kind == redislock.Expire && op.SameFunction && op.Call.Pos() > acq.Call.Pos() && expire == nil:
				expire = op
			}
		}
		if !acq.LockNamed && len(releases) == 0 {
			continue
		}
		call := srctext.Expr(pass.Fset, acq.Call.Fun) + "(…)"
		key := srctext.Expr(pass.Fset, acq.Key)
		d := analysis.Diagnostic{Pos: acq.Call.Pos(), End: acq.Call.End()}
		if expire != nil {
			d.Message = fmt.Sprintf("`%s` takes lock `%s` with no expiry and sets it with a separate `%s(…)`: a crash between the two commands leaves a lock that never expires (pass the TTL to SetNX itself)",
				call, key, methodName(expire.Call))
			d.Related = []analysis.RelatedInformation{{Pos: expire.Call.Pos(), End: expire.Call.End(), Message: "expiry set by a second command here"}}
		} else {
			d.Message = fmt.Sprintf("`%s` takes lock `%s` with no expiry: if the holder crashes before releasing it, the key stays and nobody gets the lock again (set a TTL in the same command, e.g. SetNX(ctx, key, token, ttl), and renew it while working)",
				call, key)
			d.Related = releases
		}
		pass.Report(d)
	}
	return nil, nil
}

// methodName is the called method's name ("Expire" of rdb.Expire(…)).
func methodName(call *ast.CallExpr) string {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		return sel.Sel.Name
	}
	return "Expire"
}
