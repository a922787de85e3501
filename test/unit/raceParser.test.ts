// The race/runtime report parser and path mapping on recorded output from
// several Go versions (test/fixtures/race/testdata/, written by hand in the
// runtime's formats), -trimpath paths, Windows paths and symlinks.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { functionName, headlineKind, parseRuntimeOutput } from '../../server/src/race/parseOutput';
import { placeReports, renderFinding } from '../../server/src/race/raceFindings';
import { findModules, innermostWorkspaceFrame, resolvePrintedPath, type WorkspaceLayout } from '../../server/src/race/resolveFrames';
import { TestEventCollector } from '../../server/src/race/testEvents';

const samples = join(__dirname, '..', 'fixtures', 'race', 'testdata');
const sample = (name: string) => readFileSync(join(samples, name), 'utf8');
const shop: WorkspaceLayout = { roots: ['/home/dev/shop'], modules: [{ dir: '/home/dev/shop', module: 'example.com/shop' }] };
const at = (f: { site: { path: string; line: number } }) => `${f.site.path}:${f.site.line + 1}`;

describe('race parser: headlines and frames', () => {
  it('knows the runtime headlines, with and without [recovered]', () => {
    assert.equal(headlineKind('fatal error: concurrent map writes'), 'concurrent-map-writes');
    assert.equal(headlineKind('fatal error: concurrent map read and map write'), 'concurrent-map-read-write');
    assert.equal(headlineKind('fatal error: concurrent map iteration and map write'), 'concurrent-map-read-write');
    assert.equal(headlineKind('fatal error: all goroutines are asleep - deadlock!'), 'deadlock');
    assert.equal(headlineKind('panic: test timed out after 2m0s'), 'test-timeout');
    assert.equal(headlineKind('panic: send on closed channel [recovered, repanicked]'), 'send-on-closed-channel');
    assert.equal(headlineKind('panic: close of closed channel [recovered]'), 'close-of-closed-channel');
    assert.equal(headlineKind('panic: sync: negative WaitGroup counter'), 'negative-waitgroup');
    assert.equal(headlineKind('fatal error: sync: RUnlock of unlocked RWMutex'), 'unlock-of-unlocked');
    assert.equal(headlineKind('panic: runtime error: index out of range [3] with length 3'), undefined);
    assert.equal(headlineKind('\tpanic: send on closed channel'), undefined);
  });

  it('strips argument lists from function lines', () => {
    assert.equal(functionName('example.com/shop/internal/orders.(*Pool).worker(0xc0000161a0, 0x0)'), 'example.com/shop/internal/orders.(*Pool).worker');
    assert.equal(functionName('  main.main()'), 'main.main');
    assert.equal(functionName('testing.tRunner.func1.2({0x618460, 0x654a70})'), 'testing.tRunner.func1.2');
    assert.equal(functionName('example.com/x.closeDone(...)'), 'example.com/x.closeDone');
  });
});

describe('race parser: recorded reports', () => {
  it('go 1.18 `go run -race`: main goroutine read vs goroutine write, creation site', () => {
    const [r, ...rest] = parseRuntimeOutput(sample('go1.18-run-datarace.txt'));
    assert.equal(rest.length, 0);
    assert.equal(r!.kind, 'data-race');
    assert.deepEqual(
      r!.accesses.map((a) => [a.op, a.previous, a.goroutine, a.stack[0]!.file, a.stack[0]!.line]),
      [
        ['read', false, 'main', '/home/dev/shop/cmd/shop/main.go', 21],
        ['write', true, '7', '/home/dev/shop/cmd/shop/stats.go', 14],
      ],
    );
    assert.deepEqual(r!.creations, [{ goroutine: '7', status: 'finished', stack: [{ func: 'main.main', file: '/home/dev/shop/cmd/shop/main.go', line: 16 }] }]);
    const { findings } = placeReports([r!], shop);
    assert.deepEqual(findings.map(at).sort(), ['/home/dev/shop/cmd/shop/main.go:21', '/home/dev/shop/cmd/shop/stats.go:14']);
    const read = findings.find((f) => f.op === 'read')!;
    const text = renderFinding(read, 'en');
    assert.match(text.message, /read of shared memory races with a write at stats\.go:14/);
    assert.deepEqual(
      text.related.map((x) => `${x.path}:${x.line + 1} ${x.message}`),
      ['/home/dev/shop/cmd/shop/stats.go:14 the other write (goroutine 7)', '/home/dev/shop/cmd/shop/main.go:16 goroutine 7 was started here'],
    );
    assert.match(renderFinding(read, 'ko').message, /DATA RACE: 공유 메모리 읽기/);
  });

  it('go 1.17 concurrent map writes: fp/sp/pc frames, inlined (...) frames, old `created by`', () => {
    const reports = parseRuntimeOutput(sample('go1.17-map-writes.txt'));
    assert.equal(reports.length, 1);
    const r = reports[0]!;
    assert.equal(r.kind, 'concurrent-map-writes');
    assert.deepEqual(r.goroutines.map((g) => [g.id, g.state]), [['19', 'running'], ['1', 'chan receive']]);
    const g = r.goroutines[0]!;
    assert.deepEqual(g.stack.map((f) => f.line), [1198, 211, 40, 15, 1581]);
    assert.deepEqual(g.createdBy, { func: 'example.com/shop/internal/inventory.TestReserve', file: '/home/dev/shop/internal/inventory/inventory_test.go', line: 13 });
    const { findings } = placeReports(reports, shop);
    assert.deepEqual(findings.map(at), ['/home/dev/shop/internal/inventory/inventory.go:40']);
    assert.deepEqual(findings[0]!.started.map((s) => s.site.line + 1), [13]);
  });

  it('go 1.20 concurrent map read and map write from `go run` (main package frames)', () => {
    const reports = parseRuntimeOutput(sample('go1.20-map-read-write.txt'));
    assert.equal(reports[0]!.kind, 'concurrent-map-read-write');
    const { findings } = placeReports(reports, shop);
    assert.deepEqual(findings.map(at), ['/home/dev/shop/cmd/shop/cache.go:9']);
    assert.deepEqual(findings[0]!.started.map((s) => `${s.site.path}:${s.site.line + 1}`), ['/home/dev/shop/cmd/shop/main.go:28']);
  });

  it('go 1.22 -trimpath timeout: blocked goroutines at their innermost module frame, module cache skipped', () => {
    const reports = parseRuntimeOutput(sample('go1.22-trimpath-timeout.txt'));
    assert.equal(reports.length, 1);
    const r = reports[0]!;
    assert.equal(r.kind, 'test-timeout');
    assert.equal(r.test, 'TestDrain');
    assert.deepEqual(r.goroutines.find((g) => g.id === '1')!.minutes, 10);
    const { findings } = placeReports(reports, shop);
    assert.deepEqual(
      findings.map((f) => `${at(f)} ${f.state}`),
      [
        '/home/dev/shop/internal/orders/pool.go:41 sync.WaitGroup.Wait',
        '/home/dev/shop/internal/orders/pool.go:55 chan send',
        '/home/dev/shop/internal/orders/pool.go:70 select',
      ],
    );
    const send = findings[1]!;
    assert.deepEqual(send.started.map((s) => `${s.site.path}:${s.site.line + 1}`), ['/home/dev/shop/internal/orders/pool.go:30']);
    assert.match(renderFinding(send, 'en').message, /blocked on chan send for 10 minutes here \(in TestDrain\)/);
  });

  it('go 1.21 on Windows: drive letters, either slash, CRLF, mapped into a Windows root', () => {
    const reports = parseRuntimeOutput(sample('go1.21-windows-datarace.txt'));
    assert.equal(reports.length, 1);
    assert.equal(reports[0]!.test, undefined);
    assert.equal(reports[0]!.accesses[1]!.stack[0]!.file, 'C:\\Users\\dev\\shop\\internal\\orders\\orders.go');
    const win: WorkspaceLayout = { roots: ['C:\\Users\\dev\\shop'], modules: [] };
    const { findings } = placeReports(reports, win);
    assert.deepEqual(findings.map(at).sort(), ['C:\\Users\\dev\\shop\\internal\\orders\\orders.go:34', 'C:\\Users\\dev\\shop\\internal\\orders\\orders.go:45']);
    assert.deepEqual(findings[0]!.started.map((s) => s.site.line + 1).sort(), [25, 30]);
    // Drive letter case does not matter.
    assert.equal(resolvePrintedPath('c:/users/dev/shop/a.go', win), 'C:\\Users\\dev\\shop\\a.go');
  });

  it('go 1.16 test panics ([recovered] + repeated headline), negative WaitGroup, unlock of unlocked mutex', () => {
    const reports = parseRuntimeOutput(sample('go1.16-panics.txt'));
    assert.deepEqual(
      reports.map((r) => [r.kind, r.test]),
      [
        ['send-on-closed-channel', 'TestPublish'],
        ['close-of-closed-channel', 'TestStopTwice'],
        ['negative-waitgroup', 'TestFinish'],
        ['unlock-of-unlocked', 'TestRelease'],
      ],
    );
    const { findings } = placeReports(reports, shop);
    assert.deepEqual(findings.map(at), [
      '/home/dev/shop/internal/events/bus.go:27',
      '/home/dev/shop/internal/events/bus.go:35',
      '/home/dev/shop/internal/events/bus.go:44',
      '/home/dev/shop/internal/events/bus.go:61',
    ]);
    assert.equal(renderFinding(findings[0]!, 'en').message, 'panic: send on closed channel (in TestPublish)');
  });

  it('go 1.19 deadlock: semacquire, chan receive and sync.Cond.Wait goroutines', () => {
    const reports = parseRuntimeOutput(sample('go1.19-deadlock.txt'));
    const { findings } = placeReports(reports, shop);
    assert.deepEqual(
      findings.map((f) => `${at(f)} ${f.state}`),
      [
        '/home/dev/shop/cmd/shop/main.go:40 semacquire',
        '/home/dev/shop/cmd/shop/consume.go:11 chan receive',
        '/home/dev/shop/cmd/shop/consume.go:22 sync.Cond.Wait',
      ],
    );
  });

  it('collapses repeated reports (-count=N) into one finding with a count', () => {
    const text = sample('go1.18-run-datarace.txt');
    const { findings } = placeReports(parseRuntimeOutput(text + text + text), shop);
    assert.equal(findings.length, 2);
    assert.deepEqual(findings.map((f) => f.count), [3, 3]);
    assert.match(renderFinding(findings[0]!, 'en').message, /\[seen 3 times\]$/);
  });

  it('reports without a workspace frame stay visible as unplaced', () => {
    const { findings, unplaced } = placeReports(parseRuntimeOutput(sample('go1.18-run-datarace.txt')), { roots: ['/elsewhere'], modules: [] });
    assert.equal(findings.length, 0);
    assert.equal(unplaced.length, 1);
  });
});

describe('race parser: go test -json stream', () => {
  it('joins output split mid-line, keeps packages apart, attributes the test', () => {
    const c = new TestEventCollector();
    const finished: string[] = [];
    for (const l of sample('go1.21-test2json.jsonl').split('\n')) {
      const p = c.push(l);
      if (p) finished.push(`${p.package} ${p.status}`);
    }
    assert.deepEqual(finished, ['example.com/shop/internal/cache pass', 'example.com/shop/internal/orders fail']);
    const reports = c.allReports();
    assert.equal(reports.length, 1);
    assert.equal(reports[0]!.test, 'TestPlaceAll');
    assert.equal(reports[0]!.package, 'example.com/shop/internal/orders');
    assert.equal(reports[0]!.accesses[0]!.stack[0]!.file, '/home/dev/shop/internal/orders/orders.go');
    assert.deepEqual(c.packages[1]!.failedTests, ['TestPlaceAll']);
  });
});

describe('race paths', () => {
  it('maps -trimpath paths through the go.mod module path (longest module wins)', () => {
    const layout: WorkspaceLayout = {
      roots: ['/w'],
      modules: [
        { dir: '/w', module: 'example.com/shop' },
        { dir: '/w/tools', module: 'example.com/shop/tools' },
      ],
    };
    assert.equal(resolvePrintedPath('example.com/shop/internal/a.go', layout), '/w/internal/a.go');
    assert.equal(resolvePrintedPath('example.com/shop/tools/gen/b.go', layout), '/w/tools/gen/b.go');
    assert.equal(resolvePrintedPath('runtime/proc.go', layout), undefined);
    assert.equal(resolvePrintedPath('github.com/acme/retry@v1.4.2/retry.go', layout), undefined);
    assert.equal(resolvePrintedPath('/w/vendor/github.com/acme/retry/retry.go', layout), undefined);
    assert.equal(resolvePrintedPath('/root/go/pkg/mod/github.com/acme/retry@v1.4.2/retry.go', layout), undefined);
  });

  it('follows symlinks between the printed path and the workspace root', () => {
    const real = mkdtempSync(join(tmpdir(), 'goconc-race-real-'));
    mkdirSync(join(real, 'pkg'));
    writeFileSync(join(real, 'go.mod'), 'module example.com/linked\n\ngo 1.22\n');
    writeFileSync(join(real, 'pkg', 'a.go'), 'package pkg\n');
    const link = join(mkdtempSync(join(tmpdir(), 'goconc-race-link-')), 'ws');
    symlinkSync(real, link);
    // The editor opened the symlink; the binary printed the real path.
    const layout: WorkspaceLayout = { roots: [link], modules: findModules([link]) };
    assert.equal(resolvePrintedPath(join(real, 'pkg', 'a.go'), layout), join(link, 'pkg', 'a.go'));
    assert.deepEqual(layout.modules, [{ dir: link, module: 'example.com/linked' }]);
    // And the other way round.
    assert.equal(resolvePrintedPath(join(link, 'pkg', 'a.go'), { roots: [real], modules: [] }), join(real, 'pkg', 'a.go'));
  });

  it('skips runtime, testing and sync frames even when their path is in the workspace', () => {
    const f = innermostWorkspaceFrame(
      [
        { func: 'sync.(*Mutex).Lock', file: '/home/dev/shop/sync/mutex.go', line: 1 },
        { func: 'example.com/shop.F', file: '/home/dev/shop/f.go', line: 7 },
      ],
      shop,
    );
    assert.equal(f?.path, '/home/dev/shop/f.go');
  });
});
