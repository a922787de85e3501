// The bad-input table of issue 20, through the bundled CLI: an unreadable folder, a file over the size cap, binary content (a NUL
// byte), text that is not UTF-8, and nesting deeper than the rules can walk are each skipped with one line
// naming the file and the reason, in bounded time, never silently; a file named on the command line obeys
// the same caps; the good file beside them is still analysed. The language server writes the same lines to its
// log (the output channel).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { LspTestClient } from '../support/lspClient';

const cli = join(__dirname, '..', '..', 'dist', 'cli.js');

function check(args: string[]) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cli, 'check', ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'C' }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, seconds: (performance.now() - t0) / 1000 };
}

describe('bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'goconc-badinput-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  // No go.mod: only this server's rules run, so the figures are the TypeScript analysis'. The same files in a
  // module go through the Go engine too (below).
  const files = {
    // A read-modify-write in a GORM transaction without a row lock: gorm-lost-update, a Go engine rule.
    'ok.go': 'package b\n\nimport "gorm.io/gorm"\n\ntype Row struct {\n\tID    uint\n\tStock int\n}\n\nfunc Take(db *gorm.DB, id uint, q int) error {\n\treturn db.Transaction(func(tx *gorm.DB) error {\n\t\tvar r Row\n\t\tif err := tx.First(&r, id).Error; err != nil {\n\t\t\treturn err\n\t\t}\n\t\tr.Stock -= q\n\t\treturn tx.Save(&r).Error\n\t})\n}\n',
    'big.go': `package b\n\n${'// generated\n'.repeat(200_000)}`,
    'binary.go': Buffer.concat([Buffer.from('package b\n'), Buffer.alloc(1_000_000, 0)]),
    'latin1.go': Buffer.from('package b\n\n// caf\xe9\n', 'latin1'),
    'deep.go': `package b\n\nvar x = ${'('.repeat(5000)}1${')'.repeat(5000)}\n`,
  };
  mkdirSync(join(dir, 'pkg'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, 'pkg', name), content);
  const pkg = join(dir, 'pkg');
  const r = check([pkg]);

  it('names each skipped file with its reason on one line', () => {
    const lines = r.stderr.trim().split('\n');
    const skipped = lines.filter((l) => l.startsWith('skipped '));
    assert.deepEqual(skipped.sort(), [
      `skipped ${join(pkg, 'big.go')}: file too large (${(files['big.go'].length / 1e6).toFixed(1)} MB, the limit is 2 MB)`,
      `skipped ${join(pkg, 'binary.go')}: binary content (a NUL byte at offset 10)`,
      `skipped ${join(pkg, 'deep.go')}: nesting too deep (5000 levels of brackets, the limit is 400)`,
      `skipped ${join(pkg, 'latin1.go')}: not UTF-8 text`,
    ]);
    assert.ok(!/\n\s+at /.test(r.stderr), r.stderr);
  });

  it('still analyses the good file, in bounded time', () => {
    assert.match(r.stderr, /1 file\(s\) analysed/);
    assert.ok(r.seconds < 10, `took ${r.seconds.toFixed(1)} s`);
  });

  // In a module requiring GORM the Go engine runs as well (gorm-lost-update lives there): the go command cannot
  // load a package with those files, which is one line naming the file, never silence; the good file alone in a
  // package of the module gets its finding. The bounds include the go command (a cold build cache compiles GORM).
  const mod = join(dir, 'mod');
  mkdirSync(join(mod, 'pkg'), { recursive: true });
  mkdirSync(join(mod, 'good'));
  for (const f of ['go.mod', 'go.sum']) copyFileSync(join(__dirname, '..', 'fixtures', 'gorm-lost-update', f), join(mod, f));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(mod, 'pkg', name), content);
  writeFileSync(join(mod, 'good', 'ok.go'), files['ok.go'].replace('package b', 'package good'));

  it('in a module: the same skipped lines, and a line saying the engine could not load the package', () => {
    const m = check([join(mod, 'pkg')]);
    assert.equal(m.stderr.split('\n').filter((l) => l.startsWith('skipped ')).length, 4, m.stderr);
    // The go command's load errors of the broken package (the NUL byte, and at times an import it then cannot
    // resolve), each on one line.
    const notAnalysed = m.stderr.split('\n').filter((l) => l.startsWith('not analysed by the Go engine: '));
    assert.ok(notAnalysed.some((l) => /binary\.go: unexpected NUL/.test(l)), m.stderr);
    assert.ok(!/\n\s+at /.test(m.stderr), m.stderr);
    assert.ok(m.seconds < 30, `took ${m.seconds.toFixed(1)} s`);
  });

  it('in a module: the good file gets its gorm-lost-update finding from the engine', () => {
    const g = check([join(mod, 'good')]);
    assert.match(g.stdout, /ok\.go:17:\d+: warning: .*\[gorm-lost-update\]/);
    assert.ok(g.seconds < 60, `took ${g.seconds.toFixed(1)} s`);
  });

  it('applies the same caps to a file named on the command line', () => {
    for (const [name, reason] of [['big.go', 'file too large'], ['binary.go', 'binary content'], ['deep.go', 'nesting too deep']] as const) {
      const one = check([join(pkg, name)]);
      assert.equal(one.code, 2, one.stderr);
      assert.match(one.stderr, new RegExp(`^skipped ${join(pkg, name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ${reason}`, 'm'));
      assert.ok(one.seconds < 5, `${name}: ${one.seconds.toFixed(1)} s`);
    }
  });

  // A folder the user cannot read is one line too. Root reads every folder whatever its mode, so as root the CLI
  // runs as `nobody` (the folders are world-readable but the locked one).
  it('names a folder it cannot read, and analyses the rest', () => {
    const top = join(dir, 'perm');
    mkdirSync(join(top, 'a'), { recursive: true });
    mkdirSync(join(top, 'locked'));
    writeFileSync(join(top, 'a', 'a.go'), 'package a\n');
    writeFileSync(join(top, 'locked', 'l.go'), 'package l\n');
    for (const d of [dir, top, join(top, 'a')]) chmodSync(d, 0o755);
    chmodSync(join(top, 'locked'), 0o000);
    try {
      const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
      const r2 = spawnSync(process.execPath, [cli, 'check', top], { encoding: 'utf8', ...asUser, env: { PATH: process.env.PATH, LANG: 'C', HOME: dir }, timeout: 60_000 });
      assert.equal(r2.status, 0, r2.stderr);
      assert.match(r2.stderr, new RegExp(`^skipped ${join(top, 'locked').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: folder not readable \\(EACCES\\)$`, 'm'));
      assert.match(r2.stderr, /1 file\(s\) analysed/);
    } finally {
      chmodSync(join(top, 'locked'), 0o755);
    }
  });

  it('writes the same lines to the language server log', async () => {
    const client = new LspTestClient();
    try {
      await client.initialize(pkg, 'en', { trusted: false });
      await client.waitForNotification('goconc/indexStatus', (st: { state: string }) => st.state === 'ready', 60_000, 0);
      const logged = client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
      for (const [name, reason] of [['big.go', 'file too large'], ['binary.go', 'binary content'], ['latin1.go', 'not UTF-8 text'], ['deep.go', 'nesting too deep']]) {
        assert.ok(logged.some((l) => l.startsWith(`skipped ${join(pkg, name!)}: ${reason}`)), `${name}: ${JSON.stringify(logged)}`);
      }
    } finally {
      await client.shutdown();
    }
  });
});
