// Reproduces: kubernetes/kubernetes#1321 https://github.com/kubernetes/kubernetes/pull/1321 (GoBench goker kubernetes/1321)
// Kind: chan-under-lock
// Expected: channel-op-under-lock
//
// The mux's distribute loop sends each event to every watcher's unbuffered
// result channel while holding m.lock. A watcher that stops reading calls
// Stop, which needs m.lock to unregister: neither side can proceed.
package main

import "sync"

type muxWatcher struct {
	result chan int
	id     int
	m      *Mux
}

type Mux struct {
	lock     sync.Mutex
	watchers map[int]*muxWatcher
	incoming chan int
}

func (m *Mux) Watch() *muxWatcher {
	m.lock.Lock()
	defer m.lock.Unlock()
	w := &muxWatcher{result: make(chan int), id: len(m.watchers), m: m}
	m.watchers[w.id] = w
	return w
}

func (m *Mux) stopWatching(id int) {
	m.lock.Lock() // bug-partner
	defer m.lock.Unlock()
	delete(m.watchers, id)
}

func (w *muxWatcher) Stop() { w.m.stopWatching(w.id) }

func (m *Mux) distribute(event int) {
	m.lock.Lock()
	defer m.lock.Unlock()
	for _, w := range m.watchers {
		w.result <- event // bug: chan-under-lock
	}
}

func (m *Mux) loop() {
	for event := range m.incoming {
		m.distribute(event)
	}
}

func main() {
	m := &Mux{watchers: map[int]*muxWatcher{}, incoming: make(chan int)}
	go m.loop()
	w := m.Watch()
	m.incoming <- 1
	m.incoming <- 2
	<-w.result
	w.Stop()
}
