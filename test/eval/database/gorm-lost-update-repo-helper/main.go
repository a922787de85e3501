// Reproduces: service pattern: loyalty points — the service reads the account in a transaction, adds points and writes it back through a repository method of another package (tx.Save inside the repository), no row lock
// Kind: lost-update
// Expected: gorm-lost-update
package main

import (
	"log"
	"net/http"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"

	"goconc.dev/eval/database/gorm-lost-update-repo-helper/repo"
)

func main() {
	db, err := gorm.Open(postgres.Open("postgres://loyalty@localhost/loyalty"), &gorm.Config{})
	if err != nil {
		log.Fatal(err)
	}
	svc := &LoyaltyService{db: db, accounts: repo.NewAccounts()}
	http.HandleFunc("POST /orders/{id}/paid", svc.handleOrderPaid)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
