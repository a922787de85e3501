package redisapp

import (
	redisv7 "github.com/go-redis/redis/v7"
)

// go-redis v7 takes no context: the expiration is the third argument.
func LockV7(rdb *redisv7.Client) (bool, error) {
	return rdb.SetNX("lock:v7", 1, 0).Result() // want "`rdb.SetNX\\(…\\)` takes lock `\"lock:v7\"` with no expiry"
}

// OK: v7 with a TTL.
func LockV7TTL(rdb *redisv7.Client) (bool, error) {
	return rdb.SetNX("lock:v7", 1, 30e9).Result()
}
