package main

import (
	"context"
	"database/sql"
	"errors"
)

var ErrExhausted = errors.New("coupon exhausted")

type CouponRepo struct {
	db *sql.DB
}

const selectCouponForUpdate = `SELECT id, uses_left FROM coupons WHERE code = $1 FOR UPDATE`

func (r *CouponRepo) Redeem(ctx context.Context, code, user string) error {
	var id, usesLeft int64
	if err := r.db.QueryRowContext(ctx, selectCouponForUpdate, code).Scan(&id, &usesLeft); err != nil { // bug: for-update-outside-tx
		return err
	}
	if usesLeft <= 0 {
		return ErrExhausted
	}
	if _, err := r.db.ExecContext(ctx, `UPDATE coupons SET uses_left = $1 WHERE id = $2`, usesLeft-1, id); err != nil { // bug-partner
		return err
	}
	_, err := r.db.ExecContext(ctx, `INSERT INTO redemptions (coupon_id, user_id) VALUES ($1, $2)`, id, user)
	return err
}
