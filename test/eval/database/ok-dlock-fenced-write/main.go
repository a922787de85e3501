// Reproduces: service pattern: the ledger roll-up done right — the write carries the lease's fencing token (UPDATE ... SET fence = $token WHERE fence < $token) and a write that matches no row abandons the work
// Kind: correct
// Expected: (silent)
package main

import (
	"context"
	"database/sql"
	"errors"
	"log"
	"time"

	"github.com/goconc/goconc/runtime/dlock"
	"github.com/goconc/goconc/runtime/dlock/redisdlock"
	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/redis/go-redis/v9"
)

var ErrFenced = errors.New("a newer lock holder has written")

type RollupJob struct {
	db     *sql.DB
	locker dlock.Locker
}

func main() {
	db, err := sql.Open("pgx", "postgres://ledger@localhost/ledger")
	if err != nil {
		log.Fatal(err)
	}
	rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})
	job := &RollupJob{db: db, locker: redisdlock.New(rdb, "ledger-rollup", redisdlock.WithTTL(15*time.Second))}
	for range time.Tick(time.Minute) {
		if err := job.Run(context.Background(), 1); err != nil {
			log.Printf("rollup: %v", err)
		}
	}
}

func (j *RollupJob) Run(ctx context.Context, ledgerID int64) error {
	lease, err := j.locker.Lock(ctx)
	if err != nil {
		return err
	}
	defer lease.Unlock(context.Background())
	work := lease.Context()

	var total int64
	if err := j.db.QueryRowContext(work, `SELECT coalesce(sum(amount), 0) FROM entries WHERE ledger_id = $1`, ledgerID).Scan(&total); err != nil {
		return err
	}
	res, err := j.db.ExecContext(work, `UPDATE ledgers SET total = $1, fence = $2 WHERE id = $3 AND fence < $2`, total, lease.Token(), ledgerID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return ErrFenced
	}
	return nil
}
