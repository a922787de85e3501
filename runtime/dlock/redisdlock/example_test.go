package redisdlock_test

import (
	"context"
	"database/sql"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/goconc/goconc/runtime/dlock/redisdlock"
)

// Hold a lock while doing work, stop when the lease is lost, and fence the
// protected write with the lease's token. (Compiled, not run: it needs
// Redis and a database.)
func Example() {
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:6379"})
	defer rdb.Close()
	var db *sql.DB

	ctx := context.Background()
	lease, err := redisdlock.New(rdb, "invoice:42", redisdlock.WithTTL(10*time.Second)).Lock(ctx)
	if err != nil {
		return
	}
	defer lease.Unlock(context.Background())

	work := lease.Context() // cancelled if the lease is lost
	res, err := db.ExecContext(work,
		`UPDATE invoices SET total = $1, fence = $2 WHERE id = $3 AND fence < $2`,
		100, lease.Token(), 42)
	if err != nil {
		return
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return // a newer holder already wrote: our lease was stale
	}
}
