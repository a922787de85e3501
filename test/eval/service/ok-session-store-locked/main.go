// Reproduces: service pattern: the session store done right — every access to the map under the RWMutex, expiry sweeps included
// Kind: correct
// Expected: (silent)
package main

import (
	"crypto/rand"
	"encoding/hex"
	"log"
	"net/http"
	"sync"
	"time"
)

type Session struct {
	UserID    string
	ExpiresAt time.Time
}

type SessionStore struct {
	mu       sync.RWMutex
	sessions map[string]Session
}

func (s *SessionStore) Create(userID string) string {
	buf := make([]byte, 16)
	_, _ = rand.Read(buf)
	id := hex.EncodeToString(buf)
	s.mu.Lock()
	s.sessions[id] = Session{UserID: userID, ExpiresAt: time.Now().Add(12 * time.Hour)}
	s.mu.Unlock()
	return id
}

func (s *SessionStore) Lookup(id string) (Session, bool) {
	s.mu.RLock()
	sess, ok := s.sessions[id]
	s.mu.RUnlock()
	if !ok || time.Now().After(sess.ExpiresAt) {
		return Session{}, false
	}
	return sess, true
}

func (s *SessionStore) sweep(every time.Duration) {
	for range time.Tick(every) {
		now := time.Now()
		s.mu.Lock()
		for id, sess := range s.sessions {
			if now.After(sess.ExpiresAt) {
				delete(s.sessions, id)
			}
		}
		s.mu.Unlock()
	}
}

type API struct {
	store *SessionStore
}

func (a *API) handleLogin(w http.ResponseWriter, r *http.Request) {
	id := a.store.Create(r.FormValue("user"))
	http.SetCookie(w, &http.Cookie{Name: "sid", Value: id, HttpOnly: true})
	w.WriteHeader(http.StatusNoContent)
}

func (a *API) handleProfile(w http.ResponseWriter, r *http.Request) {
	c, err := r.Cookie("sid")
	if err != nil {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	sess, ok := a.store.Lookup(c.Value)
	if !ok {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	_, _ = w.Write([]byte("hello " + sess.UserID + "\n"))
}

func main() {
	store := &SessionStore{sessions: make(map[string]Session)}
	go store.sweep(time.Minute)
	api := &API{store: store}
	http.HandleFunc("/login", api.handleLogin)
	http.HandleFunc("/profile", api.handleProfile)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
