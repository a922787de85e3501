// Reproduces: service pattern: two handler closures in main sharing a captured variable — the deploy webhook assigns the current version, the version endpoint reads it, no lock
// Kind: shared-var
// Expected: unsynchronized-shared-write, data-race
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"time"
)

type Deploy struct {
	Version string    `json:"version"`
	At      time.Time `json:"at"`
}

func verifySignature(r *http.Request) bool {
	return r.Header.Get("X-Hub-Signature-256") != ""
}

func main() {
	current := Deploy{Version: "unknown", At: time.Now()}
	history := make(chan Deploy, 64)

	go func() {
		for d := range history {
			log.Printf("deployed %s at %s", d.Version, d.At.Format(time.RFC3339))
		}
	}()

	http.HandleFunc("/hooks/deploy", func(w http.ResponseWriter, r *http.Request) {
		if !verifySignature(r) {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		var d Deploy
		if err := json.NewDecoder(r.Body).Decode(&d); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		d.At = time.Now()
		current = d // bug: shared-var
		history <- d
		w.WriteHeader(http.StatusAccepted)
	})

	http.HandleFunc("/version", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(current) // bug-partner
	})

	log.Fatal(http.ListenAndServe(":8093", nil))
}
