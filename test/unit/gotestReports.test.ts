// Reading what goconc test's overlay prints (parseOutput.ts) and placing it
// (raceFindings.ts): blocked goroutines at their blocking operation, the test
// binary's main goroutine never, goroutines left over from an earlier test as
// leaks; and the confirmation of static findings (confirmFindings.ts).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Finding } from '../../server/src/engine/finding';
import { checklistFindingsWithRun } from '../../server/src/checklist/runConfirmation';
import { evaluateFindingItem } from '../../server/src/checklist/findingItems';
import { confirmFindings } from '../../server/src/race/confirmFindings';
import { hungTests, skipPattern } from '../../server/src/race/hungTests';
import { parseRuntimeOutput } from '../../server/src/race/parseOutput';
import { placeReports, renderFinding } from '../../server/src/race/raceFindings';
import { raceRuleId, testRuleIdList } from '../../server/src/race/raceOutput';

const layout = { roots: ['/w'], modules: [{ dir: '/w', module: 'example.com/w' }] };

// As the watchdog prints it (runtime.Stack format, Go 1.21+ `in goroutine N`).
const deadlockDump = `
goconc: deadlock: every goroutine blocked for 5s

goroutine 1 [chan receive]:
testing.(*T).Run(0xc00014e008, {0x64c3aa, 0xb}, 0x6591e0)
	/usr/local/go/src/testing/testing.go:2109 +0xb3e
testing.(*M).Run(0xc00007c780)
	/usr/local/go/src/testing/testing.go:2443 +0xf4c
example.com/w/p.TestMain(0xc00007c780)
	/w/p/main_test.go:9 +0x27
main.main()
	_testmain.go:48 +0x172

goroutine 9 [chan receive]:
example.com/w/p.TestDeadlock(0xc0000bc488?)
	/w/p/p_test.go:18 +0x109
testing.tRunner(0xc0000bc488, 0x659070)
	/usr/local/go/src/testing/testing.go:2036 +0x21d
created by testing.(*T).Run in goroutine 1
	/usr/local/go/src/testing/testing.go:2101 +0xb13

goroutine 8 [chan send]:
example.com/w/p.TestLeak.func1()
	/w/p/p_test.go:10 +0x3d
created by example.com/w/p.TestLeak in goroutine 7
	/w/p/p_test.go:10 +0x9a

goroutine 10 [sync.Mutex.Lock]:
sync.(*Mutex).Lock(0x56a9b9?)
	/usr/local/go/src/sync/mutex.go:46 +0x15
example.com/w/p.TestDeadlock.func1()
	/w/p/p_test.go:17 +0x34
created by example.com/w/p.TestDeadlock in goroutine 9
	/w/p/p_test.go:17 +0xfd
`;

const leakDump = `=== RUN   TestLast
--- PASS: TestLast (0.00s)
PASS
goconc: goroutine leak: 2 goroutine(s) outlived the tests

goroutine 21 [chan receive]:
example.com/w/p.TestLeaky.func1()
	/w/p/p_test.go:30 +0x2c
created by example.com/w/p.TestLeaky in goroutine 20
	/w/p/p_test.go:29 +0x8e

goroutine 22 [IO wait]:
internal/poll.runtime_pollWait(0x7f, 0x72)
	/usr/local/go/src/runtime/netpoll.go:351 +0x85
net/http.(*Server).Serve(0xc000, {0x0, 0x0})
	/usr/local/go/src/net/http/server.go:3340 +0x4b4
created by example.com/w/p.startServer in goroutine 20
	/w/p/server.go:12 +0x55

`;

const at = (f: { site: { path: string; line: number } }) => `${f.site.path}:${f.site.line + 1}`;

describe('goconc test reports', () => {
  it('every goconc test rule has a docs page in en and ko with an example and its figures', () => {
    for (const id of testRuleIdList) {
      for (const doc of [join(__dirname, '..', '..', 'docs', 'rules', `${id}.md`), join(__dirname, '..', '..', 'docs', 'rules', 'ko', `${id}.md`)]) {
        assert.ok(existsSync(doc), `missing ${doc}`);
        const text = readFileSync(doc, 'utf8');
        for (const section of [/```go/, /Precision|정밀도/]) assert.match(text, section, `${doc} lacks ${section}`);
      }
    }
  });

  it('a deadlock dump: each blocked goroutine at its blocking line, the main goroutine never, an orphan as a leak', () => {
    const reports = parseRuntimeOutput(deadlockDump);
    assert.deepEqual(reports.map((r) => r.kind), ['deadlock']);
    const { findings } = placeReports(reports, layout);
    const byAt = Object.fromEntries(findings.map((f) => [at(f), f]));
    assert.deepEqual(Object.keys(byAt).sort(), ['/w/p/p_test.go:10', '/w/p/p_test.go:17', '/w/p/p_test.go:18']);
    assert.equal(byAt['/w/p/p_test.go:18']!.kind, 'deadlock');
    assert.equal(byAt['/w/p/p_test.go:17']!.state, 'sync.Mutex.Lock');
    // Goroutine 8's parent (7) is gone: TestLeak returned and left it behind.
    assert.equal(byAt['/w/p/p_test.go:10']!.kind, 'goroutine-leak');
    assert.equal(raceRuleId('test-timeout', 'test'), 'test-hang');
    // The other goroutine of the deadlock is named as related information (the lock's likely owner).
    const related = renderFinding(byAt['/w/p/p_test.go:17']!, 'en').related.map((r) => `${r.path}:${r.line + 1} ${r.message}`);
    assert.ok(related.includes('/w/p/p_test.go:18 goroutine 9 was here (chan receive)'), related.join('\n'));
  });

  it('a leak report: every leaked goroutine, blocked or not; one inside a library lands on its go statement; no stale test name', () => {
    const reports = parseRuntimeOutput(leakDump);
    assert.deepEqual(reports.map((r) => [r.kind, r.test]), [['goroutine-leak', undefined]]);
    const { findings } = placeReports(reports, layout);
    assert.deepEqual(findings.map(at).sort(), ['/w/p/p_test.go:30', '/w/p/server.go:12']);
    assert.match(renderFinding(findings[0]!, 'en').message, /^goroutine leak: goroutine 21 \(chan receive\) was still here after the tests finished$/);
  });

  it('a hang names the test the watchdog saw running', () => {
    const r = parseRuntimeOutput(`goconc: test hang: TestSlow still running after 1m0s\n\ngoroutine 7 [select]:\nexample.com/w/p.TestSlow(0xc0)\n\t/w/p/p_test.go:40 +0x1\ntesting.tRunner(0xc0, 0x1)\n\t/usr/local/go/src/testing/testing.go:2036 +0x21d\n`);
    assert.deepEqual(r.map((x) => [x.kind, x.test]), [['test-timeout', 'TestSlow']]);
  });

  it('confirms a static finding at the same place and lists run-time findings without one as gaps', () => {
    const range = (line: number) => ({ startLine: line, startColumn: 1, endLine: line, endColumn: 9 });
    const f = (rule: string, line: number, related: number[] = []): Finding => ({
      rule,
      severity: 'warning',
      file: '/w/p/p_test.go',
      range: range(line),
      message: rule,
      related: related.map((l) => ({ file: '/w/p/p_test.go', range: range(l), message: '' })),
      fixes: [],
    });
    const items: Record<string, 'defer-unlock-close' | 'shared-state-guarded'> = { 'goroutine-leak-blocked-send': 'defer-unlock-close', 'unsynchronized-shared-write': 'shared-state-guarded' };
    const staticFindings = [f('goroutine-leak-blocked-send', 9), f('unsynchronized-shared-write', 40), f('goroutine-leak-blocked-send', 60)];
    const dynamic = [f('goroutine-leak', 9), f('data-race', 50, [40]), f('deadlock', 70, [60]), f('goroutine-leak', 40)];
    const c = confirmFindings(staticFindings, dynamic, (r) => items[r]);
    assert.deepEqual(c.confirmed.map((x) => [x.finding.range.startLine, x.by]), [[9, ['goroutine-leak']], [40, ['data-race']]]);
    // A deadlock's related lines are the other goroutines: not the same place. A leak is not about a shared write.
    assert.deepEqual(c.gaps.map((g) => `${g.rule}@${g.range.startLine}`), ['deadlock@70', 'goroutine-leak@40']);
  });

  it('the checklist shows the confirmation on the static finding and the gap on the run-time one', () => {
    const range = (line: number) => ({ startLine: line, startColumn: 0, endLine: line, endColumn: 5 });
    const mk = (rule: string, line: number): Finding => ({ rule, severity: 'warning', file: '/w/a.go', range: range(line), message: `${rule} here`, related: [], fixes: [] });
    const staticOne = mk('goroutine-leak-blocked-send', 3);
    const items = checklistFindingsWithRun([staticOne], [mk('goroutine-leak', 3), mk('deadlock', 8)], (r) => (r === 'goroutine-leak-blocked-send' ? 'defer-unlock-close' : undefined), 'en');
    assert.deepEqual(
      items.map((f) => [f.rule, f.confirmed ?? false, f.gap ?? false, f.message]),
      [
        ['goroutine-leak-blocked-send', true, false, 'goroutine-leak-blocked-send here (confirmed at run time by goroutine-leak)'],
        ['goroutine-leak', false, false, 'goroutine-leak here'],
        ['deadlock', false, true, 'gap: no static rule reports this; seen at run time: deadlock here'],
      ],
    );
    const metas = [
      { id: 'goroutine-leak-blocked-send', checklistItem: 'defer-unlock-close' },
      { id: 'deadlock', checklistItem: 'defer-unlock-close' },
      { id: 'goroutine-leak', checklistItem: 'defer-unlock-close' },
    ].map((m) => ({ ...m, title: { en: '', ko: '' }, description: { en: '', ko: '' }, defaultSeverity: 'warning' as const, category: 'race' as const, fixable: false, messages: {} }));
    const evidence = evaluateFindingItem('defer-unlock-close', items, metas as never, 'en').evidence;
    assert.deepEqual(evidence.map((e) => [e.rule, e.kind, e.confirmed ?? false, e.gap ?? false]), [
      ['goroutine-leak', 'race-run', false, false],
      ['goroutine-leak-blocked-send', 'finding', true, false],
      ['deadlock', 'race-run', false, true],
    ]);
  });

  it('names the top-level tests that hung, for go test -skip', () => {
    const reports = parseRuntimeOutput(deadlockDump).map((r) => ({ ...r, test: 'TestDeadlock/sub.case' }));
    const timeout = { ...reports[0]!, kind: 'test-timeout' as const, test: 'TestA, TestB' };
    const leak = { ...reports[0]!, kind: 'goroutine-leak' as const, test: 'TestLeak' };
    assert.deepEqual(hungTests({ package: 'p', status: 'fail', failedTests: [], reports: [...reports, timeout, leak] }), ['TestDeadlock', 'TestA', 'TestB']);
    assert.equal(skipPattern(['TestA', 'Test_B.x']), '^(?:TestA|Test_B\\.x)$');
  });
});
