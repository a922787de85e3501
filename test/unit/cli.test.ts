// The bundled CLI as users run it: exit codes, output shapes, SARIF validity.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const fixtures = join(root, 'test', 'fixtures');

function run(args: string[], env: NodeJS.ProcessEnv = {}, cwd = root) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'C', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('goconc check', () => {
  it('exits 1 with findings, listing file:line:col, severity and rule', () => {
    const r = run(['check', join(fixtures, 'lock-without-unlock')]);
    assert.equal(r.code, 1);
    // lock-without-unlock runs in the Go engine: this is the whole pipeline, go vet -vettool included.
    assert.match(r.stdout, /bad\.go:15:2: error: a\.mu\.Lock\(\) is not released on every path: the return at line 17 keeps it locked \[lock-without-unlock\]/);
    assert.match(r.stdout, /bad\.go:17:3: returns with a\.mu held/);
  });

  it('exits 0 when nothing reaches --fail-on', () => {
    const r = run(['check', '--fail-on', 'error', join(fixtures, 'unbounded-goroutines')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /unbounded-goroutines/);
  });

  it('prints the documented JSON shape', () => {
    const r = run(['check', '--format', 'json', join(fixtures, 'lock-without-unlock')]);
    const json = JSON.parse(r.stdout) as { version: number; findings: Record<string, unknown>[] };
    assert.equal(json.version, 1);
    const first = json.findings[0]!;
    assert.deepEqual(Object.keys(first).sort(), ['column', 'endColumn', 'endLine', 'file', 'line', 'message', 'related', 'rule', 'severity']);
    assert.equal(first.line, 15);
    assert.equal(first.column, 2);
    assert.equal(first.file, join(fixtures, 'lock-without-unlock', 'bad.go'));
    assert.deepEqual(first.related, [{ file: join(fixtures, 'lock-without-unlock', 'bad.go'), line: 17, column: 3, message: 'returns with a.mu held' }]);
  });

  it('prints SARIF that validates against the 2.1.0 schema', () => {
    const r = run(['check', '--format', 'sarif', fixtures]);
    const log = JSON.parse(r.stdout) as { runs: { results: unknown[]; tool: { driver: { rules: { id: string }[] } } }[] };
    const schema = JSON.parse(
      readFileSync(join(root, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8'),
    ) as object;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
    assert.ok(log.runs[0]!.results.length > 5);
    assert.ok(log.runs[0]!.tool.driver.rules.some((x) => x.id === 'concurrent-map-write'));
  });

  it('speaks Korean with --lang ko and from LANG', () => {
    // The CLI's own lines and the rules' titles are Korean.
    const dir = join(fixtures, 'gorm-lost-update');
    assert.match(run(['--lang', 'ko', 'check', dir]).stderr, /^문제 5건, 분석한 파일 3개$/m);
    // gorm-lost-update's message comes from the engine, through its Korean catalog (engine/i18n).
    assert.match(run(['--lang', 'ko', 'check', dir]).stdout, /행 락도 버전 확인도 없는 .*갱신 유실/);
    assert.match(run(['check', dir], { LANG: 'ko_KR.UTF-8' }).stderr, /^문제 5건, 분석한 파일 3개$/m);
    const sarif = JSON.parse(run(['--lang', 'ko', 'check', '--format', 'sarif', dir]).stdout) as { runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string } }[] } } }[] };
    const rule = sarif.runs[0]!.tool.driver.rules.find((x) => x.id === 'gorm-lost-update');
    assert.equal(rule?.shortDescription.text, '락이나 버전 없는 GORM 읽기-수정-쓰기');
    assert.match(run(['--lang', 'ko', 'check', '--format', 'xml']).stderr, /^goconc: --format 값은 text\|json\|sarif 중 하나여야 합니다: "xml"$/m);
  });

  it("prints the Go engine's findings in Korean with --lang ko and from LANG", () => {
    // The engine's analyzers report English; its driver translates (engine/i18n), the related locations too.
    const dir = join(fixtures, 'double-lock');
    const ko = run(['--lang', 'ko', 'check', dir]).stdout;
    assert.match(ko, /bad\.go:14:2: error: a\.mu을\(를\) 이미 잡은 상태에서 다시 잠급니다 \(11행에서 잠금\): Go 뮤텍스는 재진입할 수 없습니다 \[double-lock\]/);
    assert.match(ko, /bad\.go:11:2: 여기서 잠급니다/);
    assert.doesNotMatch(ko, /is locked again/);
    assert.match(run(['check', dir], { LANG: 'ko_KR.UTF-8' }).stdout, /a\.mu을\(를\) 이미 잡은 상태에서 다시 잠급니다/);
    assert.match(run(['check', dir]).stdout, /a\.mu is locked again while already held \(locked at line 11\)/);
  });

  it('rejects bad usage with one line and exit 2', () => {
    for (const args of [['check', '--format', 'xml'], ['check', '/does/not/exist'], ['check', './missing/dir'], ['frobnicate'], ['check', '--bogus'], ['check', '--rule', 'nope=error'], ['--lang', 'fr', 'check']]) {
      const r = run(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /^goconc: /);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    }
  });

  it('takes Go package patterns and reports a package that does not build in one line', () => {
    const r = run(['check', '--format', 'json', './...'], {}, join(fixtures, 'double-lock'));
    assert.equal(r.code, 1, r.stderr);
    const json = JSON.parse(r.stdout) as { findings: { rule: string; file: string; line: number }[] };
    // ledger.go: the callee in another package (registry) locks again — seen through the engine's facts.
    assert.ok(json.findings.some((f) => f.rule === 'double-lock' && f.file.endsWith('ledger.go') && f.line === 36), r.stdout);
    const broken = mkdtempSync(join(tmpdir(), 'goconc-broken-'));
    try {
      writeFileSync(join(broken, 'go.mod'), 'module example.com/broken\n\ngo 1.22\n');
      writeFileSync(join(broken, 'a.go'), 'package broken\n\nfunc f() int { return "x" }\n');
      const b = run(['check', broken]);
      assert.equal(b.code, 0, b.stderr);
      assert.match(b.stderr, /not analysed by the Go engine: .*broken.*cannot use "x"/);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });

  it('honours --rule to switch a rule off', () => {
    const r = run(['check', '--rule', 'lock-without-unlock=off', '--rule', 'unlock-not-deferred=off', join(fixtures, 'lock-without-unlock')]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim(), '');
  });
});
