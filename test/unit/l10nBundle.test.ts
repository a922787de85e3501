// One UI language at a time: every string the extension shows through
// l10n.t has a Korean translation, so the Korean UI never falls back to
// English mid-sentence (and the English UI has no Korean in its sources).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('l10n bundle', () => {
  it('translates every l10n.t string of the client into Korean', () => {
    const bundle = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.ko.json'), 'utf8')) as Record<string, string>;
    const missing: string[] = [];
    for (const file of sources(join(root, 'client', 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/l10n\.t\((['"])((?:\\.|(?!\1).)*)\1/g)) {
        const key = m[2]!.replace(/\\(['"\\])/g, '$1');
        if (!bundle[key]) missing.push(`${file.slice(root.length + 1)}: ${key}`);
      }
    }
    assert.deepEqual(missing, []);
  });
});
