// Reads the nearest go.mod: the module path and the `go` directive decide
// version-dependent rules (loop variables from 1.22, timers from 1.23).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { GoModInfo } from './types';

export function parseGoMod(path: string, text: string): GoModInfo {
  const info: GoModInfo = { path, requires: [], indirect: [] };
  let inRequire = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (!line) continue;
    if (inRequire) {
      if (line === ')') inRequire = false;
      else {
        const mod = line.split(/\s+/)[0] ?? line;
        info.requires.push(mod);
        // Only pulled in by a dependency: the module's own code does not import it.
        if (/\/\/\s*indirect\b/.test(raw)) info.indirect!.push(mod);
      }
      continue;
    }
    const [word, ...rest] = line.split(/\s+/);
    if (word === 'module') info.module = rest[0]?.replace(/"/g, '');
    else if (word === 'go') info.goVersion = rest[0];
    else if (word === 'require') {
      if (rest[0] === '(') inRequire = true;
      else if (rest[0]) {
        info.requires.push(rest[0]);
        if (/\/\/\s*indirect\b/.test(raw)) info.indirect!.push(rest[0]);
      }
    }
  }
  return info;
}

/** Finds the go.mod governing `dir`, caching by directory. */
export class GoModLocator {
  private readonly byDir = new Map<string, GoModInfo | undefined>();

  find(dir: string): GoModInfo | undefined {
    if (this.byDir.has(dir)) return this.byDir.get(dir);
    let found: GoModInfo | undefined;
    const candidate = join(dir, 'go.mod');
    if (existsSync(candidate)) {
      try {
        found = parseGoMod(candidate, readFileSync(candidate, 'utf8'));
      } catch {
        found = undefined;
      }
    } else {
      const parent = dirname(dir);
      found = parent !== dir ? this.find(parent) : undefined;
    }
    this.byDir.set(dir, found);
    return found;
  }

  invalidate(): void {
    this.byDir.clear();
  }
}

/** Compares Go versions like "1.21" and "1.22.3": negative when a < b. */
export function compareGoVersions(a: string, b: string): number {
  const pa = a.replace(/^go/, '').split('.').map((x) => parseInt(x, 10) || 0);
  const pb = b.replace(/^go/, '').split('.').map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
