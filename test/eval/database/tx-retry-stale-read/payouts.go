package main

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

var ErrInsufficientFunds = errors.New("insufficient funds")

type Payouts struct {
	pool *pgxpool.Pool
}

func isSerializationFailure(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "40001"
}

func (p *Payouts) Withdraw(ctx context.Context, accountID, amount int64) error {
	var balance int64
	if err := p.pool.QueryRow(ctx, `SELECT balance FROM accounts WHERE id = $1`, accountID).Scan(&balance); err != nil { // bug-partner
		return err
	}
	if balance < amount {
		return ErrInsufficientFunds
	}
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		err = pgx.BeginTxFunc(ctx, p.pool, pgx.TxOptions{IsoLevel: pgx.Serializable}, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, balance-amount, accountID); err != nil { // bug: tx-retry-stale-read
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO payouts (account_id, amount) VALUES ($1, $2)`, accountID, amount)
			return err
		})
		if err == nil || !isSerializationFailure(err) {
			return err
		}
	}
	return err
}
