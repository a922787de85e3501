// The folder holding the go.mod above `dir` (the module the CLI's go commands run in).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function moduleRoot(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'go.mod'))) return d;
    if (dirname(d) === d) return undefined;
  }
}
