package a

// go vet's copylocks reports these lines too, except the channel send (see
// test/unit/goVet.test.ts): both tools agree on the positives.

func (c Counter) Value() int { // want "value receiver Counter copies its mu \\(sync.Mutex\\)"
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

func (s Stats) Label() string { // want "value receiver Stats copies its hits.mu \\(sync.Mutex\\)"
	return s.label
}

func Report(s Stats) int { // want "parameter of type Stats is passed by value"
	return s.hits.n
}

func Total(cs []Counter) int {
	t := 0
	for _, c := range cs { // want "the range variable copies each Counter element"
		t += c.n
	}
	return t
}

func Snapshot(c *Counter) int {
	copied := *c // want "\\*c is copied here together with its mu"
	return copied.n
}

func Publish(out chan<- Stats, s *Stats) {
	v := Stats{label: s.label}
	out <- v // want "sending v copies it together with its hits.mu"
}
