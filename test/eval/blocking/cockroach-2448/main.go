// Reproduces: cockroachdb/cockroach#2448 https://github.com/cockroachdb/cockroach/pull/2448 (GoBench goker cockroach/2448)
// Kind: chan-cycle
// Expected: (any)
//
// The store's raft processing loop sends ready state to the multiraft event
// loop on an unbuffered channel, while the event loop, handling a proposal,
// sends back to the store's loop on another unbuffered channel: each sender
// waits for the other to receive.
package main

type Store struct {
	events    chan int
	proposals chan int
}

func (s *Store) processRaft() {
	for {
		select {
		case e := <-s.events:
			s.proposals <- e // bug: chan-cycle
		}
	}
}

type state struct {
	s *Store
}

func (st *state) eventLoop() {
	for i := 0; ; i++ {
		st.s.events <- i // bug-partner
		<-st.s.proposals
	}
}

func main() {
	s := &Store{events: make(chan int), proposals: make(chan int)}
	st := &state{s: s}
	go s.processRaft()
	go st.eventLoop()
	s.events <- -1
	select {}
}
