// The lock rules moved from TypeScript to the Go engine. Their replacement
// must pass the fixtures the TypeScript versions passed: every `// want` line
// of the old fixture modules gets a finding of the same rule from the engine
// (through the whole pipeline, as `goconc check` runs it), and no other line
// gets one. The engine's own analysistest fixtures (engine/rules/*/testdata)
// check the messages; this checks the lines and rules users already relied on.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import { collectGoFiles } from '../../server/src/engine/analyzeWorkspace';
import { analyzeWithEngine } from '../../server/src/goEngine/analyzeWithEngine';
import { goRuleMetas, isGoRule } from '../../server/src/rules/goRules';
import { wantsOf } from '../support/wantComments';

const fixtures = join(__dirname, '..', 'fixtures');
// The TypeScript fixtures of the rules now in the engine (unlock-not-deferred lived in lock-without-unlock's).
const moved = ['double-lock', 'lock-without-unlock', 'lock-order-inversion', 'lock-copied', 'channel-op-under-lock', 'goroutine-leak-blocked-send', 'range-over-unclosed-channel', 'close-misuse', 'select-without-cancel', 'ctx-not-propagated', 'test-goroutine-after-return', 'lazy-init-race', 'time-after-in-loop', 'cond-wait-without-loop', 'redis-lock-no-expiry', 'redis-lock-unsafe-release', 'loop-variable-capture', 'waitgroup-misuse', 'cancel-not-called', 'cond-signal-missing', 'gorm-tx-outer-handle', 'gorm-lock-outside-tx', 'sql-tx-leak', 'concurrent-map-write', 'unsynchronized-shared-write', 'unbounded-goroutines', 'gorm-lock-on-sqlite', 'gorm-version-unchecked', 'advisory-lock-pooled-conn', 'lock-ttl-shorter-than-work', 'gorm-lost-update'];

describe('the Go engine passes the moved rules\' old fixtures', () => {
  for (const dir of moved) {
    it(dir, async () => {
      const root = join(fixtures, dir);
      const want = new Set<string>();
      const wanted = new Set([dir]);
      for (const file of collectGoFiles([root])) {
        for (const w of wantsOf(readFileSync(file, 'utf8'))) {
          for (const p of w.patterns) {
            // Old patterns read "<rule-id>: message" or, in a rule's own module, just the message.
            const rule = /^([a-z-]+):/.exec(p.source)?.[1] ?? (/unlock-not-deferred|early exits/.test(p.source) ? 'unlock-not-deferred' : dir);
            if (isGoRule(rule)) {
              want.add(`${basename(file)}:${w.line + 1} ${rule}`);
              wanted.add(rule);
            }
          }
        }
      }
      // As the old fixture test ran them: the rules the fixture expects, each at least at hint, the others off.
      const settings = Object.fromEntries(goRuleMetas.map((m) => [m.id, wanted.has(m.id) ? ('hint' as const) : ('off' as const)]));
      const { findings, engineErrors, notAnalysed } = await analyzeWithEngine([root], { cwd: root, settings });
      assert.deepEqual(engineErrors, []);
      assert.deepEqual(notAnalysed, []);
      const got = new Set(findings.filter((f) => isGoRule(f.rule)).map((f) => `${basename(f.file)}:${f.range.startLine + 1} ${f.rule}`));
      assert.deepEqual([...got].sort(), [...want].sort());
    });
  }
});
