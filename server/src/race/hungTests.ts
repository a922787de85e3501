// After a test hangs or deadlocks, the rest of its package never ran (the
// binary was ended). goconc test runs that package again without the tests
// that hung (`go test -skip`, Go 1.20+), a few rounds at most, so one stuck
// test does not hide the bugs of the tests after it.
import type { PackageResult } from './testEvents';

/** How many times a package is run again after hangs (each round skips every test that hung so far). */
export const maxRerunRounds = 3;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The top-level tests that hung or deadlocked in `p` (the report names them; subtests map to their parent). */
export function hungTests(p: PackageResult): string[] {
  const names = p.reports
    .filter((r) => r.kind === 'deadlock' || r.kind === 'test-timeout')
    .flatMap((r) => (r.test ? r.test.split(', ') : []))
    .map((t) => t.split('/')[0]!)
    .filter((t) => t !== '');
  return [...new Set(names)];
}

/** `-skip` for the tests already known to hang: whole top-level names only. */
export function skipPattern(tests: string[]): string {
  return `^(?:${tests.map(escapeRegExp).join('|')})$`;
}
