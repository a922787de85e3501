package main

import (
	"context"
	"database/sql"

	"github.com/goconc/goconc/runtime/dlock/redisdlock"
)

type RollupJob struct {
	db     *sql.DB
	locker *redisdlock.Locker
}

func (j *RollupJob) Run(ctx context.Context, ledgerID int64) error {
	lease, err := j.locker.Lock(ctx) // bug-partner
	if err != nil {
		return err
	}
	defer lease.Unlock(context.Background())
	work := lease.Context()

	var total int64
	if err := j.db.QueryRowContext(work, `SELECT coalesce(sum(amount), 0) FROM entries WHERE ledger_id = $1`, ledgerID).Scan(&total); err != nil {
		return err
	}
	_, err = j.db.ExecContext(work, `UPDATE ledgers SET total = $1 WHERE id = $2`, total, ledgerID) // bug: no-fencing-token
	return err
}
