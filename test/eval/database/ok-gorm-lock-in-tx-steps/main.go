// Reproduces: service pattern: the seat hold done right — the same step-built FOR UPDATE query, but built from the transaction's handle, with the write in the same transaction
// Kind: correct
// Expected: (silent)
package main

import (
	"context"
	"errors"
	"log"
	"net/http"
	"strconv"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

var ErrSeatTaken = errors.New("seat already held")

type Seat struct {
	ID     uint
	ShowID uint
	SeatNo string
	HeldBy string
}

type Booking struct {
	db *gorm.DB
}

func main() {
	db, err := gorm.Open(postgres.Open("postgres://tickets@localhost/tickets"), &gorm.Config{})
	if err != nil {
		log.Fatal(err)
	}
	b := &Booking{db: db}
	http.HandleFunc("POST /shows/{show}/seats/{seat}/hold", func(w http.ResponseWriter, r *http.Request) {
		show, _ := strconv.ParseUint(r.PathValue("show"), 10, 64)
		if err := b.Hold(r.Context(), uint(show), r.PathValue("seat"), r.Header.Get("X-User")); err != nil {
			http.Error(w, err.Error(), http.StatusConflict)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}

func (b *Booking) Hold(ctx context.Context, showID uint, seatNo, user string) error {
	return b.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		q := tx.Where("show_id = ? AND seat_no = ?", showID, seatNo)
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
		var seat Seat
		if err := q.First(&seat).Error; err != nil {
			return err
		}
		if seat.HeldBy != "" {
			return ErrSeatTaken
		}
		seat.HeldBy = user
		return tx.Save(&seat).Error
	})
}
