// Runs every rule over its fixture module under test/fixtures/<rule-id>/,
// as Go's analysistest does: each `// want "re"` must be matched by a
// finding on its line (matched against "<rule-id>: <message>"), and no other
// finding may appear. Quick fixes are applied and compared with .golden files.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeWorkspace, collectGoFiles } from '../../server/src/engine/analyzeWorkspace';
import type { Finding } from '../../server/src/engine/finding';
import type { RuleSettings } from '../../server/src/engine/settings';
import { allRuleMetas, rules } from '../../server/src/rules/registry';
import { applyEdits } from '../support/applyEdits';
import { wantsOf } from '../support/wantComments';

const fixturesRoot = join(__dirname, '..', 'fixtures');
const filter = process.env.GOCONC_RULE;

/** Only the rule under test (and its variants) runs, all at least at hint. */
function settingsFor(ruleId: string): RuleSettings {
  const rule = rules.find((r) => r.meta.id === ruleId);
  const own = new Set(rule ? [rule.meta.id, ...(rule.variants ?? []).map((v) => v.id)] : []);
  return Object.fromEntries(allRuleMetas().map((m) => [m.id, own.has(m.id) ? undefined : 'off']));
}

for (const rule of rules) {
  const id = rule.meta.id;
  if (filter && filter !== id) continue;
  describe(`fixtures/${id}`, () => {
    const dir = join(fixturesRoot, id);
    it('has a fixture module with positive and negative cases', () => {
      assert.ok(existsSync(join(dir, 'go.mod')), `missing ${dir}/go.mod`);
      const texts = collectGoFiles([dir]).map((f) => readFileSync(f, 'utf8'));
      assert.ok(texts.some((t) => /\/\/\s*want /.test(t)), 'no positive case (// want)');
      assert.ok(texts.some((t) => /^\/\/ Negative|^\/\/ OK:|\bnegative\b/im.test(t)), 'no negative case marked "// OK:" or "Negative"');
    });

    it('reports exactly the // want lines', async () => {
      const result = await analyzeWorkspace([dir], { settings: settingsFor(id) });
      assert.deepEqual(result.failures, []);
      const problems: string[] = [];
      for (const file of result.files) {
        const text = readFileSync(file, 'utf8');
        const got = result.findings.filter((f) => f.file === file);
        const wants = wantsOf(text);
        for (const w of wants) {
          for (const re of w.patterns) {
            const i = got.findIndex((f) => f.range.startLine === w.line && re.test(`${f.rule}: ${f.message}`));
            if (i < 0) problems.push(`${file}:${w.line + 1}: no finding matching ${re}`);
            else got.splice(i, 1);
          }
        }
        for (const f of got) problems.push(`${file}:${f.range.startLine + 1}: unexpected ${f.rule}: ${f.message}`);
      }
      assert.deepEqual(problems, []);
    });

    it('quick fixes match the .golden files', async () => {
      const result = await analyzeWorkspace([dir], { settings: settingsFor(id) });
      const byFile = new Map<string, Finding[]>();
      for (const f of result.findings) if (f.fixes.length > 0) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
      const goldens = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.go.golden'));
      if (rule.meta.fixable) assert.ok(goldens.length > 0, `${id} is fixable but has no .golden file`);
      for (const g of goldens) {
        const goFile = join(dir, g.replace(/\.golden$/, ''));
        const fixes = byFile.get(goFile) ?? [];
        assert.ok(fixes.length > 0, `${g} exists but no fix was offered in ${goFile}`);
        const fixed = applyEdits(readFileSync(goFile, 'utf8'), fixes.flatMap((f) => f.fixes[0]!.edits));
        assert.equal(fixed, readFileSync(join(dir, g), 'utf8'), `fix result differs from ${g}`);
      }
      for (const file of byFile.keys()) {
        assert.ok(existsSync(`${file}.golden`), `fixes offered in ${file} but no ${file}.golden`);
      }
    });
  });
}
