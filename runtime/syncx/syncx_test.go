package syncx_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/goconc/goconc/runtime/syncx"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestMapBasics(t *testing.T) {
	for _, shards := range []int{1, 3, 64} {
		m := syncx.NewMap[string, int](syncx.WithShards(shards))
		if _, ok := m.Load("a"); ok {
			t.Fatal("empty map has a")
		}
		m.Store("a", 1)
		if v, loaded := m.LoadOrStore("a", 2); !loaded || v != 1 {
			t.Fatalf("LoadOrStore existing = %d %v", v, loaded)
		}
		if v, loaded := m.LoadOrStore("b", 2); loaded || v != 2 {
			t.Fatalf("LoadOrStore new = %d %v", v, loaded)
		}
		if v, ok := m.Compute("b", func(old int, ok bool) (int, syncx.ComputeOp) { return old + 40, syncx.UpdateOp }); !ok || v != 42 {
			t.Fatalf("Compute update = %d %v", v, ok)
		}
		if v, ok := m.Compute("b", func(old int, ok bool) (int, syncx.ComputeOp) { return 0, syncx.CancelOp }); !ok || v != 42 {
			t.Fatalf("Compute cancel = %d %v", v, ok)
		}
		if _, ok := m.Compute("a", func(int, bool) (int, syncx.ComputeOp) { return 0, syncx.DeleteOp }); ok {
			t.Fatal("Compute delete left the key")
		}
		if m.Len() != 1 {
			t.Fatalf("Len = %d", m.Len())
		}
		if v, ok := m.LoadAndDelete("b"); !ok || v != 42 {
			t.Fatalf("LoadAndDelete = %d %v", v, ok)
		}
		for i := range 100 {
			m.Store(fmt.Sprint(i), i)
		}
		sum := 0
		m.Range(func(k string, v int) bool { sum += v; return true })
		if sum != 4950 {
			t.Fatalf("Range sum = %d", sum)
		}
		n := 0
		m.Range(func(string, int) bool { n++; return n < 10 })
		if n != 10 {
			t.Fatalf("Range did not stop: %d", n)
		}
		m.Delete("0")
		if m.Len() != 99 {
			t.Fatalf("Len = %d", m.Len())
		}
		m.Clear()
		if m.Len() != 0 {
			t.Fatal("Clear left keys")
		}
	}
}

func TestMapComputeNoLostUpdates(t *testing.T) {
	m := syncx.NewMap[int, int]()
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 1000 {
				m.Compute(i%10, func(old int, _ bool) (int, syncx.ComputeOp) { return old + 1, syncx.UpdateOp })
				if v, ok := m.Load(i % 10); !ok || v < 1 {
					t.Errorf("goroutine %d read %d %v", g, v, ok)
				}
			}
		}()
	}
	wg.Wait()
	for k := range 10 {
		if v, _ := m.Load(k); v != 800 {
			t.Fatalf("key %d = %d, want 800", k, v)
		}
	}
}

func TestMapLoadOrComputeRunsOncePerKey(t *testing.T) {
	m := syncx.NewMap[string, *int]()
	var calls atomic.Int64
	var wg sync.WaitGroup
	start := make(chan struct{})
	results := make([]*int, 16)
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			results[g], _ = m.LoadOrCompute("k", func() *int { calls.Add(1); v := g; return &v })
		}()
	}
	close(start)
	wg.Wait()
	if calls.Load() != 1 {
		t.Fatalf("fn ran %d times", calls.Load())
	}
	for _, r := range results {
		if r != results[0] {
			t.Fatal("goroutines got different values")
		}
	}
}

func TestKeyedMutexSerialisesPerKey(t *testing.T) {
	var km syncx.KeyedMutex[string]
	counters := map[string]*int{"a": new(int), "b": new(int)}
	var inside [2]atomic.Int32
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			key, idx := "a", 0
			if g%2 == 1 {
				key, idx = "b", 1
			}
			for range 200 {
				km.Lock(key)
				if inside[idx].Add(1) != 1 {
					t.Error("two holders of one key")
				}
				*counters[key]++ // guarded only by the keyed mutex: -race checks it
				inside[idx].Add(-1)
				km.Unlock(key)
			}
		}()
	}
	wg.Wait()
	if *counters["a"] != 1600 || *counters["b"] != 1600 {
		t.Fatalf("counters = %d %d", *counters["a"], *counters["b"])
	}
	if km.Len() != 0 {
		t.Fatalf("%d entries left behind", km.Len())
	}
}

func TestKeyedMutexDifferentKeysInParallel(t *testing.T) {
	var km syncx.KeyedMutex[int]
	km.Lock(1)
	if !km.TryLock(2) {
		t.Fatal("key 2 blocked by key 1")
	}
	if km.TryLock(1) {
		t.Fatal("key 1 locked twice")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if err := km.LockContext(ctx, 1); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("LockContext on a held key = %v", err)
	}
	got, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		_ = km.LockContext(context.Background(), 2)
		close(got)
		km.Unlock(2)
	}()
	time.Sleep(5 * time.Millisecond)
	km.Unlock(2)
	<-got
	// The entry is freed by the goroutine's Unlock, which runs after close(got):
	// wait for it before counting what is left.
	<-done
	km.Unlock(1)
	if km.Len() != 0 {
		t.Fatalf("%d entries left behind", km.Len())
	}
	defer func() {
		if recover() == nil {
			t.Fatal("Unlock of an unlocked key did not panic")
		}
	}()
	km.Unlock(3)
}
