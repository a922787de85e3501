// Plans the `go test -overlay` that adds goconc's leak check and watchdog to
// every tested package without touching the user's files: a new test file
// with TestMain when the package has none, or, when it has one, the same
// file with `m.Run()` replaced by goconc's wrapper (same lines, so every
// stack position still points at the user's source).
import { basename, join } from 'node:path';
import { leakCheckSource, runWrapperName, userTestMainName } from './leakCheckSource';

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
  /** Packages whose TestMain hands m to another function: run under the watchdog, without goconc's leak check. */
  delegated: string[];
  /** Packages run without some checks: no test files (nothing added), or a TestMain goconc could not wrap (no leak check). */
  skipped: { importPath: string; reason: 'no-test-files' | 'testmain-not-wrapped'; file?: string; param?: string }[];
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
  const plan: OverlayPlan = { files: new Map(), wrapped: [], delegated: [], skipped: [] };
  for (const p of packages) {
    if (p.testGoFiles.length + p.xTestGoFiles.length === 0) {
      // Adding a test file would make go build and run a test binary it skips today.
      plan.skipped.push({ importPath: p.importPath, reason: 'no-test-files' });
      continue;
    }
    const read = (files: string[]) => files.map((f) => ({ file: join(p.dir, f), text: readFile(join(p.dir, f)) ?? '' }));
    const internal = findTestMain(read(p.testGoFiles));
    const external = internal ? undefined : findTestMain(read(p.xTestGoFiles));
    const own = internal ?? external;
    const helper = join(p.dir, overlayFileName);
    if (!own) {
      plan.files.set(helper, leakCheckSource(p.name, 'own'));
      continue;
    }
    // The helper joins the package that declares TestMain (internal or external test package).
    const pkgName = internal ? p.name : `${p.name}_test`;
    const rewritten = wrapRunCalls(own.text, own.param);
    if (rewritten) {
      plan.files.set(helper, leakCheckSource(pkgName, 'wrapped'));
      plan.files.set(own.file, rewritten);
      plan.wrapped.push(p.importPath);
      continue;
    }
    // `goleak.VerifyTestMain(m)` and the like: rename TestMain (same line) and run it under the watchdog.
    plan.files.set(helper, leakCheckSource(pkgName, 'delegate'));
    plan.files.set(own.file, own.text.replace(testMainRe, (decl) => decl.replace(/TestMain/, userTestMainName)));
    plan.delegated.push(p.importPath);
    plan.skipped.push({ importPath: p.importPath, reason: 'testmain-not-wrapped', file: basename(own.file), param: own.param });
  }
  return plan;
}
