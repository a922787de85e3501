// Reproduces: service pattern: a wallet top-up endpoint reads the balance inside a GORM transaction without a row lock and saves the sum (two concurrent top-ups: one is lost)
// Kind: lost-update
// Expected: gorm-lost-update
package main

import (
	"log"
	"net/http"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

// Wallet is one user's balance, in cents.
type Wallet struct {
	ID      uint
	UserID  uint `gorm:"uniqueIndex"`
	Balance int64
}

func main() {
	db, err := gorm.Open(postgres.Open("postgres://wallet@localhost/wallet"), &gorm.Config{})
	if err != nil {
		log.Fatal(err)
	}
	svc := &WalletService{db: db}
	http.HandleFunc("POST /wallets/topup", svc.handleTopUp)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
