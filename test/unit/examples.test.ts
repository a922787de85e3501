// The bundled examples/ workspace: its buggy files produce the findings the
// README shows, and its clean files produce none.
import assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeWorkspace } from '../../server/src/engine/analyzeWorkspace';

const examples = join(__dirname, '..', '..', 'examples');

describe('examples/', () => {
  it('reports the planted bugs and nothing in the clean files', async () => {
    const { findings } = await analyzeWorkspace([examples]);
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
