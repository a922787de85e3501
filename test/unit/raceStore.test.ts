// How long race findings stay: until a run covers their package (and test)
// again, or their line is edited; lines inserted above move them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RaceFinding } from '../../server/src/race/raceFindings';
import { RaceStore } from '../../server/src/race/raceStore';

const file: Record<string, string[]> = { '/w/a.go': ['package a', '', 'func F() {', '\tx++', '\ty = x', '}'] };
const store = () => new RaceStore((p, l) => file[p]?.[l]);
function finding(line: number, pkg: string, test: string, other = 4): RaceFinding {
  return {
    kind: 'data-race',
    key: `data-race|/w/a.go:${line}|/w/a.go:${other}`,
    site: { path: '/w/a.go', line, func: 'a.F' },
    other: { path: '/w/a.go', line: other, func: 'a.F', op: 'read', goroutine: '7' },
    op: 'write',
    headline: 'WARNING: DATA RACE',
    started: [],
    tests: [test],
    packages: [pkg],
    count: 1,
  };
}
const lines = (s: RaceStore) => s.all().map((f) => `${f.site.line}:${f.tests.join('+')}:${f.count}`).sort();

describe('race findings store', () => {
  it('merges the same location pair across tests and runs of other scopes, with a count', () => {
    const s = store();
    s.applyRun({ packages: ['ex/a'], test: 'TestOne' }, [finding(3, 'ex/a', 'TestOne')]);
    s.applyRun({ packages: ['ex/a'], test: 'TestTwo' }, [finding(3, 'ex/a', 'TestTwo')]);
    assert.deepEqual(lines(s), ['3:TestOne+TestTwo:2']);
  });

  it('a rerun of the same test replaces its findings; a package run replaces all of the package', () => {
    const s = store();
    s.applyRun({ packages: ['ex/a'], test: 'TestOne' }, [finding(3, 'ex/a', 'TestOne')]);
    s.applyRun({ packages: ['ex/b'] }, [{ ...finding(4, 'ex/b', 'TestB', 3), key: 'other-pkg' }]);
    s.applyRun({ packages: ['ex/a'], test: 'TestOne' }, [finding(3, 'ex/a', 'TestOne')]);
    assert.deepEqual(lines(s), ['3:TestOne:1', '4:TestB:1']);
    // TestOne's run does not clear a finding that TestTwo also produced.
    s.applyRun({ packages: ['ex/a'], test: 'TestTwo' }, [finding(3, 'ex/a', 'TestTwo')]);
    s.applyRun({ packages: ['ex/a'], test: 'TestOne' }, []);
    assert.deepEqual(lines(s), ['3:TestOne+TestTwo:2', '4:TestB:1']);
    s.applyRun({ packages: ['ex/a'] }, []);
    assert.deepEqual(lines(s), ['4:TestB:1']);
    s.applyRun({ packages: ['ex/a', 'ex/b'] }, []);
    assert.deepEqual(lines(s), []);
  });

  it('edits: lines inserted above shift findings, an edit on the line removes it, a whole-file change re-checks the text', () => {
    const s = store();
    s.applyRun({ packages: ['ex/a'] }, [finding(3, 'ex/a', 'T'), { ...finding(4, 'ex/a', 'T', 3), key: 'k4' }]);
    assert.equal(s.documentChanged('/w/a.go', [{ range: { start: { line: 1 }, end: { line: 1 } }, text: '\n\n' }]), true);
    assert.deepEqual(lines(s), ['5:T:1', '6:T:1']);
    assert.equal(s.all().find((f) => f.site.line === 5)!.other!.line, 6, 'the related side moves too');
    s.documentChanged('/w/a.go', [{ range: { start: { line: 5 }, end: { line: 5 } }, text: 'x += 2' }]);
    assert.deepEqual(lines(s), ['6:T:1']);
    // Another file's edit changes nothing.
    assert.equal(s.documentChanged('/w/b.go', [{ range: { start: { line: 0 }, end: { line: 0 } }, text: '\n' }]), false);
    // The file on disk still has `\ty = x` at line 4, not at 6: a full re-check drops the moved finding.
    assert.equal(s.revalidate('/w/a.go'), true);
    assert.deepEqual(lines(s), []);
  });
});
