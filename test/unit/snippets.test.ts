// Every snippet in snippets/go.json, expanded with its defaults and with
// unusual values into a file that has no imports, gets its imports from the
// server's completion item (additionalTextEdits), compiles with `go build`,
// passes `go vet` and is gofmt-clean, in a real module (GORM fetched through
// the module proxy). The server serves them; the manifest does not contribute
// them (VS Code's snippet contribution cannot add imports).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createGoParser } from '../../server/src/parse/goParser';
import { snippetCompletions, type SnippetFile } from '../../server/src/snippets/snippetCompletions';
import { expandSnippet } from '../support/expandSnippet';
import { go, tempModule } from '../support/goModule';

const root = join(__dirname, '..', '..');
const snippets = JSON.parse(readFileSync(join(root, 'snippets', 'go.json'), 'utf8')) as SnippetFile;

/** What each snippet needs around it: its imports, and the declarations a user would already have. */
const surroundings: Record<string, { imports: string[]; stubs?: string; unusual: Record<number, string>; gorm?: boolean }> = {
  'SafeCounter (sync.Mutex)': { imports: ['sync'], unusual: { 1: '계수기', 2: 'float64' } },
  'SafeCache (sync.RWMutex)': { imports: ['sync'], unusual: { 1: 'c', 2: '[2]int', 3: 'map[string][]byte' } },
  'worker (jobs/results channels)': { imports: [], stubs: 'func process(n int) int { return n * 2 }\n\nfunc double(s string) []string { return []string{s, s} }', unusual: { 1: 'W', 2: 'string', 3: '[]string', 4: 'double' } },
  'select with timeout': { imports: ['context', 'time'], unusual: { 1: 'get', 2: 'f', 3: 'map[string]struct{}', 4: '250*time.Millisecond' } },
  WorkerPool: { imports: ['context', 'sync'], unusual: { 1: 'pool', 2: 'func() error', 3: 'error' } },
  'GORM optimistic locking': { imports: ['context', 'errors', 'gorm.io/gorm'], gorm: true, stubs: 'type Product struct {\n\tID      uint\n\tVersion int64\n}\n\ntype Order struct {\n\tID      string\n\tVersion int64\n}', unusual: { 1: 'Save', 2: 'Order', 3: 'string', 4: 'order changed' } },
  'GORM pessimistic locking (FOR UPDATE)': { imports: ['errors', 'gorm.io/gorm', 'gorm.io/gorm/clause'], gorm: true, stubs: 'type Product struct {\n\tID    uint\n\tStock int\n}\n\ntype Seat struct {\n\tID   int64\n\tFree int\n}', unusual: { 1: 'take', 2: 'int64', 3: 'Seat', 4: 'SHARE', 5: 'Free' } },
  'sync.Once initialisation': { imports: ['sync'], stubs: 'type Database struct{ dsn string }\ntype cfg struct{}', unusual: { 1: 'db', 2: 'cfg', 3: 'Load', 4: '' } },
  'context cancel loop': { imports: ['context', 'time'], unusual: { 1: 'run', 2: 'tick', 3: 'time.Minute' } },
  'sync.Map': { imports: ['sync'], unusual: { 1: 'ids', 2: 'Find', 3: 'int64', 4: '*struct{ n int }' } },
};

/** A file with the stubs and the expansion at the end, then the completion item's import edits applied. */
function expandInFile(parser: Parser, pkg: string, prefix: string, expansion: string, stubs = ''): string {
  const before = `package ${pkg}\n\n${stubs ? `${stubs}\n\n` : ''}`;
  const item = snippetCompletions(parser, snippets, before).find((i) => i.label === prefix)!;
  const doc = TextDocument.create('file:///s.go', 'go', 0, `${before}${expansion}\n`);
  // The file ends after the snippet: its final $0 line is where the user goes on typing.
  return TextDocument.applyEdits(doc, item.additionalTextEdits ?? []).replace(/\n+$/, '\n');
}

describe('snippets/go.json', () => {
  let parser: Parser;
  before(async () => {
    parser = await createGoParser();
  });

  it('is served by the server (not contributed) and covers every seed pattern with unique prefixes and its imports', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { snippets?: unknown } };
    assert.equal(manifest.contributes.snippets, undefined, 'a contributed snippet would be offered twice, once without imports');
    assert.deepEqual(Object.keys(snippets).sort(), Object.keys(surroundings).sort());
    const prefixes = Object.values(snippets).flatMap((s) => s.prefix);
    assert.equal(new Set(prefixes).size, prefixes.length);
    for (const [name, s] of Object.entries(snippets)) {
      assert.match(s.body.join('\n'), /\$\{1[:|]/, `${name} has no first tab stop`);
      assert.match(s.body.join('\n'), /\$0/, `${name} has no final cursor`);
      assert.deepEqual([...(s.imports ?? [])].sort(), [...surroundings[name]!.imports].sort(), `${name} declares the imports it uses`);
    }
    const items = snippetCompletions(parser, snippets, 'package p\n\nimport "time"\n');
    const select = items.find((i) => i.label === 'selecttimeout')!;
    assert.equal(select.insertTextFormat, 2);
    assert.equal(select.additionalTextEdits?.[0]?.newText.includes('"context"'), true);
    assert.equal(select.additionalTextEdits?.[0]?.newText.split('"time"').length, 2, 'time is kept once');
  });

  it('expands with defaults and with unusual values into code that builds, vets and is gofmt-clean', { timeout: 400_000 }, () => {
    const files: Record<string, string> = {};
    let i = 0;
    for (const [name, s] of Object.entries(snippets)) {
      const env = surroundings[name]!;
      for (const [, values] of [['default', {}], ['unusual', env.unusual]] as const) {
        const pkg = `s${i++}`;
        files[`${pkg}/snippet.go`] = expandInFile(parser, pkg, s.prefix[0]!, expandSnippet(s.body, values), env.stubs);
      }
    }
    const dir = tempModule('example.com/snippets', '1.22', files);
    const tidy = go(['mod', 'tidy'], dir);
    assert.equal(tidy.status, 0, tidy.output);
    const build = go(['build', './...'], dir);
    assert.equal(build.status, 0, build.output);
    const vet = go(['vet', './...'], dir);
    assert.equal(vet.status, 0, vet.output);
    const fmt = spawnSync('gofmt', ['-l', '.'], { cwd: dir, encoding: 'utf8' });
    assert.equal(fmt.status, 0, fmt.stderr);
    const unformatted = fmt.stdout.trim().split('\n').filter(Boolean);
    const diff = unformatted.length > 0 ? spawnSync('gofmt', ['-d', ...unformatted], { cwd: dir, encoding: 'utf8' }).stdout : '';
    assert.deepEqual(unformatted, [], diff);
  });

  it('the expander mirrors placeholders and picks the first choice', () => {
    assert.equal(expandSnippet(['${1:A} ${1:A} ${2|x,y|} $0\\$']), 'A A x $');
    assert.equal(expandSnippet(['${1:A}.${1}', '${2:interface{\\}}'], { 1: 'B' }), 'B.B\ninterface{}');
  });
});
