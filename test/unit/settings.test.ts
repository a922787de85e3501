// A severity the user sets for a rule applies to all its findings, including
// shapes the rule grades differently by default (unbounded-goroutines runs in
// the Go engine: its per-finding severities and the settings over them).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeWithEngine } from '../../server/src/goEngine/analyzeWithEngine';

const examples = join(__dirname, '..', '..', 'examples');

describe('rule severity settings', () => {
  it('defaults grade unbounded-goroutines by shape', async () => {
    const { findings } = await analyzeWithEngine([examples], { cwd: examples });
    const severities = new Set(findings.filter((f) => f.rule === 'unbounded-goroutines').map((f) => f.severity));
    assert.ok(severities.size > 1, `expected shape-dependent severities, got ${[...severities].join(',')}`);
  });

  it('a setting equal to the default (as editors send it) keeps the graded severities', async () => {
    const { findings } = await analyzeWithEngine([examples], { cwd: examples, settings: { 'unbounded-goroutines': 'warning' } });
    const severities = new Set(findings.filter((f) => f.rule === 'unbounded-goroutines').map((f) => f.severity));
    assert.ok(severities.size > 1);
  });

  it('a user setting overrides every shape', async () => {
    const { findings } = await analyzeWithEngine([examples], { cwd: examples, settings: { 'unbounded-goroutines': 'error' } });
    const own = findings.filter((f) => f.rule === 'unbounded-goroutines');
    assert.ok(own.length >= 2);
    assert.deepEqual(new Set(own.map((f) => f.severity)), new Set(['error']));
  });
});
