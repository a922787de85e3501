// Re-analysis after an edit touches only the edited file, plus the files of
// functions whose facts depend on what changed (callers, same lock classes).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AnalysisSession } from '../../server/src/session/analysisSession';

const files: Record<string, string> = {
  'go.mod': 'module example.com/inc\n\ngo 1.22\n',
  // flush() is called by Save() in save.go; audit.go is unrelated to both.
  'flush.go': `package inc

import "sync"

type Journal struct {
	mu    sync.Mutex
	lines []string
}

func (j *Journal) flush() {
	j.lines = nil
}
`,
  'save.go': `package inc

func (j *Journal) Save(line string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.lines = append(j.lines, line)
	j.flush()
}
`,
  'audit.go': `package inc

type Audit struct{ n int }

func (a *Audit) Count() int {
	return a.n + 1
}
`,
};

async function session() {
  const dir = mkdtempSync(join(tmpdir(), 'goconc-inc-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const s = new AnalysisSession();
  await s.init();
  const paths = await s.indexFolders([dir]);
  for (const p of paths) s.analyse(p);
  return { s, dir, p: (name: string) => join(dir, name) };
}

function reanalyse(s: AnalysisSession, paths: string[]): Map<string, number> {
  const before = new Map(s.analysedCount);
  for (const p of paths) s.analyse(p);
  return new Map([...s.analysedCount].map(([k, v]) => [k, v - (before.get(k) ?? 0)]).filter(([, d]) => (d as number) > 0) as [string, number][]);
}

describe('incremental re-analysis with function summaries', () => {
  it('an edit that leaves every summary unchanged re-analyses only the edited file', async () => {
    const { s, p } = await session();
    const path = p('flush.go');
    s.openDocument(path, readFileSync(path, 'utf8'), 1);
    // A comment and a blank line above flush(): positions move, meaning does not.
    const text = readFileSync(path, 'utf8').replace('func (j *Journal) flush', '// flush empties the journal.\n\nfunc (j *Journal) flush');
    const affected = s.changeDocument(path, [{ text }], 2);
    assert.deepEqual(affected, [path]);
    assert.deepEqual([...reanalyse(s, affected).keys()], [path]);
  });

  it('a summary change re-analyses the callers, not the rest of the package', async () => {
    const { s, p } = await session();
    const path = p('flush.go');
    s.openDocument(path, readFileSync(path, 'utf8'), 1);
    // flush() now takes j.mu: Save() in save.go, which holds it, must be re-checked.
    const text = readFileSync(path, 'utf8').replace('\tj.lines = nil\n', '\tj.mu.Lock()\n\tj.lines = nil\n\tj.mu.Unlock()\n');
    const affected = s.changeDocument(path, [{ text }], 2);
    assert.deepEqual([...affected].sort(), [path, p('save.go')].sort());
    const touched = reanalyse(s, affected);
    assert.ok(!touched.has(p('audit.go')), 'audit.go has no function depending on flush()');
    assert.deepEqual([...touched.keys()].sort(), [path, p('save.go')].sort());
  });

  it('a change to a package-level declaration still re-analyses the whole package', async () => {
    const { s, p } = await session();
    const path = p('audit.go');
    s.openDocument(path, readFileSync(path, 'utf8'), 1);
    const text = readFileSync(path, 'utf8').replace('type Audit struct{ n int }', 'type Audit struct{ n, m int }');
    const affected = s.changeDocument(path, [{ text }], 2);
    assert.deepEqual([...affected].sort(), [p('audit.go'), p('flush.go'), p('save.go')].sort());
  });
});
