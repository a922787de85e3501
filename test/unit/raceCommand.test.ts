// How the Go extension's settings turn into the `go test` command line.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { goTestCommand } from '../../server/src/race/goTestRunner';

const base = { cwd: '/ws', packages: ['./...'], env: { PATH: '/usr/bin', HOME: '/home/dev' } };

describe('go test command from settings', () => {
  it('defaults: go on PATH, -race -json -count=1, packages last', () => {
    const c = goTestCommand(base);
    assert.equal(c.go, 'go');
    assert.deepEqual(c.args, ['test', '-race', '-json', '-count=1', './...']);
    assert.equal(c.cwd, '/ws');
  });

  it('go.goroot puts its bin first on PATH and sets GOROOT; go.alternateTools.go wins for the binary', () => {
    const c = goTestCommand({ ...base, go: { goroot: '/opt/go1.22' } });
    assert.equal(c.go, join('/opt/go1.22', 'bin', process.platform === 'win32' ? 'go.exe' : 'go'));
    assert.equal(c.env.GOROOT, '/opt/go1.22');
    assert.ok(c.env.PATH!.startsWith(join('/opt/go1.22', 'bin')));
    const alt = goTestCommand({ ...base, go: { goroot: '/opt/go1.22', alternateTools: { go: '${workspaceFolder}/bin/go-wrapper' } } });
    assert.equal(alt.go, '/ws/bin/go-wrapper');
  });

  it('go.testFlags (minus the ones the runner owns), go.buildTags, go.testEnvVars with ${env:…}', () => {
    const c = goTestCommand({
      ...base,
      go: { testFlags: ['-v', '-json', '-count=3', '-timeout=90s'], buildTags: 'integration', testEnvVars: { CONFIG: '${env:HOME}/cfg' } },
    });
    assert.deepEqual(c.args, ['test', '-race', '-json', '-count=1', '-tags', 'integration', '-v', '-timeout=90s', './...']);
    assert.equal(c.env.CONFIG, '/home/dev/cfg');
    // -tags in go.testFlags is the user's choice: go.buildTags does not add a second one.
    assert.deepEqual(goTestCommand({ ...base, go: { testFlags: ['-tags=a'], buildTags: 'b' } }).args, ['test', '-race', '-json', '-count=1', '-tags=a', './...']);
  });

  it('one test, one benchmark (a single pass), extra flags before the packages', () => {
    assert.deepEqual(goTestCommand({ ...base, packages: ['.'], test: 'TestA/sub.case' }).args, ['test', '-race', '-json', '-count=1', '-run', '^TestA/sub\\.case$', '.']);
    assert.deepEqual(goTestCommand({ ...base, packages: ['.'], test: 'BenchmarkB' }).args, [
      'test', '-race', '-json', '-count=1', '-run', '^$', '-bench', '^BenchmarkB$', '-benchtime=1x', '.',
    ]);
    assert.deepEqual(goTestCommand({ ...base, extraArgs: ['-timeout=3s'] }).args.slice(-2), ['-timeout=3s', './...']);
  });
});

describe('race editor strings', () => {
  it('every l10n.t string of the race client has a Korean translation, and the manifest strings exist', () => {
    const root = join(__dirname, '..', '..');
    const src = readFileSync(join(root, 'client/src/features/raceClient.ts'), 'utf8');
    const ko = JSON.parse(readFileSync(join(root, 'l10n/bundle.l10n.ko.json'), 'utf8')) as Record<string, string>;
    const keys = [...src.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]!.replace(/\\'/g, "'"));
    assert.ok(keys.length >= 14, `found ${keys.length} strings`);
    for (const k of keys) assert.ok(ko[k], `missing Korean for "${k}"`);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { commands: { command: string; title: string }[] } };
    const titles = pkg.contributes.commands.filter((c) => c.command.startsWith('goconc.race.')).map((c) => c.command).sort();
    assert.deepEqual(titles, ['goconc.race.cancel', 'goconc.race.run']);
  });
});
