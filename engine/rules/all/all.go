// Package all is the registry of goconc's Go rules: the only place that
// lists them. Drivers (the CLI, the editor daemon, go vet's -vettool, the
// golangci-lint plugin) take their analyzers from here.
package all

import (
	"golang.org/x/tools/go/analysis"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/rules/advisorylockpooledconn"
	"github.com/goconc/goconc/engine/rules/atomicmixedaccess"
	"github.com/goconc/goconc/engine/rules/cancelnotcalled"
	"github.com/goconc/goconc/engine/rules/channeloplock"
	"github.com/goconc/goconc/engine/rules/closemisuse"
	"github.com/goconc/goconc/engine/rules/concurrentmapwrite"
	"github.com/goconc/goconc/engine/rules/condsignalmissing"
	"github.com/goconc/goconc/engine/rules/condwaitwithoutloop"
	"github.com/goconc/goconc/engine/rules/ctxnotpropagated"
	"github.com/goconc/goconc/engine/rules/doublelock"
	"github.com/goconc/goconc/engine/rules/fieldguardmissing"
	"github.com/goconc/goconc/engine/rules/forupdateoutsidetx"
	"github.com/goconc/goconc/engine/rules/gormlockonsqlite"
	"github.com/goconc/goconc/engine/rules/gormlockoutsidetx"
	"github.com/goconc/goconc/engine/rules/gormlostupdate"
	"github.com/goconc/goconc/engine/rules/gormtxouterhandle"
	"github.com/goconc/goconc/engine/rules/gormversionunchecked"
	"github.com/goconc/goconc/engine/rules/goroutineleak"
	"github.com/goconc/goconc/engine/rules/lazyinitrace"
	"github.com/goconc/goconc/engine/rules/lockcopied"
	"github.com/goconc/goconc/engine/rules/lockorderinversion"
	"github.com/goconc/goconc/engine/rules/lockttlshorterthanwork"
	"github.com/goconc/goconc/engine/rules/lockwithoutfencingtoken"
	"github.com/goconc/goconc/engine/rules/lockwithoutunlock"
	"github.com/goconc/goconc/engine/rules/loopvarcapture"
	"github.com/goconc/goconc/engine/rules/rangeunclosed"
	"github.com/goconc/goconc/engine/rules/redislocknoexpiry"
	"github.com/goconc/goconc/engine/rules/redislockunsaferelease"
	"github.com/goconc/goconc/engine/rules/selectwithoutcancel"
	"github.com/goconc/goconc/engine/rules/sqltxleak"
	"github.com/goconc/goconc/engine/rules/syncmapcheckthenact"
	"github.com/goconc/goconc/engine/rules/testgoroutine"
	"github.com/goconc/goconc/engine/rules/tickernotstopped"
	"github.com/goconc/goconc/engine/rules/timeafterinloop"
	"github.com/goconc/goconc/engine/rules/txretrystaleread"
	"github.com/goconc/goconc/engine/rules/unboundedgoroutines"
	"github.com/goconc/goconc/engine/rules/unlocknotdeferred"
	"github.com/goconc/goconc/engine/rules/unsynchronizedsharedwrite"
	"github.com/goconc/goconc/engine/rules/waitgroupmisuse"
)

// Rules in the order they are documented.
var Rules = []meta.Rule{
	lockwithoutunlock.Meta,
	unlocknotdeferred.Meta,
	doublelock.Meta,
	lockorderinversion.Meta,
	lockcopied.Meta,
	channeloplock.Meta,
	goroutineleak.Meta,
	rangeunclosed.Meta,
	closemisuse.Meta,
	selectwithoutcancel.Meta,
	ctxnotpropagated.Meta,
	testgoroutine.Meta,
	lazyinitrace.Meta,
	timeafterinloop.Meta,
	tickernotstopped.Meta,
	condwaitwithoutloop.Meta,
	waitgroupmisuse.Meta,
	cancelnotcalled.Meta,
	condsignalmissing.Meta,
	redislocknoexpiry.Meta,
	redislockunsaferelease.Meta,
	advisorylockpooledconn.Meta,
	lockttlshorterthanwork.Meta,
	lockwithoutfencingtoken.Meta,
	loopvarcapture.Meta,
	gormtxouterhandle.Meta,
	gormlockoutsidetx.Meta,
	gormlockonsqlite.Meta,
	gormlostupdate.Meta,
	gormversionunchecked.Meta,
	forupdateoutsidetx.Meta,
	txretrystaleread.Meta,
	sqltxleak.Meta,
	unsynchronizedsharedwrite.Meta,
	concurrentmapwrite.Meta,
	fieldguardmissing.Meta,
	syncmapcheckthenact.Meta,
	atomicmixedaccess.Meta,
	unboundedgoroutines.Meta,
}

// Analyzers of every rule.
func Analyzers() []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, len(Rules))
	for i, r := range Rules {
		out[i] = r.Analyzer
	}
	return out
}

// ByID finds a rule by its id ("double-lock").
func ByID(id string) (meta.Rule, bool) {
	for _, r := range Rules {
		if r.ID() == id {
			return r, true
		}
	}
	return meta.Rule{}, false
}
