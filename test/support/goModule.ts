// Temporary Go modules built with the real toolchain. One GOPATH (module
// cache) per test run keeps fetched modules (GORM, pgx, go-redis, x/sync)
// across modules and across test files: node --test runs each file in its own
// process, all children of the same runner, so the runner's pid names the run.
// Go locks its module cache, so parallel files share it safely. Set
// GOCONC_TEST_GOPATH to reuse one cache between runs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

let gopath: string | undefined;

export function goEnv(): NodeJS.ProcessEnv {
  if (!gopath) {
    gopath = process.env.GOCONC_TEST_GOPATH ?? join(tmpdir(), `goconc-gopath-run-${process.ppid}`);
    mkdirSync(gopath, { recursive: true });
  }
  return { ...process.env, GOPATH: gopath, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', GOWORK: 'off' };
}

export interface GoRun {
  status: number | null;
  output: string;
}

export function go(args: string[], cwd: string, timeoutMs = 240_000): GoRun {
  const r = spawnSync('go', args, { cwd, env: goEnv(), encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`cannot run go ${args.join(' ')} (${r.error.message}); install Go from https://go.dev/dl/`);
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** Creates a module in a fresh temp folder and writes the given files (relative paths). */
export function tempModule(modulePath: string, goVersion: string, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'goconc-mod-'));
  writeFileSync(join(dir, 'go.mod'), `module ${modulePath}\n\ngo ${goVersion}\n`);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}
