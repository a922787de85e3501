// Reproduces: service pattern: the report job done right — the session advisory lock is taken and released on one connection acquired from the pool (pool.Acquire), the work in a transaction-level lock elsewhere
// Kind: correct
// Expected: (silent)
package main

import (
	"context"
	"log"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

const reportLockKey = 7_001

type ReportJob struct {
	pool *pgxpool.Pool
}

func main() {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, "postgres://reports@localhost/reports")
	if err != nil {
		log.Fatal(err)
	}
	defer pool.Close()
	job := &ReportJob{pool: pool}
	for range time.Tick(time.Hour) {
		if err := job.RunOnce(ctx); err != nil {
			log.Printf("report job: %v", err)
		}
		if err := job.Compact(ctx); err != nil {
			log.Printf("compact: %v", err)
		}
	}
}

func (j *ReportJob) RunOnce(ctx context.Context) error {
	conn, err := j.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()

	var leader bool
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1)`, reportLockKey).Scan(&leader); err != nil {
		return err
	}
	if !leader {
		return nil
	}
	defer conn.Exec(context.Background(), `SELECT pg_advisory_unlock($1)`, reportLockKey)

	day := time.Now().AddDate(0, 0, -1).Format("2006-01-02")
	_, err = conn.Exec(ctx, `INSERT INTO daily_reports (day, orders) SELECT $1, count(*) FROM orders WHERE created_at::date = $1
		ON CONFLICT (day) DO UPDATE SET orders = EXCLUDED.orders`, day)
	return err
}

// Compact holds a transaction-level lock: it ends with the transaction.
func (j *ReportJob) Compact(ctx context.Context) error {
	return pgx.BeginFunc(ctx, j.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, reportLockKey+1); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `DELETE FROM daily_reports WHERE day < now() - interval '2 years'`)
		return err
	})
}
