package a

func (h *Hub) notify(e string) {
	if e != "" {
		h.events <- e
	}
}

func (h *Hub) record(e string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.seen, e)
}
