// Every rule is wired everywhere a user meets it: a setting in the manifest,
// its description in both languages, and docs pages in both languages.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allRuleMetas } from '../../server/src/rules/registry';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { default: string; markdownDescription: string }> } };
};
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
const nlsKo = JSON.parse(readFileSync(join(root, 'package.nls.ko.json'), 'utf8')) as Record<string, string>;

describe('rule wiring', () => {
  for (const meta of allRuleMetas()) {
    it(`${meta.id} has a setting, descriptions and docs in en and ko`, () => {
      const prop = pkg.contributes.configuration.properties[`goconc.rules.${meta.id}`];
      assert.ok(prop, 'missing setting');
      assert.equal(prop.default, meta.defaultSeverity);
      const key = prop.markdownDescription.replace(/^%|%$/g, '');
      assert.ok(nls[key] && nlsKo[key], 'missing nls description');
      for (const doc of [join(root, 'docs', 'rules', `${meta.id}.md`), join(root, 'docs', 'rules', 'ko', `${meta.id}.md`)]) {
        assert.ok(existsSync(doc), `missing ${doc}`);
        const text = readFileSync(doc, 'utf8');
        for (const section of [/```go/, /Precision|정밀도/]) assert.match(text, section, `${doc} lacks ${section}`);
      }
      for (const [k, t] of Object.entries(meta.messages)) assert.ok(t.en && t.ko, `message ${k} lacks a language`);
    });
  }

  it('manifest and Korean manifest strings have the same keys', () => {
    assert.deepEqual(Object.keys(nls).sort(), Object.keys(nlsKo).sort());
  });
});
