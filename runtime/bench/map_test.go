package bench

import (
	"math/rand/v2"
	"strconv"
	"sync"
	"testing"

	"github.com/puzpuzpuz/xsync/v4"

	"github.com/goconc/goconc/runtime/syncx"
)

type kv interface {
	load(k int) (int, bool)
	store(k, v int)
}

type oursMap struct{ m *syncx.Map[int, int] }

func (m oursMap) load(k int) (int, bool) { return m.m.Load(k) }
func (m oursMap) store(k, v int)         { m.m.Store(k, v) }

type stdMap struct{ m *sync.Map }

func (m stdMap) load(k int) (int, bool) {
	v, ok := m.m.Load(k)
	if !ok {
		return 0, false
	}
	return v.(int), true
}
func (m stdMap) store(k, v int) { m.m.Store(k, v) }

type xsyncMap struct{ m *xsync.Map[int, int] }

func (m xsyncMap) load(k int) (int, bool) { return m.m.Load(k) }
func (m xsyncMap) store(k, v int)         { m.m.Store(k, v) }

type rwMap struct {
	mu sync.RWMutex
	m  map[int]int
}

func (m *rwMap) load(k int) (int, bool) { m.mu.RLock(); v, ok := m.m[k]; m.mu.RUnlock(); return v, ok }
func (m *rwMap) store(k, v int)         { m.mu.Lock(); m.m[k] = v; m.mu.Unlock() }

const mapKeys = 1 << 12

func BenchmarkMap(b *testing.B) {
	impls := []struct {
		name string
		make func() kv
	}{
		{"ours", func() kv { return oursMap{syncx.NewMap[int, int]()} }},
		{"syncmap", func() kv { return stdMap{new(sync.Map)} }},
		{"xsync", func() kv { return xsyncMap{xsync.NewMap[int, int]()} }},
		{"rwmutex", func() kv { return &rwMap{m: map[int]int{}} }},
	}
	for _, reads := range []int{100, 99, 75} {
		for _, im := range impls {
			b.Run("reads="+strconv.Itoa(reads)+"/impl="+im.name, func(b *testing.B) {
				m := im.make()
				for k := range mapKeys {
					m.store(k, k)
				}
				b.ReportAllocs()
				b.ResetTimer()
				b.RunParallel(func(pb *testing.PB) {
					r := rand.New(rand.NewPCG(rand.Uint64(), 1))
					for pb.Next() {
						k := int(r.Uint32() % mapKeys)
						if int(r.Uint32()%100) < reads {
							m.load(k)
						} else {
							m.store(k, k)
						}
					}
				})
			})
		}
	}
}
