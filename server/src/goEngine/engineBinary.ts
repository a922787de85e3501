// Builds the Go engine from the source shipped with goconc (engine/, its
// dependencies vendored, so no network is needed) with the user's Go, once
// per Go version and engine source: the binary is cached under
// $GOCONC_ENGINE_CACHE (default: the user cache folder/goconc/engine).
// GOCONC_ENGINE names a prebuilt binary instead.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export class EngineUnavailable extends Error {}

/** The engine's source folder: beside dist/ in the repository and in the .vsix. */
export function engineSourceDir(): string {
  const candidates = [resolve(__dirname, '..', 'engine'), resolve(__dirname, '..', '..', '..', 'engine')];
  const found = candidates.find((d) => existsSync(join(d, 'go.mod')));
  if (!found) throw new EngineUnavailable(`goconc's Go engine source is missing (looked in ${candidates.join(', ')})`);
  return found;
}

function cacheRoot(): string {
  if (process.env.GOCONC_ENGINE_CACHE) return process.env.GOCONC_ENGINE_CACHE;
  const base = process.env.XDG_CACHE_HOME || (homedir() ? join(homedir(), '.cache') : tmpdir());
  return join(base, 'goconc', 'engine');
}

/** Hash of what the binary is built from: our own sources and the vendored modules' list. */
export function engineSourceHash(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (name === 'vendor' || name === 'testdata' || name.startsWith('.')) continue;
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (name.endsWith('.go') || name === 'go.mod' || name === 'go.sum') {
        h.update(p.slice(dir.length));
        h.update(readFileSync(p));
      }
    }
  };
  walk(dir);
  const modules = join(dir, 'vendor', 'modules.txt');
  if (existsSync(modules)) h.update(readFileSync(modules));
  return h.digest('hex').slice(0, 16);
}

export function goVersion(goBin: string): string {
  const r = spawnSync(goBin, ['env', 'GOVERSION'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new EngineUnavailable(`cannot run '${goBin} env GOVERSION': ${r.error?.message ?? r.stderr.trim()} — install Go (https://go.dev/dl/) or set go.goroot`);
  }
  return r.stdout.trim();
}

export interface BuildOptions {
  goBin?: string;
  /** Told before a build starts (it takes ~20 s the first time). */
  onBuild?: (message: string) => void;
}

/** The engine binary's absolute path, built first when missing. */
export function ensureEngineBinary(opts: BuildOptions = {}): string {
  if (process.env.GOCONC_ENGINE) return process.env.GOCONC_ENGINE;
  const goBin = opts.goBin ?? 'go';
  const src = engineSourceDir();
  const version = goVersion(goBin);
  const dir = join(cacheRoot(), `${version}-${engineSourceHash(src)}`);
  const exe = join(dir, process.platform === 'win32' ? 'goconc-engine.exe' : 'goconc-engine');
  if (existsSync(exe)) return exe;
  mkdirSync(dir, { recursive: true });
  opts.onBuild?.(`building goconc's Go engine with ${version} (once per Go version)`);
  const tmp = `${exe}.${process.pid}.tmp`;
  const r = spawnSync(goBin, ['build', '-mod=vendor', '-trimpath', '-o', tmp, './cmd/goconc-engine'], {
    cwd: src,
    encoding: 'utf8',
    env: { ...process.env, GOFLAGS: '-mod=vendor', GOWORK: 'off', GOTOOLCHAIN: process.env.GOTOOLCHAIN ?? 'local' },
  });
  if (r.error || r.status !== 0) {
    const detail = (r.error?.message ?? r.stderr).trim().split('\n').slice(0, 3).join(' ');
    throw new EngineUnavailable(`could not build goconc's Go engine with ${version}: ${detail} (the engine needs Go 1.26 or newer)`);
  }
  renameSync(tmp, exe); // atomic: a concurrent build never leaves half a binary
  return exe;
}
