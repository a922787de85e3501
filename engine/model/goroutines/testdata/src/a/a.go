package a

import (
	"sync"

	"golang.org/x/sync/errgroup"
)

type server struct{ n int }

func (s *server) serve(port int) {}

func work(n int) {}

func starts(s *server, f func()) {
	n := 1
	go func() { n++ }() // want `starts starts: go starts\$1 t\d+`
	go work(n)          // want `starts starts: go work t\d+`
	go s.serve(80)      // want `starts starts: go serve t\d+`
	go f()              // want `starts starts: go \? -`
	var wg sync.WaitGroup
	wg.Go(func() { n++ }) // want `starts starts: sync.WaitGroup.Go starts\$2 t\d+`
	var g errgroup.Group
	g.Go(func() error { s.n++; return nil }) // want `starts starts: errgroup.Group.Go starts\$3 t\d+`
	defer func() {
		go work(2) // want `starts\$4 starts: go work 2:int`
	}()
}
