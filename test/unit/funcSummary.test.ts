// Per-function facts and the interprocedural queries over them, on real Go
// source parsed by tree-sitter (no hand-built summaries).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildIndexFromFiles } from '../../server/src/index/buildIndex';
import type { FuncRef } from '../../server/src/index/funcIndex';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { writeSourceTree } from '../support/sourceTree';


async function indexOf(files: Record<string, string>) {
  const { dir, paths } = writeSourceTree('summary', files);
  const index = new WorkspaceIndex();
  await buildIndexFromFiles(paths, index);
  const fns = index.functions();
  const fn = (name: string): FuncRef => {
    const f = fns.all.find((r) => r.name === name);
    assert.ok(f, `no function ${name}`);
    return f;
  };
  return { dir, index, fns, fn };
}

const storeGo = `package store

import "sync"

type Store struct {
	mu   sync.RWMutex
	data map[string]int
	ch   chan int
}

func (s *Store) Get(k string) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.data[k]
}

func (s *Store) lock()   { s.mu.Lock() }
func (s *Store) unlock() { s.mu.Unlock() }
`;

const cacheGo = `package cache

import (
	"sync"

	"example.com/app/store"
)

type Cache struct {
	mu    sync.Mutex
	store *store.Store
	wg    sync.WaitGroup
	out   chan int
}

func (c *Cache) Lookup(k string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.load(k)
}

func (c *Cache) load(k string) int {
	return c.store.Get(k)
}

func (c *Cache) Publish(v int) {
	c.mu.Lock()
	c.out <- v
	select {
	case c.out <- v:
	default:
	}
	c.mu.Unlock()
	close(c.out)
	c.wg.Wait()
	run := func() { c.mu.Lock() }
	run()
	go func() {
		defer c.wg.Done()
		<-c.out
	}()
}
`;

describe('function summaries', () => {
  it('records lock, channel and sync facts with positions and flags', async () => {
    const { fn } = await indexOf({ 'go.mod': 'module example.com/app\n\ngo 1.22\n', 'store/store.go': storeGo, 'cache/cache.go': cacheGo });
    const pub = fn('Cache.Publish');
    assert.deepEqual(pub.facts.lockOps.map((o) => `${o.lock.text}.${o.op}`), ['c.mu.Lock', 'c.mu.Unlock']);
    assert.deepEqual(
      pub.facts.chanOps.map((o) => `${o.op} ${o.chan?.text} select=${o.inSelect} blocking=${o.blocking} async=${o.async}`),
      [
        'send c.out select=false blocking=true async=false',
        'send c.out select=true blocking=false async=false',
        'close c.out select=false blocking=false async=false',
        'recv c.out select=false blocking=true async=true',
      ],
    );
    assert.deepEqual(pub.facts.syncCalls.map((s) => `${s.target.text}.${s.method} deferred=${s.deferred} async=${s.async}`), [
      'c.wg.Wait deferred=false async=false',
      'c.wg.Done deferred=true async=true',
    ]);
    assert.deepEqual(Object.keys(pub.facts.closures), ['run']);
    assert.equal(pub.facts.closures.run!.lockOps.length, 1);
    const get = fn('Store.Get');
    assert.deepEqual(get.facts.lockOps.map((o) => `${o.op} deferred=${o.deferred}`), ['RLock deferred=false', 'RUnlock deferred=true']);
  });

  it('resolves calls across packages through go.mod and follows them for acquired locks', async () => {
    const { fns, fn } = await indexOf({ 'go.mod': 'module example.com/app\n\ngo 1.22\n', 'store/store.go': storeGo, 'cache/cache.go': cacheGo });
    const lookup = fn('Cache.Lookup');
    const acquired = fns.locksAcquiredTransitively(lookup, 3);
    const texts = acquired.map((a) => `${a.text} read=${a.read} chain=${a.chain.map((s) => s.what).join(' > ')}`);
    assert.deepEqual(texts, ['c.mu read=false chain=c.mu.Lock()', 'c.store.mu read=true chain=c.load() > c.store.Get() > s.mu.RLock()']);
    assert.match(acquired[1]!.cls ?? '', /store:Store\.mu$/);
    assert.equal(fns.locksAcquiredTransitively(lookup, 1).length, 1, 'depth 1 stops before Store.Get');
    assert.equal(fns.kindOf(fn('Cache.Publish'), fn('Cache.Publish').facts.syncCalls[0]!.target), 'waitgroup');
  });

  it('treats lock helpers as taking the lock for the statements after them', async () => {
    const { fns, fn } = await indexOf({
      'go.mod': 'module example.com/app\n\ngo 1.22\n',
      'store/store.go': storeGo,
      'store/use.go': `package store

func (s *Store) Put(k string, v int) {
	s.lock()
	s.data[k] = v
	s.ch <- v
	s.unlock()
	s.ch <- v
}
`,
    });
    const put = fn('Store.Put');
    const [first, second] = put.facts.chanOps;
    assert.deepEqual(fns.heldAt(put, first!).map((h) => `${h.text} via ${h.site.what}`), ['s.mu via s.lock()']);
    assert.deepEqual(fns.heldAt(put, second!), []);
    assert.deepEqual(fns.helperEffect(fn('Store.lock')).acquires.map((a) => a.key), ['R.mu']);
    assert.deepEqual(fns.helperEffect(fn('Store.unlock')).releases, ['R.mu']);
  });
});
