// Runs the go tool with an argument array (never a shell) and collects its output.
import { execFile } from 'node:child_process';

export interface GoRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Which go binary with which environment (the editor passes the Go extension's go.goroot/alternateTools). */
export interface GoTool {
  binary: string;
  env: NodeJS.ProcessEnv;
}

/** `undefined` when the go binary is not there. */
export function runGo(args: string[], cwd: string, tool?: GoTool, extraEnv: NodeJS.ProcessEnv = {}): Promise<GoRun | undefined> {
  const env = { ...(tool?.env ?? process.env), ...extraEnv };
  return new Promise((resolve) => {
    execFile(tool?.binary ?? 'go', args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { code?: string | number }) | null;
      if (e && e.code === 'ENOENT') return resolve(undefined);
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, stdout, stderr });
    });
  });
}

/** `go list -json` and `go mod edit -json` print objects one after another; this splits them. */
export function parseJsonStream<T>(text: string): T[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  // Nested lines are indented, so a top-level boundary is "}" then "{" at column 0.
  return JSON.parse(`[${trimmed.replace(/^\}\n\{/gm, '},{')}]`) as T[];
}
