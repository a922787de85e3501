// Package lockttlshorterthanwork reports a distributed lock whose TTL is a
// constant shorter than the timeout given to the work done under it, in the
// same function, with nothing renewing the lock: when the work runs as long
// as its timeout allows, the lock expires mid-work and a second holder runs
// the same critical section. Information only: the work may well finish in
// time; nothing makes sure it does.
package lockttlshorterthanwork

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/model/dbtypes"
	"github.com/goconc/goconc/engine/model/redislock"
	"github.com/goconc/goconc/engine/model/ssabuild"
)

var Analyzer = &analysis.Analyzer{
	Name: "lock_ttl_shorter_than_work",
	Doc: `a distributed lock whose TTL is shorter than the timeout of the work under it

In one function (its closures included): a lock taken with a TTL — go-redis
SetNX(ctx, k, v, ttl), SetArgs{Mode: "NX", TTL: ttl}, SET … NX PX|EX n sent
through Do; redsync.WithExpiry(ttl); bsm/redislock Client.Obtain(ctx, key,
ttl, opt) / redislock.Obtain(ctx, client, key, ttl, opt); goconc's
redisdlock.WithTTL(ttl) with WithoutWatchdog() — and a context timeout for
the work, context.WithTimeout(parent, d) or WithDeadline(parent,
time.Now().Add(d)), created after the lock is taken or whose context is used
after it, with d longer than the TTL. Calls are resolved by type; durations
are constants (literals, named constants, time.Duration(n) * time.Second)
or values followed through SSA (locals, package variables set once).
Renewal silences it: a call named for renewing (Extend, ExtendContext,
Refresh, Expire, PExpire, Renew, KeepAlive, Touch, or a name with renew,
extend, refresh, heartbeat, keepalive or watchdog) in the function, its
closures or the package's functions it calls or starts, or an EXPIRE on the
lock's key from another method of its type. Not judged: TTLs or timeouts
from configuration or parameters, _test.go files (tests take short locks on
purpose), work bounded by something other than a context timeout.`,
	Requires: []*analysis.Analyzer{ssabuild.Analyzer, redislock.Analyzer},
	Run:      run,
}

var Meta = meta.Rule{Analyzer: Analyzer, Severity: meta.Information, Category: "database", Checklist: "distributed-lock-reviewed"}

var (
	redsyncPath   = regexp.MustCompile(`^github\.com/go-redsync/redsync(/v\d+)?$`)
	renewalName   = regexp.MustCompile(`^(Extend|ExtendContext|Refresh|Expire|PExpire|Renew|KeepAlive|Touch)$`)
	renewalWord   = regexp.MustCompile(`(?i)renew|extend|refresh|heartbeat|keepalive|keep_alive|watchdog`)
	notRenewal    = regexp.MustCompile(`^(?i:without|no|disable|stop)`) // WithoutWatchdog, StopRenewing
	contextTimers = map[string]bool{"WithTimeout": true, "WithTimeoutCause": true, "WithDeadline": true, "WithDeadlineCause": true}
)

const (
	redislockPath = "github.com/bsm/redislock"
	dlockSuffix   = "/dlock/redisdlock"
)

// ttl is one lock TTL: the expression as written, its value, and the call
// that takes the lock (the timeout is ordered against it).
type ttl struct {
	expr    ast.Expr
	ns      int64
	at      *ast.CallExpr
	top     *ssa.Function
	renewed bool // an EXPIRE on its key elsewhere (go-redis locks)
}

type timeout struct {
	call *ssa.Call
	expr *ast.CallExpr
	ns   int64
	top  *ssa.Function
}

type checker struct {
	pass    *analysis.Pass
	built   *ssabuild.Result
	globals map[*ssa.Global][]ssa.Value
}

func run(pass *analysis.Pass) (any, error) {
	if !usesContextTimer(pass.TypesInfo) {
		return nil, nil
	}
	acquires := pass.ResultOf[redislock.Analyzer].(*redislock.Result).Acquires
	if len(acquires) == 0 && !usesLockLibrary(pass.TypesInfo) {
		return nil, nil
	}
	c := &checker{pass: pass, built: ssabuild.Of(pass), globals: map[*ssa.Global][]ssa.Value{}}
	fns := c.built.Funcs()
	if init := c.built.Package().Func("init"); init != nil {
		fns = append([]*ssa.Function{init}, fns...)
	}
	calls := map[token.Pos]ssa.CallInstruction{}
	var ttls []*ttl
	var timeouts []*timeout
	noWatchdog := map[*ssa.Function]bool{}
	var dlockTTLs []*ttl
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, in := range b.Instrs {
				if st, ok := in.(*ssa.Store); ok {
					if g, ok := st.Addr.(*ssa.Global); ok {
						c.globals[g] = append(c.globals[g], st.Val)
					}
				}
				ci, ok := in.(ssa.CallInstruction)
				if !ok {
					continue
				}
				calls[ci.Common().Pos()] = ci
				callee, recv := calledFunc(ci.Common())
				if callee == nil || callee.Pkg() == nil {
					continue
				}
				path, name := callee.Pkg().Path(), callee.Name()
				switch {
				case path == "context" && contextTimers[name] && !recv:
					if t := c.timeout(fn, ci); t != nil {
						timeouts = append(timeouts, t)
					}
				case redsyncPath.MatchString(path) && name == "WithExpiry" && !recv:
					ttls = appendTTL(ttls, c.ttlArg(fn, ci, 0))
				case path == redislockPath && name == "Obtain":
					i := 3 // redislock.Obtain(ctx, client, key, ttl, opt)
					if recv {
						i = 2 // client.Obtain(ctx, key, ttl, opt)
					}
					ttls = appendTTL(ttls, c.ttlArg(fn, ci, i))
				case strings.HasSuffix(path, dlockSuffix) && name == "WithTTL" && !recv:
					dlockTTLs = appendTTL(dlockTTLs, c.ttlArg(fn, ci, 0))
				case strings.HasSuffix(path, dlockSuffix) && name == "WithoutWatchdog" && !recv:
					noWatchdog[top(fn)] = true
				}
			}
		}
	}
	// goconc's redisdlock renews with its watchdog unless told not to.
	for _, t := range dlockTTLs {
		if noWatchdog[t.top] {
			ttls = append(ttls, t)
		}
	}
	for _, acq := range acquires {
		if acq.NoExpiry || acq.TTL == nil {
			continue
		}
		ci := calls[acq.Call.Lparen]
		if ci == nil {
			continue
		}
		ns, ok := c.constNs(acq.TTL)
		if f, _ := calledFunc(ci.Common()); !ok && f != nil && f.Name() == "SetNX" && len(ci.Common().Args) > 0 {
			// SetNX(ctx, k, v, ttl): the TTL is the call's last argument.
			args := ci.Common().Args
			ns, ok = c.ns(args[len(args)-1], 0, map[ssa.Value]bool{})
		}
		if !ok || ns <= 0 {
			continue
		}
		t := &ttl{expr: acq.TTL, ns: ns * acq.TTLUnit, at: acq.Call, top: top(ci.Parent())}
		for _, op := range acq.Ops {
			if op.Kind == redislock.Expire {
				t.renewed = true
			}
		}
		ttls = append(ttls, t)
	}
	sort.Slice(ttls, func(i, j int) bool { return ttls[i].expr.Pos() < ttls[j].expr.Pos() })
	renews := map[*ssa.Function]bool{}
	for _, t := range ttls {
		if t.renewed || isTest(pass, t.expr.Pos()) {
			continue
		}
		var longest *timeout
		for _, to := range timeouts {
			if to.top == t.top && to.ns > t.ns && governs(to, t.at) && (longest == nil || to.ns > longest.ns) {
				longest = to
			}
		}
		if longest == nil {
			continue
		}
		r, known := renews[t.top]
		if !known {
			r = c.renews(t.top, 0, map[*ssa.Function]bool{})
			renews[t.top] = r
		}
		if r {
			continue
		}
		d := formatDuration(longest.ns)
		pass.Report(analysis.Diagnostic{Pos: t.expr.Pos(), End: t.expr.End(),
			Message: fmt.Sprintf("lock TTL %s is shorter than the %s timeout of the work in this function and nothing renews the lock: it can expire while the work still runs and let a second holder in (renew it while working — redsync Extend, redislock Refresh, goconc dlock's watchdog — or make the TTL longer than the timeout)",
				formatDuration(t.ns), d),
			Related: []analysis.RelatedInformation{{Pos: longest.expr.Pos(), End: longest.expr.End(), Message: "the work may take up to " + d}}})
	}
	return nil, nil
}

func appendTTL(ttls []*ttl, t *ttl) []*ttl {
	if t != nil {
		return append(ttls, t)
	}
	return ttls
}

// calledFunc is the function or method a call runs (static callee or
// interface method), and whether it is a method.
func calledFunc(c *ssa.CallCommon) (*types.Func, bool) {
	var fn *types.Func
	if c.IsInvoke() {
		fn = c.Method
	} else if callee := c.StaticCallee(); callee != nil {
		fn, _ = callee.Object().(*types.Func)
	}
	if fn == nil {
		return nil, false
	}
	return fn, fn.Type().(*types.Signature).Recv() != nil
}

// ttlArg reads the TTL of a lock library call from its i-th argument as written.
func (c *checker) ttlArg(fn *ssa.Function, ci ssa.CallInstruction, i int) *ttl {
	expr := c.built.Call(ci.Common().Pos())
	if expr == nil || i >= len(expr.Args) {
		return nil
	}
	ns, ok := c.argNs(ci.Common(), expr, i)
	if !ok || ns <= 0 {
		return nil
	}
	return &ttl{expr: expr.Args[i], ns: ns, at: expr, top: top(fn)}
}

func (c *checker) timeout(fn *ssa.Function, ci ssa.CallInstruction) *timeout {
	call, ok := ci.(*ssa.Call)
	expr := c.built.Call(ci.Common().Pos())
	if !ok || expr == nil || len(expr.Args) < 2 || len(call.Call.Args) < 2 {
		return nil
	}
	callee, _ := calledFunc(ci.Common())
	var ns int64
	if strings.HasPrefix(callee.Name(), "WithTimeout") {
		if ns, ok = c.argNs(ci.Common(), expr, 1); !ok {
			return nil
		}
	} else {
		// WithDeadline(parent, time.Now().Add(d))
		add, isCall := call.Call.Args[1].(*ssa.Call)
		if !isCall || len(add.Call.Args) != 2 {
			return nil
		}
		m, _ := calledFunc(&add.Call)
		now, isNow := add.Call.Args[0].(*ssa.Call)
		if m == nil || m.FullName() != "(time.Time).Add" || !isNow {
			return nil
		}
		if f, _ := calledFunc(&now.Call); f == nil || f.FullName() != "time.Now" {
			return nil
		}
		if ns, ok = c.ns(add.Call.Args[1], 0, map[ssa.Value]bool{}); !ok {
			return nil
		}
	}
	if ns <= 0 {
		return nil
	}
	return &timeout{call: call, expr: expr, ns: ns, top: top(fn)}
}

// argNs: the i-th argument as written, as a constant, else its SSA value.
func (c *checker) argNs(com *ssa.CallCommon, expr *ast.CallExpr, i int) (int64, bool) {
	if ns, ok := c.constNs(expr.Args[i]); ok {
		return ns, true
	}
	j := i
	if _, recv := calledFunc(com); recv && !com.IsInvoke() {
		j++ // a static method call passes its receiver first
	}
	if expr.Ellipsis.IsValid() || j >= len(com.Args) {
		return 0, false
	}
	return c.ns(com.Args[j], 0, map[ssa.Value]bool{})
}

func (c *checker) constNs(e ast.Expr) (int64, bool) {
	tv, ok := c.pass.TypesInfo.Types[e]
	if !ok || tv.Value == nil {
		return 0, false
	}
	return intOf(tv.Value)
}

func intOf(v constant.Value) (int64, bool) {
	if v.Kind() != constant.Int && v.Kind() != constant.Float {
		return 0, false
	}
	return constant.Int64Val(constant.ToInt(v))
}

// ns evaluates an integer value through SSA: constants, conversions,
// arithmetic, phis that agree, package variables stored once.
func (c *checker) ns(v ssa.Value, depth int, seen map[ssa.Value]bool) (int64, bool) {
	if depth > 12 || seen[v] {
		return 0, false
	}
	seen[v] = true
	defer delete(seen, v)
	switch v := v.(type) {
	case *ssa.Const:
		if v.Value == nil {
			return 0, false
		}
		return intOf(v.Value)
	case *ssa.Convert:
		return c.ns(v.X, depth+1, seen)
	case *ssa.ChangeType:
		return c.ns(v.X, depth+1, seen)
	case *ssa.MakeInterface:
		return c.ns(v.X, depth+1, seen)
	case *ssa.BinOp:
		x, ok := c.ns(v.X, depth+1, seen)
		if !ok {
			return 0, false
		}
		y, ok := c.ns(v.Y, depth+1, seen)
		if !ok {
			return 0, false
		}
		switch v.Op {
		case token.MUL:
			return x * y, true
		case token.ADD:
			return x + y, true
		case token.SUB:
			return x - y, true
		case token.QUO:
			if y != 0 {
				return x / y, true
			}
		}
	case *ssa.Phi:
		var val int64
		for i, e := range v.Edges {
			n, ok := c.ns(e, depth+1, seen)
			if !ok || (i > 0 && n != val) {
				return 0, false
			}
			val = n
		}
		return val, len(v.Edges) > 0
	case *ssa.UnOp:
		if g, ok := v.X.(*ssa.Global); ok && v.Op == token.MUL && g.Pkg == v.Parent().Pkg {
			if stores := c.globals[g]; len(stores) == 1 {
				return c.ns(stores[0], depth+1, seen)
			}
		}
	}
	return 0, false
}

// governs: the timeout bounds the work under the lock — created after the
// call taking the lock, or its context used after it.
func governs(to *timeout, at *ast.CallExpr) bool {
	if to.expr.Pos() > at.End() {
		return true
	}
	for _, ref := range *to.call.Referrers() {
		if ex, ok := ref.(*ssa.Extract); ok && ex.Index == 0 && usedAfter(ex, at, 0, map[ssa.Value]bool{}) {
			return true
		}
	}
	return false
}

func usedAfter(v ssa.Value, at *ast.CallExpr, depth int, seen map[ssa.Value]bool) bool {
	if depth > 8 || seen[v] {
		return false
	}
	seen[v] = true
	for _, ref := range *v.Referrers() {
		switch r := ref.(type) {
		case ssa.CallInstruction:
			if r.Common().Pos() > at.End() && !lockOperation(r.Common()) {
				return true
			}
		case *ssa.MakeClosure:
			if r.Fn.Pos() > at.End() {
				return true
			}
		case *ssa.Phi:
			if usedAfter(r, at, depth+1, seen) {
				return true
			}
		case *ssa.ChangeInterface:
			if usedAfter(r, at, depth+1, seen) {
				return true
			}
		case *ssa.UnOp:
			if r.Op == token.MUL && usedAfter(r, at, depth+1, seen) {
				return true
			}
		case *ssa.Store:
			// A variable a closure captures lives in a cell: its loads and the closures binding it.
			if alloc, ok := r.Addr.(*ssa.Alloc); ok && r.Val == v && usedAfter(alloc, at, depth+1, seen) {
				return true
			}
		}
	}
	return false
}

// lockOperation: a call of the lock itself (redsync's Lock/Unlock, redislock's
// Release, a go-redis DEL or script releasing the key): a context passed to
// it bounds the lock's own commands, not the work.
func lockOperation(c *ssa.CallCommon) bool {
	f, _ := calledFunc(c)
	if f == nil || f.Pkg() == nil {
		return false
	}
	switch p := f.Pkg().Path(); {
	case redsyncPath.MatchString(p), p == redislockPath, strings.HasSuffix(p, dlockSuffix):
		return true
	case dbtypes.IsGoRedisPackage(p):
		return releaseCommands[f.Name()]
	}
	return false
}

var releaseCommands = map[string]bool{"Del": true, "Unlink": true, "Eval": true, "EvalSha": true, "EvalRO": true, "EvalShaRO": true, "Run": true}

// renews: fn, its closures or the package's functions it calls (or starts
// as goroutines) call something named for renewing a lock.
func (c *checker) renews(fn *ssa.Function, depth int, seen map[*ssa.Function]bool) bool {
	if depth > 3 || seen[fn] {
		return false
	}
	seen[fn] = true
	for _, b := range fn.Blocks {
		for _, in := range b.Instrs {
			ci, ok := in.(ssa.CallInstruction)
			if !ok {
				continue
			}
			com := ci.Common()
			name := ""
			if f, _ := calledFunc(com); f != nil {
				name = f.Name()
			}
			if (renewalName.MatchString(name) || renewalWord.MatchString(name)) && !notRenewal.MatchString(name) {
				return true
			}
			if callee := com.StaticCallee(); callee != nil && callee.Pkg == fn.Pkg && callee.Parent() == nil && c.renews(callee, depth+1, seen) {
				return true
			}
		}
	}
	for _, anon := range fn.AnonFuncs {
		if c.renews(anon, depth, seen) {
			return true
		}
	}
	return false
}

func top(fn *ssa.Function) *ssa.Function {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	return fn
}

func isTest(pass *analysis.Pass, pos token.Pos) bool {
	return strings.HasSuffix(pass.Fset.Position(pos).Filename, "_test.go")
}

// usesContextTimer: the package calls context.WithTimeout/WithDeadline (or their Cause forms).
func usesContextTimer(info *types.Info) bool {
	for _, obj := range info.Uses {
		if fn, ok := obj.(*types.Func); ok && fn.Pkg() != nil && fn.Pkg().Path() == "context" && contextTimers[fn.Name()] {
			return true
		}
	}
	return false
}

// usesLockLibrary: the package refers to redsync, bsm/redislock or goconc's redisdlock.
func usesLockLibrary(info *types.Info) bool {
	for _, obj := range info.Uses {
		if obj.Pkg() == nil {
			continue
		}
		if p := obj.Pkg().Path(); redsyncPath.MatchString(p) || p == redislockPath || strings.HasSuffix(p, dlockSuffix) {
			return true
		}
	}
	return false
}

// formatDuration: "5s", "1m", "2500ms" for messages.
func formatDuration(ns int64) string {
	switch {
	case ns%3600e9 == 0:
		return fmt.Sprintf("%dh", ns/3600e9)
	case ns%60e9 == 0:
		return fmt.Sprintf("%dm", ns/60e9)
	case ns%1e9 == 0:
		return fmt.Sprintf("%ds", ns/1e9)
	case ns%1e6 == 0:
		return fmt.Sprintf("%dms", ns/1e6)
	}
	return fmt.Sprintf("%dns", ns)
}
