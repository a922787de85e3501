package redisapp

import (
	"context"

	"github.com/gomodule/redigo/redis"
)

// redigo: SET … NX without EX/PX on a connection from the pool.
func LockRedigo(pool *redis.Pool, token string) (bool, error) {
	conn := pool.Get()
	defer conn.Close()
	reply, err := redis.String(conn.Do("SET", "lock:billing", token, "NX")) // want "`conn.Do\\(…\\)` takes lock `\"lock:billing\"` with no expiry"
	return reply == "OK", err
}

// OK: SET NX EX.
func LockRedigoTTL(conn redis.Conn, token string) (bool, error) {
	reply, err := redis.String(conn.Do("SET", "lock:billing", token, "NX", "EX", 30))
	return reply == "OK", err
}

// redigo DoContext: the context comes first, then the command.
func LockRedigoContext(ctx context.Context, conn redis.ConnWithContext, token string) {
	conn.DoContext(ctx, "SET", "lock:ctx", token, "NX") // want "takes lock `\"lock:ctx\"` with no expiry"
}

// OK: SET NX PX through DoContext.
func LockRedigoContextTTL(ctx context.Context, conn redis.ConnWithContext, token string) {
	conn.DoContext(ctx, "SET", "lock:ctx", token, "NX", "PX", 5000)
}
