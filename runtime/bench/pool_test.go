package bench

import (
	"context"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alitto/pond/v2"
	"github.com/panjf2000/ants/v2"
	concpool "github.com/sourcegraph/conc/pool"
	"golang.org/x/sync/errgroup"

	"github.com/goconc/goconc/runtime/pool"
)

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

func envDur(name string, def time.Duration) time.Duration {
	if v, err := time.ParseDuration(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

var sink atomic.Uint64

func cpuWork(n int) {
	x := uint64(n) | 1
	for range 2000 { // ~1-2µs
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	sink.Add(x & 1)
}

// submitter runs fn(i) for i in [0,tasks) from `subs` goroutines.
func submit(tasks, subs int, fn func(i int)) {
	if subs == 1 {
		for i := range tasks {
			fn(i)
		}
		return
	}
	var wg sync.WaitGroup
	per := tasks / subs
	for s := range subs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := s * per; i < (s+1)*per; i++ {
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// peak samples live heap + goroutine stacks while a benchmark runs.
type peak struct {
	stop chan struct{}
	done chan struct{}
	max  uint64
}

func startPeak() *peak {
	runtime.GC()
	p := &peak{stop: make(chan struct{}), done: make(chan struct{})}
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/stacks:bytes"}}
	go func() {
		defer close(p.done)
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64() + s[1].Value.Uint64(); v > p.max {
				p.max = v
			}
			select {
			case <-p.stop:
				return
			case <-t.C:
			}
		}
	}()
	return p
}

func (p *peak) report(b *testing.B) {
	close(p.stop)
	<-p.done
	b.ReportMetric(float64(p.max), "peak-B")
}

type impl struct {
	name string
	run  func(workers, tasks, subs int, task func(int))
}

var impls = []impl{
	{"ours", func(w, n, subs int, task func(int)) {
		p := pool.New(func(_ context.Context, i int) (struct{}, error) { task(i); return struct{}{}, nil },
			pool.WithWorkers(w), pool.WithQueueSize(w))
		ctx := context.Background()
		submit(n, subs, func(i int) { _ = p.Submit(ctx, i) })
		_ = p.Wait()
	}},
	{"ants", func(w, n, subs int, task func(int)) {
		var wg sync.WaitGroup
		p, _ := ants.NewPoolWithFuncGeneric(w, func(i int) { task(i); wg.Done() })
		submit(n, subs, func(i int) { wg.Add(1); _ = p.Invoke(i) })
		wg.Wait()
		p.Release()
	}},
	{"pond", func(w, n, subs int, task func(int)) {
		p := pond.NewPool(w)
		submit(n, subs, func(i int) { _ = p.Go(func() { task(i) }) })
		p.StopAndWait()
	}},
	{"errgroup", func(w, n, subs int, task func(int)) {
		var g errgroup.Group
		g.SetLimit(w)
		submit(n, subs, func(i int) { g.Go(func() error { task(i); return nil }) })
		_ = g.Wait()
	}},
	{"conc", func(w, n, subs int, task func(int)) {
		p := concpool.New().WithMaxGoroutines(w)
		submit(n, subs, func(i int) { p.Go(func() { task(i) }) })
		p.Wait()
	}},
	{"goroutines", func(w, n, subs int, task func(int)) {
		var wg sync.WaitGroup
		submit(n, subs, func(i int) { wg.Add(1); go func() { task(i); wg.Done() }() })
		wg.Wait()
	}},
}

func BenchmarkPool(b *testing.B) {
	tasks := envInt("BENCH_TASKS", 20000)
	sleep := envDur("BENCH_SLEEP", time.Millisecond)
	workloads := []struct {
		name    string
		workers int
		task    func(int)
	}{
		{"sleep", envInt("BENCH_WORKERS", 1000), func(int) { time.Sleep(sleep) }},
		{"cpu", runtime.GOMAXPROCS(0), cpuWork},
	}
	for _, wl := range workloads {
		for _, subs := range []int{1, 4 * runtime.GOMAXPROCS(0)} {
			sub := "one"
			if subs > 1 {
				sub = "many"
			}
			for _, im := range impls {
				b.Run("work="+wl.name+"/submitters="+sub+"/impl="+im.name, func(b *testing.B) {
					b.ReportAllocs()
					pk := startPeak()
					for b.Loop() {
						im.run(wl.workers, tasks, subs, wl.task)
					}
					pk.report(b)
				})
			}
		}
	}
}
