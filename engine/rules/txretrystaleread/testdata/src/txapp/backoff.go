package txapp

import (
	"context"
	"database/sql"

	"github.com/cenkalti/backoff/v4"
)

// A retry library re-runs the closure holding Begin…Commit: the price read
// before it is written by every attempt.
func Reprice(ctx context.Context, db *sql.DB, sku string, pct int64) error {
	var price int64
	if err := db.QueryRowContext(ctx, "SELECT price FROM items WHERE sku = $1", sku).Scan(&price); err != nil {
		return err
	}
	return backoff.Retry(func() error {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if _, err := tx.ExecContext(ctx, "UPDATE items SET price = $1 WHERE sku = $2", price*pct/100, sku); err != nil { // want "`ExecContext` in the transaction backoff.Retry retries sets price to `price \\* pct / 100`"
			return err
		}
		return tx.Commit()
	}, backoff.NewExponentialBackOff())
}

// Negative: a retry library around a closure that is no transaction.
func Notify(ctx context.Context, db *sql.DB, sku string) error {
	var price int64
	if err := db.QueryRowContext(ctx, "SELECT price FROM items WHERE sku = $1", sku).Scan(&price); err != nil {
		return err
	}
	return backoff.Retry(func() error {
		_, err := db.ExecContext(ctx, "UPDATE items SET price = $1 WHERE sku = $2", price, sku)
		return err
	}, backoff.NewExponentialBackOff())
}
