// Finds the Go files of a workspace. Skips directories that never hold the
// user's own code, follows no symlinked directories (no loops), and keeps
// going when a directory disappears or cannot be read.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sizeProblem } from './goSource';

const skippedDirs = new Set(['vendor', '.git', 'node_modules', 'testdata', '.hg', '.svn', 'dist', '.cache']);

export interface FindOptions {
  onSkip?: (path: string, reason: string) => void;
}

export function findGoFiles(root: string, options: FindOptions = {}): string[] {
  const out: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      options.onSkip?.(dir, `folder not readable (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      continue;
    }
    for (const e of entries) {
      const full = join(dir, e.name);
      if (e.isDirectory()) {
        if (!skippedDirs.has(e.name) && !e.name.startsWith('.') && !e.name.startsWith('_')) stack.push(full);
      } else if (e.isFile() && e.name.endsWith('.go')) {
        try {
          const tooLarge = sizeProblem(statSync(full).size);
          if (tooLarge) {
            options.onSkip?.(full, tooLarge);
            continue;
          }
        } catch {
          continue;
        }
        out.push(full);
      }
    }
  }
  return out.sort();
}
