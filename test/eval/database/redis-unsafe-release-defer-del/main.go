// Reproduces: service pattern: a feed-import endpoint takes a per-user Redis lock with SetArgs{Mode: "NX", TTL: 15s} and releases it with a plain deferred DEL — an import that outlives the TTL deletes the lock of the import that started after it
// Kind: unsafe-release
// Expected: redis-lock-unsafe-release
package main

import (
	"log"
	"net/http"

	"github.com/redis/go-redis/v9"
)

func main() {
	rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})
	h := &ImportHandler{rdb: rdb, importer: fetchAndStore}
	http.Handle("POST /users/{id}/import", h)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
