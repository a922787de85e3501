// The side-effect half of the overlay: asks `go list` which packages the
// patterns name and which test files they have, writes the planned files and
// overlay.json into a temporary folder (never into the workspace), and
// removes them after the run.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planOverlay, type OverlayPlan, type TestPackage } from './testMainOverlay';

export interface PreparedOverlay {
  /** Flags for go test: `-overlay=<file>` (none when nothing needed an overlay). */
  args: string[];
  plan: OverlayPlan;
  packages: TestPackage[];
  cleanup: () => void;
}

// Tab-separated so paths with spaces survive; `join` of the file lists keeps one package per line.
const listFormat = '{{.ImportPath}}\t{{.Dir}}\t{{.Name}}\t{{join .TestGoFiles ","}}\t{{join .XTestGoFiles ","}}';

/** Build flags of `go test` that change which files go list sees. */
function listFlags(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (/^--?(?:tags|mod|modfile)=/.test(a)) out.push(a);
    else if (/^--?(?:tags|mod|modfile)$/.test(a) && args[i + 1] !== undefined) out.push(a, args[++i]!);
  }
  return out;
}

export function parseListOutput(stdout: string): TestPackage[] {
  return stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [importPath = '', dir = '', name = '', tests = '', xtests = ''] = l.split('\t');
      const files = (s: string) => s.split(',').filter((f) => f !== '');
      return { importPath, dir, name, testGoFiles: files(tests), xTestGoFiles: files(xtests) };
    })
    .filter((p) => p.dir !== '' && p.name !== '');
}

/** `go list -find` (no dependency loading: a fraction of a second) over the patterns. */
export function listTestPackages(go: string, cwd: string, env: NodeJS.ProcessEnv, patterns: string[], buildArgs: string[], signal?: AbortSignal): Promise<TestPackage[] | undefined> {
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(go, ['list', '-find', '-e', ...listFlags(buildArgs), '-f', listFormat, ...patterns], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'ignore'],
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    const abort = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', abort, { once: true });
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => {
      signal?.removeEventListener('abort', abort);
      resolve(code === 0 ? parseListOutput(out) : undefined);
    });
  });
}

/** A user's own `-overlay` file is merged into goconc's (theirs wins on the same path). */
function userOverlay(args: string[]): { replace: Record<string, string>; rest: string[] } {
  const rest: string[] = [];
  let replace: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const m = /^--?overlay(?:=(.*))?$/.exec(a);
    if (!m) {
      rest.push(a);
      continue;
    }
    const file = m[1] ?? args[++i];
    try {
      replace = (JSON.parse(readFileSync(file ?? '', 'utf8')) as { Replace?: Record<string, string> }).Replace ?? {};
    } catch {
      rest.push(a); // unreadable: let go report it in its own words
    }
  }
  return { replace, rest };
}

export function writeOverlay(plan: OverlayPlan, extraArgs: string[]): { args: string[]; rest: string[]; cleanup: () => void } {
  const user = userOverlay(extraArgs);
  if (plan.files.size === 0) return { args: [], rest: extraArgs, cleanup: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'goconc-overlay-'));
  const replace: Record<string, string> = {};
  let n = 0;
  for (const [target, content] of plan.files) {
    const file = join(dir, `${n++}.go`);
    writeFileSync(file, content);
    replace[target] = file;
  }
  Object.assign(replace, user.replace);
  const overlay = join(dir, 'overlay.json');
  writeFileSync(overlay, JSON.stringify({ Replace: replace }));
  return { args: [`-overlay=${overlay}`], rest: user.rest, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const readOrUndefined = (p: string) => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};

export async function prepareOverlay(go: string, cwd: string, env: NodeJS.ProcessEnv, patterns: string[], extraArgs: string[], signal?: AbortSignal): Promise<PreparedOverlay & { rest: string[] }> {
  const packages = (await listTestPackages(go, cwd, env, patterns, extraArgs, signal)) ?? [];
  const plan = planOverlay(packages, readOrUndefined);
  const written = writeOverlay(plan, extraArgs);
  return { args: written.args, rest: written.rest, plan, packages, cleanup: written.cleanup };
}
