// Bounded concurrency: worker pool, errgroup with a limit, semaphore.
import { goFeatures } from '../goVersion';
import { capitalize, receiverName } from '../names';
import type { Pattern } from '../types';
import { deps, generated, lib, notes, param, pre118, std } from './common';

export const workerPool: Pattern = {
  id: 'worker-pool',
  title: { en: 'Worker pool (fixed workers, bounded queue)', ko: '워커 풀 (고정 워커, 제한된 큐)' },
  summary: {
    en: 'N workers drain a bounded job queue; Submit blocks when the queue is full (back-pressure) and respects ctx; Close drains and waits.',
    ko: 'N 개의 워커가 제한된 작업 큐를 비웁니다. 큐가 가득 차면 Submit 이 막히고(배압) ctx 를 따릅니다. Close 는 남은 작업을 끝내고 기다립니다.',
  },
  params: [
    param('name', 'identifier', 'WorkerPool', 'Type name', '타입 이름'),
    pre118(param('job', 'type', 'int', 'Job type (before Go 1.18)', '작업 타입 (Go 1.18 미만)')),
    pre118(param('result', 'type', 'int', 'Result type (before Go 1.18)', '결과 타입 (Go 1.18 미만)')),
  ],
  generate(a, t) {
    const f = goFeatures(t.goVersion);
    const name = a.name!;
    const r = receiverName(name, ['ctx', 'job', 'ok', 'i', 'n', 'workers', 'process']);
    const [decl, use, tps, J, R] = f.generics
      ? [`${name}[J, R any]`, `${name}[J, R]`, '[J, R any]', 'J', 'R']
      : [name, name, '', a.job!, a.result!];
    const code = `
// ${name} runs a fixed number of workers over a bounded queue. Results must
// be consumed (range over Results()) or the workers block once the results
// buffer is full. Submit after Close panics, as sending on a closed channel does.
type ${decl} struct {
	workers int
	process func(context.Context, ${J}) ${R}
	jobs    chan ${J}
	results chan ${R}
	wg      sync.WaitGroup
}

// New${name} creates a pool of n workers (at least 1) with a queue of 2n jobs.
func New${name}${tps}(n int, process func(context.Context, ${J}) ${R}) *${use} {
	if n < 1 {
		n = 1
	}
	return &${use}{
		workers: n,
		process: process,
		jobs:    make(chan ${J}, n*2),
		results: make(chan ${R}, n*2),
	}
}

// Start launches the workers; they stop when the queue is closed and drained
// or when ctx is cancelled.
func (${r} *${use}) Start(ctx context.Context) {
	for i := 0; i < ${r}.workers; i++ {
		${r}.wg.Add(1)
		go func() {
			defer ${r}.wg.Done()
			for {
				select {
				case job, ok := <-${r}.jobs:
					if !ok {
						return
					}
					select {
					case ${r}.results <- ${r}.process(ctx, job):
					case <-ctx.Done():
						return
					}
				case <-ctx.Done():
					return
				}
			}
		}()
	}
}

// Submit queues a job, blocking while the queue is full, until ctx is done.
func (${r} *${use}) Submit(ctx context.Context, job ${J}) error {
	select {
	case ${r}.jobs <- job:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Results is closed after Close once every worker has returned.
func (${r} *${use}) Results() <-chan ${R} {
	return ${r}.results
}

// Close stops accepting jobs, waits for the workers and closes Results.
// Call it from the producer, once, after the last Submit.
func (${r} *${use}) Close() {
	close(${r}.jobs)
	${r}.wg.Wait()
	close(${r}.results)
}
`;
    const ctor = f.generics ? `New${name}[${a.job!}, ${a.result!}]` : `New${name}`;
    const test = `
func Test${capitalize(name)}ProcessesEveryJob(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p := ${ctor}(3, func(ctx context.Context, job ${a.job!}) ${a.result!} {
		var zero ${a.result!}
		return zero
	})
	p.Start(ctx)
	go func() {
		defer p.Close()
		for i := 0; i < 20; i++ {
			var job ${a.job!}
			if err := p.Submit(ctx, job); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	n := 0
	for range p.Results() {
		n++
	}
	if n != 20 {
		t.Fatalf("got %d results, want 20", n)
	}
}
`;
    return generated(code, [std.context, std.sync], {
      notes: f.generics ? [] : [notes.noGenerics],
      test: { code: test, imports: [std.context, std.testing] },
    });
  },
};

export const errgroupLimit: Pattern = {
  id: 'errgroup-limit',
  title: { en: 'errgroup with SetLimit', ko: 'SetLimit 을 쓴 errgroup' },
  summary: {
    en: 'Runs one task per item with at most `limit` at once; the first error cancels the shared context and is returned by Wait.',
    ko: '항목마다 작업 하나를 최대 `limit` 개까지 동시에 실행합니다. 첫 오류가 공유 컨텍스트를 취소하고 Wait 가 그 오류를 돌려줍니다.',
  },
  params: [param('name', 'identifier', 'ForEachLimit', 'Function name', '함수 이름'), pre118(param('item', 'type', 'string', 'Item type (before Go 1.18)', '항목 타입 (Go 1.18 미만)'))],
  generate(a, t) {
    const f = goFeatures(t.goVersion);
    const name = a.name!;
    const [tp, T] = f.generics ? ['[T any]', 'T'] : ['', a.item!];
    const copy = f.loopVarPerIteration ? '' : '\n\t\titem := item // Go < 1.22: one variable per iteration';
    const code = `
// ${name} calls work for every item with at most limit calls running at once.
// The first error cancels ctx for the others and is returned; g.Go blocks while
// limit calls are running, so the loop itself never outruns the limit.
func ${name}${tp}(ctx context.Context, items []${T}, limit int, work func(context.Context, ${T}) error) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(limit)
	for _, item := range items {${copy}
		g.Go(func() error {
			return work(ctx, item)
		})
	}
	return g.Wait()
}
`;
    const call = f.generics ? `${name}[${a.item!}]` : name;
    const test = `
func Test${capitalize(name)}RespectsLimit(t *testing.T) {
	var running, peak int64
	items := make([]${a.item!}, 40)
	err := ${call}(context.Background(), items, 3, func(ctx context.Context, _ ${a.item!}) error {
		n := atomic.AddInt64(&running, 1)
		defer atomic.AddInt64(&running, -1)
		for {
			p := atomic.LoadInt64(&peak)
			if n <= p || atomic.CompareAndSwapInt64(&peak, p, n) {
				break
			}
		}
		time.Sleep(time.Millisecond)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if peak > 3 {
		t.Fatalf("peak concurrency %d exceeds limit 3", peak)
	}
}
`;
    return generated(code, [std.context, lib.errgroup], {
      dependencies: [deps.xsync],
      notes: [...(f.generics ? [] : [notes.noGenerics]), ...(f.loopVarPerIteration ? [] : [notes.loopCopy])],
      test: { code: test, imports: [std.context, std.atomic, std.testing, std.time] },
    });
  },
};

export const semaphore: Pattern = {
  id: 'semaphore',
  title: { en: 'Semaphore (buffered channel)', ko: '세마포어 (버퍼 채널)' },
  summary: {
    en: 'Limits how many goroutines run a section at once, with no dependency; Acquire honours ctx.',
    ko: '의존성 없이 한 구역을 동시에 실행하는 고루틴 수를 제한합니다. Acquire 는 ctx 를 따릅니다.',
  },
  params: [param('name', 'identifier', 'Semaphore', 'Type name', '타입 이름')],
  generate(a) {
    const name = a.name!;
    const code = `
// ${name} limits concurrency: Acquire before the work, Release after it
// (defer). The capacity is the number of holders allowed at once.
type ${name} chan struct{}

// New${name} returns a semaphore admitting n holders (at least 1).
func New${name}(n int) ${name} {
	if n < 1 {
		n = 1
	}
	return make(${name}, n)
}

// Acquire waits for a free slot or for ctx to be done.
func (s ${name}) Acquire(ctx context.Context) error {
	select {
	case s <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Release frees a slot taken by Acquire.
func (s ${name}) Release() {
	<-s
}
`;
    const test = `
func Test${capitalize(name)}Bounds(t *testing.T) {
	sem := New${name}(2)
	var running, peak int64
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := sem.Acquire(context.Background()); err != nil {
				t.Error(err)
				return
			}
			defer sem.Release()
			n := atomic.AddInt64(&running, 1)
			for {
				p := atomic.LoadInt64(&peak)
				if n <= p || atomic.CompareAndSwapInt64(&peak, p, n) {
					break
				}
			}
			atomic.AddInt64(&running, -1)
		}()
	}
	wg.Wait()
	if peak > 2 {
		t.Fatalf("peak %d exceeds 2", peak)
	}
}
`;
    return generated(code, [std.context], { test: { code: test, imports: [std.context, std.sync, std.atomic, std.testing] } });
  },
};
