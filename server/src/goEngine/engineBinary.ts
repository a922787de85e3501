// Builds the Go engine from the source shipped with goconc (engine/, its
// dependencies vendored, so no network is needed) with the user's Go, once
// per Go version and engine source: the binary is cached under
// $GOCONC_ENGINE_CACHE (default: the user cache folder/goconc/engine).
// GOCONC_ENGINE names a prebuilt binary instead.
import { spawn, spawnSync } from 'node:child_process';
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

interface Plan {
  exe: string;
  src: string;
  version: string;
  goBin: string;
  tmp: string;
}

function plan(opts: BuildOptions): Plan | string {
  if (process.env.GOCONC_ENGINE) return process.env.GOCONC_ENGINE;
  const goBin = opts.goBin ?? 'go';
  const src = engineSourceDir();
  const version = goVersion(goBin);
  const dir = join(cacheRoot(), `${version}-${engineSourceHash(src)}`);
  const exe = join(dir, process.platform === 'win32' ? 'goconc-engine.exe' : 'goconc-engine');
  if (existsSync(exe)) return exe;
  mkdirSync(dir, { recursive: true });
  return { exe, src, version, goBin, tmp: `${exe}.${process.pid}.${Date.now()}.tmp` };
}

function buildArgs(p: Plan): { args: string[]; env: NodeJS.ProcessEnv } {
  return {
    args: ['build', '-mod=vendor', '-trimpath', '-o', p.tmp, './cmd/goconc-engine'],
    env: { ...process.env, GOFLAGS: '-mod=vendor', GOWORK: 'off', GOTOOLCHAIN: process.env.GOTOOLCHAIN ?? 'local' },
  };
}

function buildFailed(p: Plan, detail: string): EngineUnavailable {
  const short = detail.trim().split('\n').slice(0, 3).join(' ');
  return new EngineUnavailable(`could not build goconc's Go engine with ${p.version}: ${short} (the engine needs Go 1.26 or newer)`);
}

/** The engine binary's absolute path, built first when missing. */
export function ensureEngineBinary(opts: BuildOptions = {}): string {
  const p = plan(opts);
  if (typeof p === 'string') return p;
  opts.onBuild?.(`building goconc's Go engine with ${p.version} (once per Go version)`);
  const { args, env } = buildArgs(p);
  const r = spawnSync(p.goBin, args, { cwd: p.src, encoding: 'utf8', env });
  if (r.error || r.status !== 0) throw buildFailed(p, r.error?.message ?? r.stderr);
  renameSync(p.tmp, p.exe); // atomic: a concurrent build never leaves half a binary
  return p.exe;
}

/** The same without blocking: the language server keeps answering while the engine builds. */
export async function ensureEngineBinaryAsync(opts: BuildOptions = {}): Promise<string> {
  const p = plan(opts);
  if (typeof p === 'string') return p;
  opts.onBuild?.(`building goconc's Go engine with ${p.version} (once per Go version)`);
  const { args, env } = buildArgs(p);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(p.goBin, args, { cwd: p.src, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString('utf8')));
    child.on('error', (e) => reject(buildFailed(p, e.message)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(buildFailed(p, err))));
  });
  renameSync(p.tmp, p.exe);
  return p.exe;
}
