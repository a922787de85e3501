// Reproduces: service pattern: the coupon redemption done right with pgx — SELECT ... FOR UPDATE and the UPDATE in one pgx.BeginFunc transaction on the pool
// Kind: correct
// Expected: (silent)
package main

import (
	"context"
	"errors"
	"log"
	"net/http"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

var ErrExhausted = errors.New("coupon exhausted")

type CouponRepo struct {
	pool *pgxpool.Pool
}

func main() {
	pool, err := pgxpool.New(context.Background(), "postgres://promo@localhost/promo")
	if err != nil {
		log.Fatal(err)
	}
	coupons := &CouponRepo{pool: pool}
	http.HandleFunc("POST /coupons/{code}/redeem", func(w http.ResponseWriter, r *http.Request) {
		if err := coupons.Redeem(r.Context(), r.PathValue("code"), r.Header.Get("X-User")); err != nil {
			http.Error(w, err.Error(), http.StatusConflict)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}

func (r *CouponRepo) Redeem(ctx context.Context, code, user string) error {
	return pgx.BeginFunc(ctx, r.pool, func(tx pgx.Tx) error {
		var id, usesLeft int64
		if err := tx.QueryRow(ctx, `SELECT id, uses_left FROM coupons WHERE code = $1 FOR UPDATE`, code).Scan(&id, &usesLeft); err != nil {
			return err
		}
		if usesLeft <= 0 {
			return ErrExhausted
		}
		if _, err := tx.Exec(ctx, `UPDATE coupons SET uses_left = $1 WHERE id = $2`, usesLeft-1, id); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO redemptions (coupon_id, user_id) VALUES ($1, $2)`, id, user)
		return err
	})
}
