package main

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

const reportLockKey = 7_001

type ReportJob struct {
	pool *pgxpool.Pool
}

// RunOnce builds yesterday's report on one replica only.
func (j *ReportJob) RunOnce(ctx context.Context) error {
	var leader bool
	if err := j.pool.QueryRow(ctx, `SELECT pg_try_advisory_lock($1)`, reportLockKey).Scan(&leader); err != nil { // bug: advisory-pooled
		return err
	}
	if !leader {
		return nil
	}
	defer j.pool.Exec(context.Background(), `SELECT pg_advisory_unlock($1)`, reportLockKey) // bug-partner

	day := time.Now().AddDate(0, 0, -1).Format("2006-01-02")
	_, err := j.pool.Exec(ctx, `INSERT INTO daily_reports (day, orders, revenue)
		SELECT $1, count(*), sum(total) FROM orders WHERE created_at::date = $1
		ON CONFLICT (day) DO UPDATE SET orders = EXCLUDED.orders, revenue = EXCLUDED.revenue`, day)
	return err
}
