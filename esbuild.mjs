// Bundles the client, the language server, the CLI and the index worker into
// dist/, and copies the tree-sitter wasm files beside them (no native build).
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

mkdirSync('dist', { recursive: true });
copyFileSync(require.resolve('tree-sitter-go/tree-sitter-go.wasm'), 'dist/tree-sitter-go.wasm');
copyFileSync(join(dirname(require.resolve('web-tree-sitter')), 'web-tree-sitter.wasm'), 'dist/web-tree-sitter.wasm');
// Codicons for the webviews, served locally (no remote resources).
mkdirSync('dist/codicons', { recursive: true });
for (const f of ['codicon.css', 'codicon.ttf']) copyFileSync(require.resolve(`@vscode/codicons/dist/${f}`), `dist/codicons/${f}`);

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // web-tree-sitter locates itself through import.meta.url, which CommonJS bundles lack.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

const builds = [
  { entryPoints: { client: 'client/src/extension.ts' }, external: ['vscode'] },
  { entryPoints: { server: 'server/src/server.ts' } },
  { entryPoints: { cli: 'server/src/cli.ts' }, banner: { js: "#!/usr/bin/env node\nconst importMetaUrl = require('url').pathToFileURL(__filename).href;" } },
  { entryPoints: { indexWorker: 'server/src/index/indexWorker.ts' } },
  // Webview page scripts run in the browser, not in Node.
  { entryPoints: { checklistView: 'client/src/checklist/webview/main.ts' }, platform: 'browser', format: 'iife', target: 'es2022', define: {}, banner: {} },
  { entryPoints: { wizardView: 'client/src/wizard/webview/main.ts' }, platform: 'browser', format: 'iife', target: 'es2022', define: {}, banner: {} },
];

if (watch) {
  for (const b of builds) {
    const ctx = await esbuild.context({ ...common, ...b, outdir: 'dist' });
    await ctx.watch();
  }
} else {
  await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b, outdir: 'dist' })));
}
