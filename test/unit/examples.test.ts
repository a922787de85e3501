// The bundled examples/ workspace: its buggy files produce the findings the
// README shows, and its clean files produce none; goconc's runtime produces none.
import assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeWithEngine } from '../../server/src/goEngine/analyzeWithEngine';
import { allRuleMetas } from '../../server/src/rules/registry';

const examples = join(__dirname, '..', '..', 'examples');

describe('examples/', () => {
  it('reports the planted bugs and nothing in the clean files', async () => {
    // The whole pipeline: this server's rules and the Go engine's (lock-without-unlock).
    const { findings, engineErrors } = await analyzeWithEngine([examples], { cwd: examples });
    assert.deepEqual(engineErrors, []);
    const got = findings.map((f) => `${relative(examples, f.file)}:${f.range.startLine + 1} ${f.rule}`).sort();
    assert.deepEqual(got, [
      'internal/inventory/inventory.go:24 lock-without-unlock',
      'internal/inventory/inventory.go:38 unbounded-goroutines',
      'internal/inventory/inventory.go:40 concurrent-map-write',
      'internal/orders/orders.go:31 unbounded-goroutines',
      'internal/orders/orders.go:34 unsynchronized-shared-write',
      'internal/stock/stock.go:53 gorm-lost-update',
      'internal/stock/stock.go:78 gorm-tx-outer-handle',
      'internal/stock/stock.go:87 redis-lock-no-expiry',
    ]);
  });
});

// goconc's own runtime (mutex helpers, pools, Redis and PostgreSQL distributed locks, GORM locking) is the
// correct pattern the rules recommend: every rule, at hint, must stay silent on it.
describe('runtime/', () => {
  it('gets no finding from any rule', async () => {
    const runtime = join(__dirname, '..', '..', 'runtime');
    const settings = Object.fromEntries(allRuleMetas().map((m) => [m.id, 'hint' as const]));
    const { files, findings, engineErrors } = await analyzeWithEngine([runtime], { cwd: runtime, settings });
    assert.deepEqual(engineErrors, []);
    assert.ok(files.some((f) => f.endsWith('redisdlock.go')) && files.some((f) => f.endsWith('pgdlock.go')));
    assert.deepEqual(findings.map((f) => `${relative(runtime, f.file)}:${f.range.startLine + 1} ${f.rule}: ${f.message}`), []);
  });
});
