// Plans the `go test -overlay` that adds goconc's leak check and watchdog to
// every tested package without touching the user's files: a new test file
// with TestMain when the package has none, or, when it has one, the same
// file with `m.Run()` replaced by goconc's wrapper (same lines, so every
// stack position still points at the user's source).
import { basename, join } from 'node:path';
import { leakCheckSource, runWrapperName } from './leakCheckSource';

/** A package as `go list` describes it (only what the overlay needs). */
export interface TestPackage {
  importPath: string;
  dir: string;
  /** The package clause of its non-test files (`main` for commands). */
  name: string;
  testGoFiles: string[];
  xTestGoFiles: string[];
}

/** The file goconc adds to each package; stack frames in it are never the user's code. */
export const overlayFileName = 'goconc_check_test.go';

export interface OverlayPlan {
  /** Absolute path in the package folder → the content go should see there. */
  files: Map<string, string>;
  /** Packages whose own TestMain was wrapped (the file rewritten in the overlay). */
  wrapped: string[];
  /** Packages left as they are (no tests, or a TestMain goconc could not wrap), with why. */
  skipped: { importPath: string; reason: string }[];
}

const testMainRe = /^func\s+TestMain\s*\(\s*(\w+)\s+\*\s*testing\.M\s*\)/m;

/** Where TestMain is declared and the name of its *testing.M parameter. */
function findTestMain(texts: { file: string; text: string }[]): { file: string; text: string; param: string } | undefined {
  for (const t of texts) {
    const m = testMainRe.exec(t.text);
    if (m) return { ...t, param: m[1]! };
  }
  return undefined;
}

/**
 * Rewrites `param.Run()` calls in the user's TestMain file. Only whole calls
 * are replaced, so a method value (`run := m.Run`) or a comment is left as it
 * is; undefined when there is none to replace.
 */
export function wrapRunCalls(text: string, param: string): string | undefined {
  const re = new RegExp(`\\b${param}\\.Run\\(\\)`, 'g');
  if (!re.test(text)) return undefined;
  return text.replace(re, `${runWrapperName}(${param})`);
}

/** The overlay for `packages`; `readFile` reads a test file (undefined when unreadable). */
export function planOverlay(packages: TestPackage[], readFile: (path: string) => string | undefined): OverlayPlan {
  const plan: OverlayPlan = { files: new Map(), wrapped: [], skipped: [] };
  for (const p of packages) {
    if (p.testGoFiles.length + p.xTestGoFiles.length === 0) {
      // Adding a test file would make go build and run a test binary it skips today.
      plan.skipped.push({ importPath: p.importPath, reason: 'no test files' });
      continue;
    }
    const read = (files: string[]) => files.map((f) => ({ file: join(p.dir, f), text: readFile(join(p.dir, f)) ?? '' }));
    const internal = findTestMain(read(p.testGoFiles));
    const external = internal ? undefined : findTestMain(read(p.xTestGoFiles));
    const own = internal ?? external;
    const helper = join(p.dir, overlayFileName);
    if (!own) {
      plan.files.set(helper, leakCheckSource(p.name, true));
      continue;
    }
    const rewritten = wrapRunCalls(own.text, own.param);
    if (!rewritten) {
      plan.skipped.push({ importPath: p.importPath, reason: `${basename(own.file)}: TestMain does not call ${own.param}.Run()` });
      continue;
    }
    // The helper joins the package that declares TestMain (internal or external test package).
    plan.files.set(helper, leakCheckSource(internal ? p.name : `${p.name}_test`, false));
    plan.files.set(own.file, rewritten);
    plan.wrapped.push(p.importPath);
  }
  return plan;
}
