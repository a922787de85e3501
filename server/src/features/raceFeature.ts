// The race runner in the language server: runs `go test -race -json` for a
// scope, streams progress, and publishes the reports as `goconc-race`
// diagnostics on their own channel (goconc/race/diagnostics), so the static
// analysis and the race results never overwrite each other.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver/node';
import { format, type Locale } from '../l10n/locale';
import {
  raceCodeActionsRequest,
  raceDiagnosticsNotification,
  raceProgressNotification,
  raceRunRequest,
  type RaceRunParams,
  type RaceRunResult,
} from '../protocol';
import { defaultRuntimeChecks, runGoTestRace, type GoSettings } from '../race/goTestRunner';
import { placeReports, renderFinding, type RaceFinding } from '../race/raceFindings';
import { raceFixes, type StructFile } from '../race/raceFixes';
import { raceMessages as m } from '../race/raceMessages';
import { raceDocsUri, ruleDocsUri } from '../output/docsLinks';
import { raceRuleId, raceSeverity, toOutputFindings, type RuleIdStyle } from '../race/raceOutput';
import { RaceStore, type RunCoverage } from '../race/raceStore';
import { findModules, layoutFor } from '../race/resolveFrames';
import { summarizeRun } from '../race/runSummary';
import type { RuntimeReport } from '../race/types';
import type { Finding } from '../engine/finding';
import { confirmFindings } from '../race/confirmFindings';
import { testMessages as tm } from '../race/testMessages';
import { allRuleMetas } from '../rules/registry';
import type { ServerContext, ServerFeature } from './feature';

const severities = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint };

function readTextOr(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Over several modules, the run reports its most important outcome. */
const outcomeRank: RaceRunResult['outcome'][] = ['cancelled', 'races', 'build-failed', 'tests-failed', 'go-failed', 'needs-cgo', 'go-missing', 'no-tests', 'clean'];

export function readGoSettings(raw: unknown): GoSettings {
  const o = (raw ?? {}) as Record<string, unknown>;
  const s: GoSettings = {};
  if (typeof o.goroot === 'string' && o.goroot) s.goroot = o.goroot;
  if (o.alternateTools && typeof o.alternateTools === 'object') s.alternateTools = o.alternateTools as Record<string, string>;
  if (Array.isArray(o.testFlags)) s.testFlags = o.testFlags.filter((x): x is string => typeof x === 'string');
  if (typeof o.buildTags === 'string' && o.buildTags) s.buildTags = o.buildTags;
  if (o.testEnvVars && typeof o.testEnvVars === 'object') s.testEnvVars = o.testEnvVars as Record<string, string>;
  if (o.toolsEnvVars && typeof o.toolsEnvVars === 'object') s.toolsEnvVars = o.toolsEnvVars as Record<string, string>;
  return s;
}

/** The bundled docs page of a run report: docs/race.md#kind for race ids, the rule page for the test run's own ids. */
function bundledRaceDocs(kind: Parameters<typeof raceRuleId>[0], style: RuleIdStyle, locale: Locale): string {
  const id = raceRuleId(kind, style);
  return id.startsWith('race/') ? raceDocsUri(kind, locale) : ruleDocsUri(id, locale);
}

export const raceFeature: ServerFeature = {
  name: 'race',
  register(ctx: ServerContext) {
    const { connection, session } = ctx;
    const readLine = (path: string, line: number): string | undefined => (session.documentText(path) ?? readTextOr(path))?.split('\n')[line];
    const store = new RaceStore(readLine);
    let running = false;

    // After a goconc test run: which static findings each run-time finding confirms (by finding key), or that it is a gap.
    let confirmations = new Map<string, Finding[]>();
    const confirm = (findings: RaceFinding[]) => {
      const dynamic = toOutputFindings(findings, session.locale, readLine, 'test');
      const itemOf = new Map(allRuleMetas().map((x) => [x.id, x.checklistItem]));
      const callers = findings.map((f) => (f.callers ?? []).map((c) => ({ file: c.path, line: c.line })));
      const c = confirmFindings(session.allFindings(), dynamic, (rule) => itemOf.get(rule), callers);
      confirmations = new Map(findings.map((f, i) => [f.key, c.dynamic[i]?.statics ?? []]));
    };

    const toDiagnostic = (f: RaceFinding): Diagnostic => {
      const r = renderFinding(f, session.locale);
      const confirmed = f.byTestRun ? confirmations.get(f.key) : undefined;
      if (confirmed) {
        const rules = [...new Set(confirmed.map((s) => s.rule))];
        r.message += rules.length > 0 ? format(tm.confirms, session.locale, { rules: rules.join(', ') }) : format(tm.gapNote, session.locale);
        for (const s of confirmed) r.related.push({ path: s.file, line: s.range.startLine, message: format(tm.staticHere, session.locale, { rule: s.rule }) });
      }
      // From the first non-blank character to the end of the line, as the editor marks a statement.
      const range = (path: string, line: number) => {
        const text = readLine(path, line) ?? '';
        return { start: { line, character: /^[ \t]*/.exec(text)![0].length }, end: { line, character: text.length } };
      };
      return {
        range: range(f.site.path, f.site.line),
        severity: severities[raceSeverity(f.kind)],
        source: 'goconc-race',
        code: raceRuleId(f.kind, f.byTestRun ? 'test' : 'race'),
        // The bundled page: race reports share docs/race.md, the test run's leak/deadlock kinds have rule pages.
        codeDescription: { href: bundledRaceDocs(f.kind, f.byTestRun ? 'test' : 'race', session.locale) },
        message: r.message,
        relatedInformation: r.related.map((x) => ({ location: { uri: ctx.toUri(x.path), range: range(x.path, x.line) }, message: x.message })),
        data: { key: f.key },
      };
    };

    const publish = (paths: Iterable<string>) => {
      const last = session.raceResults.get();
      if (last) session.raceResults.set({ finishedAt: last.finishedAt, findings: toOutputFindings(store.all(), session.locale, readLine) });
      const files = [...new Set(paths)].map((p) => ({ uri: ctx.toUri(p), diagnostics: store.findingsFor(p).map(toDiagnostic) }));
      if (files.length > 0) void connection.sendNotification(raceDiagnosticsNotification, { files });
    };

    ctx.onDocumentChanged((path, changes) => {
      const changed = changes ? store.documentChanged(path, changes) : store.revalidate(path);
      if (changed) publish([path]);
    });

    connection.onRequest(raceRunRequest, async (params: RaceRunParams, token): Promise<RaceRunResult> => {
      const empty = { reports: 0, findings: 0, packages: 0 };
      const locale = session.locale;
      if (!ctx.trusted()) return { outcome: 'untrusted', summary: [format(m.untrusted, locale)], ...empty };
      if (running) return { outcome: 'busy', summary: [format(m.busy, locale)], ...empty };
      const roots = ctx.roots();
      let targets: { cwd: string; packages: string[]; test?: string }[];
      if (params.scope.kind === 'workspace') {
        targets = findModules(roots).map((mod) => ({ cwd: mod.dir, packages: ['./...'] }));
      } else {
        const dir = dirname(ctx.toPath(params.scope.uri));
        targets = [{ cwd: dir, packages: ['.'], ...(params.scope.kind === 'test' ? { test: params.scope.test } : {}) }];
      }
      if (targets.length === 0) return { outcome: 'no-folder', summary: [format(m.noFolder, locale)], ...empty };

      running = true;
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => abort.abort());
      let buffered: string[] = [];
      let done = 0;
      const flush = () => {
        if (buffered.length === 0) return;
        void connection.sendNotification(raceProgressNotification, { packagesDone: done, output: buffered });
        buffered = [];
      };
      const ticker = setInterval(flush, 250);
      try {
        const layout = layoutFor(roots);
        const reports: RuntimeReport[] = [];
        const summary: string[] = [];
        const coverage: RunCoverage = { packages: [], ...(params.scope.kind === 'test' ? { test: params.scope.test } : {}) };
        let outcome: RaceRunResult['outcome'] = 'clean';
        let packages = 0;
        for (const t of targets) {
          if (abort.signal.aborted) break;
          const settings = readGoSettings(await connection.workspace.getConfiguration({ scopeUri: ctx.toUri(t.cwd), section: 'go' }).catch(() => ({})));
          const result = await runGoTestRace({
            ...t,
            go: settings,
            ...(params.extraArgs ? { extraArgs: params.extraArgs } : {}),
            ...(params.checks ? { checks: defaultRuntimeChecks } : {}),
            signal: abort.signal,
            onOutput: (line) => buffered.push(line),
            onPackage: (p, _n, total) => {
              done++;
              flush();
              void connection.sendNotification(raceProgressNotification, { packagesDone: done, ...(total !== undefined && targets.length === 1 ? { packagesTotal: total } : {}), package: p.package, status: p.status });
            },
          });
          reports.push(...result.reports);
          packages += result.packages.length;
          // A cancelled or failed-to-start run re-tested nothing: keep what was shown.
          if (!['cancelled', 'go-missing', 'needs-cgo'].includes(result.outcome)) coverage.packages.push(...result.packages.map((p) => p.package));
          summary.push(...summarizeRun(result, placeReports(result.reports, layout), locale));
          if (outcomeRank.indexOf(result.outcome) < outcomeRank.indexOf(outcome)) outcome = result.outcome;
        }
        const placed = placeReports(reports, layout);
        if (params.checks) {
          placed.findings.forEach((f) => (f.byTestRun = true));
          confirm(placed.findings);
        }
        const changed = store.applyRun(coverage, placed.findings);
        // The checklist reads the latest run from the session (item 2 and others, by each kind's checklist item).
        session.raceResults.set({ finishedAt: new Date().toISOString(), findings: toOutputFindings(store.all(), session.locale, readLine) });
        publish(changed);
        return { outcome, summary: [...new Set(summary)], reports: reports.length, findings: placed.findings.length, packages };
      } finally {
        clearInterval(ticker);
        flush();
        cancel.dispose();
        running = false;
      }
    });

    connection.onRequest(raceCodeActionsRequest, ({ uri, range }) => {
      const path = ctx.toPath(uri);
      const text = session.documentText(path) ?? readTextOr(path) ?? '';
      const summary = session.index.file(path);
      const pkg = summary ? session.index.packageOf(path) : undefined;
      const structs = pkg ? session.index.structsIn(pkg) : new Map();
      const structFile: StructFile = (name) => {
        const file = pkg?.files.find((x) => x.structs.some((st) => st.name === name));
        if (!file) return undefined;
        const fileText = session.documentText(file.path) ?? readTextOr(file.path);
        return fileText === undefined ? undefined : { path: file.path, text: fileText, summary: file };
      };
      const actions: CodeAction[] = [];
      for (const f of store.findingsFor(path)) {
        if (f.site.line < range.start.line || f.site.line > range.end.line) continue;
        for (const fix of raceFixes(f, text, summary, structs, session.locale, structFile)) {
          const changes: Record<string, TextEdit[]> = {};
          for (const e of fix.edits) {
            (changes[ctx.toUri(e.path)] ??= []).push({ range: { start: { line: e.line, character: e.character }, end: { line: e.endLine, character: e.endCharacter } }, newText: e.newText });
          }
          actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [toDiagnostic(f)], isPreferred: true, edit: { changes } });
        }
      }
      return actions;
    });
  },
};
