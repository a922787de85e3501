// Downloads pinned public modules through the Go module proxy (`go mod download -json`):
// the sources land in a Go module cache, never in the repository. Shared by the
// precision corpus (run.mjs) and the benchmarks (test/bench/).
import { spawnSync } from 'node:child_process';

/**
 * Source folder of module@version in the module cache, downloading it through the proxy when needed.
 * `env` overrides the environment (e.g. GOMODCACHE for a cache outside the default one).
 * Throws with a one-line message when the go command fails.
 */
export function downloadModule(m, env = process.env) {
  const r = spawnSync('go', ['mod', 'download', '-json', `${m.module}@${m.version}`], { encoding: 'utf8', maxBuffer: 1 << 24, env });
  let info;
  try {
    info = JSON.parse(r.stdout);
  } catch {
    throw new Error(`go mod download ${m.module}@${m.version} failed: ${(r.stderr || r.error?.message || '').trim()}`);
  }
  if (info.Error || !info.Dir) throw new Error(`go mod download ${m.module}@${m.version}: ${info.Error ?? 'no Dir'}`);
  return info.Dir;
}
