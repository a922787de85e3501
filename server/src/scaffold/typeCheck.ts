// Type-checks a wizard insertion against the user's real package before it is
// applied: the go command builds and vets the package with the changed files
// laid over the real ones (`-overlay`), so unsaved buffers, the package's
// other files and its dependencies all count. Problems the package already
// had are not blamed on the insertion: only messages that are new compared
// with the same check without the overlay count.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { runGo, type GoTool } from '../vendor/goCommand';

export interface TypeCheckProblem {
  /** Absolute path of the real file (overlay paths mapped back). */
  file?: string;
  line?: number;
  column?: number;
  message: string;
}

export type TypeCheckResult =
  | { status: 'ok' }
  | { status: 'errors'; problems: TypeCheckProblem[] }
  /** The check could not run (no go binary, a module it cannot fetch…): nothing is known. */
  | { status: 'unavailable'; reason: string };

/** Lines of `go build`/`go vet` output that name a position: `path:line:col: message`. */
export function parseGoProblems(output: string, cwd: string, mapPath: (abs: string) => string = (p) => p): TypeCheckProblem[] {
  const out: TypeCheckProblem[] = [];
  for (const raw of output.split('\n')) {
    const line = raw.replace(/^vet: /, '');
    const m = /^(\S[^:]*\.go):(\d+):(?:(\d+):)? (.*)$/.exec(line);
    if (!m) continue;
    const abs = isAbsolute(m[1]!) ? m[1]! : resolve(cwd, m[1]!);
    out.push({ file: mapPath(abs), line: Number(m[2]), ...(m[3] ? { column: Number(m[3]) } : {}), message: m[4]!.trim() });
  }
  return out;
}

/** Missing modules are the dependency offer's business (go get), not a type error of the insertion. */
const missingModule = /no required module provides package|cannot find module providing package|missing go\.sum entry/;

/** Problems in `after` whose text (position aside) was not already in `before`. */
export function newProblems(before: readonly TypeCheckProblem[], after: readonly TypeCheckProblem[]): TypeCheckProblem[] {
  const seen = new Map<string, number>();
  const key = (p: TypeCheckProblem) => `${p.file ? basename(p.file) : ''}|${p.message}`;
  for (const p of before) seen.set(key(p), (seen.get(key(p)) ?? 0) + 1);
  const out: TypeCheckProblem[] = [];
  for (const p of after) {
    const n = seen.get(key(p)) ?? 0;
    if (n > 0) seen.set(key(p), n - 1);
    else out.push(p);
  }
  return out;
}

async function vet(pkgDir: string, tool: GoTool | undefined, overlay: string | undefined, timeoutMs: number): Promise<{ code: number; output: string } | undefined> {
  const args = ['vet', ...(overlay ? [`-overlay=${overlay}`] : []), '.'];
  const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), timeoutMs).unref());
  // GOTOOLCHAIN=local: a check must never download a toolchain. The user's GOFLAGS (tags, -mod=vendor) stay,
  // except -mod=mod, which would let the check rewrite go.mod.
  const flags = (tool?.env ?? process.env).GOFLAGS ?? '';
  const run = runGo(args, pkgDir, tool, { GOTOOLCHAIN: 'local', GOFLAGS: flags.replace(/(^|\s)-mod=mod\b/g, '$1-mod=readonly') });
  const r = await Promise.race([run, timer]);
  if (r === 'timeout' || !r) return undefined;
  return { code: r.code, output: `${r.stdout}${r.stderr}` };
}

/**
 * Checks the package in `pkgDir` with `files` (absolute path → full text)
 * replacing or adding files. New and changed files both go through the
 * overlay, so nothing on disk changes.
 */
export async function typeCheckPackage(pkgDir: string, files: ReadonlyMap<string, string>, tool?: GoTool, timeoutMs = 120_000): Promise<TypeCheckResult> {
  const tmp = mkdtempSync(join(tmpdir(), 'goconc-check-'));
  try {
    const replace: Record<string, string> = {};
    const back = new Map<string, string>();
    let i = 0;
    for (const [path, text] of files) {
      // Same base name in a numbered folder: the compiler prints it, and the user recognises it.
      const dir = join(tmp, String(i++));
      const copy = join(dir, basename(path));
      mkdirSync(dir, { recursive: true });
      writeFileSync(copy, text);
      replace[path] = copy;
      back.set(copy, path);
    }
    const overlay = join(tmp, 'overlay.json');
    writeFileSync(overlay, JSON.stringify({ Replace: replace }));
    const mapPath = (abs: string) => back.get(abs) ?? abs;
    const after = await vet(pkgDir, tool, overlay, timeoutMs);
    if (!after) return { status: 'unavailable', reason: 'go vet did not finish (is go installed? see go.goroot / go.alternateTools)' };
    if (after.code === 0) return { status: 'ok' };
    if (missingModule.test(after.output)) return { status: 'unavailable', reason: after.output.split('\n').find((l) => missingModule.test(l))?.trim() ?? 'a module is missing' };
    const problemsAfter = parseGoProblems(after.output, pkgDir, mapPath);
    if (problemsAfter.length === 0) return { status: 'unavailable', reason: after.output.trim().split('\n').slice(0, 3).join(' ') };
    const before = await vet(pkgDir, tool, undefined, timeoutMs);
    const problemsBefore = before && before.code !== 0 ? parseGoProblems(before.output, pkgDir) : [];
    const fresh = newProblems(problemsBefore, problemsAfter);
    return fresh.length === 0 ? { status: 'ok' } : { status: 'errors', problems: fresh };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** One line per problem, paths relative to `root`. */
export function describeProblems(problems: readonly TypeCheckProblem[], root: string): string {
  return problems
    .slice(0, 5)
    .map((p) => `${p.file ? `${relative(root, p.file)}:${p.line ?? 0}${p.column ? `:${p.column}` : ''}: ` : ''}${p.message}`)
    .join('\n');
}
