// The checklist evaluated over fixture workspaces (test/fixtures/checklist/):
// every CI kind with and without -race, make/task/mage targets CI calls,
// deployment manifests with and without several instances, database use,
// manual ticks, and the CLI. Fix actions are applied to copies and the
// evaluation re-run, so an edit at the wrong place fails the test.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { evaluateChecklist } from '../../server/src/checklist/evaluate';
import { checklistForFolder } from '../../server/src/checklist/evaluateWorkspace';
import { manualStatePath, parseManualState, serializeManualState, updateManualEntry } from '../../server/src/checklist/manualState';
import { goTestsFromCi, evaluateRaceInCi } from '../../server/src/checklist/raceInCi';
import type { ChecklistAction, ChecklistItemId, ChecklistReport } from '../../server/src/checklist/types';
import { raceRuleMetas } from '../../server/src/race/raceOutput';
import { allRuleMetas } from '../../server/src/rules/registry';

const root = join(__dirname, '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'checklist');
const temps: string[] = [];
after(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function copyOf(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `goconc-checklist-${name}-`));
  temps.push(dir);
  cpSync(join(fixtures, name), dir, { recursive: true });
  return dir;
}

function applyAction(action: ChecklistAction): void {
  if (action.kind === 'add-workflow') {
    mkdirSync(dirname(action.file), { recursive: true });
    writeFileSync(action.file, action.content);
    return;
  }
  const { file, line, column, text } = action.edit;
  const lines = readFileSync(file, 'utf8').split('\n');
  lines[line] = lines[line]!.slice(0, column) + text + lines[line]!.slice(column);
  writeFileSync(file, lines.join('\n'));
}

const item = (r: ChecklistReport, id: ChecklistItemId) => r.items.find((i) => i.id === id)!;
const ci = (name: string) => evaluateRaceInCi(join(fixtures, name), 'en');
const at = (dir: string) => (e: { file: string; line: number }) => `${relative(dir, e.file)}:${e.line + 1}`;

describe('checklist item 1: go test -race in CI', () => {
  const cases: [string, 'pass' | 'fail', string[], string][] = [
    ['gha-race', 'pass', ['.github/workflows/ci.yml:10'], '.github/workflows/ci.yml'],
    ['gha-norace', 'fail', ['.github/workflows/ci.yml:11'], '.github/workflows/ci.yml'],
    ['gha-goflags', 'pass', ['.github/workflows/ci.yml:9'], '.github/workflows/ci.yml'],
    ['gitlab-race', 'pass', ['.gitlab-ci.yml:12'], '.gitlab-ci.yml'],
    ['gitlab-norace', 'fail', ['.gitlab-ci.yml:6'], '.gitlab-ci.yml'],
    ['circleci-race', 'pass', ['.circleci/config.yml:10'], '.circleci/config.yml'],
    ['circleci-norace', 'fail', ['.circleci/config.yml:8'], '.circleci/config.yml'],
    ['azure-race', 'pass', ['azure-pipelines.yml:9'], 'azure-pipelines.yml'],
    ['azure-gotask', 'fail', ['azure-pipelines.yml:6'], 'azure-pipelines.yml'],
    ['jenkins-race', 'pass', ['Jenkinsfile:6'], 'Jenkinsfile'],
    ['jenkins-norace', 'fail', ['Jenkinsfile:6'], 'Jenkinsfile'],
    ['makefile-race', 'pass', ['Makefile:12'], '.gitlab-ci.yml → make ci → make test'],
    ['makefile-norace', 'fail', ['Makefile:4'], '.github/workflows/ci.yml → make test'],
    ['taskfile-race', 'pass', ['Taskfile.yml:14'], '.github/workflows/ci.yml → task ci → task test'],
    ['taskfile-norace', 'fail', ['Taskfile.yml:5'], '.github/workflows/ci.yml → task test'],
    ['magefile-race', 'pass', ['magefile.go:23'], '.ci/build → mage test'],
  ];
  for (const [name, status, where, via] of cases) {
    it(`${name}: ${status}`, () => {
      const r = ci(name);
      const dir = join(fixtures, name);
      assert.equal(r.status, status, r.summary);
      assert.deepEqual(r.tests.map(at(dir)), where);
      assert.equal(r.tests[0]!.via.join(' → '), via);
      assert.equal(r.evidence[0]!.negative, status === 'fail');
    });
  }

  it('follows only the make targets CI calls (a race target nobody runs does not count)', () => {
    const r = ci('makefile-uncalled');
    assert.equal(r.status, 'fail');
    assert.deepEqual(r.tests.map((x) => x.command), ['go test ./...']);
  });

  it('reads make prerequisites and expanded variables', () => {
    const { tests } = goTestsFromCi(join(fixtures, 'makefile-race'));
    assert.equal(tests.length, 1);
    assert.match(tests[0]!.command, /^go test -race \\ -count=1 \.\/\.\.\.$/);
  });

  it('reads mage targets through the default and keeps -race per call', () => {
    const { tests } = goTestsFromCi(join(fixtures, 'magefile-race'));
    assert.deepEqual(tests.map((x) => [x.command, x.race]), [['go test -race ./...', true]]);
  });

  for (const name of ['gha-norace', 'gitlab-norace', 'circleci-norace', 'jenkins-norace', 'makefile-norace', 'taskfile-norace']) {
    it(`${name}: "Add -race to this step" edits the right place and the item passes`, () => {
      const dir = copyOf(name);
      const before = evaluateRaceInCi(dir, 'en');
      const fixes = before.actions.filter((a) => a.kind === 'add-race');
      assert.equal(fixes.length, 1);
      assert.equal(before.evidence[0]!.actionId, fixes[0]!.id);
      applyAction(fixes[0]!);
      const after = evaluateRaceInCi(dir, 'en');
      assert.equal(after.status, 'pass', after.summary);
      assert.match(after.tests[0]!.command, /go test -race /);
    });
  }

  it('offers no edit where `go test` is not written literally (Azure Go@0 task, make variables)', () => {
    assert.deepEqual(ci('azure-gotask').actions, []);
    assert.equal(goTestsFromCi(join(fixtures, 'makefile-race')).tests[0]!.fix, undefined);
  });

  it('no CI at all: fails and offers a GitHub Actions workflow that makes it pass', () => {
    const dir = copyOf('no-ci');
    const r = evaluateRaceInCi(dir, 'en');
    assert.equal(r.status, 'fail');
    assert.deepEqual(r.actions.map((a) => a.kind), ['add-workflow']);
    applyAction(r.actions[0]!);
    assert.equal(relative(dir, (r.actions[0] as { file: string }).file), '.github/workflows/go.yml');
    const again = evaluateRaceInCi(dir, 'en');
    assert.equal(again.status, 'pass');
  });

  it('ignores `go test` that is only printed', () => {
    const dir = copyOf('gha-race');
    writeFileSync(join(dir, '.github/workflows/ci.yml'), 'on: [push]\njobs:\n  t:\n    steps:\n      - run: echo "run go test -race later"\n      - run: go test ./...\n');
    const r = evaluateRaceInCi(dir, 'en');
    assert.equal(r.status, 'fail');
    assert.deepEqual(r.tests.map((x) => x.line + 1), [6]);
  });
});

describe('checklist item 7: distributed locking', () => {
  it('needs review with every sign of several instances as evidence', async () => {
    const dir = join(fixtures, 'multi-instance');
    const { report } = await checklistForFolder(dir);
    const i = item(report, 'distributed-lock-reviewed');
    assert.equal(i.status, 'needs review');
    assert.equal(i.count, 4);
    assert.deepEqual(i.evidence.map(at(dir)), ['charts/shop/values.yaml:1', 'deploy/app.yaml:14', 'deploy/app.yaml:27', 'docker-compose.yml:5']);
  });

  it('is not applicable with replicas 1, no replicas, disabled autoscaling or compose scale 1', async () => {
    const { report } = await checklistForFolder(join(fixtures, 'single-instance'));
    assert.equal(item(report, 'distributed-lock-reviewed').status, 'n/a');
  });

  it('lists a distributed-lock dependency from go.mod and passes once ticked, writing the tick to the file', async () => {
    const dir = copyOf('multi-instance');
    writeFileSync(join(dir, 'go.mod'), 'module example.com/shop\n\ngo 1.22\n\nrequire (\n\tgithub.com/go-redsync/redsync/v4 v4.13.0\n\tgithub.com/redis/go-redis/v9 v9.7.0\n)\n');
    const first = item((await checklistForFolder(dir)).report, 'distributed-lock-reviewed');
    assert.deepEqual(first.evidence.filter((e) => e.kind === 'dependency').map(at(dir)), ['go.mod:6']);
    updateManualEntry(dir, 'distributed-lock-reviewed', { checked: true, note: 'Redlock with fencing', updated: '2026-11-25' });
    const ticked = item((await checklistForFolder(dir)).report, 'distributed-lock-reviewed');
    assert.equal(ticked.status, 'pass');
    assert.equal(ticked.evaluated, 'needs review');
    assert.equal(ticked.manual?.note, 'Redlock with fencing');
    assert.equal(
      readFileSync(manualStatePath(dir), 'utf8'),
      '{\n  "items": {\n    "distributed-lock-reviewed": {\n      "checked": true,\n      "note": "Redlock with fencing",\n      "updated": "2026-11-25"\n    }\n  },\n  "version": 1\n}\n',
    );
  });
});

describe('checklist item 7: lock findings', () => {
  const lockGo = (ttl: string) =>
    `package shop\n\nimport (\n\t"context"\n\t"time"\n\n\t"github.com/redis/go-redis/v9"\n)\n\n` +
    `func Reserve(ctx context.Context, rdb *redis.Client, run func(context.Context) error) error {\n` +
    `\tok, err := rdb.SetNX(ctx, "lock:reserve", "1", ${ttl}).Result()\n\tif err != nil || !ok {\n\t\treturn err\n\t}\n` +
    `\twork, cancel := context.WithTimeout(ctx, time.Minute)\n\tdefer cancel()\n\treturn run(work)\n}\n`;

  /** lock.go in a module requiring the real go-redis: redis-lock-no-expiry runs in the Go engine, which type-checks. */
  const writeLockModule = (dir: string, ttl: string) => {
    const redisFixture = join(root, 'test', 'fixtures', 'redis-lock-no-expiry');
    writeFileSync(join(dir, 'go.mod'), readFileSync(join(redisFixture, 'go.mod'), 'utf8').replace(/^module .*$/m, 'module example.com/shop'));
    cpSync(join(redisFixture, 'go.sum'), join(dir, 'go.sum'));
    writeFileSync(join(dir, 'lock.go'), lockGo(ttl));
  };

  it('fails on a lock rule finding with the finding as evidence, even on one instance, and a tick does not hide it', async () => {
    const dir = copyOf('single-instance');
    writeLockModule(dir, '0');
    const { report, engineErrors } = await checklistForFolder(dir);
    assert.deepEqual(engineErrors, []);
    const i = item(report, 'distributed-lock-reviewed');
    assert.equal(i.status, 'fail');
    assert.deepEqual(i.evidence.map((e) => `${at(dir)(e)} ${e.rule}`), ['lock.go:11 redis-lock-no-expiry']);
    assert.ok(i.rules.includes('redis-lock-no-expiry') && i.rules.includes('advisory-lock-pooled-conn'));
    updateManualEntry(dir, 'distributed-lock-reviewed', { checked: true, note: 'looked at it' });
    assert.equal(item((await checklistForFolder(dir)).report, 'distributed-lock-reviewed').status, 'fail');
  });

  it('warns on an information finding, keeping the instance signs, and a tick settles it', async () => {
    const dir = copyOf('multi-instance');
    writeLockModule(dir, '10*time.Second');
    const i = item((await checklistForFolder(dir)).report, 'distributed-lock-reviewed');
    assert.equal(i.status, 'warn');
    assert.deepEqual(i.evidence.map((e) => e.rule ?? e.kind).slice(0, 2), ['lock-ttl-shorter-than-work', 'deployment']);
    updateManualEntry(dir, 'distributed-lock-reviewed', { checked: true, note: 'work is short in practice' });
    assert.equal(item((await checklistForFolder(dir)).report, 'distributed-lock-reviewed').status, 'pass');
  });
});

describe('checklist items from findings', () => {
  it('feeds each item from the rules whose metadata names it', async () => {
    const examples = join(root, 'examples');
    const { report } = await checklistForFolder(examples);
    for (const id of ['shared-state-guarded', 'goroutines-bounded', 'defer-unlock-close'] as const) {
      const i = item(report, id);
      const own = allRuleMetas().filter((m) => m.checklistItem === id).map((m) => m.id);
      assert.deepEqual(i.rules, own);
      assert.ok(i.evidence.length > 0, `${id} has no evidence in examples/`);
      assert.ok(i.evidence.every((e) => e.kind === 'finding' && own.includes(e.rule!)), `${id}: ${JSON.stringify(i.evidence)}`);
      assert.equal(i.status, 'fail');
    }
    // internal/stock: a GORM lost update and a query on the outer handle (item 6), a Redis lock with no expiry (item 7).
    const rulesOf = (id: ChecklistItemId) => item(report, id).evidence.filter((e) => e.kind === 'finding').map((e) => e.rule);
    assert.equal(item(report, 'db-transactions-locks').status, 'fail');
    assert.deepEqual(rulesOf('db-transactions-locks').sort(), ['gorm-lost-update', 'gorm-tx-outer-handle']);
    assert.equal(item(report, 'distributed-lock-reviewed').status, 'fail');
    assert.deepEqual(rulesOf('distributed-lock-reviewed'), ['redis-lock-no-expiry']);
  });

  it('warns on hints only, passes with none, and reports a race-detector run', () => {
    const meta = allRuleMetas().find((m) => m.checklistItem === 'defer-unlock-close')!;
    const base = { roots: [join(fixtures, 'gha-race')], files: [], ruleMetas: allRuleMetas(), locale: 'en' as const };
    const hint = evaluateChecklist({ ...base, findings: [{ rule: meta.id, severity: 'hint', file: '/x.go', line: 1, column: 0, message: 'm' }] });
    assert.equal(item(hint, 'defer-unlock-close').status, 'warn');
    const none = evaluateChecklist({ ...base, findings: [] });
    assert.equal(item(none, 'defer-unlock-close').status, 'pass');
    assert.equal(none.failed, false);
    // A race-detector run: its reports feed items through their kinds' metadata.
    const metas = [...allRuleMetas(), ...raceRuleMetas()];
    const dataRace = raceRuleMetas().find((m) => m.checklistItem === 'shared-state-guarded')!;
    const clean = evaluateChecklist({ ...base, ruleMetas: metas, findings: [], raceRun: { finishedAt: '2026-11-25T10:00:00Z' } });
    assert.equal(item(clean, 'shared-state-guarded').status, 'pass');
    assert.match(item(clean, 'shared-state-guarded').summary, /last race-detector run: no data race \(2026-11-25 10:00\)/);
    const raced = evaluateChecklist({
      ...base,
      ruleMetas: metas,
      findings: [{ rule: dataRace.id, severity: 'error', file: '/x.go', line: 3, column: 1, message: 'DATA RACE', source: 'race-run' }],
      raceRun: { finishedAt: '2026-11-25T10:00:00Z' },
    });
    assert.equal(item(raced, 'shared-state-guarded').status, 'fail');
    assert.equal(item(raced, 'shared-state-guarded').evidence[0]!.kind, 'race-run');
    assert.match(item(raced, 'shared-state-guarded').summary, /found 1 data race/);
  });

  it('item 4 flags a handler that queries without the request context; item 6 applies when database/sql is used', async () => {
    const dir = join(fixtures, 'database');
    const { report } = await checklistForFolder(dir);
    const ctx = item(report, 'context-timeouts');
    assert.equal(ctx.status, 'warn');
    assert.deepEqual(ctx.evidence.map(at(dir)), ['handlers.go:18']);
    assert.match(ctx.evidence[0]!.message, /Store\.Orders .*s\.db\.Query/);
    const db = item(report, 'db-transactions-locks');
    // The database rules run and find nothing here: the item passes, with the library as evidence.
    assert.equal(db.status, 'pass');
    assert.deepEqual(db.evidence.map(at(dir)), ['handlers.go:6']);
    assert.deepEqual(db.rules, allRuleMetas().filter((m) => m.checklistItem === 'db-transactions-locks').map((m) => m.id));
    assert.ok(db.rules.includes('gorm-lost-update'));
  });

  it('item 6 fails with the database rules\' findings (a GORM read-modify-write without lock or version)', async () => {
    const dir = join(root, 'test', 'fixtures', 'gorm-lost-update');
    const { report } = await checklistForFolder(dir);
    const db = item(report, 'db-transactions-locks');
    assert.equal(db.status, 'fail');
    const findings = db.evidence.filter((e) => e.kind === 'finding');
    assert.deepEqual(findings.map(at(dir)), ['bad_begin.go:12', 'bad.go:39', 'bad.go:54', 'bad.go:67', 'bad.go:81']);
    assert.ok(findings.every((e) => e.rule === 'gorm-lost-update' && e.negative));
    assert.ok(db.evidence.some((e) => e.kind === 'database' && /gorm\.io\/gorm/.test(e.message)));
  });
});

describe('.goconc/checklist.json', () => {
  it('serialises with sorted keys, one item per key, and reads back', () => {
    const text = serializeManualState({ items: { 'race-in-ci': { checked: false, note: 'n' }, 'distributed-lock-reviewed': { checked: true } } });
    assert.equal(text, '{\n  "items": {\n    "distributed-lock-reviewed": {\n      "checked": true\n    },\n    "race-in-ci": {\n      "checked": false,\n      "note": "n"\n    }\n  },\n  "version": 1\n}\n');
    assert.deepEqual(parseManualState(text).state.items['distributed-lock-reviewed'], { checked: true });
  });

  it('drops malformed entries with a reason and survives non-JSON', () => {
    const r = parseManualState('{"items": {"a": {"checked": "yes"}, "b": {"checked": true}}}');
    assert.deepEqual(Object.keys(r.state.items), ['b']);
    assert.equal(r.problems.length, 1);
    assert.deepEqual(parseManualState('{oops').state.items, {});
  });
});

describe('goconc checklist (CLI)', () => {
  const cli = join(root, 'dist', 'cli.js');
  const run = (args: string[]) => spawnSync(process.execPath, [cli, 'checklist', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, LANG: 'C' } });

  it('exits 1 when an item fails and 0 otherwise', () => {
    assert.equal(run([join(fixtures, 'gha-norace')]).status, 1);
    const ok = run([join(fixtures, 'gha-race')]);
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /1\. \[pass\] `go test -race` runs in CI/);
  });

  it('prints JSON (1-based) and Markdown', () => {
    const json = JSON.parse(run(['--format', 'json', join(fixtures, 'gha-norace')]).stdout) as ChecklistReport;
    assert.equal(json.items.length, 7);
    assert.equal(json.items[0]!.evidence[0]!.line, 11);
    const md = run(['--format', 'markdown', join(fixtures, 'multi-instance')]).stdout;
    assert.match(md, /^### goconc checklist: \d\/\d pass/);
    assert.match(md, /\| 7 \| 👀 \| Distributed locking reviewed for multi-server deployments \| needs review \|/);
    assert.match(md, /- `deploy\/app\.yaml:14` Deployment shop: replicas 3/);
  });

  it('rejects bad usage with one line and exit 2', () => {
    for (const args of [['--format', 'xml'], ['/does/not/exist'], ['a', 'b']]) {
      const r = run(args);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /^goconc: [^\n]+\n$/);
    }
  });
});
