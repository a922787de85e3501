// Writes a small source tree (relative path → text) into a fresh temp folder,
// for tests that index Go source without compiling it.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function writeSourceTree(prefix: string, files: Record<string, string>): { dir: string; paths: string[] } {
  const dir = mkdtempSync(join(tmpdir(), `goconc-${prefix}-`));
  const paths: string[] = [];
  for (const [rel, text] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(join(p, '..'), { recursive: true });
    writeFileSync(p, text);
    if (p.endsWith('.go')) paths.push(p);
  }
  return { dir, paths };
}
