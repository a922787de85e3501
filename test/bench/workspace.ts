// Prepares the benchmark workloads: a writable copy of each downloaded module
// (go vet needs to resolve and record dependencies) and, for the scaling runs,
// subsets of its packages materialised as hard-linked folders.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { collectGoFiles } from '../../server/src/engine/analyzeWorkspace';

export interface BenchModule {
  name: string;
  module?: string;
  version?: string;
  /** A local folder instead of a download (the test suite's small module). */
  dir?: string;
  /**
   * Version for `replace` directives pointing at folders the module zip lacks when the module requires a
   * placeholder v0.0.0 (kubernetes' ./staging/src/k8s.io/* are published as k8s.io/*@v0.x); without it such
   * replacements are dropped and the required version is used (etcd's ../api etc.).
   */
  localReplaceVersion?: string;
  /** Percentages of the packages to measure besides 100 (the largest module's scaling runs). */
  scaling?: number[];
  /** Largest percentage on which go vet / staticcheck run (they need every dependency compiled first). */
  baselineMaxPercent?: number;
}

export interface FileStat {
  path: string;
  lines: number;
  bytes: number;
}

export interface Workload {
  /** Folder given to goconc (the copy, or a subset of it). */
  dir: string;
  /** Folder where the go tools run (always the whole copy: subsets still import the rest). */
  moduleDir: string;
  percent: number;
  files: FileStat[];
  /** `go vet` / staticcheck arguments for the same packages. */
  goPatterns: string[];
}

export function goEnv(cache: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GOMODCACHE: join(cache, 'mod'),
    // -mod=mod: the copy has no vendor folder; the module's own go.sum pins what is fetched.
    GOFLAGS: '-mod=mod -modcacherw -buildvcs=false',
    GOWORK: 'off',
    GOTOOLCHAIN: 'local',
  };
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): string {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}: ${(r.stderr || r.error?.message || '').trim().split('\n').slice(-3).join(' | ')}`);
  return r.stdout;
}

/** A writable copy of the downloaded module (no vendor/, no go.work), made once per cache. */
export function writableCopy(m: BenchModule, source: string, cache: string): string {
  const dest = join(cache, 'work', `${m.name}@${m.version}`);
  const stamp = join(dest, '.goconc-bench-ready');
  if (existsSync(stamp)) return dest;
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dirname(dest), { recursive: true });
  cpSync(source, dest, { recursive: true, filter: (src) => !/[/\\]vendor$/.test(src) });
  for (const f of ['go.mod', 'go.sum']) if (existsSync(join(dest, f))) chmodSync(join(dest, f), 0o644);
  rmSync(join(dest, 'go.work'), { force: true });
  rmSync(join(dest, 'go.work.sum'), { force: true });
  const env = goEnv(cache);
  // Replacements by folders the module zip lacks: the published module instead (its required version, or
  // localReplaceVersion where the requirement is a v0.0.0 placeholder).
  const mod = JSON.parse(run('go', ['mod', 'edit', '-json'], dest, env)) as { Replace?: { Old: { Path: string }; New: { Path: string; Version?: string } }[] };
  const edits: string[] = [];
  for (const r of mod.Replace ?? []) {
    if (r.New.Version || !r.New.Path.startsWith('.') || existsSync(join(dest, r.New.Path))) continue;
    edits.push(m.localReplaceVersion ? `-replace=${r.Old.Path}=${r.Old.Path}@${m.localReplaceVersion}` : `-dropreplace=${r.Old.Path}`);
  }
  if (edits.length > 0) run('go', ['mod', 'edit', ...edits], dest, env);
  // Resolve the module graph once (network), so timed runs only read the cache.
  run('go', ['mod', 'download'], dest, env);
  writeFileSync(stamp, new Date().toISOString());
  return dest;
}

export function fileStats(dir: string): FileStat[] {
  return collectGoFiles([dir]).map((path) => {
    const text = readFileSync(path);
    let lines = 0;
    for (const b of text) if (b === 10) lines++;
    return { path, lines, bytes: text.length };
  });
}

/** Package folders of the copy that `go list` can load (go vet refuses the others). */
export function loadablePackages(moduleDir: string, cache: string): Set<string> {
  const out = run('go', ['list', '-e', '-f', '{{if not .Error}}{{.Dir}}{{end}}', './...'], moduleDir, goEnv(cache));
  return new Set(out.split('\n').filter(Boolean));
}

/**
 * The first `percent` % of the module's lines, taken package by package in a fixed pseudo-random order
 * (hash of the folder name), so each subset is a spread of the module and smaller subsets are contained in
 * larger ones. Materialised as hard links under the cache.
 */
export function subset(copy: string, all: FileStat[], percent: number, cache: string, loadable: Set<string>, name: string): Workload {
  if (percent >= 100) return { dir: copy, moduleDir: copy, percent: 100, files: all, goPatterns: ['./...'] };
  const byDir = new Map<string, FileStat[]>();
  for (const f of all) {
    const d = dirname(f.path);
    byDir.set(d, [...(byDir.get(d) ?? []), f]);
  }
  const order = [...byDir.keys()].sort((a, b) => hash(relative(copy, a)).localeCompare(hash(relative(copy, b))));
  const total = all.reduce((n, f) => n + f.lines, 0);
  const picked: string[] = [];
  let lines = 0;
  for (const d of order) {
    if (lines >= (total * percent) / 100) break;
    picked.push(d);
    lines += byDir.get(d)!.reduce((n, f) => n + f.lines, 0);
  }
  const dest = join(cache, 'work', `${name}-p${percent}`);
  rmSync(dest, { recursive: true, force: true });
  const files: FileStat[] = [];
  for (const d of picked) {
    mkdirSync(join(dest, relative(copy, d)), { recursive: true });
    for (const f of byDir.get(d)!) {
      const target = join(dest, relative(copy, f.path));
      linkSync(f.path, target);
      files.push({ ...f, path: target });
    }
  }
  for (const f of ['go.mod', 'go.sum']) if (existsSync(join(copy, f)) && statSync(join(copy, f)).isFile()) cpSync(join(copy, f), join(dest, f));
  const goPatterns = picked.filter((d) => loadable.has(d)).map((d) => `./${relative(copy, d)}`);
  return { dir: dest, moduleDir: copy, percent, files: files.sort((a, b) => a.path.localeCompare(b.path)), goPatterns };
}

function hash(s: string): string {
  return createHash('sha1').update(s).digest('hex');
}
