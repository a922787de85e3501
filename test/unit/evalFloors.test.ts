// The evaluation sets of real concurrency bugs (test/eval, docs/evaluation.md):
// recall on the blocking, non-blocking, database and service sets must not drop below
// the floors recorded in test/eval/floors.json, the fixed versions must stay clean and
// the database and service sets' correct programs must not get more findings than recorded.
// One `goconc check` over every program (through the bundled CLI), as a user runs it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = join(__dirname, '..', '..');

describe('evaluation sets (test/eval)', () => {
  it('keeps recall at or above the recorded floors, with no new findings on the fixed versions', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'test', 'eval', 'run.ts'), '--check'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, LANG: 'C' },
    });
    assert.equal(r.status, 0, `${r.stderr}\n${r.stdout}`);
    assert.match(r.stdout, /recall blocking: \d+\/\d+/);
    assert.match(r.stdout, /recall nonblocking: \d+\/\d+/);
    assert.match(r.stdout, /recall database: \d+\/\d+/);
    assert.match(r.stdout, /recall service: \d+\/\d+/);
    assert.match(r.stdout, /correct programs: \d+, with a finding \(false positive\): \d+/);
  });
});
