// The checklist panel's server side: evaluates the seed's checklist from the
// session's findings and the workspace's files, pushes it to the client
// whenever findings or checklist files change, saves manual ticks to
// `.goconc/checklist.json` and applies the items' actions as WorkspaceEdits.
import type { Parser } from 'web-tree-sitter';
import type { WorkspaceEdit } from 'vscode-languageserver/node';
import { toChecklistState } from '../checklist/checklistView';
import { evaluateChecklist } from '../checklist/evaluate';
import { checklistFindingsWithRun } from '../checklist/runConfirmation';
import { checklistItems } from '../checklist/items';
import { manualStatePath, readManualState, updateManualEntry } from '../checklist/manualState';
import type { ChecklistAction, ChecklistReport } from '../checklist/types';
import { createGoParser } from '../parse/goParser';
import {
  checklistChangedNotification,
  checklistFilesChangedNotification,
  checklistRequest,
  checklistRunActionRequest,
  checklistSetManualRequest,
  type ChecklistState,
} from '../protocol';
import { raceRuleMetas } from '../race/raceOutput';
import { allRuleMetas } from '../rules/registry';
import type { ServerContext, ServerFeature } from './feature';

const maxNoteLength = 2000;

export const checklistFeature: ServerFeature = {
  name: 'checklist',
  register(ctx: ServerContext) {
    let parser: Parser | undefined;
    let indexed = false;
    let last: { report: ChecklistReport; state: ChecklistState } | undefined;
    let timer: NodeJS.Timeout | undefined;
    const log = (m: string) => ctx.connection.console.log(`checklist: ${m}`);

    const compute = (): ChecklistState | null => {
      const roots = ctx.roots();
      if (roots.length === 0) return null;
      const manual = readManualState(roots[0]!);
      for (const p of manual.problems) log(`${manualStatePath(roots[0]!)}: ${p}`);
      const race = ctx.session.raceResults.get();
      const itemOf = new Map(allRuleMetas().map((m) => [m.id, m.checklistItem]));
      const report = evaluateChecklist({
        roots,
        // Static findings a goconc test run saw again are marked confirmed; run-time findings without one are gaps.
        findings: checklistFindingsWithRun(ctx.session.allFindings(), race?.findings ?? [], (rule) => itemOf.get(rule), ctx.session.locale),
        files: ctx.session.index.allFiles(),
        // Race-detector reports feed items through their kinds' metadata, like rules.
        ruleMetas: [...allRuleMetas(), ...raceRuleMetas(), ...raceRuleMetas('test').filter((m) => !m.id.startsWith('race/'))],
        raceRun: race ? { finishedAt: race.finishedAt } : undefined,
        manual: manual.state,
        locale: ctx.session.locale,
        parser,
      });
      const state = toChecklistState(report, ctx.session.locale, ctx.toUri, manualStatePath(roots[0]!));
      last = { report, state };
      return state;
    };

    const push = () => {
      try {
        const state = compute();
        if (state) void ctx.connection.sendNotification(checklistChangedNotification, state);
      } catch (err) {
        log(`evaluation failed: ${(err as Error).stack ?? String(err)}`);
      }
    };
    const schedule = (delayMs = 250) => {
      if (!indexed) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        push();
      }, delayMs);
    };

    void createGoParser().then(
      (p) => (parser = p),
      (err: Error) => log(`no Go parser for the handler scan: ${err.message}`),
    );
    // The first call comes after indexing (also for a workspace without Go files).
    ctx.onFindingsChanged(() => {
      indexed = true;
      schedule();
    });
    ctx.connection.onNotification(checklistFilesChangedNotification, () => schedule(100));
    ctx.session.raceResults.onChange(() => schedule());

    ctx.connection.onRequest(checklistRequest, () => (indexed ? (last?.state ?? compute()) : null));

    ctx.connection.onRequest(checklistSetManualRequest, (params) => {
      const root = ctx.roots()[0];
      const known = checklistItems.some((i) => i.id === params?.id);
      if (!root || !known || typeof params.checked !== 'boolean' || (params.note !== undefined && typeof params.note !== 'string')) {
        log(`ignored a malformed setManual request: ${JSON.stringify(params)}`);
        return last?.state ?? null;
      }
      const note = params.note?.slice(0, maxNoteLength).trim();
      const entry = params.checked || note ? { checked: params.checked, ...(note ? { note } : {}), updated: new Date().toISOString().slice(0, 10) } : undefined;
      updateManualEntry(root, params.id, entry);
      const state = compute();
      if (state) void ctx.connection.sendNotification(checklistChangedNotification, state);
      return state;
    });

    ctx.connection.onRequest(checklistRunActionRequest, async ({ actionId }) => {
      const action = last?.report.items.flatMap((i) => i.actions).find((a) => a.id === actionId);
      if (!action) return { applied: false, message: `unknown action ${String(actionId)}` };
      const result = await ctx.connection.workspace.applyEdit({ label: action.title, edit: workspaceEditFor(action, ctx.toUri) });
      schedule(50);
      return { applied: result.applied, message: result.failureReason };
    });
  },
};

export function workspaceEditFor(action: ChecklistAction, toUri: (p: string) => string): WorkspaceEdit {
  if (action.kind === 'add-race') {
    const { file, line, column, text } = action.edit;
    return { changes: { [toUri(file)]: [{ range: { start: { line, character: column }, end: { line, character: column } }, newText: text }] } };
  }
  const uri = toUri(action.file);
  return {
    documentChanges: [
      { kind: 'create', uri, options: { ignoreIfExists: true } },
      { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: action.content }] },
    ],
  };
}
