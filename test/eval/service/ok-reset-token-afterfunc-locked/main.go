// Reproduces: service pattern: password-reset tokens expired by time.AfterFunc callbacks that take the same mutex as the handlers before deleting
// Kind: correct
// Expected: (silent)
package main

import (
	"crypto/rand"
	"encoding/base64"
	"log"
	"net/http"
	"sync"
	"time"
)

type ResetTokens struct {
	mu     sync.Mutex
	tokens map[string]string // token -> email
	ttl    time.Duration
}

func (t *ResetTokens) expire(tok string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.tokens, tok)
}

func (t *ResetTokens) Issue(email string) string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	tok := base64.RawURLEncoding.EncodeToString(b)
	t.mu.Lock()
	t.tokens[tok] = email
	t.mu.Unlock()
	time.AfterFunc(t.ttl, func() { t.expire(tok) })
	return tok
}

func (t *ResetTokens) Redeem(tok string) (string, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	email, ok := t.tokens[tok]
	if ok {
		delete(t.tokens, tok)
	}
	return email, ok
}

type Handlers struct {
	tokens *ResetTokens
}

func (h *Handlers) requestReset(w http.ResponseWriter, r *http.Request) {
	email := r.FormValue("email")
	tok := h.tokens.Issue(email)
	log.Printf("reset link for %s: /reset/confirm?token=%s", email, tok)
	w.WriteHeader(http.StatusAccepted)
}

func (h *Handlers) confirmReset(w http.ResponseWriter, r *http.Request) {
	email, ok := h.tokens.Redeem(r.URL.Query().Get("token"))
	if !ok {
		http.Error(w, "invalid or expired token", http.StatusGone)
		return
	}
	log.Printf("password reset for %s", email)
	w.WriteHeader(http.StatusNoContent)
}

func main() {
	h := &Handlers{tokens: &ResetTokens{tokens: make(map[string]string), ttl: 15 * time.Minute}}
	http.HandleFunc("/reset/request", h.requestReset)
	http.HandleFunc("/reset/confirm", h.confirmReset)
	log.Fatal(http.ListenAndServe(":8089", nil))
}
