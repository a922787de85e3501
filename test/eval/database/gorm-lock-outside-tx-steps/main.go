// Reproduces: service pattern: seat booking builds its query in steps (filter, then clause.Locking FOR UPDATE) on the pool handle, outside any transaction — the row lock ends with the SELECT and two buyers hold the same seat
// Kind: lock-outside-tx
// Expected: gorm-lock-outside-tx
package main

import (
	"log"
	"net/http"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

type Seat struct {
	ID     uint
	ShowID uint
	SeatNo string
	HeldBy string
}

func main() {
	db, err := gorm.Open(postgres.Open("postgres://tickets@localhost/tickets"), &gorm.Config{})
	if err != nil {
		log.Fatal(err)
	}
	b := &Booking{db: db}
	http.HandleFunc("POST /shows/{show}/seats/{seat}/hold", b.handleHold)
	http.HandleFunc("POST /shows/{show}/confirm", b.handleConfirm)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
