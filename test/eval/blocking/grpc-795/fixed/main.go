// Fixed version of grpc/grpc-go#795: unlock before the early return.
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
	s.mu.Lock() // fixed
	if s.lis == nil {
		s.mu.Unlock()
		return errors.New("server stopped") // fixed
	}
	s.lis[addr] = true
	s.mu.Unlock()
	return nil
}

func (s *Server) Stop() {
	s.mu.Lock()
	s.lis = nil
	s.mu.Unlock()
}

func main() {
	s := &Server{lis: map[string]bool{}}
	s.Stop()
	_ = s.Serve(":0")
	s.Stop()
}
