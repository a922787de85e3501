// The seed's two GORM examples under every rule (not only the rule whose
// fixture holds them): the pessimistic one (SELECT … FOR UPDATE in a
// transaction) must be silent, and the optimistic one must get exactly the
// finding its real pitfall deserves — Save falling back to an upsert when the
// versioned UPDATE matches no row.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeWithEngine } from '../../server/src/goEngine/analyzeWithEngine';
import { allRuleMetas } from '../../server/src/rules/registry';

const fixtures = join(__dirname, '..', 'fixtures');
const everyRule = Object.fromEntries(allRuleMetas().map((m) => [m.id, 'hint' as const]));

// The TypeScript rules and the Go engine's (gorm-lock-outside-tx runs there), as `goconc check` runs them.
async function findingsIn(dir: string, file: string): Promise<string[]> {
  const { findings, engineErrors } = await analyzeWithEngine([dir], { cwd: dir, settings: everyRule });
  assert.deepEqual(engineErrors, []);
  return findings.filter((f) => f.file === join(dir, file)).map((f) => `${f.range.startLine + 1}: ${f.rule}`);
}

describe("the seed's database examples under every rule", () => {
  it('optimistic locking (version column + BeforeUpdate): one finding, on tx.Save', async () => {
    assert.deepEqual(await findingsIn(join(fixtures, 'gorm-version-unchecked'), 'seed.go'), ['37: gorm-version-unchecked']);
  });

  it('pessimistic locking (clause.Locking in db.Transaction): silent', async () => {
    // good.go of these fixtures starts with the seed's DecreaseStockWithLock, verbatim.
    for (const rule of ['gorm-lost-update', 'gorm-lock-outside-tx']) {
      assert.deepEqual(await findingsIn(join(fixtures, rule), 'good.go'), [], rule);
    }
  });
});
