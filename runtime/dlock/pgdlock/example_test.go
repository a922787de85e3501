package pgdlock_test

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/goconc/goconc/runtime/dlock/pgdlock"
)

// The recommended form: the advisory lock lives and dies with the
// transaction that does the protected writes. (Compiled, not run.)
func ExampleWithXactLock() {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, "postgres://localhost/app")
	if err != nil {
		return
	}
	defer pool.Close()
	_ = pgdlock.WithXactLock(ctx, pool, pgdlock.Key("nightly-report"), func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, "INSERT INTO reports (day) VALUES (current_date) ON CONFLICT DO NOTHING")
		return err
	})
}
