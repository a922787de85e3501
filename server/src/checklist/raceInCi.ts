// Item 1, "`go test -race` in CI": every `go test` CI runs, directly or
// through make/task/mage targets and scripts it calls, and whether it has
// -race (flag or GOFLAGS).
import { existsSync, readdirSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { format, type Locale } from '../l10n/locale';
import { findCiDefinitions, readText } from './ci/ciDefinitions';
import { parseMagefile } from './ci/magefile';
import { parseMakefile } from './ci/makefile';
import { scanScript, type GoTestSite, type ScriptSource } from './ci/scriptSource';
import type { TargetCall } from './ci/shellCommands';
import { parseTaskfile } from './ci/taskfile';
import type { TargetBook } from './ci/targetBook';
import { textScript } from './ci/textScripts';
import { checklistText as t } from './checklistText';
import { githubWorkflow } from './workflowTemplate';
import type { ChecklistAction, ChecklistStatus, Evidence } from './types';

export interface RaceInCiResult {
  status: ChecklistStatus;
  count: number;
  summary: string;
  evidence: Evidence[];
  actions: ChecklistAction[];
  /** Every `go test` reached from CI (for tests and the JSON output). */
  tests: GoTestSite[];
}

const makefileNames = ['GNUmakefile', 'makefile', 'Makefile'];
const taskfileNames = ['Taskfile.yml', 'Taskfile.yaml', 'taskfile.yml', 'taskfile.yaml', 'Taskfile.dist.yml'];

function bookFor(call: TargetCall, root: string): TargetBook | undefined {
  const dir = call.dir ? (isAbsolute(call.dir) ? call.dir : join(root, call.dir)) : root;
  const pick = (names: string[]) => (call.file ? [join(dir, call.file)] : names.map((n) => join(dir, n))).find((f) => existsSync(f));
  if (call.tool === 'make') {
    const file = pick(makefileNames);
    const text = file && readText(file);
    return file && text !== undefined ? parseMakefile(file, text) : undefined;
  }
  if (call.tool === 'task') {
    const file = pick(taskfileNames);
    const text = file && readText(file);
    return file && text !== undefined ? parseTaskfile(file, text) : undefined;
  }
  if (call.tool === 'mage') {
    const files = existsSync(join(dir, 'magefile.go'))
      ? [join(dir, 'magefile.go')]
      : (() => {
          try {
            return readdirSync(join(dir, 'magefiles')).filter((n) => n.endsWith('.go')).map((n) => join(dir, 'magefiles', n));
          } catch {
            return [];
          }
        })();
    const books = files.flatMap((f) => {
      const text = readText(f);
      return text === undefined ? [] : [parseMagefile(f, text)];
    });
    if (books.length === 0) return undefined;
    return {
      file: books[0]!.file,
      defaultTarget: books.find((b) => b.defaultTarget)?.defaultTarget,
      target: (name) => books.map((b) => b.target(name)).find((x) => x),
    };
  }
  return undefined;
}

/** Every `go test` reachable from the CI definitions under `root`. */
export function goTestsFromCi(root: string): { tests: GoTestSite[]; ciFiles: string[] } {
  const tests: GoTestSite[] = [];
  const seen = new Set<string>();
  const rel = (f: string) => relative(root, f) || f;

  const visitScripts = (scripts: ScriptSource[], via: string[], depth: number) => {
    for (const s of scripts) {
      const scan = scanScript(s, via);
      tests.push(...scan.tests);
      for (const call of scan.calls) follow(call, s.file, via, depth + 1);
    }
  };
  const follow = (call: TargetCall, from: string, via: string[], depth: number) => {
    if (depth > 8) return;
    if (call.tool === 'script') {
      const path = call.targets[0]!;
      const file = [join(root, path), join(dirname(from), path)].find((f) => existsSync(f));
      const text = file && readText(file);
      if (!file || text === undefined || seen.has(file)) return;
      seen.add(file);
      visitScripts([textScript(file, text)], [...via, rel(file)], depth);
      return;
    }
    const book = bookFor(call, root);
    if (!book) return;
    const names = call.targets.length > 0 ? call.targets : book.defaultTarget ? [book.defaultTarget] : [];
    const visitTarget = (name: string, chain: string[]) => {
      const key = `${book.file}#${name}`;
      if (seen.has(key)) return;
      seen.add(key);
      const body = book.target(name);
      if (!body) return;
      const here = [...chain, `${call.tool} ${name}`];
      for (const dep of body.deps) visitTarget(dep, here);
      for (const d of body.directTests ?? []) tests.push({ ...d, via: here });
      visitScripts(body.scripts, here, depth);
    };
    for (const n of names) visitTarget(n, via);
  };

  const defs = findCiDefinitions(root);
  for (const def of defs) visitScripts(def.scripts, [rel(def.file)], 0);
  return { tests, ciFiles: defs.map((d) => d.file) };
}

/** Folders (relative to root) holding a go.mod, shallow: the root and its direct children. */
function goModDirs(root: string): string[] {
  if (existsSync(join(root, 'go.mod'))) return [''];
  try {
    return readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.') && existsSync(join(root, e.name, 'go.mod')))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

export function evaluateRaceInCi(root: string, locale: Locale): RaceInCiResult {
  const { tests, ciFiles } = goTestsFromCi(root);
  const evidence: Evidence[] = [];
  const actions: ChecklistAction[] = [];
  const raced = tests.filter((x) => x.race);
  for (const site of tests) {
    const via = site.via.join(' → ');
    let actionId: string | undefined;
    if (site.fix) {
      actionId = `add-race:${site.file}:${site.fix.line}:${site.fix.column}`;
      actions.push({ id: actionId, kind: 'add-race', title: format(t.addRace, locale), edit: site.fix });
    }
    evidence.push({
      kind: 'ci',
      file: site.file,
      line: site.line,
      column: Math.max(0, site.column),
      message: format(site.race ? t.raceStep : t.noRaceStep, locale, { command: site.command, via }),
      negative: !site.race,
      actionId,
    });
  }
  if (ciFiles.length === 0) {
    const file = join(root, '.github', 'workflows', 'go.yml');
    actions.push({ id: 'add-workflow', kind: 'add-workflow', title: format(t.addWorkflow, locale), file, content: githubWorkflow(goModDirs(root)) });
    return { status: 'fail', count: 0, summary: format(t.noCi, locale), evidence, actions, tests };
  }
  if (raced.length > 0) {
    return { status: 'pass', count: raced.length, summary: format(t.raceInCi, locale, { count: raced.length }), evidence, actions: [], tests };
  }
  if (tests.length === 0) {
    return { status: 'fail', count: 0, summary: format(t.noGoTestInCi, locale, { count: ciFiles.length }), evidence: ciFiles.map((f) => ({ kind: 'ci' as const, file: f, line: 0, column: 0, message: format(t.ciFileWithoutTests, locale), negative: true })), actions, tests };
  }
  return { status: 'fail', count: tests.length, summary: format(t.noRaceInCi, locale, { count: tests.length }), evidence, actions, tests };
}
