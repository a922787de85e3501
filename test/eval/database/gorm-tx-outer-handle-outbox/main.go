// Reproduces: service pattern: order checkout writes the order in a GORM transaction but the outbox event through the service's pool handle — the event is committed even when the order rolls back, and with one pooled connection the INSERT waits on the transaction forever
// Kind: tx-outer-handle
// Expected: gorm-tx-outer-handle
package main

import (
	"log"
	"net/http"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

func main() {
	db, err := gorm.Open(postgres.Open("postgres://orders@localhost/orders"), &gorm.Config{})
	if err != nil {
		log.Fatal(err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		log.Fatal(err)
	}
	sqlDB.SetMaxOpenConns(4)
	svc := &OrderService{db: db}
	http.HandleFunc("POST /orders", svc.handleCreate)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
