// Reproduces: grpc/grpc-go#795 https://github.com/grpc/grpc-go/pull/795 (GoBench goker grpc/795)
// Kind: missing-unlock
// Expected: lock-without-unlock, double-lock
//
// Server.Serve registers the listener under s.mu and returns on a stopped
// server without unlocking; Stop then blocks on s.mu forever.
package main

import (
	"errors"
	"sync"
)

type Server struct {
	mu  sync.Mutex
	lis map[string]bool
}

func (s *Server) Serve(addr string) error {
	s.mu.Lock() // bug-partner
	if s.lis == nil {
		return errors.New("server stopped") // bug: missing-unlock
	}
	s.lis[addr] = true
	s.mu.Unlock()
	return nil
}

func (s *Server) Stop() {
	s.mu.Lock() // bug-partner
	s.lis = nil
	s.mu.Unlock()
}

func main() {
	s := &Server{lis: map[string]bool{}}
	s.Stop()
	_ = s.Serve(":0")
	s.Stop()
}
