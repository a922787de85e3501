package a

type worker struct{ buf []byte }

// OK: each goroutine lazily fills its own worker's buffer.
func (w *worker) run() {
	if w.buf == nil {
		w.buf = make([]byte, 10)
	}
}

func startWorkers(n int) {
	for i := 0; i < n; i++ {
		w := &worker{}
		go w.run()
	}
}

type pool struct{ idle []int }

// The goroutines share one pool.
func (p *pool) fill() {
	if p.idle == nil { // want "lazy initialisation of `p.idle` is not synchronised \\(this function is started with go\\)"
		p.idle = []int{}
	}
}

func startFillers(p *pool, n int) {
	for i := 0; i < n; i++ {
		go p.fill()
	}
}
