package fenceapp

import (
	"context"
	"database/sql"

	"github.com/go-redsync/redsync/v4"
)

// redsync offers no fencing token: other rules judge its locks.
func redsyncLock(ctx context.Context, rs *redsync.Redsync, db *sql.DB) error {
	m := rs.NewMutex("accounts")
	if err := m.LockContext(ctx); err != nil {
		return err
	}
	defer m.UnlockContext(ctx)
	_, err := db.ExecContext(ctx, "UPDATE accounts SET balance = 0")
	return err
}
