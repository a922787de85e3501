package c

import "sync"

type Registry struct {
	Meta  sync.Mutex
	Items sync.Mutex
}

func Forwards(r *Registry) {
	r.Meta.Lock()
	defer r.Meta.Unlock()
	r.Items.Lock()
	r.Items.Unlock()
}
