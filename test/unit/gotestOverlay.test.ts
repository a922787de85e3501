// The overlay goconc test hands to `go test -overlay`: which files it adds or
// rewrites, and that the user's lines stay where they were.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseListOutput } from '../../server/src/race/prepareOverlay';
import { overlayFileName, planOverlay, wrapRunCalls, type TestPackage } from '../../server/src/race/testMainOverlay';

const pkg = (over: Partial<TestPackage>): TestPackage => ({ importPath: 'example.com/m/p', dir: '/m/p', name: 'p', testGoFiles: ['p_test.go'], xTestGoFiles: [], ...over });

describe('goconc test overlay', () => {
  it('adds a TestMain to a package without one, in the package itself', () => {
    const plan = planOverlay([pkg({})], () => 'package p\n\nfunc TestA(t *testing.T) {}\n');
    assert.deepEqual([...plan.files.keys()], [`/m/p/${overlayFileName}`]);
    const src = plan.files.get(`/m/p/${overlayFileName}`)!;
    assert.match(src, /^package p$/m);
    assert.match(src, /^func TestMain\(m \*goconcTesting_\.M\)/m);
    assert.deepEqual(plan.wrapped, []);
  });

  it('wraps an existing TestMain (internal or external test package) without moving a line', () => {
    const user = 'package p_test\n\nimport (\n\t"os"\n\t"testing"\n)\n\nfunc TestMain(tm *testing.M) {\n\tsetup()\n\tcode := tm.Run() // run them\n\tos.Exit(code)\n}\n';
    const plan = planOverlay([pkg({ testGoFiles: [], xTestGoFiles: ['main_test.go'] })], (p) => (p.endsWith('main_test.go') ? user : undefined));
    const rewritten = plan.files.get('/m/p/main_test.go')!;
    assert.equal(rewritten.split('\n').length, user.split('\n').length);
    assert.match(rewritten, /code := goconcRun_\(tm\) \/\/ run them/);
    assert.match(plan.files.get(`/m/p/${overlayFileName}`)!, /^package p_test$/m);
    assert.doesNotMatch(plan.files.get(`/m/p/${overlayFileName}`)!, /func TestMain/);
    assert.deepEqual(plan.wrapped, ['example.com/m/p']);
  });

  it('leaves packages without tests alone (no test binary where go test builds none)', () => {
    const plan = planOverlay([pkg({ testGoFiles: [], xTestGoFiles: [] })], () => '');
    assert.equal(plan.files.size, 0);
    assert.deepEqual(plan.skipped, [{ importPath: 'example.com/m/p', reason: 'no-test-files' }]);
  });

  it('a TestMain that hands m to another function (goleak.VerifyTestMain) is renamed on its line and run under the watchdog', () => {
    const user = 'package p\n\nfunc TestMain(m *testing.M) { goleak.VerifyTestMain(m) }\n';
    const plan = planOverlay([pkg({})], () => user);
    assert.equal(plan.files.get('/m/p/p_test.go'), 'package p\n\nfunc goconcUserTestMain_(m *testing.M) { goleak.VerifyTestMain(m) }\n');
    assert.match(plan.files.get(`/m/p/${overlayFileName}`)!, /func TestMain\(m \*goconcTesting_\.M\) \{\n\tstop := goconcWatch_\(\)\n\tdefer stop\(\)\n\tgoconcUserTestMain_\(m\)\n\}/);
    assert.deepEqual(plan.delegated, ['example.com/m/p']);
    assert.deepEqual(plan.skipped, [{ importPath: 'example.com/m/p', reason: 'testmain-not-wrapped', file: 'p_test.go', param: 'm' }]);
  });

  it('replaces only whole m.Run() calls', () => {
    assert.equal(wrapRunCalls('x := m.Run()\ny := mm.Run()\nz := m.RunX()', 'm'), 'x := goconcRun_(m)\ny := mm.Run()\nz := m.RunX()');
    assert.equal(wrapRunCalls('nothing here', 'm'), undefined);
  });

  it('reads go list lines (tab-separated, paths with spaces)', () => {
    assert.deepEqual(parseListOutput('example.com/a\t/w/my mod/a\ta\ta_test.go,b_test.go\tx_test.go\nexample.com/b\t/w/b\tb\t\t\n'), [
      { importPath: 'example.com/a', dir: '/w/my mod/a', name: 'a', testGoFiles: ['a_test.go', 'b_test.go'], xTestGoFiles: ['x_test.go'] },
      { importPath: 'example.com/b', dir: '/w/b', name: 'b', testGoFiles: [], xTestGoFiles: [] },
    ]);
  });
});
