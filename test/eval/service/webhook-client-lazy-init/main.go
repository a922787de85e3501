// Reproduces: service pattern: a notifier service creating its outbound HTTP client lazily in a getter method called from every webhook delivery
// Kind: lazy-init
// Expected: unsynchronized-shared-write, data-race
package main

import (
	"bytes"
	"encoding/json"
	"log"
	"net/http"
	"time"
)

type Notifier struct {
	endpoint string
	client   *http.Client
}

func (n *Notifier) httpClient() *http.Client {
	if n.client == nil { // bug-partner
		n.client = &http.Client{ // bug: lazy-init
			Timeout: 10 * time.Second,
			Transport: &http.Transport{
				MaxIdleConnsPerHost: 16,
				IdleConnTimeout:     90 * time.Second,
			},
		}
	}
	return n.client
}

func (n *Notifier) Send(event string, payload any) error {
	body, err := json.Marshal(map[string]any{"event": event, "data": payload})
	if err != nil {
		return err
	}
	resp, err := n.httpClient().Post(n.endpoint, "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

type OrderAPI struct {
	notify *Notifier
}

func (a *OrderAPI) handleCreate(w http.ResponseWriter, r *http.Request) {
	var order map[string]any
	if err := json.NewDecoder(r.Body).Decode(&order); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err := a.notify.Send("order.created", order); err != nil {
		log.Printf("notify: %v", err)
	}
	w.WriteHeader(http.StatusCreated)
}

func main() {
	a := &OrderAPI{notify: &Notifier{endpoint: "https://hooks.example.com/orders"}}
	http.HandleFunc("/orders", a.handleCreate)
	log.Fatal(http.ListenAndServe(":8094", nil))
}
