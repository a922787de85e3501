package redisapp

import (
	"github.com/gomodule/redigo/redis"
)

// redigo: SET NX PX, then a plain DEL of the same key.
func WithRedigoLock(conn redis.Conn, token string, work func()) error {
	if _, err := redis.String(conn.Do("SET", "lock:sync", token, "NX", "PX", 5000)); err != nil {
		return err
	}
	defer conn.Do("DEL", "lock:sync") // want "`conn.Do\\(…\\)` deletes lock `\"lock:sync\"`"
	work()
	return nil
}

var redigoRelease = redis.NewScript(1, `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`)

// OK: compare-and-delete script.
func WithRedigoLockSafe(conn redis.Conn, token string, work func()) error {
	if _, err := redis.String(conn.Do("SET", "lock:sync", token, "NX", "PX", 5000)); err != nil {
		return err
	}
	defer redigoRelease.Do(conn, "lock:sync", token)
	work()
	return nil
}
