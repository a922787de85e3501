// Reproduces: service pattern: order checkout where every repository is rebound to the transaction (repo.WithTx(tx)), the outbox event included — one connection, one commit
// Kind: correct
// Expected: (silent)
package main

import (
	"context"
	"log"
	"net/http"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"

	"goconc.dev/eval/database/ok-gorm-tx-repos-bound/store"
)

type OrderService struct {
	db *gorm.DB
}

func main() {
	db, err := gorm.Open(postgres.Open("postgres://orders@localhost/orders"), &gorm.Config{})
	if err != nil {
		log.Fatal(err)
	}
	svc := &OrderService{db: db}
	http.HandleFunc("POST /orders", func(w http.ResponseWriter, r *http.Request) {
		o := &store.Order{CustomerID: 1, TotalCents: 4200}
		if err := svc.Create(r.Context(), o); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusCreated)
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}

func (s *OrderService) Create(ctx context.Context, o *store.Order) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		orders := store.NewOrders(tx)
		outbox := store.NewOutbox(tx)
		if err := orders.Insert(o); err != nil {
			return err
		}
		return outbox.Publish("order.placed", o)
	})
}
