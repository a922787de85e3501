// Runs the mocha suites of test/integration/ inside code-server's extension host through
// @vscode/test-electron's runTests, with vscode-via-code-server.sh as the VS Code executable.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { runTests } from '@vscode/test-electron';
import * as esbuild from 'esbuild';
import { copyExamples, e2eTools, outputDir, repoRoot } from './harness';

it('integration suites pass inside the extension host', { timeout: 420_000 }, async () => {
  e2eTools();
  const src = join(repoRoot, 'test', 'integration');
  const out = join(repoRoot, 'out', 'integration');
  const suites = readdirSync(src).filter((f) => f.endsWith('.test.ts'));
  assert.ok(suites.length > 0, 'no integration suites');
  await esbuild.build({
    entryPoints: ['index.ts', ...suites].map((f) => join(src, f)),
    outdir: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  mkdirSync(outputDir, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'goconc-it-'));
  process.once('exit', () => rmSync(profile, { recursive: true, force: true }));
  const code = await runTests({
    vscodeExecutablePath: join(src, 'vscode-via-code-server.sh'),
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: join(out, 'index.js'),
    launchArgs: [copyExamples(), `--user-data-dir=${join(profile, 'user-data')}`, `--extensions-dir=${join(profile, 'extensions')}`],
  });
  assert.equal(code, 0);
});
