// The .vsix that `npm run package` builds: only what runs is inside, and the manifest carries
// what the Marketplace and VS Code show (icon, categories, license, walkthrough in en and ko).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import JSZip from 'jszip';
import { allRuleMetas } from '../../server/src/rules/registry';
import { buildVsix } from './harness';

interface Manifest {
  name: string;
  version: string;
  icon: string;
  license: string;
  repository: { url: string };
  categories: string[];
  keywords: string[];
  capabilities: { untrustedWorkspaces: { supported: string | boolean } };
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    configuration: { properties: Record<string, { markdownDescription?: string }> };
    walkthroughs: { id: string; steps: { id: string; media: { markdown?: string } }[] }[];
  };
}

describe('goconc-<version>.vsix', { timeout: 180_000 }, async () => {
  const zip = await JSZip.loadAsync(readFileSync(buildVsix()));
  const files = Object.keys(zip.files).filter((f) => !zip.files[f]!.dir);
  const text = async (path: string) => {
    const f = zip.file(path);
    assert.ok(f, `${path} is not in the package`);
    return f.async('string');
  };
  const manifest = JSON.parse(await text('extension/package.json')) as Manifest;
  const nls = JSON.parse(await text('extension/package.nls.json')) as Record<string, string>;
  const nlsKo = JSON.parse(await text('extension/package.nls.ko.json')) as Record<string, string>;

  it('contains the bundles, wasm, media, docs, l10n, runtime and engine sources', () => {
    const required = [
      'extension/dist/client.js',
      'extension/dist/server.js',
      'extension/dist/cli.js',
      'extension/dist/indexWorker.js',
      'extension/dist/tree-sitter-go.wasm',
      'extension/dist/web-tree-sitter.wasm',
      `extension/${manifest.icon}`,
      'extension/l10n/bundle.l10n.ko.json',
      'extension/runtime/go.mod',
      // The Go engine's source with its vendored dependencies: built with the user's Go, offline.
      'extension/engine/go.mod',
      'extension/engine/vendor/modules.txt',
      'extension/engine/cmd/goconc-engine/main.go',
      'extension/engine/vendor/golang.org/x/tools/go/ssa/ssa.go',
      'extension/readme.md',
      'extension/changelog.md',
      'extension/LICENSE.txt',
      ...allRuleMetas().flatMap((m) => [`extension/docs/rules/${m.id}.md`, `extension/docs/rules/ko/${m.id}.md`]),
    ];
    // vsce stores README.md and CHANGELOG.md in lower case.
    for (const f of required) assert.ok(files.includes(f), `missing ${f}`);
    assert.ok(files.some((f) => /^extension\/runtime\/.+\.go$/.test(f)), 'no runtime Go sources');
  });

  it('contains nothing that does not run', () => {
    const unwanted = files.filter(
      (f) =>
        /^extension\/(client|server|test|examples|scripts|node_modules|out|\.cache|test-output|\.ci|media\/source)\//.test(f) ||
        /\.(ts|map|vsix)$/.test(f) ||
        /(^|\/)(tsconfig\.json|esbuild\.mjs|\.gitignore|\.vscodeignore)$/.test(f),
    );
    assert.deepEqual(unwanted, []);
  });

  it('has a complete manifest', async () => {
    assert.match(manifest.icon, /\.png$/);
    const icon = await zip.file(`extension/${manifest.icon}`)!.async('uint8array');
    assert.deepEqual([...icon.subarray(1, 4)], [0x50, 0x4e, 0x47], 'icon is a PNG');
    assert.equal(manifest.license, 'MIT');
    assert.match(await text('extension/LICENSE.txt'), /^MIT License/);
    assert.match(manifest.repository.url, /^https:\/\//);
    assert.ok(manifest.categories.includes('Linters'));
    assert.ok(manifest.keywords.length >= 3);
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    for (const c of manifest.contributes.commands) assert.equal(c.category, 'goconc', `${c.command} has no category`);
    for (const [key, p] of Object.entries(manifest.contributes.configuration.properties)) {
      assert.ok(p.markdownDescription, `${key} has no markdownDescription`);
    }
  });

  it('has a walkthrough whose pages exist in English and Korean', async () => {
    const w = manifest.contributes.walkthroughs.find((x) => x.id === 'goconc.getStarted');
    assert.ok(w, 'no goconc.getStarted walkthrough');
    assert.ok(w.steps.length >= 3 && w.steps.length <= 5, `${w.steps.length} steps`);
    for (const step of w.steps) {
      const key = step.media.markdown?.replace(/^%|%$/g, '');
      assert.ok(key, `step ${step.id} has no markdown`);
      const en = nls[key];
      const ko = nlsKo[key];
      assert.ok(en && ko && en !== ko, `step ${step.id}: markdown ${key} lacks a Korean page`);
      assert.match(await text(`extension/${en}`), /^# /);
      assert.match(await text(`extension/${ko}`), /[\uac00-\ud7a3]/, `${ko} is not Korean`);
    }
  });
});
