// Runs the real `go test -race` on test/fixtures/race/ and checks every
// report lands on the right line with the right related locations; also the
// clear messages for a missing go, a cgo-less build, build errors and test
// failures without races.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { runGoTestRace, type RaceRunResult } from '../../server/src/race/goTestRunner';
import { parseRuntimeOutput } from '../../server/src/race/parseOutput';
import { placeReports, renderFinding, type PlacedReports, type RaceFinding } from '../../server/src/race/raceFindings';
import { layoutFor } from '../../server/src/race/resolveFrames';
import { summarizeRun } from '../../server/src/race/runSummary';

const root = join(__dirname, '..', '..');
/** A PATH with the go command and no C compiler. */
const goOnlyPath = () => join(spawnSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).stdout.trim(), 'bin');
const fixtures = join(root, 'test', 'fixtures', 'race');
const layout = layoutFor([fixtures]);

/** 1-based line of the first line in `rel` that contains `needle` (expectations come from the source, not the output). */
function lineOf(rel: string, needle: string): string {
  const lines = readFileSync(join(fixtures, rel), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `${needle} not in ${rel}`);
  return `${rel}:${i + 1}`;
}
const rel = (p: string, line: number) => `${p.slice(fixtures.length + 1)}:${line + 1}`;
const at = (f: RaceFinding) => rel(f.site.path, f.site.line);
const startedAt = (f: RaceFinding) => f.started.map((s) => rel(s.site.path, s.site.line)).sort();

describe('race fixtures under the real go test -race', { timeout: 240_000 }, () => {
  let run: RaceRunResult;
  let placed: PlacedReports;
  const ofKind = (k: string) => placed.findings.filter((f) => f.kind === k);

  before(async () => {
    run = await runGoTestRace({ cwd: fixtures, packages: ['./...'], extraArgs: ['-timeout=4s'] });
    placed = placeReports(run.reports, layout);
  });

  it('finds reports in every buggy package and passes the clean one', () => {
    assert.equal(run.outcome, 'races', summarizeRun(run, placed, 'en').join('\n'));
    const status = Object.fromEntries(run.packages.map((p) => [p.package.replace('example.com/racefix/', ''), p.status]));
    assert.equal(status.passing, 'pass');
    for (const p of ['datarace', 'mapwrite', 'timeout', 'sendclosed', 'closeclosed', 'negwg', 'unlockunlocked']) assert.equal(status[p], 'fail', p);
    assert.deepEqual(placed.unplaced.map((u) => u.headline), []);
  });

  it('DATA RACE: a diagnostic on both accesses, each pointing at the other and at the goroutine start', () => {
    const races = ofKind('data-race').filter((f) => f.site.path.includes('datarace'));
    const write = lineOf('datarace/counter.go', 'c.hits++');
    const read = lineOf('datarace/counter.go', 'return c.hits');
    assert.deepEqual(races.map(at).sort(), [write, read].sort());
    const w = races.find((f) => at(f) === write)!;
    assert.equal(w.op, 'write');
    assert.equal(rel(w.other!.path, w.other!.line), read);
    assert.deepEqual(startedAt(w), [lineOf('datarace/counter_test.go', 'go func() {')]);
    assert.deepEqual(w.tests, ['TestCounterRace']);
    assert.match(renderFinding(w, 'en').message, /\(in TestCounterRace\)/);
  });

  it('concurrent map writes: the map assignment, both goroutines started in the loop', () => {
    const maps = ofKind('data-race').filter((f) => f.site.path.includes('mapwrite'));
    assert.deepEqual(maps.map(at), [lineOf('mapwrite/registry.go', 'r.names[name] = v')]);
    assert.equal(maps[0]!.onMap, true);
    assert.deepEqual([...new Set(startedAt(maps[0]!))], [lineOf('mapwrite/registry_test.go', 'go func(i int)')]);
  });

  it('test timeout: each blocked goroutine at its innermost workspace frame, with where it was started', () => {
    const blocked = ofKind('test-timeout');
    const byState = Object.fromEntries(blocked.map((f) => [f.state, f]));
    assert.equal(at(byState['chan send']!), lineOf('timeout/blocked.go', 'ch <- 1'));
    assert.equal(at(byState['sync.Mutex.Lock']!), lineOf('timeout/blocked.go', 'mu.Lock() // blocks forever'));
    assert.equal(at(byState['sync.WaitGroup.Wait']!), lineOf('timeout/blocked.go', 'wg.Wait()'));
    assert.equal(at(byState['select (no cases)']!), lineOf('timeout/blocked_test.go', 'select {}'));
    assert.deepEqual(startedAt(byState['chan send']!), [lineOf('timeout/blocked_test.go', 'go SendForever')]);
    assert.deepEqual(startedAt(byState['sync.Mutex.Lock']!), [lineOf('timeout/blocked_test.go', 'go LockTwice')]);
    assert.ok(blocked.every((f) => f.tests.includes('TestBlocked')));
  });

  it('panics and fatal errors: the user frame that did it', () => {
    assert.deepEqual(ofKind('send-on-closed-channel').map(at), [lineOf('sendclosed/send_test.go', 'ch <- 1')]);
    assert.deepEqual(ofKind('close-of-closed-channel').map(at), [lineOf('closeclosed/close_test.go', 'close(done)')]);
    assert.deepEqual(ofKind('negative-waitgroup').map(at), [lineOf('negwg/wg_test.go', 'wg.Done() // panic')]);
    assert.deepEqual(ofKind('unlock-of-unlocked').map(at), [lineOf('unlockunlocked/unlock_test.go', 'mu.Unlock() // fatal')]);
  });

  it('deadlock (go run, no alarm timer): every blocked goroutine from the plain-text output', () => {
    const r = spawnSync('go', ['run', './deadlock'], { cwd: fixtures, encoding: 'utf8' });
    assert.notEqual(r.status, 0);
    const { findings } = placeReports(parseRuntimeOutput(r.stderr), layout);
    assert.deepEqual(
      findings.map((f) => `${at(f)} ${f.state}`),
      [`${lineOf('deadlock/main.go', '<-results')} chan receive`, `${lineOf('deadlock/main.go', 'mu.Lock() // the worker')} sync.Mutex.Lock`],
    );
    assert.deepEqual(startedAt(findings[1]!), [lineOf('deadlock/main.go', 'go func() {')]);
  });
});

describe('race run: clear messages instead of silence', { timeout: 120_000 }, () => {
  let mod: string;
  before(() => {
    mod = mkdtempSync(join(tmpdir(), 'goconc-race-msg-'));
    writeFileSync(join(mod, 'go.mod'), 'module example.com/msgs\n\ngo 1.22\n');
    for (const d of ['broken', 'failing', 'fine']) mkdirSync(join(mod, d));
    writeFileSync(join(mod, 'broken', 'b.go'), 'package broken\n\nfunc F() int { return "s" }\n');
    writeFileSync(join(mod, 'broken', 'b_test.go'), 'package broken\n\nimport "testing"\n\nfunc TestF(t *testing.T) {}\n');
    writeFileSync(join(mod, 'failing', 'f_test.go'), 'package failing\n\nimport "testing"\n\nfunc TestBoom(t *testing.T) { t.Fatal("boom") }\n');
    writeFileSync(join(mod, 'fine', 'f_test.go'), 'package fine\n\nimport "testing"\n\nfunc TestFine(t *testing.T) {}\n');
  });
  const summary = async (opts: Partial<Parameters<typeof runGoTestRace>[0]>) => {
    const r = await runGoTestRace({ cwd: mod, packages: ['./...'], ...opts });
    return { r, text: summarizeRun(r, placeReports(r.reports, layoutFor([mod])), 'en').join('\n') };
  };

  it('a missing go binary', async () => {
    const { r, text } = await summary({ go: { alternateTools: { go: join(mod, 'no-such-go') } } });
    assert.equal(r.outcome, 'go-missing');
    assert.match(text, /cannot run ".*no-such-go".*go\.goroot/);
  });

  it('CGO_ENABLED=0: -race requires cgo', async () => {
    const { r, text } = await summary({ packages: ['./fine'], env: { ...process.env, CGO_ENABLED: '0' } });
    assert.equal(r.outcome, 'needs-cgo');
    assert.match(text, /race detector needs cgo.*CGO_ENABLED=1/);
  });

  it('no C compiler: on PATH (cgo defaults off) or named by CC', async () => {
    const env = { ...process.env, CGO_ENABLED: undefined };
    const noGcc = await summary({ packages: ['./fine'], env: { ...env, PATH: goOnlyPath() } });
    assert.equal(noGcc.r.outcome, 'needs-cgo', noGcc.text);
    const badCc = await summary({ packages: ['./fine'], env: { ...env, CC: join(mod, 'no-such-cc') } });
    assert.equal(badCc.r.outcome, 'needs-cgo', badCc.text);
    assert.match(badCc.text, /race detector needs cgo: go said "cgo: C compiler ".*no-such-cc" not found/);
  });

  it('build errors and test failures without races', async () => {
    const { r, text } = await summary({});
    assert.equal(r.outcome, 'build-failed');
    assert.match(text, /the build failed \(1 package\(s\)\).*b\.go:3:\d+: cannot use "s"/);
    assert.match(text, /1 test\(s\) failed without a race or runtime report: TestBoom/);
  });

  it('a clean run says so', async () => {
    const { r, text } = await summary({ packages: ['./fine'] });
    assert.equal(r.outcome, 'clean');
    assert.equal(text, 'no race found: 1 package(s) passed under -race');
  });

  it('go.testEnvVars and go.buildTags reach the test binary', async () => {
    writeFileSync(
      join(mod, 'fine', 'env_test.go'),
      '//go:build tagged\n\npackage fine\n\nimport (\n\t"os"\n\t"testing"\n)\n\nfunc TestEnv(t *testing.T) {\n\tif os.Getenv("GOCONC_PROBE") != "yes" {\n\t\tt.Fatal("env not set")\n\t}\n}\n',
    );
    const { r } = await summary({ packages: ['./fine'], go: { buildTags: 'tagged', testEnvVars: { GOCONC_PROBE: 'yes' } } });
    assert.equal(r.outcome, 'clean');
    const { r: without } = await summary({ packages: ['./fine'], go: { buildTags: 'tagged' } });
    assert.equal(without.outcome, 'tests-failed');
  });
});
