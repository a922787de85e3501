// Every snippet in snippets/go.json, expanded with its defaults and with
// unusual values, compiles with `go build` and passes `go vet` in a real
// module (GORM fetched through the module proxy); the manifest contributes it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { expandSnippet } from '../support/expandSnippet';
import { go, tempModule } from '../support/goModule';

const root = join(__dirname, '..', '..');
const snippets = JSON.parse(readFileSync(join(root, 'snippets', 'go.json'), 'utf8')) as Record<string, { prefix: string[]; body: string[]; description: string }>;

/** What each snippet needs around it: imports, and the declarations a user would already have. */
const surroundings: Record<string, { imports: string[]; stubs?: string; unusual: Record<number, string>; gorm?: boolean }> = {
  'SafeCounter (sync.Mutex)': { imports: ['sync'], unusual: { 1: '계수기', 2: 'float64' } },
  'SafeCache (sync.RWMutex)': { imports: ['sync'], unusual: { 1: 'c', 2: '[2]int', 3: 'map[string][]byte' } },
  'worker (jobs/results channels)': { imports: [], stubs: 'func process(n int) int { return n * 2 }\nfunc double(s string) []string { return []string{s, s} }', unusual: { 1: 'W', 2: 'string', 3: '[]string', 4: 'double' } },
  'select with timeout': { imports: ['context', 'time'], unusual: { 1: 'get', 2: 'f', 3: 'map[string]struct{}', 4: '250 * time.Millisecond' } },
  WorkerPool: { imports: ['context', 'sync'], unusual: { 1: 'pool', 2: 'func() error', 3: 'error' } },
  'GORM optimistic locking': { imports: ['context', 'errors', 'gorm.io/gorm'], gorm: true, stubs: 'type Product struct {\n\tID      uint\n\tVersion int64\n}\n\ntype Order struct {\n\tID      string\n\tVersion int64\n}', unusual: { 1: 'Save', 2: 'Order', 3: 'string', 4: 'order changed' } },
  'GORM pessimistic locking (FOR UPDATE)': { imports: ['errors', 'gorm.io/gorm', 'gorm.io/gorm/clause'], gorm: true, stubs: 'type Product struct {\n\tID    uint\n\tStock int\n}\n\ntype Seat struct {\n\tID   int64\n\tFree int\n}', unusual: { 1: 'take', 2: 'int64', 3: 'Seat', 4: 'SHARE', 5: 'Free' } },
  'sync.Once initialisation': { imports: ['sync'], stubs: 'type Database struct{ dsn string }\ntype cfg struct{}', unusual: { 1: 'db', 2: 'cfg', 3: 'Load', 4: '' } },
  'context cancel loop': { imports: ['context', 'time'], unusual: { 1: 'run', 2: 'tick', 3: 'time.Minute' } },
  'sync.Map': { imports: ['sync'], unusual: { 1: 'ids', 2: 'Find', 3: 'int64', 4: '*struct{ n int }' } },
};

function file(pkg: string, imports: string[], body: string, stubs = ''): string {
  const imp = imports.length > 0 ? `import (\n${imports.map((i) => `\t"${i}"`).join('\n')}\n)\n\n` : '';
  return `package ${pkg}\n\n${imp}${stubs ? `${stubs}\n\n` : ''}${body}\n`;
}

describe('snippets/go.json', () => {
  it('is contributed for Go and covers every seed pattern with unique prefixes', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { snippets: { language: string; path: string }[] } };
    assert.deepEqual(manifest.contributes.snippets, [{ language: 'go', path: './snippets/go.json' }]);
    assert.deepEqual(Object.keys(snippets).sort(), Object.keys(surroundings).sort());
    const prefixes = Object.values(snippets).flatMap((s) => s.prefix);
    assert.equal(new Set(prefixes).size, prefixes.length);
    for (const [name, s] of Object.entries(snippets)) {
      assert.match(s.body.join('\n'), /\$\{1[:|]/, `${name} has no first tab stop`);
      assert.match(s.body.join('\n'), /\$0/, `${name} has no final cursor`);
    }
  });

  it('expands with defaults and with unusual values into code that builds and vets', { timeout: 400_000 }, () => {
    const files: Record<string, string> = {};
    let i = 0;
    for (const [name, s] of Object.entries(snippets)) {
      const env = surroundings[name]!;
      for (const [variant, values] of [['default', {}], ['unusual', env.unusual]] as const) {
        const pkg = `s${i++}`;
        files[`${pkg}/snippet.go`] = file(pkg, env.imports, expandSnippet(s.body, values), env.stubs);
      }
    }
    const dir = tempModule('example.com/snippets', '1.17', files);
    // GORM needs a newer language version: `go mod tidy` raises the go line as `go get` would.
    const tidy = go(['mod', 'tidy'], dir);
    assert.equal(tidy.status, 0, tidy.output);
    const build = go(['build', './...'], dir);
    assert.equal(build.status, 0, build.output);
    const vet = go(['vet', './...'], dir);
    assert.equal(vet.status, 0, vet.output);
  });

  it('the expander mirrors placeholders and picks the first choice', () => {
    assert.equal(expandSnippet(['${1:A} ${1:A} ${2|x,y|} $0\\$']), 'A A x $');
    assert.equal(expandSnippet(['${1:A}.${1}', '${2:interface{\\}}'], { 1: 'B' }), 'B.B\ninterface{}');
  });
});
