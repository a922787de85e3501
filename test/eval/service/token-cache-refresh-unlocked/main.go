// Reproduces: service pattern: an OAuth token cache checking expiry under its mutex but storing the refreshed token after unlocking, so concurrent handlers write and read the token field without a common lock
// Kind: field-unlocked
// Expected: unsynchronized-shared-write, data-race
package main

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/url"
	"sync"
	"time"
)

type TokenSource struct {
	mu       sync.Mutex
	token    string
	expires  time.Time
	tokenURL string
	clientID string
}

func (ts *TokenSource) Token() (string, error) {
	ts.mu.Lock()
	if ts.token != "" && time.Now().Before(ts.expires) { // bug-partner
		tok := ts.token
		ts.mu.Unlock()
		return tok, nil
	}
	ts.mu.Unlock()
	return ts.refresh()
}

func (ts *TokenSource) refresh() (string, error) {
	resp, err := http.PostForm(ts.tokenURL, url.Values{"grant_type": {"client_credentials"}, "client_id": {ts.clientID}})
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var body struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int    `json:"expires_in"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return "", err
	}
	ts.token = body.AccessToken // bug: field-unlocked
	ts.mu.Lock()
	ts.expires = time.Now().Add(time.Duration(body.ExpiresIn) * time.Second)
	ts.mu.Unlock()
	return body.AccessToken, nil
}

type InvoiceAPI struct {
	tokens *TokenSource
}

func (a *InvoiceAPI) handleInvoices(w http.ResponseWriter, r *http.Request) {
	tok, err := a.tokens.Token()
	if err != nil {
		http.Error(w, "auth: "+err.Error(), http.StatusBadGateway)
		return
	}
	req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, "https://billing.example.com/v1/invoices", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	fmt.Fprintf(w, "billing answered %s\n", resp.Status)
}

func main() {
	a := &InvoiceAPI{tokens: &TokenSource{tokenURL: "https://auth.example.com/oauth/token", clientID: "invoices"}}
	http.HandleFunc("/invoices", a.handleInvoices)
	log.Fatal(http.ListenAndServe(":8095", nil))
}
