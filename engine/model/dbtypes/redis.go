// Package dbtypes recognises calls into database and key-value client
// libraries (go-redis, redigo, GORM) by the types go/types gives them, never
// by a receiver's name: a method is
// go-redis's when go/types resolves it to a method declared in a go-redis
// package (on *redis.Client, an interface such as redis.Cmdable or
// redis.UniversalClient, or promoted through a user type embedding one),
// redigo's when it is declared in redigo's package. A user's own SetNX on an
// in-memory map is nothing here.
package dbtypes

import (
	"go/ast"
	"go/constant"
	"go/types"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// RedisLib is the client library a Redis call goes through.
type RedisLib int

const (
	GoRedis RedisLib = iota + 1 // github.com/redis/go-redis/v9, github.com/go-redis/redis (v6–v8)
	Redigo                      // github.com/gomodule/redigo/redis
)

var goRedisPaths = map[string]bool{
	"github.com/redis/go-redis/v9": true,
	"github.com/go-redis/redis/v8": true,
	"github.com/go-redis/redis/v7": true,
	"github.com/go-redis/redis":    true,
}

// IsGoRedisPackage: path is one of go-redis's packages (v6–v9).
func IsGoRedisPackage(path string) bool { return goRedisPaths[path] }

var redigoPaths = map[string]bool{
	"github.com/gomodule/redigo/redis": true,
	"github.com/garyburd/redigo/redis": true,
}

// RedisCall is a call of a go-redis command method or of redigo's Do.
type RedisCall struct {
	Call   *ast.CallExpr
	Lib    RedisLib
	Method string     // "SetNX", "Del", "Do", …
	Args   []ast.Expr // the arguments after the context (and redigo's timeout), if the method takes one
	// Spread: the last argument is passed with "...", so the command's words are not all visible.
	Spread bool
}

// RedisCallOf recognises call as a Redis client call.
func RedisCallOf(info *types.Info, call *ast.CallExpr) (RedisCall, bool) {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || fn.Pkg() == nil {
		return RedisCall{}, false
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return RedisCall{}, false
	}
	var lib RedisLib
	switch path := fn.Pkg().Path(); {
	case goRedisPaths[path]:
		lib = GoRedis
	case redigoPaths[path]:
		lib = Redigo
	default:
		return RedisCall{}, false
	}
	args := call.Args
	skip := 0
	if sig.Params().Len() > 0 && isContext(sig.Params().At(0).Type()) {
		skip = 1
	}
	if lib == Redigo && fn.Name() == "DoWithTimeout" {
		skip = 1
	}
	if len(args) < skip {
		return RedisCall{}, false
	}
	return RedisCall{Call: call, Lib: lib, Method: fn.Name(), Args: args[skip:], Spread: call.Ellipsis.IsValid()}, true
}

// RawCommand is the command word of a raw command call (go-redis Do, redigo
// Do/DoContext/DoWithTimeout) when it is a constant ("SET", upper-cased), and
// the command's arguments.
func (c RedisCall) RawCommand(info *types.Info) (string, []ast.Expr, bool) {
	switch c.Method {
	case "Do", "DoContext", "DoWithTimeout":
	default:
		return "", nil, false
	}
	if len(c.Args) == 0 {
		return "", nil, false
	}
	word, ok := ConstString(info, c.Args[0])
	if !ok {
		return "", nil, false
	}
	return strings.ToUpper(word), c.Args[1:], true
}

// ConstString is e's value when it is a constant string.
func ConstString(info *types.Info, e ast.Expr) (string, bool) {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

// ConstZero: e is a constant whose value is zero (0, time.Duration(0), a
// named constant 0).
func ConstZero(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil {
		return false
	}
	switch tv.Value.Kind() {
	case constant.Int, constant.Float:
		return constant.Sign(tv.Value) == 0
	}
	return false
}

func isContext(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "Context"
}
