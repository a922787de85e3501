// Reproduces: service pattern: a coupon redemption repository runs SELECT ... FOR UPDATE through the pooled *sql.DB (autocommit), then UPDATEs in a second statement — the row lock ends with the SELECT and a coupon is redeemed twice
// Kind: for-update-outside-tx
// Expected: for-update-outside-tx
package main

import (
	"database/sql"
	"log"
	"net/http"

	_ "github.com/jackc/pgx/v5/stdlib"
)

func main() {
	db, err := sql.Open("pgx", "postgres://promo@localhost/promo")
	if err != nil {
		log.Fatal(err)
	}
	coupons := &CouponRepo{db: db}
	http.HandleFunc("POST /coupons/{code}/redeem", func(w http.ResponseWriter, r *http.Request) {
		if err := coupons.Redeem(r.Context(), r.PathValue("code"), r.Header.Get("X-User")); err != nil {
			http.Error(w, err.Error(), http.StatusConflict)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
