// `goconc test` as users run it (the bundled CLI, the real go test -race) on a
// throwaway module: a package that does not build costs one line and the run
// goes on, a user TestMain is wrapped without touching the file, go test
// flags pass through, SARIF carries the confirmation, bad usage is one line.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');

const files: Record<string, string> = {
  'go.mod': 'module example.com/clitest\n\ngo 1.22\n',
  'broken/broken_test.go': 'package broken\n\nimport "testing"\n\nfunc TestBroken(t *testing.T) { notDefined() }\n',
  'wrapped/main_test.go': `package wrapped

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	os.Exit(m.Run())
}

func TestLeaky(t *testing.T) {
	ch := make(chan int)
	go func() {
		ch <- 1 // leaks: nobody receives
	}()
}
`,
  'spin/spin_test.go': `package spin

import (
	"runtime"
	"sync/atomic"
	"testing"
)

func TestSpin(t *testing.T) {
	var ready atomic.Bool
	done := make(chan struct{})
	go func() {
		<-done // never closed: the flag below is never set
		ready.Store(true)
	}()
	for !ready.Load() { // spins: not a deadlock, a hang
		runtime.Gosched()
	}
}
`,
  'delegated/main_test.go': `package delegated

import (
	"os"
	"sync"
	"testing"
)

// Hands m to a helper (as goleak.VerifyTestMain does): goconc renames this TestMain and runs it under its watchdog.
func TestMain(m *testing.M) { os.Exit(runAll(m)) }

func runAll(tm *testing.M) int { return tm.Run() }

func TestSelfDeadlock(t *testing.T) {
	var mu sync.Mutex
	mu.Lock()
	mu.Lock() // locks itself out
}
`,
  'stuck/stuck_test.go': `package stuck

import "testing"

func TestNeverReady(t *testing.T) {
	ready := make(chan struct{})
	result := make(chan int)
	go func() {
		<-ready
		result <- 1
	}()
	<-result // ready is never closed: every goroutine is blocked
}

func TestRunsAfterTheDeadlock(t *testing.T) {
	n := 0
	done := make(chan bool)
	go func() {
		n = 1 // the race only a rerun without TestNeverReady reaches
		done <- true
	}()
	n = 2
	<-done
	t.Log(n)
}
`,
  'racy/racy_test.go': `package racy

import (
	"sync"
	"testing"
)

func TestRace(t *testing.T) {
	n := 0
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		n++ // the goroutine's write
	}()
	n++ // the test's write
	wg.Wait()
}
`,
};

function run(cwd: string, args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'C' }, maxBuffer: 32 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const lineOf = (dir: string, rel: string, needle: string) => readFileSync(join(dir, rel), 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('goconc test (CLI)', { timeout: 300_000 }, () => {
  let dir: string;
  let before_: Map<string, { text: string; mtime: number }>;
  let json: { findings: { rule: string; file: string; line: number; confirms: string[]; gap: boolean }[]; confirmed: { rule: string; line: number; message: string; confirmedBy: string[] }[]; summary: string[] };
  let stderr: string;
  let code: number | null;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'goconc-test-cli-'));
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(join(dir, rel, '..'), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
    before_ = new Map(Object.keys(files).map((rel) => [rel, { text: readFileSync(join(dir, rel), 'utf8'), mtime: statSync(join(dir, rel)).mtimeMs }]));
    // Not ./...: ./spin is the hang case below, which waits for its deadline.
    const r = run(dir, ['test', '--format', 'json', './broken', './wrapped', './racy', './stuck', './delegated', '--', '-count=2', '-cpu=1,2', '-timeout=60s']);
    json = JSON.parse(r.stdout) as typeof json;
    stderr = r.stderr;
    code = r.code;
  });

  it('a package that does not build gets one clear line; the others still run', () => {
    assert.equal(code, 1, stderr);
    const brokenLines = stderr.split('\n').filter((l) => /broken: does not build/.test(l));
    assert.equal(brokenLines.length, 1, stderr);
    assert.match(brokenLines[0]!, /broken_test\.go:5:\d+: undefined: notDefined/);
    assert.match(stderr, /packages: example\.com\/clitest\/racy fail/);
    assert.match(stderr, /packages: example\.com\/clitest\/wrapped fail/);
  });

  it('wraps the user TestMain through the overlay and finds the leak at its send; the file is untouched', () => {
    const leak = json.findings.find((f) => f.rule === 'goroutine-leak');
    assert.ok(leak, JSON.stringify(json.findings));
    assert.equal(leak.file, join(dir, 'wrapped', 'main_test.go'));
    assert.equal(leak.line, lineOf(dir, 'wrapped/main_test.go', 'ch <- 1'));
    for (const [rel, was] of before_) {
      assert.equal(readFileSync(join(dir, rel), 'utf8'), was.text, rel);
      assert.equal(statSync(join(dir, rel)).mtimeMs, was.mtime, rel);
    }
    assert.deepEqual(readdirSync(join(dir, 'wrapped')), ['main_test.go']);
  });

  it('all goroutines blocked: a deadlock at each blocking operation, found by the watchdog long before -timeout', () => {
    const deadlocks = json.findings.filter((f) => f.rule === 'deadlock' && f.file.endsWith('stuck_test.go')).map((f) => f.line).sort();
    assert.deepEqual(deadlocks, [lineOf(dir, 'stuck/stuck_test.go', '<-ready'), lineOf(dir, 'stuck/stuck_test.go', '<-result')].sort());
  });

  it('a TestMain goconc cannot wrap still runs under the watchdog, and the summary says the leak check is off there', () => {
    const d = json.findings.filter((f) => f.rule === 'deadlock' && f.file.endsWith('delegated/main_test.go')).map((f) => f.line);
    assert.deepEqual(d, [lineOf(dir, 'delegated/main_test.go', 'locks itself out')], JSON.stringify(json.findings));
    assert.ok(json.summary.some((s) => /delegated: main_test\.go: TestMain does not call m\.Run\(\) itself, so goconc's leak check is off there/.test(s)), json.summary.join('\n'));
  });

  it('runs the tests after a deadlocked one again without it, and finds their bugs', () => {
    const lines = json.findings.filter((f) => f.rule === 'data-race' && f.file.endsWith('stuck_test.go')).map((f) => f.line);
    assert.ok(lines.includes(lineOf(dir, 'stuck/stuck_test.go', 'the race only a rerun')), JSON.stringify(json.findings));
  });

  it('reports the race under -count=2 -cpu=1,2 and marks the static finding it confirms', () => {
    const races = json.findings.filter((f) => f.rule === 'data-race' && f.file.endsWith('racy_test.go')).map((f) => f.line).sort();
    assert.deepEqual(races, [lineOf(dir, 'racy/racy_test.go', "goroutine's write"), lineOf(dir, 'racy/racy_test.go', "test's write")].sort());
    assert.ok(json.confirmed.some((c) => c.confirmedBy.includes('goroutine-leak') && /confirmed at run time by goroutine-leak/.test(c.message)), JSON.stringify(json.confirmed));
    assert.ok(json.summary.some((s) => /static finding\(s\) confirmed at run time/.test(s)));
  });

  it('goconc checklist --test-results: the saved run confirms static evidence and lists its gaps', () => {
    const saved = join(dir, '..', `${dir.split('/').pop()}-results.json`);
    writeFileSync(saved, JSON.stringify(json));
    const r = run(dir, ['checklist', '--format', 'json', '--test-results', saved, '.']);
    const report = JSON.parse(r.stdout) as { items: { evidence: { rule?: string; kind: string; confirmed?: boolean; gap?: boolean; message: string }[] }[] };
    const evidence = report.items.flatMap((i) => i.evidence);
    assert.ok(evidence.some((e) => e.rule === 'goroutine-leak-blocked-send' && e.confirmed && /confirmed at run time by goroutine-leak/.test(e.message)), r.stdout + r.stderr);
    assert.ok(evidence.some((e) => e.kind === 'race-run' && e.rule === 'data-race'), r.stdout);
    assert.ok(evidence.some((e) => e.kind === 'race-run' && e.gap === true && /^gap: /.test(e.message)), r.stdout);
  });

  it('SARIF validates and carries confirmedAtRunTime / gap properties', () => {
    const r = run(dir, ['test', '--format', 'sarif', './wrapped']);
    const log = JSON.parse(r.stdout) as { runs: { results: { ruleId: string; properties?: Record<string, unknown> }[] }[] };
    const schema = JSON.parse(readFileSync(join(root, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
    const results = log.runs[0]!.results;
    assert.ok(results.some((x) => x.ruleId === 'goroutine-leak' && Array.isArray(x.properties?.confirms)));
    assert.ok(results.some((x) => x.properties?.confirmedAtRunTime === true));
  });

  it('a test past --test-deadline is a test-hang at each blocked goroutine; the next package still runs', () => {
    const r = run(dir, ['test', '--format', 'json', '--test-deadline', '3s', './spin', './racy']);
    const out = JSON.parse(r.stdout) as typeof json;
    const hang = out.findings.filter((f) => f.rule === 'test-hang');
    assert.deepEqual(hang.map((f) => f.line), [lineOf(dir, 'spin/spin_test.go', '<-done')], r.stderr);
    assert.ok(out.findings.some((f) => f.rule === 'data-race'), r.stderr);
  });

  it('rejects a bad duration with one line and exit 2', () => {
    const r = run(dir, ['test', '--deadlock-after', 'soon']);
    assert.equal(r.code, 2);
    assert.match(r.stderr.trim(), /^goconc: --deadlock-after must be a Go duration/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });
});
