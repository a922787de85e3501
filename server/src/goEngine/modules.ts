// Turns what a user names on the command line (folders, files, Go package
// patterns) into go command runs: one per module, with the patterns relative
// to the module root, since the go command analyses a module at a time.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export interface ModuleRun {
  dir: string;
  patterns: string[];
  /** Only findings in these files are kept (a file argument); undefined: all. */
  files?: Set<string>;
}

const skipped = new Set(['vendor', 'testdata', 'node_modules']);

/** The folder of the nearest go.mod at or above p, or undefined. */
export function moduleRootOf(p: string): string | undefined {
  let d = resolve(p);
  if (existsSync(d) && statSync(d).isFile()) d = dirname(d);
  for (;;) {
    if (existsSync(join(d, 'go.mod'))) return d;
    const up = dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

/** Every module root under a folder (the folder's own included), skipping vendor/testdata/hidden. */
export function modulesUnder(folder: string): string[] {
  const out: string[] = [];
  const walk = (d: string, depth: number): void => {
    if (depth > 12) return;
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    if (entries.some((e) => e.isFile() && e.name === 'go.mod')) out.push(d);
    for (const e of entries) {
      if (e.isDirectory() && !skipped.has(e.name) && !e.name.startsWith('.')) walk(join(d, e.name), depth + 1);
    }
  };
  walk(resolve(folder), 0);
  return out;
}

function pattern(root: string, dir: string, recursive: boolean): string {
  const rel = relative(root, dir).split(sep).join('/');
  const base = rel === '' ? '.' : `./${rel}`;
  return recursive ? `${base}/...` : base;
}

/** Plans the go command runs for the CLI's arguments, resolved against cwd. */
export function planModuleRuns(args: string[], cwd: string): ModuleRun[] {
  const runs = new Map<string, ModuleRun>();
  const add = (dir: string, pat: string, file?: string): void => {
    const run = runs.get(dir) ?? { dir, patterns: [] };
    if (!run.patterns.includes(pat)) run.patterns.push(pat);
    if (file) (run.files ??= new Set()).add(file);
    else if (run.files && !file) run.files = undefined;
    runs.set(dir, run);
  };
  for (const arg of args) {
    const abs = resolve(cwd, arg);
    if (!existsSync(abs)) {
      // A package pattern (./..., net/..., example.com/x): the go command resolves it in cwd's module.
      const root = moduleRootOf(cwd) ?? cwd;
      add(root, arg.startsWith('.') ? pattern(root, resolve(cwd, arg.replace(/\/\.\.\.$/, '')), arg.endsWith('/...')) : arg);
      continue;
    }
    if (statSync(abs).isFile()) {
      const root = moduleRootOf(abs);
      if (root) add(root, pattern(root, dirname(abs), false), abs);
      continue;
    }
    const root = moduleRootOf(abs);
    if (root) add(root, pattern(root, abs, true));
    for (const m of modulesUnder(abs)) if (m !== root) add(m, './...');
  }
  return [...runs.values()];
}
