// `goconc race` as users run it: the real go test -race on fixture packages,
// text/JSON/SARIF output, --parse of a program's output from stdin, usage errors.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const fixtures = join(root, 'test', 'fixtures', 'race');

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: fixtures, encoding: 'utf8', input, env: { ...process.env, LANG: 'C' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const lineOf = (rel: string, needle: string) => readFileSync(join(fixtures, rel), 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('goconc race', { timeout: 120_000 }, () => {
  it('text: both accesses of the data race, exit 1, summary on stderr', () => {
    const r = run(['race', './datarace']);
    assert.equal(r.code, 1, r.stderr);
    const write = lineOf('datarace/counter.go', 'c.hits++');
    const read = lineOf('datarace/counter.go', 'return c.hits');
    assert.match(r.stdout, new RegExp(`^datarace/counter\\.go:${write}:2: error: DATA RACE: write of shared memory races with a read at counter\\.go:${read} \\(in TestCounterRace\\) \\[race/data-race\\]$`, 'm'));
    assert.match(r.stdout, new RegExp(`^datarace/counter\\.go:${read}:2: error: DATA RACE: read`, 'm'));
    assert.match(r.stderr, /1\/1 packages: example\.com\/racefix\/datarace fail/);
    assert.match(r.stderr, /1 report\(s\) from the race detector and runtime, 2 location\(s\) in the workspace/);
  });

  it('exits 0 and says so when nothing races', () => {
    const r = run(['race', './passing']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /no race found: 1 package\(s\) passed under -race/);
  });

  it('JSON and SARIF (valid 2.1.0, uploadable to code scanning); flags after -- reach go test', () => {
    const json = JSON.parse(run(['race', '--format', 'json', './mapwrite', './timeout', '--', '-timeout=3s']).stdout) as {
      version: number;
      findings: { rule: string; file: string; line: number; related: { line: number }[] }[];
      summary: string[];
    };
    assert.equal(json.version, 1);
    assert.deepEqual([...new Set(json.findings.map((f) => f.rule))].sort(), ['race/data-race', 'race/test-timeout']);
    const map = json.findings.find((f) => f.rule === 'race/data-race')!;
    assert.equal(map.file, join(fixtures, 'mapwrite', 'registry.go'));
    assert.equal(map.line, lineOf('mapwrite/registry.go', 'r.names[name] = v'));
    assert.match(json.summary[0]!, /report\(s\)/);

    const log = JSON.parse(run(['race', '--format', 'sarif', './datarace']).stdout) as { runs: { results: { ruleId: string }[]; tool: { driver: { rules: { id: string; helpUri: string }[] } } }[] };
    const schema = JSON.parse(readFileSync(join(root, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
    assert.deepEqual(log.runs[0]!.results.map((x) => x.ruleId), ['race/data-race', 'race/data-race']);
    // Each rule's help link is a section of docs/race.md that exists.
    const docs = readFileSync(join(root, 'docs', 'race.md'), 'utf8');
    for (const rule of log.runs[0]!.tool.driver.rules) {
      const m = /\/blob\/main\/docs\/race\.md#([\w-]+)$/.exec(rule.helpUri);
      assert.ok(m && docs.includes(`<a id="${m[1]}"></a>`), `${rule.id}: ${rule.helpUri}`);
    }
  });

  it('--parse reads a program\'s output from stdin (go run of a deadlocking main)', () => {
    const program = spawnSync('go', ['run', './deadlock'], { cwd: fixtures, encoding: 'utf8' });
    const r = run(['race', '--parse'], program.stderr);
    assert.equal(r.code, 1);
    assert.match(r.stdout, new RegExp(`^deadlock/main\\.go:${lineOf('deadlock/main.go', '<-results')}:2: error: fatal error: all goroutines are asleep - deadlock!: goroutine 1 is blocked on chan receive here`, 'm'));
    const ko = spawnSync(process.execPath, [cli, '--lang', 'ko', 'race', '--parse'], { cwd: fixtures, encoding: 'utf8', input: program.stderr });
    assert.match(ko.stdout, /고루틴 1이\(가\) 여기서 chan receive에 막혀 있습니다/);
  });

  it('--parse also reads a saved go test -json stream (--input file)', () => {
    const saved = spawnSync('go', ['test', '-race', '-json', '-count=1', './datarace'], { cwd: fixtures, encoding: 'utf8' });
    const file = join(mkdtempSync(join(tmpdir(), 'goconc-race-json-')), 'test.json');
    writeFileSync(file, saved.stdout);
    const r = run(['race', '--parse', '--input', file]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, new RegExp(`^datarace/counter\\.go:${lineOf('datarace/counter.go', 'c.hits++')}:2: error: DATA RACE: write .*\\(in TestCounterRace\\)`, 'm'));
  });

  it('bad usage is one line and exit 2', () => {
    const r = run(['race', '--format', 'xml']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /^goconc: --format must be one of text\|json\|sarif/);
  });
});
