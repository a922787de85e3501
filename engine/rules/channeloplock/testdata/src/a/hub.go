package a

import "sync"

// Interprocedural: Publish (this file) holds h.mu and calls notify
// (notify.go), which sends on h.events; the consumer run (this file) calls
// record (notify.go), which takes h.mu. Four functions, two files.
type Hub struct {
	mu     sync.Mutex
	seen   map[string]bool
	events chan string
}

func NewHub() *Hub {
	h := &Hub{seen: map[string]bool{}, events: make(chan string)}
	go h.run()
	return h
}

func (h *Hub) Publish(e string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.seen[e] = true
	h.notify(e) // want "h.notify\\(\\) → h.events <- … can block while h.mu is held, and Hub.run"
}

func (h *Hub) run() {
	for e := range h.events {
		h.record(e)
	}
}

// Direct: the goroutines counted by wg take mu before Done, and Wait holds it.
func Flush(items []int) int {
	var (
		mu    sync.Mutex
		wg    sync.WaitGroup
		total int
	)
	mu.Lock()
	defer mu.Unlock()
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			total += it
			mu.Unlock()
		}()
	}
	wg.Wait() // want "wg.Wait\\(\\) can block while mu is held"
	return total
}

// Direct: a reply channel read while holding the lock the replier needs.
type Server struct {
	mu      sync.Mutex
	state   int
	replies chan int
}

func (s *Server) Ask() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return <-s.replies // want "<-s.replies can block while s.mu is held, and Server.answer"
}

func (s *Server) answer() {
	s.mu.Lock()
	v := s.state
	s.mu.Unlock()
	s.replies <- v
}
