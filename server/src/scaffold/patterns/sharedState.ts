// Shared-state patterns: channels pipeline, Mutex/RWMutex guarded types,
// sync.Map, atomic counters and one-time initialisation.
import { goFeatures } from '../goVersion';
import { capitalize, receiverName } from '../names';
import type { Pattern } from '../types';
import { anyType, generated, notes, param, pre118, std } from './common';

export const channelsPipeline: Pattern = {
  id: 'channels-pipeline',
  title: { en: 'Channels: jobs/results pipeline (fan-out, fan-in)', ko: '채널: jobs/results 파이프라인 (팬아웃, 팬인)' },
  summary: {
    en: 'A fixed number of workers read jobs from one channel and send results to another; the producer closes jobs, the last worker closes results.',
    ko: '고정된 수의 워커가 한 채널에서 작업을 읽고 다른 채널로 결과를 보냅니다. 생산자가 jobs 를 닫고, 마지막 워커가 results 를 닫습니다.',
  },
  params: [
    param('name', 'identifier', 'RunPipeline', 'Function name', '함수 이름'),
    pre118(param('in', 'type', 'int', 'Job type (before Go 1.18)', '작업 타입 (Go 1.18 미만)')),
    pre118(param('out', 'type', 'int', 'Result type (before Go 1.18)', '결과 타입 (Go 1.18 미만)')),
  ],
  generate(a, t) {
    const f = goFeatures(t.goVersion);
    const [tp, In, Out] = f.generics ? ['[In, Out any]', 'In', 'Out'] : ['', a.in!, a.out!];
    const name = a.name!;
    const code = `
// ${name} sends every input to a fixed number of workers and collects their
// results (in completion order). The producer closes jobs; results is closed
// only after every worker has returned, so the final range always ends.
// Cancelling ctx stops the producer and the workers without leaking them.
func ${name}${tp}(ctx context.Context, inputs []${In}, workers int, work func(context.Context, ${In}) ${Out}) []${Out} {
	if workers < 1 {
		workers = 1
	}
	jobs := make(chan ${In})
	results := make(chan ${Out}, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for job := range jobs {
				select {
				case results <- work(ctx, job):
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, in := range inputs {
			select {
			case jobs <- in:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	out := make([]${Out}, 0, len(inputs))
	for r := range results {
		out = append(out, r)
	}
	return out
}
`;
    const call = f.generics ? `${name}[${a.in!}, ${a.out!}]` : name;
    const test = `
func Test${capitalize(name)}Concurrent(t *testing.T) {
	inputs := make([]${a.in!}, 100)
	var calls int64
	out := ${call}(context.Background(), inputs, 4, func(ctx context.Context, in ${a.in!}) ${a.out!} {
		atomic.AddInt64(&calls, 1)
		var zero ${a.out!}
		return zero
	})
	if len(out) != len(inputs) || atomic.LoadInt64(&calls) != int64(len(inputs)) {
		t.Fatalf("got %d results from %d calls, want %d", len(out), calls, len(inputs))
	}
}
`;
    return generated(code, [std.context, std.sync], {
      notes: f.generics ? [] : [notes.noGenerics],
      test: { code: test, imports: [std.context, std.atomic, std.testing] },
    });
  },
};

export const mutexCounter: Pattern = {
  id: 'mutex-counter',
  title: { en: 'sync.Mutex guarded type (write-heavy)', ko: 'sync.Mutex 로 보호하는 타입 (쓰기 많음)' },
  summary: {
    en: 'A type whose fields are only touched with its mutex held; every method locks and defers the unlock.',
    ko: '뮤텍스를 잡은 상태에서만 필드를 다루는 타입. 모든 메서드가 락을 잡고 defer 로 해제합니다.',
  },
  params: [param('name', 'identifier', 'SafeCounter', 'Type name', '타입 이름'), param('value', 'type', 'int', 'Value type', '값 타입')],
  generate(a) {
    const name = a.name!;
    const T = a.value!;
    const r = receiverName(name, ['n']);
    const code = `
// ${name} is safe for concurrent use. The zero value is ready to use; do not
// copy it after first use (go vet's copylocks check reports copies).
type ${name} struct {
	mu    sync.Mutex // guards count
	count ${T}
}

// Add adds n to the count.
func (${r} *${name}) Add(n ${T}) {
	${r}.mu.Lock()
	defer ${r}.mu.Unlock()
	${r}.count += n
}

// Value returns the current count.
func (${r} *${name}) Value() ${T} {
	${r}.mu.Lock()
	defer ${r}.mu.Unlock()
	return ${r}.count
}
`;
    const test = `
func Test${capitalize(name)}Concurrent(t *testing.T) {
	var c ${name}
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.Add(1)
		}()
	}
	wg.Wait()
	if got := c.Value(); got != 50 {
		t.Fatalf("Value() = %v, want 50", got)
	}
}
`;
    return generated(code, [std.sync], { test: { code: test, imports: [std.sync, std.testing] } });
  },
};

export const rwmutexCache: Pattern = {
  id: 'rwmutex-cache',
  title: { en: 'sync.RWMutex guarded map (read-heavy)', ko: 'sync.RWMutex 로 보호하는 맵 (읽기 많음)' },
  summary: {
    en: 'Readers share an RLock; writers take the exclusive Lock. Pays off when reads clearly dominate and critical sections are short.',
    ko: '읽기는 RLock 을 공유하고 쓰기는 배타적 Lock 을 잡습니다. 읽기가 확실히 많고 임계 구역이 짧을 때 이득입니다.',
  },
  params: [
    param('name', 'identifier', 'SafeCache', 'Type name', '타입 이름'),
    pre118(param('key', 'type', 'string', 'Key type (before Go 1.18)', '키 타입 (Go 1.18 미만)')),
    pre118(param('value', 'type', '', 'Value type (before Go 1.18; empty = interface{})', '값 타입 (Go 1.18 미만, 비우면 interface{})')),
  ],
  generate(a, t) {
    const f = goFeatures(t.goVersion);
    const name = a.name!;
    const r = receiverName(name, ['key', 'value', 'val', 'ok']);
    const [decl, use, K, V] = f.generics
      ? [`${name}[K comparable, V any]`, `${name}[K, V]`, 'K', 'V']
      : [name, name, a.key!, a.value || anyType(false)];
    const code = `
// ${name} is a map safe for concurrent use: many readers at once, one writer
// at a time. Values are returned as stored: if V is a pointer or a map, the
// caller must not mutate it without its own synchronisation.
type ${decl} struct {
	mu    sync.RWMutex // guards items
	items map[${K}]${V}
}

// New${name} returns an empty cache.
func New${name}${f.generics ? '[K comparable, V any]' : ''}() *${use} {
	return &${use}{items: make(map[${K}]${V})}
}

// Get returns the value for key and whether it was present.
func (${r} *${use}) Get(key ${K}) (${V}, bool) {
	${r}.mu.RLock()
	defer ${r}.mu.RUnlock()
	val, ok := ${r}.items[key]
	return val, ok
}

// Set stores value under key.
func (${r} *${use}) Set(key ${K}, value ${V}) {
	${r}.mu.Lock()
	defer ${r}.mu.Unlock()
	${r}.items[key] = value
}

// Delete removes key.
func (${r} *${use}) Delete(key ${K}) {
	${r}.mu.Lock()
	defer ${r}.mu.Unlock()
	delete(${r}.items, key)
}

// Len returns the number of entries.
func (${r} *${use}) Len() int {
	${r}.mu.RLock()
	defer ${r}.mu.RUnlock()
	return len(${r}.items)
}
`;
    const inst = f.generics ? `New${name}[${a.key!}, ${a.value || 'any'}]()` : `New${name}()`;
    const test = `
func Test${capitalize(name)}Concurrent(t *testing.T) {
	c := ${inst}
	var wg sync.WaitGroup
	var zeroKey ${a.key!}
	var zeroValue ${f.generics ? a.value || 'any' : V}
	for i := 0; i < 20; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			c.Set(zeroKey, zeroValue)
		}()
		go func() {
			defer wg.Done()
			c.Get(zeroKey)
			c.Len()
		}()
	}
	wg.Wait()
	if c.Len() != 1 {
		t.Fatalf("Len() = %d, want 1", c.Len())
	}
	c.Delete(zeroKey)
	if _, ok := c.Get(zeroKey); ok {
		t.Fatal("key still present after Delete")
	}
}
`;
    return generated(code, [std.sync], { notes: f.generics ? [] : [notes.noGenerics], test: { code: test, imports: [std.sync, std.testing] } });
  },
};

export const syncMap: Pattern = {
  id: 'sync-map',
  title: { en: 'sync.Map with a typed wrapper', ko: '타입을 입힌 sync.Map' },
  summary: {
    en: 'sync.Map behind typed methods, so callers never type-assert. Best for write-once/read-many keys or goroutines working on disjoint keys.',
    ko: '타입이 있는 메서드로 감싼 sync.Map. 호출자가 타입 단언을 하지 않습니다. 한 번 쓰고 여러 번 읽는 키나, 고루틴마다 다른 키를 다룰 때 적합합니다.',
  },
  params: [
    param('name', 'identifier', 'Registry', 'Type name', '타입 이름'),
    pre118(param('key', 'type', 'string', 'Key type (before Go 1.18)', '키 타입 (Go 1.18 미만)')),
    pre118(param('value', 'type', 'int', 'Value type (before Go 1.18)', '값 타입 (Go 1.18 미만)')),
  ],
  generate(a, t) {
    const f = goFeatures(t.goVersion);
    const name = a.name!;
    const r = receiverName(name, ['key', 'value', 'v', 'k', 'ok', 'fn']);
    const [decl, use, K, V] = f.generics ? [`${name}[K comparable, V any]`, `${name}[K, V]`, 'K', 'V'] : [name, name, a.key!, a.value!];
    const code = `
// ${name} is a typed sync.Map. The zero value is ready; do not copy it.
// sync.Map suits keys written once and read many times, or goroutines that
// touch disjoint keys; for anything else a map with a Mutex is simpler and
// usually faster.
type ${decl} struct {
	m sync.Map
}

// Load returns the value stored under key.
func (${r} *${use}) Load(key ${K}) (value ${V}, ok bool) {
	v, ok := ${r}.m.Load(key)
	if !ok {
		return value, false
	}
	return v.(${V}), true
}

// Store sets the value for key.
func (${r} *${use}) Store(key ${K}, value ${V}) {
	${r}.m.Store(key, value)
}

// LoadOrStore returns the existing value for key if present; otherwise it
// stores and returns value. loaded reports whether the value was already there.
func (${r} *${use}) LoadOrStore(key ${K}, value ${V}) (actual ${V}, loaded bool) {
	v, loaded := ${r}.m.LoadOrStore(key, value)
	return v.(${V}), loaded
}

// Delete removes key.
func (${r} *${use}) Delete(key ${K}) {
	${r}.m.Delete(key)
}

// Range calls fn for each entry until fn returns false. It is not a
// snapshot: concurrent stores may or may not be seen.
func (${r} *${use}) Range(fn func(key ${K}, value ${V}) bool) {
	${r}.m.Range(func(k, v ${anyType(f.any)}) bool {
		return fn(k.(${K}), v.(${V}))
	})
}
`;
    const typ = f.generics ? `${name}[${a.key!}, ${a.value!}]` : name;
    const test = `
func Test${capitalize(name)}Concurrent(t *testing.T) {
	var m ${typ}
	var wg sync.WaitGroup
	var key ${a.key!}
	var value ${a.value!}
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m.LoadOrStore(key, value)
			m.Load(key)
		}()
	}
	wg.Wait()
	n := 0
	m.Range(func(${a.key!}, ${a.value!}) bool { n++; return true })
	if n != 1 {
		t.Fatalf("Range saw %d entries, want 1", n)
	}
	m.Store(key, value)
	m.Delete(key)
	if _, ok := m.Load(key); ok {
		t.Fatal("key still present after Delete")
	}
}
`;
    return generated(code, [std.sync], { notes: f.generics ? [] : [notes.noGenerics], test: { code: test, imports: [std.sync, std.testing] } });
  },
};

export const atomicCounter: Pattern = {
  id: 'atomic-counter',
  title: { en: 'sync/atomic counter', ko: 'sync/atomic 카운터' },
  summary: {
    en: 'A lock-free counter for a single number. Every access goes through atomic operations.',
    ko: '숫자 하나를 위한 락 없는 카운터. 모든 접근이 원자적 연산을 거칩니다.',
  },
  params: [param('name', 'identifier', 'Counter', 'Type name', '타입 이름')],
  generate(a, t) {
    const f = goFeatures(t.goVersion);
    const name = a.name!;
    const r = receiverName(name, ['delta']);
    const code = f.atomicTypes
      ? `
// ${name} is a counter safe for concurrent use without a lock. Never read or
// write n directly: mixing plain and atomic access is a data race.
type ${name} struct {
	n atomic.Int64
}

// Add adds delta and returns the new value.
func (${r} *${name}) Add(delta int64) int64 { return ${r}.n.Add(delta) }

// Load returns the current value.
func (${r} *${name}) Load() int64 { return ${r}.n.Load() }
`
      : `
// ${name} is a counter safe for concurrent use without a lock. Never read or
// write n directly: mixing plain and atomic access is a data race. n stays the
// first field so it is 64-bit aligned on 32-bit platforms.
type ${name} struct {
	n int64
}

// Add adds delta and returns the new value.
func (${r} *${name}) Add(delta int64) int64 { return atomic.AddInt64(&${r}.n, delta) }

// Load returns the current value.
func (${r} *${name}) Load() int64 { return atomic.LoadInt64(&${r}.n) }
`;
    const test = `
func Test${capitalize(name)}Concurrent(t *testing.T) {
	var c ${name}
	var wg sync.WaitGroup
	for i := 0; i < 64; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.Add(1)
		}()
	}
	wg.Wait()
	if got := c.Load(); got != 64 {
		t.Fatalf("Load() = %d, want 64", got)
	}
}
`;
    return generated(code, [std.atomic], {
      notes: f.atomicTypes ? [] : [{ en: 'Before Go 1.19 there is no atomic.Int64 type; the code uses atomic.AddInt64 on an aligned int64.', ko: 'Go 1.19 이전에는 atomic.Int64 타입이 없어 정렬된 int64 에 atomic.AddInt64 를 씁니다.' }],
      test: { code: test, imports: [std.sync, std.testing] },
    });
  },
};

export const onceInit: Pattern = {
  id: 'once-init',
  title: { en: 'One-time initialisation (sync.Once / sync.OnceValues)', ko: '한 번만 초기화 (sync.Once / sync.OnceValues)' },
  summary: {
    en: 'Lazily creates a shared value exactly once; concurrent first callers wait for the one initialisation.',
    ko: '공유 값을 처음 필요할 때 정확히 한 번 만듭니다. 동시에 처음 호출한 쪽은 초기화 하나를 기다립니다.',
  },
  params: [
    param('name', 'identifier', 'Database', 'Type to initialise', '초기화할 타입'),
    param('declareType', 'bool', 'true', 'Declare the type (off when it already exists)', '타입 선언 (이미 있으면 끔)'),
  ],
  generate(a, t) {
    const f = goFeatures(t.goVersion);
    const name = a.name!;
    const typeDecl =
      a.declareType === 'false'
        ? ''
        : `
// ${name} is created once by Get${name}.
type ${name} struct {
	// fields set up by new${name}
}
`;
    const ctor = `
// new${name} does the expensive set-up. It runs at most once.
func new${name}() (*${name}, error) {
	return &${name}{}, nil
}
`;
    const body = f.onceValue
      ? `
// get${name} runs new${name} once and remembers its result and error: a failed
// initialisation is not retried (restart, or use a Mutex if you need retries).
// If new${name} panics, every call re-panics with the same value.
var get${name} = sync.OnceValues(new${name})

// Get${name} returns the shared ${name}, creating it on first use.
func Get${name}() (*${name}, error) {
	return get${name}()
}
`
      : `
var (
	${lower(name)}Once     sync.Once
	${lower(name)}Instance *${name}
	${lower(name)}Err      error
)

// Get${name} returns the shared ${name}, creating it on first use. A failed
// initialisation is not retried; if new${name} panics, later calls return nil.
func Get${name}() (*${name}, error) {
	${lower(name)}Once.Do(func() {
		${lower(name)}Instance, ${lower(name)}Err = new${name}()
	})
	return ${lower(name)}Instance, ${lower(name)}Err
}
`;
    const test = `
func TestGet${name}Once(t *testing.T) {
	var wg sync.WaitGroup
	got := make([]*${name}, 8)
	for i := 0; i < len(got); i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			v, err := Get${name}()
			if err != nil {
				t.Error(err)
			}
			got[i] = v
		}(i)
	}
	wg.Wait()
	for _, v := range got {
		if v != got[0] {
			t.Fatal("Get${name} returned different instances")
		}
	}
}
`;
    return generated(typeDecl + ctor + body, [std.sync], {
      notes: f.onceValue ? [] : [{ en: 'sync.OnceValues needs Go 1.21; the code uses sync.Once with package variables.', ko: 'sync.OnceValues 는 Go 1.21 부터라 패키지 변수와 sync.Once 를 씁니다.' }],
      test: { code: test, imports: [std.sync, std.testing] },
    });
  },
};

function lower(name: string): string {
  const first = String.fromCodePoint(name.codePointAt(0) ?? 120);
  const low = first.toLowerCase() + name.slice(first.length);
  return low === name && first === first.toLowerCase() ? name : low;
}
