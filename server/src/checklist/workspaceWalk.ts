// The non-Go files the checklist reads beyond CI: deployment manifests
// (YAML) and go.mod files. Skips what never describes the user's own
// deployment: dependencies, build output, hidden folders and test fixtures.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const skipped = new Set(['node_modules', 'vendor', 'testdata', 'fixtures', 'dist', 'out', 'build', 'third_party']);

export interface WalkResult {
  yamlFiles: string[];
  goMods: string[];
}

export function walkWorkspace(root: string, maxDepth = 8, maxFiles = 5000): WalkResult {
  const out: WalkResult = { yamlFiles: [], goMods: [] };
  let seen = 0;
  const visit = (dir: string, depth: number) => {
    if (depth > maxDepth || seen > maxFiles) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      seen++;
      const full = join(dir, e.name);
      if (e.isDirectory()) {
        if (!e.name.startsWith('.') && !skipped.has(e.name)) visit(full, depth + 1);
      } else if (e.isFile()) {
        if (/\.ya?ml$/.test(e.name)) out.yamlFiles.push(full);
        else if (e.name === 'go.mod') out.goMods.push(full);
      }
    }
  };
  visit(root, 0);
  return out;
}
