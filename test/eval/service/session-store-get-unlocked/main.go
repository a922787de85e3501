// Reproduces: service pattern: a session store whose map is written under its mutex at login but read without it by the auth middleware's lookup — a login and an authenticated request at the same time race on the map
// Kind: map-unlocked
// Expected: concurrent-map-write, unsynchronized-shared-write
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
	mu       sync.Mutex
	sessions map[string]Session
}

func NewSessionStore() *SessionStore {
	return &SessionStore{sessions: make(map[string]Session)}
}

func (s *SessionStore) Create(userID string) string {
	buf := make([]byte, 16)
	_, _ = rand.Read(buf)
	id := hex.EncodeToString(buf)
	s.mu.Lock()
	s.sessions[id] = Session{UserID: userID, ExpiresAt: time.Now().Add(12 * time.Hour)} // bug-partner
	s.mu.Unlock()
	return id
}

// Lookup is called for every authenticated request.
func (s *SessionStore) Lookup(id string) (Session, bool) {
	sess, ok := s.sessions[id] // bug: map-unlocked
	if !ok || time.Now().After(sess.ExpiresAt) {
		return Session{}, false
	}
	return sess, true
}

type API struct {
	store *SessionStore
}

func (a *API) handleLogin(w http.ResponseWriter, r *http.Request) {
	user := r.FormValue("user")
	if user == "" {
		http.Error(w, "missing user", http.StatusBadRequest)
		return
	}
	id := a.store.Create(user)
	http.SetCookie(w, &http.Cookie{Name: "sid", Value: id, HttpOnly: true})
	w.WriteHeader(http.StatusNoContent)
}

func (a *API) requireSession(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie("sid")
		if err != nil {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		if _, ok := a.store.Lookup(c.Value); !ok {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next(w, r)
	}
}

func (a *API) handleProfile(w http.ResponseWriter, r *http.Request) {
	_, _ = w.Write([]byte("profile\n"))
}

func main() {
	api := &API{store: NewSessionStore()}
	http.HandleFunc("/login", api.handleLogin)
	http.HandleFunc("/profile", api.requireSession(api.handleProfile))
	log.Fatal(http.ListenAndServe(":8080", nil))
}
