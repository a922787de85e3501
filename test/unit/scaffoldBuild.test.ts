// Every pattern of every decision-tree leaf, generated with default and with
// unusual answers for Go 1.17 and Go 1.22 modules, must compile with the real
// `go build`, pass `go vet`, and — where the scaffold ships a test — pass
// `go test -race`. Library scaffolds are built against the real GORM, pgx,
// go-redis and x/sync fetched through the module proxy.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checklistItems } from '../../server/src/checklist/items';
import { analyzeWorkspace } from '../../server/src/engine/analyzeWorkspace';
import { allRuleMetas } from '../../server/src/rules/registry';
import { renderFile } from '../../server/src/scaffold/render';
import { ruleBranches } from '../../server/src/scaffold/ruleBranches';
import { patterns, scaffold } from '../../server/src/scaffold/scaffold';
import { allPaths, decisionTrees, findNode } from '../../server/src/scaffold/trees';
import type { Answers } from '../../server/src/scaffold/types';
import { go, tempModule } from '../support/goModule';

/** Unusual but valid answers per pattern: Unicode and one-letter names, composite types. */
const unusual: Record<string, Answers> = {
  'channels-pipeline': { name: '처리', in: '[]byte', out: 'map[string]int' },
  'rwmutex-cache': { name: 'c', key: '[2]int', value: '*struct{ N int }' },
  'mutex-counter': { name: 'x', value: 'float64' },
  'sync-map': { name: 'HTTPRegistry', key: 'int64', value: 'chan struct{}' },
  'atomic-counter': { name: '카운터' },
  'once-init': { name: 'cfg' },
  'optimistic-gorm': { model: 'Order', idType: 'int64', attempts: '2' },
  'pessimistic-gorm': { model: 'Seat', idType: 'string', wait: 'skip' },
  'dlock-redis': { name: 'r', ttl: '1m30s' },
  'dlock-postgres': { name: 'L' },
  'worker-pool': { name: 'pool', job: 'func() error', result: 'error' },
  'errgroup-limit': { name: 'Each', item: '*int' },
  semaphore: { name: 'Gate' },
  'context-timeout': { name: 'bounded', timeout: '250ms' },
  'select-timeout': { name: 'get', result: 'struct{}', timeout: '1h' },
  'cancel-loop': { name: 'Loop' },
};

const usesLibraries = (id: string) => scaffold(id, {}, { packageName: 'p' }, 'en').ok && (scaffold(id, {}, { packageName: 'p' }, 'en') as { generated: { dependencies: unknown[] } }).generated.dependencies.length > 0;

function packagesFor(goVersion: string, filter: (id: string) => boolean): Record<string, string> {
  const files: Record<string, string> = {};
  for (const p of patterns.filter((x) => filter(x.id))) {
    for (const [variant, answers] of [['default', {}], ['unusual', unusual[p.id] ?? {}]] as const) {
      const pkg = `${p.id.replace(/-/g, '')}${variant}`;
      const r = scaffold(p.id, answers, { packageName: pkg, goVersion }, 'en');
      assert.ok(r.ok, `${p.id}/${variant}: ${JSON.stringify(!r.ok && r.errors)}`);
      files[`${pkg}/${p.id}.go`] = renderFile(pkg, r.generated.code, r.generated.imports);
      if (r.generated.test) files[`${pkg}/${p.id}_test.go`] = renderFile(pkg, r.generated.test.code, r.generated.test.imports);
    }
  }
  return files;
}

/** goconc itself must have nothing to say about the code it generates. */
async function assertNoFindings(dir: string): Promise<void> {
  const { findings } = await analyzeWorkspace([dir], { settings: Object.fromEntries(allRuleMetas().map((m) => [m.id, 'hint'])) });
  assert.deepEqual(findings.map((f) => `${f.file.slice(dir.length + 1)}:${f.range.startLine + 1}: ${f.rule}: ${f.message}`), []);
}

/** go mod tidy, build and vet everything; `go test -race` only the packages that ship tests (no pointless -race recompiles of GORM/pgx). */
function buildVetTest(dir: string, files: Record<string, string>): void {
  const tidy = go(['mod', 'tidy'], dir);
  assert.equal(tidy.status, 0, tidy.output);
  const build = go(['build', './...'], dir);
  assert.equal(build.status, 0, build.output);
  const vet = go(['vet', './...'], dir);
  assert.equal(vet.status, 0, vet.output);
  const tested = [...new Set(Object.keys(files).filter((f) => f.endsWith('_test.go')).map((f) => `./${f.slice(0, f.lastIndexOf('/'))}`))];
  if (tested.length === 0) return;
  const test = go(['test', '-race', '-count=1', ...tested], dir, 400_000);
  assert.equal(test.status, 0, test.output);
  assert.doesNotMatch(test.output, /no test files/);
}

describe('decision trees', () => {
  it('every path ends in a leaf that explains itself and names generators that exist', () => {
    for (const tree of decisionTrees) {
      const paths = allPaths(tree);
      assert.ok(paths.length >= 3, `${tree.id} has ${paths.length} paths`);
      for (const path of paths) {
        const leaf = findNode(path[path.length - 1]!)!.node;
        assert.equal(leaf.kind, 'leaf');
        if (leaf.kind !== 'leaf') continue;
        for (const text of [leaf.title, leaf.why, ...leaf.tradeoffs, ...leaf.pitfalls]) assert.ok(text.en && text.ko, `${leaf.id}: missing en/ko`);
        assert.ok(leaf.tradeoffs.length >= 2 && leaf.pitfalls.length >= 2, `${leaf.id}: trade-offs and pitfalls`);
      }
    }
  });

  it('every standalone pattern is reachable from a leaf', () => {
    const offered = new Set(decisionTrees.flatMap((t) => Object.values(t.nodes).flatMap((n) => (n.kind === 'leaf' ? n.patterns : []))));
    for (const p of patterns) assert.ok(offered.has(p.id), `${p.id} is not offered by any leaf`);
  });

  it('quick-fix branches name registered rules and existing nodes', () => {
    const ids = new Set(allRuleMetas().map((m) => m.id));
    for (const [rule, node] of Object.entries(ruleBranches)) {
      assert.ok(ids.has(rule), `${rule} is not a registered rule`);
      assert.ok(findNode(node), `${node} is not a wizard node`);
    }
  });

  it('every checklist item that links to the wizard names an existing node', () => {
    const linked = checklistItems.filter((i) => i.wizardBranch);
    assert.ok(linked.length >= 4);
    for (const item of linked) assert.ok(findNode(item.wizardBranch!), `checklist ${item.id} links to missing wizard node ${item.wizardBranch}`);
  });

  it('rejects invalid answers with a message per parameter', () => {
    const r = scaffold('mutex-counter', { name: 'func', value: 'int;' }, { packageName: 'p' }, 'ko');
    assert.equal(r.ok, false);
    assert.deepEqual(!r.ok && r.errors.map((e) => e.param), ['name', 'value']);
    assert.match(!r.ok ? r.errors[0]!.message : '', /Go 식별자가 아닙니다/);
  });
});

describe('generated code compiles, vets and passes its tests with -race', { timeout: 900_000 }, () => {
  it('Go 1.17 module: no generics, no sync.OnceValues, loop variables copied', async () => {
    const files = packagesFor('1.17', (id) => !usesLibraries(id));
    const joined = Object.values(files).join('\n');
    assert.doesNotMatch(joined, /\[(K comparable|T any|In, Out any|J, R any)/);
    assert.doesNotMatch(joined, /OnceValues|atomic\.Int64/);
    const dir = tempModule('example.com/old', '1.17', files);
    await assertNoFindings(dir);
    buildVetTest(dir, files);
  });

  it('Go 1.22 module: generics and sync.OnceValues', async () => {
    const files = packagesFor('1.22', (id) => !usesLibraries(id));
    const joined = Object.values(files).join('\n');
    assert.match(joined, /\[K comparable, V any\]/);
    assert.match(joined, /sync\.OnceValues/);
    const dir = tempModule('example.com/new', '1.22', files);
    await assertNoFindings(dir);
    buildVetTest(dir, files);
  });

  it('library scaffolds (GORM, pgx, go-redis, x/sync) for 1.17- and 1.22-style code', async () => {
    const files = { ...packagesFor('1.22', usesLibraries) };
    for (const [path, text] of Object.entries(packagesFor('1.17', usesLibraries))) files[path.replace(/^(\w+)\//, '$1old/')] = text.replace(/^package (\w+)/m, 'package $1old');
    const dir = tempModule('example.com/libs', '1.22', files);
    await assertNoFindings(dir);
    buildVetTest(dir, files);
  });
});
