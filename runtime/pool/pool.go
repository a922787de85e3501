// Package pool provides a generic, bounded worker pool.
//
// A [Pool] runs a fixed number of worker goroutines that apply one function
// to submitted inputs. It answers the problems of the hand-written pool most
// services start with (see the goconc field guide):
//
//   - Submit blocks while the queue is full and gives up when its context is
//     cancelled; TrySubmit never blocks and reports [ErrOverloaded].
//   - The queue is bounded, so a burst of a million submissions costs a
//     bounded amount of memory (set its size with [WithQueueSize]).
//   - Results, when asked for with [WithResults] or [WithOrderedResults],
//     arrive in submission order or as they complete. A worker never blocks
//     forever on a result nobody reads: leaving the Results loop, Stop,
//     Shutdown's deadline or the pool context all release it.
//   - A panicking task becomes a [*PanicError] carrying the stack, instead of
//     crashing the process (opt out with [WithoutPanicRecovery]).
//   - Close, Wait and Stop are idempotent; Submit after Close returns
//     [ErrClosed] and never panics; Shutdown is shaped like
//     http.Server.Shutdown.
//   - [Pool.Metrics] reports running, queued, completed, failed and panicked
//     task counts.
//
// The function passed to [New] receives the pool's context, not the
// submitter's: a task may start after its submitter has returned. The pool's
// context is cancelled by [Pool.Stop], by an expired [Pool.Shutdown] and when
// the parent given with [WithContext] is done.
package pool

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

var (
	// ErrClosed is returned by Submit and TrySubmit once the pool is closed.
	ErrClosed = errors.New("pool: closed")
	// ErrOverloaded is returned by TrySubmit when the queue is full.
	ErrOverloaded = errors.New("pool: overloaded")
	// ErrStopped is the error of results for tasks that were queued but never
	// run because the pool was stopped.
	ErrStopped = errors.New("pool: stopped before the task ran")
)

// PanicError is the error a task's panic is turned into.
type PanicError struct {
	Value any    // the value passed to panic
	Stack []byte // the stack of the panicking goroutine
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("pool: task panicked: %v\n\n%s", e.Value, e.Stack)
}

// Unwrap returns the panic value when it is an error, so errors.Is and
// errors.As see through the panic.
func (e *PanicError) Unwrap() error {
	if err, ok := e.Value.(error); ok {
		return err
	}
	return nil
}

// Result is the outcome of one task.
type Result[T, R any] struct {
	// Seq numbers submissions from 0. With ordered results it is the
	// position in the delivery (= submission) order; otherwise it is unique
	// and increasing in submission order, with gaps where a Submit failed.
	Seq   uint64
	Input T
	Value R
	Err   error
}

// Metrics is a snapshot of a pool's counters.
type Metrics struct {
	Workers   int   // fixed number of workers
	Running   int64 // tasks executing now
	Queued    int64 // tasks waiting in the queue
	Submitted int64 // tasks accepted by Submit or TrySubmit
	Rejected  int64 // TrySubmit calls refused with ErrOverloaded
	Completed int64 // tasks that returned (successfully or not)
	Failed    int64 // tasks that returned an error or panicked
	Panicked  int64 // tasks that panicked
	Dropped   int64 // queued tasks discarded by Stop
}

type resultMode uint8

const (
	noResults resultMode = iota
	asCompleted
	ordered
)

type config struct {
	workers   int
	queue     int
	resultBuf int
	mode      resultMode
	recover   bool
	parent    context.Context
}

// Option configures a Pool.
type Option func(*config)

// WithWorkers sets the number of workers (default runtime.GOMAXPROCS(0)).
// Values below 1 mean 1.
func WithWorkers(n int) Option { return func(c *config) { c.workers = max(n, 1) } }

// WithQueueSize bounds the number of tasks waiting for a worker (default:
// the number of workers). 0 means no queue: Submit hands a task directly to
// an idle worker.
func WithQueueSize(n int) Option { return func(c *config) { c.queue = max(n, 0) } }

// WithResults makes the pool deliver every task's Result on
// [Pool.Results], in the order the tasks complete. buffer is how many
// finished results may wait for the consumer before workers wait for it
// (negative means the number of workers).
func WithResults(buffer int) Option {
	return func(c *config) { c.mode, c.resultBuf = asCompleted, buffer }
}

// WithOrderedResults makes the pool deliver every task's Result on
// [Pool.Results] in submission order. buffer bounds how far completed tasks
// may run ahead of the consumer (negative means the number of workers);
// Submit waits when the window is full.
func WithOrderedResults(buffer int) Option {
	return func(c *config) { c.mode, c.resultBuf = ordered, buffer }
}

// WithoutPanicRecovery lets a task's panic crash the program, as a panic in
// a plain goroutine would.
func WithoutPanicRecovery() Option { return func(c *config) { c.recover = false } }

// WithContext sets the parent of the context tasks receive. When it is done
// the pool stops as if [Pool.Stop] had been called (without waiting).
func WithContext(ctx context.Context) Option { return func(c *config) { c.parent = ctx } }

type task[T, R any] struct {
	seq  uint64
	in   T
	slot *slot[T, R] // ordered mode only
}

type slot[T, R any] struct {
	res  Result[T, R]
	skip bool // Submit failed after reserving the slot
	done chan struct{}
}

// Pool is a fixed-size worker pool applying a function of type
// func(context.Context, T) (R, error) to submitted inputs. Create it with
// [New]. All methods are safe for concurrent use.
type Pool[T, R any] struct {
	fn  func(context.Context, T) (R, error)
	cfg config

	ctx    context.Context
	cancel context.CancelFunc

	mu      sync.RWMutex // held for reading by submitters, for writing by Close
	closed  bool
	closing chan struct{} // closed first by Close: wakes blocked submitters

	tasks   chan task[T, R]
	order   chan *slot[T, R]  // ordered mode: slots in submission order
	results chan Result[T, R] // as-completed mode
	stopped chan struct{}     // closed by Stop: consumer gone, drop work
	done    chan struct{}     // closed when every worker has exited
	seq     atomic.Uint64     // next submission sequence
	live    atomic.Int32      // workers not yet exited
	subbed  atomic.Bool       // Results called

	closeOnce, stopOnce sync.Once
	errOnce             sync.Once
	firstErr            error

	running, submitted, rejected, completed, failed, panicked, dropped atomic.Int64
}

// New starts a pool whose workers apply fn to submitted inputs.
//
// The caller must eventually call [Pool.Wait], [Pool.Stop] or
// [Pool.Shutdown] (or cancel the context given with [WithContext]) so the
// workers exit; `defer p.Stop()` right after New is the safe default.
func New[T, R any](fn func(ctx context.Context, in T) (R, error), opts ...Option) *Pool[T, R] {
	cfg := config{workers: runtime.GOMAXPROCS(0), queue: -1, recover: true, parent: context.Background()}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.queue < 0 {
		cfg.queue = cfg.workers
	}
	if cfg.resultBuf < 0 {
		cfg.resultBuf = cfg.workers
	}
	p := &Pool[T, R]{
		fn:      fn,
		cfg:     cfg,
		closing: make(chan struct{}),
		tasks:   make(chan task[T, R], cfg.queue),
		stopped: make(chan struct{}),
		done:    make(chan struct{}),
	}
	p.ctx, p.cancel = context.WithCancel(cfg.parent)
	switch cfg.mode {
	case asCompleted:
		p.results = make(chan Result[T, R], cfg.resultBuf)
	case ordered:
		p.order = make(chan *slot[T, R], cfg.queue+cfg.workers+cfg.resultBuf)
	}
	p.live.Store(int32(cfg.workers))
	for range cfg.workers {
		go p.worker()
	}
	if cfg.parent.Done() != nil {
		go func() {
			select {
			case <-p.ctx.Done(): // parent done, or Stop cancelled ours
				p.abort()
			case <-p.done:
			}
		}()
	}
	return p
}

func (p *Pool[T, R]) worker() {
	defer func() {
		if p.live.Add(-1) == 0 {
			if p.results != nil {
				close(p.results)
			}
			close(p.done)
		}
	}()
	for t := range p.tasks {
		select {
		case <-p.stopped:
			p.dropped.Add(1)
			if t.slot != nil {
				t.slot.res = Result[T, R]{Seq: t.seq, Input: t.in, Err: ErrStopped}
				close(t.slot.done)
			}
			continue
		default:
		}
		res := p.run(t)
		switch {
		case t.slot != nil:
			t.slot.res = res
			close(t.slot.done) // never blocks
		case p.results != nil:
			select {
			case p.results <- res:
			case <-p.stopped: // consumer gone: drop
			}
		}
	}
}

func (p *Pool[T, R]) run(t task[T, R]) (res Result[T, R]) {
	res.Seq, res.Input = t.seq, t.in
	p.running.Add(1)
	defer func() {
		p.running.Add(-1)
		p.completed.Add(1)
		if res.Err != nil {
			p.failed.Add(1)
			p.errOnce.Do(func() { p.firstErr = res.Err })
		}
	}()
	if p.cfg.recover {
		defer func() {
			if v := recover(); v != nil {
				p.panicked.Add(1)
				res.Err = &PanicError{Value: v, Stack: debug.Stack()}
			}
		}()
	}
	res.Value, res.Err = p.fn(p.ctx, t.in)
	return res
}

// Submit queues in for execution. It blocks while the queue (or, with
// ordered results, the reorder window) is full, and returns ctx.Err() if ctx
// is done first, or [ErrClosed] if the pool is or becomes closed. ctx only
// bounds the wait to enqueue; the task itself runs with the pool's context.
func (p *Pool[T, R]) Submit(ctx context.Context, in T) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return p.submit(ctx, in, true)
}

// TrySubmit queues in if that is possible without waiting, and returns
// [ErrOverloaded] otherwise, or [ErrClosed] if the pool is closed.
func (p *Pool[T, R]) TrySubmit(in T) error {
	return p.submit(nil, in, false)
}

func (p *Pool[T, R]) submit(ctx context.Context, in T, block bool) error {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if p.closed {
		return ErrClosed
	}
	var ctxDone <-chan struct{}
	if ctx != nil {
		ctxDone = ctx.Done()
	}
	fail := func() error {
		if !block {
			p.rejected.Add(1)
			return ErrOverloaded
		}
		select {
		case <-p.closing:
			return ErrClosed
		default:
			return ctx.Err()
		}
	}
	t := task[T, R]{in: in}
	if p.order != nil {
		s := &slot[T, R]{done: make(chan struct{})}
		if !sendOn(p.order, s, ctxDone, p.closing, block) {
			return fail()
		}
		t.slot = s
		if !sendOn(p.tasks, t, ctxDone, p.closing, block) {
			s.skip = true
			close(s.done)
			return fail()
		}
	} else {
		t.seq = p.seq.Add(1) - 1
		if !sendOn(p.tasks, t, ctxDone, p.closing, block) {
			return fail()
		}
	}
	p.submitted.Add(1)
	return nil
}

func sendOn[E any](ch chan E, v E, ctxDone, closing <-chan struct{}, block bool) bool {
	select {
	case ch <- v:
		return true
	default:
	}
	if !block {
		return false
	}
	select {
	case ch <- v:
		return true
	case <-ctxDone:
		return false
	case <-closing:
		return false
	}
}

// Close stops the pool from accepting tasks. Tasks already queued still run.
// Close does not wait for them (use [Pool.Wait] or [Pool.Shutdown]); it is
// idempotent and safe to call concurrently with Submit, which then returns
// [ErrClosed].
func (p *Pool[T, R]) Close() {
	p.closeOnce.Do(func() {
		close(p.closing) // wake blocked submitters
		p.mu.Lock()      // wait until none is inside submit
		p.closed = true
		close(p.tasks)
		if p.order != nil {
			close(p.order)
		}
		p.mu.Unlock()
	})
}

// Wait closes the pool, waits for every queued and running task to finish
// and returns the first error a task returned (or nil). With results
// enabled, consume [Pool.Results] in another goroutine (or call Stop)
// before waiting, or Wait may block on a result nobody reads.
func (p *Pool[T, R]) Wait() error {
	p.Close()
	<-p.done
	return p.firstErr
}

// Stop abandons the pool: it closes it, cancels the context running tasks
// see, discards queued tasks and undelivered results, and waits for running
// tasks to return. It is idempotent and returns the first task error.
func (p *Pool[T, R]) Stop() error {
	p.abort()
	<-p.done
	return p.firstErr
}

func (p *Pool[T, R]) abort() {
	p.stopOnce.Do(func() {
		close(p.stopped)
		p.cancel()
	})
	p.Close()
}

// Shutdown closes the pool and waits for queued and running tasks to finish,
// like http.Server.Shutdown. If ctx is done first it stops the pool (running
// tasks see their context cancelled, queued ones are discarded) and returns
// ctx.Err() without waiting for tasks that ignore cancellation.
func (p *Pool[T, R]) Shutdown(ctx context.Context) error {
	p.Close()
	select {
	case <-p.done:
		return p.firstErr
	case <-ctx.Done():
		p.abort()
		return ctx.Err()
	}
}

// Done returns a channel closed once every worker has exited.
func (p *Pool[T, R]) Done() <-chan struct{} { return p.done }

// Results returns an iterator over task results, in submission order with
// [WithOrderedResults] or completion order with [WithResults]. It ends once
// the pool is closed and every task has finished, or when the pool is
// stopped. Leaving the loop early (break, return, panic) stops the pool, so
// no worker waits on a result that will never be read. Results may be
// ranged over once; it panics if the pool has no results option.
func (p *Pool[T, R]) Results() iter.Seq[Result[T, R]] {
	if p.cfg.mode == noResults {
		panic("pool: Results needs WithResults or WithOrderedResults")
	}
	return func(yield func(Result[T, R]) bool) {
		if !p.subbed.CompareAndSwap(false, true) {
			panic("pool: Results ranged over twice")
		}
		finished := false
		defer func() {
			if !finished {
				p.abort()
			}
		}()
		if p.order != nil {
			var seq uint64
			for s := range p.order {
				select {
				case <-s.done:
				case <-p.stopped:
					finished = true
					return
				}
				if s.skip {
					continue
				}
				s.res.Seq = seq
				seq++
				if !yield(s.res) {
					return
				}
			}
		} else {
			for {
				select {
				case r, ok := <-p.results:
					if !ok {
						finished = true
						return
					}
					if !yield(r) {
						return
					}
				case <-p.stopped:
					finished = true
					return
				}
			}
		}
		finished = true
	}
}

// Metrics returns a snapshot of the pool's counters.
func (p *Pool[T, R]) Metrics() Metrics {
	return Metrics{
		Workers:   p.cfg.workers,
		Running:   p.running.Load(),
		Queued:    int64(len(p.tasks)),
		Submitted: p.submitted.Load(),
		Rejected:  p.rejected.Load(),
		Completed: p.completed.Load(),
		Failed:    p.failed.Load(),
		Panicked:  p.panicked.Load(),
		Dropped:   p.dropped.Load(),
	}
}
