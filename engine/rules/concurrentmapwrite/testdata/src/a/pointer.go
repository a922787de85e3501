package a

import "sync"

// A map in a struct the starter shares with the goroutine through a pointer:
// the goroutine writes it in a method, the starter in another before it
// waits (kubernetes#49985).
type clusterSet struct {
	status  map[string]string
	clients map[string]int
}

func (c *clusterSet) refresh() {
	for name := range c.clients {
		c.status[name] = "ready" // want "map `c.status` is written in a goroutine and accessed by the starting function"
	}
}

func (c *clusterSet) remove(name string) {
	delete(c.status, name)
}

func runClusterSet() {
	c := &clusterSet{status: map[string]string{}, clients: map[string]int{}}
	go func() {
		c.refresh()
	}()
	c.remove("a")
}

// The same struct handed to the goroutine as an argument (go w.run()).
type watcher struct{ seen map[string]bool }

func (w *watcher) run() { w.note("x") }

func (w *watcher) note(k string) {
	w.seen[k] = true // want "map `w.seen` is written in a goroutine and accessed by the starting function"
}

func (w *watcher) forget(k string) {
	delete(w.seen, k) // want "map `w.seen` is written without a lock in the goroutine started at line 59 and accessed in the goroutine started at line 55"
}

func startWatcher() {
	w := &watcher{seen: map[string]bool{}}
	go w.run()
	w.forget("x")
}

// Another goroutine of the same starter deletes from the map.
func twoWatchers() {
	w := &watcher{seen: map[string]bool{}}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		w.run()
	}()
	go func() {
		defer wg.Done()
		w.forget("x")
	}()
	wg.Wait()
}

// The negatives use a type of their own: a write reported once (above)
// would hide a second report on the same line.
type quietWatcher struct{ seen map[string]bool }

func (w *quietWatcher) run() { w.note("x") }

func (w *quietWatcher) note(k string) { w.seen[k] = true }

func (w *quietWatcher) forget(k string) { delete(w.seen, k) }

// Negative: the struct is made inside the goroutine.
func ownWatcher() {
	go func() {
		w := &quietWatcher{seen: map[string]bool{}}
		w.run()
	}()
}

// Negative: each goroutine is given its own watcher.
func perWorker(ws []*quietWatcher) {
	for _, w := range ws {
		go w.run()
	}
	for i := 0; i < 3; i++ {
		w := &quietWatcher{seen: map[string]bool{}}
		go w.run()
	}
}

// Negative: the starter touches the map only after wg.Wait, or after a
// receive from the goroutine.
func afterWait() {
	w := &quietWatcher{seen: map[string]bool{}}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		w.run()
	}()
	wg.Wait()
	w.forget("x")
}

func afterReceive() {
	w := &quietWatcher{seen: map[string]bool{}}
	done := make(chan struct{})
	go func() {
		w.run()
		close(done)
	}()
	<-done
	w.forget("x")
}

// Negative: handed off over a channel — the starter no longer uses it.
func handOff() {
	ch := make(chan *quietWatcher)
	go func() {
		w := <-ch
		w.run()
	}()
	ch <- &quietWatcher{seen: map[string]bool{}}
}

// Negative: every access holds the struct's lock.
type lockedSet struct {
	mu sync.Mutex
	m  map[string]int
}

func (s *lockedSet) put(k string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[k] = 1
}

func (s *lockedSet) del(k string) {
	s.mu.Lock()
	s.delLocked(k)
	s.mu.Unlock()
}

func (s *lockedSet) delLocked(k string) { delete(s.m, k) }

func runLockedSet() {
	s := &lockedSet{m: map[string]int{}}
	go s.put("a")
	s.del("a")
}

// Negative: the starter's helper waits for the goroutine before it touches
// the map, or calls one that waits.
func (w *quietWatcher) stopAfter(done chan struct{}) {
	<-done
	w.forget("x")
}

func (w *quietWatcher) waitFor(done chan struct{}) { <-done }

func stopAfterDone() {
	w := &quietWatcher{seen: map[string]bool{}}
	done := make(chan struct{})
	go func() {
		w.run()
		close(done)
	}()
	w.stopAfter(done)
	w.waitFor(done)
	w.forget("y")
}
