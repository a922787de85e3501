// Rule links point at pages that exist: the bundled docs (no repository URL
// that does not exist), in the UI language when the page is translated.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { raceDocsUri, ruleDocsUri } from '../../server/src/output/docsLinks';
import { allRuleMetas } from '../../server/src/rules/registry';

describe('docs links', () => {
  it('every rule links its bundled page, Korean for the Korean UI', () => {
    for (const meta of allRuleMetas()) {
      const en = ruleDocsUri(meta.id, 'en');
      const ko = ruleDocsUri(meta.id, 'ko');
      assert.ok(en.startsWith('file:') && existsSync(fileURLToPath(en)), en);
      assert.match(en, new RegExp(`/docs/rules/${meta.id}\\.md$`));
      assert.match(ko, new RegExp(`/docs/rules/ko/${meta.id}\\.md$`));
      assert.ok(existsSync(fileURLToPath(ko)), ko);
    }
  });

  it('race reports link a section of the bundled race page', () => {
    const uri = raceDocsUri('data-race', 'ko');
    assert.match(uri, /\/docs\/ko\/race\.md#data-race$/);
    assert.ok(existsSync(fileURLToPath(uri.replace(/#.*$/, ''))));
  });
});
