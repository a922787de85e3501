// Package redislock is goconc's model of Redis locks taken with
// SET-if-absent, shared by redis-lock-no-expiry and redis-lock-unsafe-release:
// every acquisition of a package (go-redis SetNX, SetArgs with Mode "NX",
// SET … NX / SETNX sent raw through go-redis or redigo Do), whether it sets
// an expiry in the same command, and the plain DEL/UNLINK and EXPIRE-family
// commands on its key — in the acquiring function, or in any method of the
// same receiver type when the key is a field of the receiver or a constant
// (Lock and Unlock as two methods of one type). Calls are recognised by their
// go/types callee (package dbtypes), keys by what their identifiers resolve
// to, not by how they are spelled.
package redislock

import (
	"go/ast"
	"go/types"
	"reflect"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/goconc/goconc/engine/model/dbtypes"
)

var Analyzer = &analysis.Analyzer{
	Name:       "redislock",
	Doc:        "finds Redis SET-if-absent lock acquisitions and the DEL/EXPIRE commands on their keys (goconc's shared Redis lock model)",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	Run:        run,
	ResultType: reflect.TypeOf((*Result)(nil)),
}

// Result lists a package's acquisitions in source order.
type Result struct {
	Acquires []*Acquire
}

// Acquire is one SET-if-absent.
type Acquire struct {
	Call     *ast.CallExpr
	Key      ast.Expr
	NoExpiry bool // no TTL in the command: SetNX(…, 0), SetArgs without TTL, SET … NX without EX/PX
	// TTL is the relative expiry as written (SetNX's expiration, SetArgs'
	// TTL, the number after EX/PX), nil when none or absolute; TTLUnit is
	// what one unit of it is in nanoseconds (1 for a time.Duration, 1e6
	// after PX, 1e9 after EX).
	TTL     ast.Expr
	TTLUnit int64
	Func    *ast.FuncDecl // the declaration whose body runs it (closures belong to it); nil at package level
	// Body is the innermost function (declaration or literal) running it:
	// a command inside it, closures included, is in the same function.
	Body ast.Node
	// Ops are the plain DEL/UNLINK and EXPIRE-family commands on the same key,
	// outside WATCH/MULTI callbacks, in source order.
	Ops []*KeyOp
	// LockNamed: the key, the function or the receiver type calls it a lock
	// ("lock:…", LeaderElect, type Mutex). A SET-if-absent nobody releases
	// is a set-once marker unless something says it is a lock.
	LockNamed bool
}

// OpKind says what a key command does.
type OpKind int

const (
	Delete OpKind = iota + 1 // DEL, UNLINK
	Expire                   // EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT
)

// KeyOp is a plain command on a lock's key.
type KeyOp struct {
	Call         *ast.CallExpr
	Kind         OpKind
	SameFunction bool // in the acquisition's own function (or a closure inside it)
}

func run(pass *analysis.Pass) (any, error) {
	res := &Result{}
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	var ops []keyCall
	in.WithStack([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push {
			return true
		}
		call := n.(*ast.CallExpr)
		rc, ok := dbtypes.RedisCallOf(pass.TypesInfo, call)
		if !ok {
			return true
		}
		fd := enclosingDecl(stack)
		if acq := acquisition(pass.TypesInfo, rc); acq != nil {
			acq.Func, acq.Body = fd, innermostFunc(stack)
			res.Acquires = append(res.Acquires, acq)
			return true
		}
		if kind, keys := keyCommand(pass.TypesInfo, rc); kind != 0 && !inOptimisticTransaction(pass.TypesInfo, stack) {
			ops = append(ops, keyCall{call: call, kind: kind, keys: keys, fn: fd})
		}
		return true
	})
	for _, acq := range res.Acquires {
		k := keyOf(pass.TypesInfo, acq.Func, acq.Key)
		acq.LockNamed = lockNamed(pass.TypesInfo, acq)
		if k.id == "" {
			continue
		}
		for _, op := range ops {
			same := acq.Body != nil && acq.Body.Pos() <= op.call.Pos() && op.call.End() <= acq.Body.End()
			if !same && !(k.portable && sameReceiverType(pass.TypesInfo, op.fn, acq.Func)) {
				continue
			}
			for _, key := range op.keys {
				if keyOf(pass.TypesInfo, op.fn, key).id == k.id {
					acq.Ops = append(acq.Ops, &KeyOp{Call: op.call, Kind: op.kind, SameFunction: same})
					break
				}
			}
		}
	}
	sort.Slice(res.Acquires, func(i, j int) bool { return res.Acquires[i].Call.Pos() < res.Acquires[j].Call.Pos() })
	return res, nil
}

type keyCall struct {
	call *ast.CallExpr
	kind OpKind
	keys []ast.Expr
	fn   *ast.FuncDecl
}

// acquisition recognises SetNX(ctx, k, v, ttl), SetArgs(ctx, k, v,
// redis.SetArgs{Mode: "NX", …}) and raw SET k v NX … / SETNX k v.
func acquisition(info *types.Info, rc dbtypes.RedisCall) *Acquire {
	args := rc.Args
	switch rc.Method {
	case "SetNX":
		if rc.Lib != dbtypes.GoRedis || len(args) < 3 {
			return nil
		}
		return &Acquire{Call: rc.Call, Key: args[0], NoExpiry: dbtypes.ConstZero(info, args[2]), TTL: args[2], TTLUnit: 1}
	case "SetArgs":
		if rc.Lib != dbtypes.GoRedis || len(args) < 3 {
			return nil
		}
		lit, ok := ast.Unparen(args[2]).(*ast.CompositeLit)
		if !ok {
			return nil
		}
		fields := map[string]ast.Expr{}
		for _, el := range lit.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if id, ok := kv.Key.(*ast.Ident); ok {
					fields[id.Name] = kv.Value
				}
			}
		}
		mode, ok := dbtypes.ConstString(info, fields["Mode"])
		if !ok || !strings.EqualFold(mode, "NX") {
			return nil
		}
		if _, keep := fields["KeepTTL"]; keep {
			return nil // KEEPTTL: whatever the key had; not judged
		}
		ttl, hasTTL := fields["TTL"]
		_, hasAt := fields["ExpireAt"]
		noExpiry := !hasAt && (!hasTTL || dbtypes.ConstZero(info, ttl))
		return &Acquire{Call: rc.Call, Key: args[0], NoExpiry: noExpiry, TTL: ttl, TTLUnit: 1}
	}
	cmd, words, ok := rc.RawCommand(info)
	if !ok || len(words) < 2 {
		return nil
	}
	switch cmd {
	case "SETNX":
		return &Acquire{Call: rc.Call, Key: words[0], NoExpiry: true}
	case "SET":
		nx, expiry, unknown := false, false, rc.Spread
		var ttl ast.Expr
		var unit int64
		for i, w := range words[2:] {
			s, ok := dbtypes.ConstString(info, w)
			if !ok {
				unknown = unknown || !isNumber(info, w)
				continue
			}
			switch strings.ToUpper(s) {
			case "NX":
				nx = true
			case "EX", "PX":
				expiry = true
				if j := 2 + i + 1; j < len(words) {
					ttl, unit = words[j], 1e9
					if strings.EqualFold(s, "PX") {
						unit = 1e6
					}
				}
			case "EXAT", "PXAT", "KEEPTTL":
				expiry = true
			}
		}
		if !nx || (!expiry && unknown) {
			return nil // not SET-if-absent, or words we cannot see might hold the expiry
		}
		return &Acquire{Call: rc.Call, Key: words[0], NoExpiry: !expiry, TTL: ttl, TTLUnit: unit}
	}
	return nil
}

func isNumber(info *types.Info, e ast.Expr) bool {
	t := info.TypeOf(e)
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsNumeric != 0
}

var expireCommands = map[string]bool{"Expire": true, "PExpire": true, "ExpireAt": true, "PExpireAt": true}

// keyCommand recognises DEL/UNLINK (every argument a key) and the EXPIRE
// family (the first argument).
func keyCommand(info *types.Info, rc dbtypes.RedisCall) (OpKind, []ast.Expr) {
	if rc.Lib == dbtypes.GoRedis {
		switch {
		case rc.Method == "Del" || rc.Method == "Unlink":
			return Delete, rc.Args
		case expireCommands[rc.Method] && len(rc.Args) > 0:
			return Expire, rc.Args[:1]
		}
	}
	cmd, args, ok := rc.RawCommand(info)
	if !ok || len(args) == 0 {
		return 0, nil
	}
	switch cmd {
	case "DEL", "UNLINK":
		return Delete, args
	case "EXPIRE", "PEXPIRE", "EXPIREAT", "PEXPIREAT":
		return Expire, args[:1]
	}
	return 0, nil
}

// inOptimisticTransaction: inside a callback of go-redis Watch, TxPipelined
// or Pipelined — a WATCH/MULTI check-and-set, not a blind command.
func inOptimisticTransaction(info *types.Info, stack []ast.Node) bool {
	for i := len(stack) - 1; i > 0; i-- {
		if _, ok := stack[i].(*ast.FuncLit); !ok {
			continue
		}
		call, ok := stack[i-1].(*ast.CallExpr)
		if !ok {
			continue
		}
		if rc, ok := dbtypes.RedisCallOf(info, call); ok {
			switch rc.Method {
			case "Watch", "TxPipelined", "Pipelined":
				return true
			}
		}
	}
	return false
}

func enclosingDecl(stack []ast.Node) *ast.FuncDecl {
	for _, n := range stack {
		if fd, ok := n.(*ast.FuncDecl); ok {
			return fd
		}
	}
	return nil
}

func innermostFunc(stack []ast.Node) ast.Node {
	for i := len(stack) - 1; i >= 0; i-- {
		switch stack[i].(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return stack[i]
		}
	}
	return nil
}

func receiverType(info *types.Info, fd *ast.FuncDecl) *types.TypeName {
	recv := receiverVar(info, fd)
	if recv == nil {
		return nil
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Origin().Obj()
	}
	return nil
}

func sameReceiverType(info *types.Info, a, b *ast.FuncDecl) bool {
	ta := receiverType(info, a)
	return ta != nil && ta == receiverType(info, b)
}
