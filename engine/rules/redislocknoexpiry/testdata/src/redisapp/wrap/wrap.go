// Package wrap hands out the Redis client inside a type of its own.
package wrap

import "github.com/redis/go-redis/v9"

type Cache struct{ *redis.Client }

func New(addr string) *Cache { return &Cache{redis.NewClient(&redis.Options{Addr: addr})} }
