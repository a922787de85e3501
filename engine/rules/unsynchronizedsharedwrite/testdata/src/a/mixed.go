package a

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing/synctest"
)

// Mixed races: one side holds the mutex, the other runs concurrently
// without it.

// A flag written under the stream's lock by a goroutine, read without it by
// the function that started the goroutine before it waits (grpc-go #2104).
type stream struct {
	mu         sync.Mutex
	headerSent bool
	status     string
}

func (s *stream) writeHeader() {
	s.mu.Lock()
	s.headerSent = true
	s.mu.Unlock()
}

func (s *stream) writeStatus(st string) {
	if !s.headerSent { // want "`s.headerSent` is read without a lock while the goroutine started at line [0-9]+ writes it holding `s.mu`"
		s.writeHeader()
	}
}

func serve() {
	s := &stream{}
	done := make(chan struct{})
	go func() {
		s.writeHeader()
		close(done)
	}()
	s.writeStatus("ok")
	<-done
}

// A list head replaced under the embedded mutex by a goroutine, walked
// without it (moby #51295).
type seq struct{ next *seq }

type handle struct {
	sync.Mutex
	head *seq
}

func (h *handle) push() {
	h.Lock()
	defer h.Unlock()
	h.head = &seq{next: h.head}
}

func (h *handle) count() int {
	n := 0
	for s := h.head; s != nil; s = s.next { // want "`h.head` is read without a lock while the goroutine started at line [0-9]+ writes it holding `h.Mutex`"
		n++
	}
	return n
}

func check() int {
	h := &handle{}
	go func() {
		for i := 0; i < 10; i++ {
			h.push()
		}
	}()
	return h.count()
}

// The goroutine writes without the lock the starter holds while it reads.
type gauge struct {
	mu    sync.Mutex
	value int
}

func (g *gauge) set(v int) { g.value = v } // want "`g.value` is written without a lock in the goroutine started at line [0-9]+, while the starting function reads it holding `g.mu`"

func (g *gauge) get() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.value
}

func poll() int {
	g := &gauge{}
	go g.set(1)
	return g.get()
}

// Every request reads the table without the lock the refresh takes.
type router struct {
	mu    sync.Mutex
	table string
}

func (rt *router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost {
		rt.mu.Lock()
		rt.table = r.URL.Path
		rt.mu.Unlock()
		return
	}
	_, _ = w.Write([]byte(rt.table)) // want "`rt.table` is read without a lock in the HTTP handler `ServeHTTP`, which serves requests concurrently, while another instance writes it holding `rt.mu`"
}

// Silent: the starter reads only after the goroutine hands over (a receive
// orders the read after the locked write).
func handedOver() bool {
	s := &stream{}
	done := make(chan struct{})
	go func() {
		s.writeHeader()
		close(done)
	}()
	<-done
	return s.headerSent
}

// Silent: the goroutine reads after it receives from the starter, which
// writes under the lock and then signals.
func signalled() {
	s := &stream{}
	ready := make(chan struct{})
	go func() {
		<-ready
		_ = s.headerSent
	}()
	s.writeHeader()
	close(ready)
}

// Silent: written before the goroutine starts.
func beforeStart() {
	s := &stream{}
	s.headerSent = true
	go s.writeHeader()
}

// Silent: both sides hold the lock.
func bothLocked() int {
	g := &gauge{}
	go func() {
		g.mu.Lock()
		g.value = 2
		g.mu.Unlock()
	}()
	return g.get()
}

// Silent: each request has its own value.
type page struct {
	mu    sync.Mutex
	title string
}

func ownPage(w http.ResponseWriter, r *http.Request) {
	p := &page{}
	p.mu.Lock()
	p.title = r.URL.Path
	p.mu.Unlock()
	_, _ = w.Write([]byte(p.title))
}

func register() { http.HandleFunc("/p", ownPage) }

// Silent: reads on both sides.
func readsOnly() bool {
	s := &stream{}
	go func() {
		s.mu.Lock()
		_ = s.headerSent
		s.mu.Unlock()
	}()
	return s.headerSent
}

// Silent: a test server's handler runs while the test's request is in
// flight; the test reads what it recorded after the response.
func recorded() string {
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Method
	}))
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	if err == nil {
		resp.Body.Close()
	}
	return got
}

// Silent: the starter waits inside a helper closure, through a sync.Once.
func countErrors(errc chan error) int {
	errCount := 0
	done := make(chan struct{})
	var once sync.Once
	finish := func() {
		once.Do(func() {
			close(errc)
			<-done
		})
	}
	go func() {
		for err := range errc {
			if err != nil {
				errCount++
			}
		}
		close(done)
	}()
	errc <- nil
	finish()
	return errCount
}

// Silent: synctest.Wait returns once the bubble's other goroutines are
// durably blocked, after what they did.
func bubbled() int {
	n := 0
	go func() { n = 1 }()
	synctest.Wait()
	return n
}

// The starter waits for the goroutine's signal or its context: on the
// context's way nothing orders the read after the write (grpc-go#4627).
type headerStream struct {
	ctx      context.Context
	ready    chan struct{}
	compress string
}

func (s *headerStream) operateHeaders(enc string) {
	s.compress = enc // want "`s.compress` is written in a goroutine and accessed by the starting function"
	close(s.ready)
}

func (s *headerStream) waitOnHeader() {
	select {
	case <-s.ctx.Done():
	case <-s.ready:
	}
}

func recvCompress(ctx context.Context) string {
	s := &headerStream{ctx: ctx, ready: make(chan struct{})}
	go s.operateHeaders("gzip")
	s.waitOnHeader()
	return s.compress
}

// Silent: the context's case returns; what follows is ordered after the
// goroutine's close.
func (s *headerStream) waitOrFail() bool {
	select {
	case <-s.ctx.Done():
		return false
	case <-s.ready:
	}
	return true
}

func recvCompressOrFail(ctx context.Context) string {
	s := &headerStream{ctx: ctx, ready: make(chan struct{})}
	go func() {
		s.compress = "gzip"
		close(s.ready)
	}()
	if !s.waitOrFail() {
		return ""
	}
	return s.compress
}

// Silent: the starter is entered holding the lock (it releases a lock it did
// not take), so its write before the Unlock is under it (nats-server's
// doTLSHandshake).
type handshake struct {
	mu      sync.Mutex
	timeout int
}

func (h *handshake) expire() {
	h.mu.Lock()
	_ = h.timeout
	h.mu.Unlock()
}

func (h *handshake) startHeld(d int) {
	go h.expire()
	h.timeout = d
	h.mu.Unlock()
}
