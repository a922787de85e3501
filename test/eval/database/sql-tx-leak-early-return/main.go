// Reproduces: service pattern: a database/sql transfer handler returns early on insufficient funds without rolling back — the transaction keeps its pooled connection and the FOR UPDATE row lock until the server times the session out
// Kind: tx-leak
// Expected: sql-tx-leak
package main

import (
	"database/sql"
	"log"
	"net/http"

	_ "github.com/jackc/pgx/v5/stdlib"
)

func main() {
	db, err := sql.Open("pgx", "postgres://bank@localhost/bank")
	if err != nil {
		log.Fatal(err)
	}
	db.SetMaxOpenConns(10)
	h := &TransferHandler{repo: &LedgerRepo{db: db}}
	http.Handle("POST /transfers", h)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
