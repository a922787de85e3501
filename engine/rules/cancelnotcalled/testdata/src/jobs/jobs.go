package jobs

import (
	"context"
	"sync"
	"time"
)

// WithJob creates a context for one job: the caller owns its cancel.
func WithJob(parent context.Context) (context.Context, context.CancelFunc) { // want WithJob:`freshCancel\[1\]`
	ctx, cancel := context.WithTimeout(parent, time.Minute)
	return ctx, func() { cancel() }
}

// Registry keeps the cancel functions of running jobs.
type Registry struct {
	mu sync.Mutex
	m  map[string]context.CancelFunc
}

// Get looks a job's cancel up: the registry owns it.
func (r *Registry) Get(id string) (context.CancelFunc, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c, ok := r.m[id]
	return c, ok
}
