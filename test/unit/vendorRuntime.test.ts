// `goconc vendor-runtime` against the real go tool: the fixture module is
// copied to a temporary folder, packages are vendored, and the result must
// pass `go build ./... && go vet ./...`. Modules come through the Go module
// proxy into the machine's module cache (shared by every case, so only the
// first case downloads).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import semver from 'semver';
import { loadRuntime } from '../../server/src/vendor/runtimePackages';
import { normalizeTargetDir, planVendor, rewriteImports } from '../../server/src/vendor/vendorPlan';
import { vendorRuntime } from '../../server/src/vendor/vendorRuntime';
import { VendorRefusal } from '../../server/src/vendor/vendorText';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const runtimeDir = join(root, 'runtime');
const fixture = join(root, 'test', 'fixtures', 'vendor', 'shop');
const runtimeModule = 'github.com/goconc/goconc/runtime';
const temps: string[] = [];
after(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

function freshModule(): string {
  const dir = mkdtempSync(join(tmpdir(), 'goconc-vendor-'));
  temps.push(dir);
  cpSync(fixture, dir, { recursive: true });
  return dir;
}

function goconc(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [cli, 'vendor-runtime', ...args], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'C', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function go(args: string[], cwd: string) {
  const r = spawnSync('go', args, { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, `go ${args.join(' ')} in ${cwd}:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

interface ModJson {
  Require?: { Path: string; Version: string; Indirect?: boolean }[] | null;
}
const requires = (dir: string) => new Map(((JSON.parse(go(['mod', 'edit', '-json'], dir)) as ModJson).Require ?? []).map((r) => [r.Path, r]));
const pinned = requires(runtimeDir);

function goFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.go'))
    .map((f) => f.replaceAll('\\', '/'))
    .sort();
}

function assertBuilds(dir: string): void {
  go(['build', './...'], dir);
  go(['vet', './...'], dir);
}

function assertNoRuntimeImports(dir: string, vendored: string): void {
  for (const f of goFilesUnder(join(dir, vendored))) {
    assert.doesNotMatch(readFileSync(join(dir, vendored, f), 'utf8'), /github\.com\/goconc\/goconc\/runtime/, f);
  }
}

describe('runtime package graph', () => {
  it('go list and the directory walk see the same packages, files and imports', async () => {
    const listed = await loadRuntime(runtimeDir);
    const walked = await loadRuntime(runtimeDir, { useGoList: false });
    assert.equal(listed.source, 'go list');
    assert.equal(walked.source, 'walk');
    const shape = (m: typeof listed) => m.packages.map((p) => ({ dir: p.dir, files: p.files.map((f) => f.name), imports: p.imports }));
    assert.deepEqual(shape(walked), shape(listed));
    assert.deepEqual(
      listed.packages.map((p) => p.dir),
      ['dlock', 'dlock/pgdlock', 'dlock/redisdlock', 'gormlock', 'internal/testenv', 'pool', 'syncx'],
    );
  });

  it('the .vsix carries the runtime as vendoring reads it (examples, the tests they are checked against, nested go.mod)', async () => {
    const ls = spawnSync(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls'], { cwd: root, encoding: 'utf8' });
    assert.equal(ls.status, 0, ls.stderr);
    const shipped = mkdtempSync(join(tmpdir(), 'goconc-vsix-runtime-'));
    temps.push(shipped);
    for (const f of ls.stdout.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('runtime/'))) cpSync(join(root, f), join(shipped, f));
    const shape = (m: Awaited<ReturnType<typeof loadRuntime>>) => m.packages.map((p) => ({ dir: p.dir, files: p.files.map((f) => f.name), imports: p.imports }));
    assert.deepEqual(shape(await loadRuntime(join(shipped, 'runtime'))), shape(await loadRuntime(runtimeDir)));
  });

  it('copies examples that compile alone and leaves the server and goleak tests behind', async () => {
    const m = await loadRuntime(runtimeDir);
    const pkg = (dir: string) => m.packages.find((p) => p.dir === dir)!;
    assert.deepEqual(pkg('pool').files.map((f) => f.name), ['pool.go', 'example_test.go']);
    assert.deepEqual(pkg('pool').skippedTests, ['pool_test.go']);
    // gormlock's example uses the Account model declared in gormlock_test.go.
    assert.deepEqual(pkg('gormlock').files.map((f) => f.name), ['gormlock.go']);
    assert.ok(pkg('gormlock').skippedTests.includes('example_test.go'));
  });

  it('closes over in-module imports and maps external imports to runtime requirements', async () => {
    const m = await loadRuntime(runtimeDir);
    const plan = planVendor(m, { packages: ['redisdlock'], modulePath: 'example.com/shop', targetDir: 'internal/goconc' });
    assert.deepEqual(plan.packages.map((p) => p.dir), ['dlock', 'dlock/redisdlock']);
    assert.deepEqual(plan.modules, ['github.com/redis/go-redis/v9']);
    assert.deepEqual(planVendor(m, { packages: ['dlock/...'], modulePath: 'x.org/m', targetDir: 'lib' }).chosen, ['dlock', 'dlock/pgdlock', 'dlock/redisdlock']);
    const all = planVendor(m, { modulePath: 'x.org/m', targetDir: 'lib' });
    assert.ok(!all.packages.some((p) => p.dir.startsWith('internal')), 'test helpers are not copied');
    assert.deepEqual(all.modules, ['github.com/jackc/pgx/v5', 'github.com/redis/go-redis/v9', 'gorm.io/gorm']);
    assert.throws(() => planVendor(m, { packages: ['nope'], modulePath: 'x.org/m', targetDir: 'lib' }), VendorRefusal);
  });

  it('rewrites only import strings of the runtime module', () => {
    const text = 'import (\n\t"fmt"\n\t"github.com/goconc/goconc/runtime/dlock"\n)\n// see github.com/goconc/goconc/runtimex\n';
    const start = text.indexOf('"github.com');
    const specs = [
      { path: 'fmt', start: text.indexOf('"fmt"'), end: text.indexOf('"fmt"') + 5 },
      { path: `${runtimeModule}/dlock`, start, end: start + `"${runtimeModule}/dlock"`.length },
    ];
    assert.equal(rewriteImports(text, specs, runtimeModule, 'example.com/shop/internal/goconc'), text.replace(`${runtimeModule}/dlock`, 'example.com/shop/internal/goconc/dlock'));
  });

  it('refuses target folders outside the module or ignored by the go tool', () => {
    for (const bad of ['../x', '/abs/x', 'vendor/x', 'a/testdata', '.hidden', '_skip', '.']) assert.throws(() => normalizeTargetDir(bad), VendorRefusal, bad);
    assert.equal(normalizeTargetDir('./internal/goconc/'), 'internal/goconc');
  });
});

describe('goconc vendor-runtime (real go toolchain)', () => {
  it('standard-library packages: copied, rewritten, go.mod untouched, examples pass', () => {
    const dir = freshModule();
    const goModBefore = readFileSync(join(dir, 'go.mod'), 'utf8');
    const r = goconc(['--packages', 'pool,syncx'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /copied pool, syncx into internal\/goconc/);
    assert.equal(readFileSync(join(dir, 'go.mod'), 'utf8'), goModBefore);
    assert.deepEqual(goFilesUnder(join(dir, 'internal/goconc')), [
      'pool/example_test.go',
      'pool/pool.go',
      'syncx/doc.go',
      'syncx/example_test.go',
      'syncx/keyed.go',
      'syncx/map.go',
    ]);
    assert.match(readFileSync(join(dir, 'internal/goconc/pool/example_test.go'), 'utf8'), /"example\.com\/shop\/internal\/goconc\/pool"/);
    assertNoRuntimeImports(dir, 'internal/goconc');
    assertBuilds(dir);
    go(['test', './internal/goconc/...'], dir); // the copied examples with // Output: run and pass

    const again = goconc(['--packages', 'pool,syncx'], dir);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /0 file\(s\) written, 6 unchanged/);
  });

  it('gormlock with --tidy: gorm required directly at the pinned version', () => {
    const dir = freshModule();
    const r = goconc(['--packages', 'gormlock', '--tidy'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /ran go mod tidy/);
    const req = requires(dir);
    assert.equal(req.get('gorm.io/gorm')?.Version, pinned.get('gorm.io/gorm')!.Version);
    assert.ok(!req.get('gorm.io/gorm')?.Indirect, 'tidy marks gorm direct');
    assert.ok(!req.has('github.com/redis/go-redis/v9'), 'nothing the copy does not import');
    assertNoRuntimeImports(dir, 'internal/goconc');
    assertBuilds(dir);
  });

  it('every package into another folder, from another working directory, without tidy: builds as is', () => {
    const dir = freshModule();
    const r = goconc(['--module-dir', dir, '--dir', 'pkg/conc'], tmpdir());
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /not tidied/);
    const req = requires(dir);
    for (const m of ['gorm.io/gorm', 'github.com/redis/go-redis/v9', 'github.com/jackc/pgx/v5']) {
      assert.equal(req.get(m)?.Version, pinned.get(m)!.Version, m);
    }
    // Modules the copy brought in sit at least at the versions the runtime was tested with.
    for (const [m, { Version }] of req) {
      const want = pinned.get(m)?.Version;
      if (want) assert.ok(semver.gte(Version, want), `${m} ${Version} < ${want}`);
    }
    assert.ok(existsSync(join(dir, 'pkg/conc/dlock/pgdlock/pgdlock.go')));
    assert.ok(!existsSync(join(dir, 'pkg/conc/internal')), 'test helpers stay behind');
    assert.match(readFileSync(join(dir, 'pkg/conc/dlock/pgdlock/pgdlock.go'), 'utf8'), /"example\.com\/shop\/pkg\/conc\/dlock"/);
    assertNoRuntimeImports(dir, 'pkg/conc');
    assertBuilds(dir);
  });

  it('a module that vendors its dependencies gets vendor/ refreshed', () => {
    const dir = freshModule();
    assert.equal(goconc(['--packages', 'redisdlock', '--tidy'], dir).code, 0);
    go(['mod', 'vendor'], dir);
    const r = goconc(['--packages', 'gormlock'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /ran go mod vendor/);
    assert.match(readFileSync(join(dir, 'vendor', 'modules.txt'), 'utf8'), /^# gorm\.io\/gorm v/m);
    // Loading the packages is where the go tool stops on "inconsistent vendoring" (building
    // from vendor/ would only recompile the same modules from other paths).
    go(['list', '-deps', './...'], dir);
  });

  it('uses the go binary it is given (the editor passes go.goroot / go.alternateTools), not PATH', async () => {
    const goBinary = spawnSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).stdout.trim() + '/bin/go';
    const noGoOnPath = { ...process.env, PATH: '/nonexistent' };
    const dir = freshModule();
    const commands: string[] = [];
    const result = await vendorRuntime({ moduleDir: dir, packages: ['redisdlock'], tidy: true, force: false, go: { binary: goBinary, env: noGoOnPath }, onCommand: (c) => commands.push(c) });
    // go get at the pinned version, maybe a second go get raising what it brought in to runtime/go.mod's versions, tidy.
    assert.equal(commands[0], `go get github.com/redis/go-redis/v9@${pinned.get('github.com/redis/go-redis/v9')!.Version}`);
    assert.equal(commands.at(-1), 'go mod tidy');
    assert.equal(result.requirements.find((r) => r.module === 'github.com/redis/go-redis/v9')?.version, pinned.get('github.com/redis/go-redis/v9')!.Version);
    const missing = freshModule();
    await assert.rejects(
      vendorRuntime({ moduleDir: missing, packages: ['gormlock'], tidy: false, force: false, go: { binary: '/nonexistent/go', env: process.env } }),
      (e: Error) => e instanceof VendorRefusal && /the go tool \(\/nonexistent\/go\) was not found; it is needed to add gorm\.io\/gorm/.test(e.message),
    );
    assert.ok(!existsSync(join(missing, 'internal')));
  });

  it('takes the copy back when go get fails (offline)', () => {
    const dir = freshModule();
    const empty = mkdtempSync(join(tmpdir(), 'goconc-modcache-'));
    temps.push(empty);
    const r = goconc(['--packages', 'gormlock'], dir, { GOPROXY: 'off', GOMODCACHE: empty, GOFLAGS: '-modcacherw' });
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stderr, /goconc: `go get gorm\.io\/gorm.*` failed in .*: .*GOPROXY=off|module lookup disabled/);
    assert.ok(!existsSync(join(dir, 'internal')), 'no files left behind');
    assert.equal(readFileSync(join(dir, 'go.mod'), 'utf8'), readFileSync(join(fixture, 'go.mod'), 'utf8'));
  });
});

describe('editor command strings', () => {
  it('every l10n.t string of the client feature has a Korean translation', () => {
    const src = readFileSync(join(root, 'client/src/features/vendorRuntimeClient.ts'), 'utf8');
    const ko = JSON.parse(readFileSync(join(root, 'l10n/bundle.l10n.ko.json'), 'utf8')) as Record<string, string>;
    const keys = [...src.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]!.replace(/\\'/g, "'"));
    assert.ok(keys.length >= 10, `found ${keys.length} strings`);
    for (const k of keys) assert.ok(ko[k], `missing Korean for "${k}"`);
  });
});

describe('goconc vendor-runtime refusals (exit 2, one line)', () => {
  function refused(args: string[], cwd: string, pattern: RegExp): void {
    const r = goconc(args, cwd);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^goconc: /);
    assert.match(r.stderr, pattern);
  }

  it('no go.mod', () => {
    const dir = mkdtempSync(join(tmpdir(), 'goconc-nomod-'));
    temps.push(dir);
    refused(['--packages', 'pool'], dir, /no go\.mod in .*go mod init/);
  });

  it('a go directive older than the runtime’s, naming the version needed', () => {
    const dir = freshModule();
    writeFileSync(join(dir, 'go.mod'), 'module example.com/shop\n\ngo 1.22\n');
    refused(['--packages', 'pool'], dir, /says go 1\.22; the runtime needs go 1\.24\.0 or newer/);
    assert.ok(!existsSync(join(dir, 'internal')));
  });

  it('a changed copy is not overwritten without --force; --force restores it', () => {
    const dir = freshModule();
    assert.equal(goconc(['--packages', 'pool'], dir).code, 0);
    const file = join(dir, 'internal/goconc/pool/pool.go');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, `${original}\n// local change\n`);
    refused(['--packages', 'pool'], dir, /internal\/goconc\/pool\/pool\.go already exists with different content; pass --force/);
    assert.match(readFileSync(file, 'utf8'), /local change/);
    const forced = goconc(['--packages', 'pool', '--force'], dir);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(readFileSync(file, 'utf8'), original);
  });

  it('a foreign Go file in a package folder', () => {
    const dir = freshModule();
    assert.equal(goconc(['--packages', 'syncx'], dir).code, 0);
    writeFileSync(join(dir, 'internal/goconc/syncx/mine.go'), 'package syncx\n');
    refused(['--packages', 'syncx'], dir, /syncx\/mine\.go would become part of a copied package/);
  });

  it('unknown package, bad --dir, unknown option', () => {
    const dir = freshModule();
    refused(['--packages', 'pool,nope'], dir, /unknown runtime package "nope"; choose from dlock, dlock\/pgdlock/);
    refused(['--dir', '../outside'], dir, /--dir must be a relative folder/);
    refused(['--frobnicate'], dir, /goconc --help/);
  });

  it('speaks Korean with --lang ko', () => {
    const dir = mkdtempSync(join(tmpdir(), 'goconc-nomod-'));
    temps.push(dir);
    refused(['--lang', 'ko'], dir, /go\.mod 가 없습니다/);
  });
});
