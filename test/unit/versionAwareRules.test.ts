// Rules whose severity depends on the module's `go` directive or on the
// shape of the finding: the fixtures pin which lines report; these tests pin
// the severity and the gating.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeWithEngine } from '../../server/src/goEngine/analyzeWithEngine';

const fixtures = join(__dirname, '..', 'fixtures');

describe('version-aware rules', () => {
  it('time-after-in-loop (Go engine) is a warning below Go 1.23 and a hint from 1.23', async () => {
    const root = join(fixtures, 'time-after-in-loop');
    const { findings } = await analyzeWithEngine([root], { cwd: root });
    const own = findings.filter((f) => f.rule === 'time-after-in-loop');
    const old = own.filter((f) => !f.file.includes('go123'));
    const modern = own.filter((f) => f.file.includes('go123'));
    assert.equal(old.length, 1);
    assert.equal(modern.length, 1);
    assert.equal(old[0]!.severity, 'warning');
    assert.equal(modern[0]!.severity, 'hint');
  });

  it('loop-variable-capture (Go engine) reports in a go 1.21 module and not in a go 1.22 one', async () => {
    const root = join(fixtures, 'loop-variable-capture');
    const { findings } = await analyzeWithEngine([root], { cwd: root });
    const own = findings.filter((f) => f.rule === 'loop-variable-capture');
    assert.equal(own.filter((f) => f.file.includes('modern')).length, 0);
    assert.equal(own.filter((f) => f.file.endsWith('bad.go')).length, 2);
  });

  it('lazy-init-race (Go engine) suggests sync.OnceValue only from Go 1.21', async () => {
    const root = join(fixtures, 'lazy-init-race');
    const { findings } = await analyzeWithEngine([root], { cwd: root });
    const own = findings.filter((f) => f.rule === 'lazy-init-race');
    assert.ok(own.length > 0);
    for (const f of own) assert.match(f.message, /sync\.OnceValue \/ sync\.Once/);
  });

  it('ctx-not-propagated (Go engine): TODO() is a warning, Background() only information', async () => {
    const root = join(fixtures, 'ctx-not-propagated');
    const { findings } = await analyzeWithEngine([root], { cwd: root });
    const own = findings.filter((f) => f.rule === 'ctx-not-propagated');
    assert.deepEqual(
      own.map((f) => [/TODO/.test(f.message) ? 'TODO' : 'Background', f.severity]).sort(),
      [['Background', 'information'], ['TODO', 'warning']],
    );
  });

  it('unbounded-goroutines (Go engine): a channel stream or a request batch is a warning, another slice fan-out only information', async () => {
    const root = join(fixtures, 'unbounded-goroutines');
    const { findings } = await analyzeWithEngine([root], { cwd: root });
    const own = findings.filter((f) => f.rule === 'unbounded-goroutines');
    assert.ok(own.length >= 2);
    for (const f of own) assert.equal(f.severity, /received from|`batch`/.test(f.message) ? 'warning' : 'information');
    assert.ok(own.some((f) => f.severity === 'information'));
  });
});
