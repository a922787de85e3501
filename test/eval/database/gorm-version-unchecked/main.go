// Reproduces: service pattern: a wiki page editor with optimistic locking (WHERE version = ?) that returns only .Error — a concurrent edit matches 0 rows and the lost save is reported as success
// Kind: version-unchecked
// Expected: gorm-version-unchecked
package main

import (
	"log"
	"net/http"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

type Page struct {
	ID      uint
	Slug    string `gorm:"uniqueIndex"`
	Body    string
	Version int64
}

func main() {
	db, err := gorm.Open(postgres.Open("postgres://wiki@localhost/wiki"), &gorm.Config{})
	if err != nil {
		log.Fatal(err)
	}
	pages := &PageStore{db: db}
	http.Handle("PUT /pages/{slug}", &editHandler{pages: pages})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
