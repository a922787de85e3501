// Package chi is a stub of github.com/go-chi/chi/v5 for tests.
package chi

import "net/http"

type Router interface {
	Get(pattern string, h http.HandlerFunc)
	Post(pattern string, h http.HandlerFunc)
}

type Mux struct{}

func (m *Mux) Get(pattern string, h http.HandlerFunc)  {}
func (m *Mux) Post(pattern string, h http.HandlerFunc) {}

func NewRouter() *Mux { return &Mux{} }
