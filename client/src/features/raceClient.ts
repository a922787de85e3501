// The race runner's editor side: the command and code lenses, progress with
// a cancel button, streamed output, and the goconc-race diagnostics and
// quick fixes the server sends. The server does the running and parsing.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import {
  raceCodeActionsRequest,
  raceDiagnosticsNotification,
  raceProgressNotification,
  raceRunRequest,
  type RaceRunResult,
  type RaceScope,
} from '../../../server/src/protocol';
import type { ClientContext, ClientFeature } from './feature';

const testFuncRe = /^func ((?:Test|Benchmark)[A-Z0-9_]\w*|Test|Benchmark)\(\w+ \*testing\.[TB]\)/;

class RaceCodeLenses implements vscode.CodeLensProvider {
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!doc.fileName.endsWith('_test.go') || !vscode.workspace.getConfiguration('goconc', doc.uri).get<boolean>('race.codeLens', true)) return [];
    const lenses: vscode.CodeLens[] = [];
    for (let i = 0; i < doc.lineCount; i++) {
      const m = testFuncRe.exec(doc.lineAt(i).text);
      if (!m) continue;
      const scope: RaceScope = { kind: 'test', uri: doc.uri.toString(), test: m[1]! };
      const range = new vscode.Range(i, 0, i, 0);
      lenses.push(new vscode.CodeLens(range, { title: l10n.t('run with -race'), command: 'goconc.race.run', arguments: [scope] }));
      lenses.push(new vscode.CodeLens(range, { title: l10n.t('run with concurrency checks'), command: 'goconc.test.run', arguments: [scope] }));
    }
    return lenses;
  }
}

/** The test function around the cursor, if any. */
function testAtCursor(editor: vscode.TextEditor | undefined): string | undefined {
  if (!editor || !editor.document.fileName.endsWith('_test.go')) return undefined;
  for (let i = editor.selection.active.line; i >= 0; i--) {
    const m = testFuncRe.exec(editor.document.lineAt(i).text);
    if (m) return m[1];
    if (i < editor.selection.active.line && /^func /.test(editor.document.lineAt(i).text)) return undefined;
  }
  return undefined;
}

async function pickScope(title: string): Promise<RaceScope | undefined> {
  const editor = vscode.window.activeTextEditor;
  const goFile = editor?.document.languageId === 'go' ? editor.document.uri.toString() : undefined;
  const test = testAtCursor(editor);
  const items: (vscode.QuickPickItem & { scope: RaceScope })[] = [{ label: l10n.t('Whole workspace'), description: './...', scope: { kind: 'workspace' } }];
  if (goFile) items.push({ label: l10n.t('Current package'), description: vscode.workspace.asRelativePath(vscode.Uri.parse(goFile).with({ path: vscode.Uri.parse(goFile).path.replace(/\/[^/]*$/, '') })), scope: { kind: 'package', uri: goFile } });
  if (goFile && test) items.push({ label: l10n.t('Current test'), description: test, scope: { kind: 'test', uri: goFile, test } });
  const picked = await vscode.window.showQuickPick(items, { title });
  return picked?.scope;
}

function isScope(v: unknown): v is RaceScope {
  const s = v as RaceScope | undefined;
  return !!s && (s.kind === 'workspace' || ((s.kind === 'package' || s.kind === 'test') && typeof s.uri === 'string'));
}

export const raceClient: ClientFeature = {
  name: 'race',
  activate(ctx: ClientContext) {
    const { client, extension } = ctx;
    const diagnostics = vscode.languages.createDiagnosticCollection('goconc-race');
    const output = vscode.window.createOutputChannel('goconc race');
    const status = vscode.window.createStatusBarItem('goconc.race', vscode.StatusBarAlignment.Left, 9);
    status.name = l10n.t('goconc race run');
    status.command = 'goconc.race.cancel';
    let current: vscode.CancellationTokenSource | undefined;
    let reportProgress: ((p: { packagesDone: number; packagesTotal?: number; package?: string; status?: string }) => void) | undefined;

    extension.subscriptions.push(
      diagnostics,
      output,
      status,
      client.onNotification(raceDiagnosticsNotification, async ({ files }) => {
        for (const f of files) diagnostics.set(vscode.Uri.parse(f.uri), await client.protocol2CodeConverter.asDiagnostics(f.diagnostics));
      }),
      client.onNotification(raceProgressNotification, (p) => {
        p.output?.forEach((l) => output.appendLine(l));
        if (p.package) {
          output.appendLine(`== ${p.packagesDone}${p.packagesTotal ? `/${p.packagesTotal}` : ''} ${p.package}: ${p.status ?? ''}`);
          reportProgress?.(p);
        }
      }),
      vscode.languages.registerCodeLensProvider({ language: 'go', scheme: 'file' }, new RaceCodeLenses()),
      vscode.languages.registerCodeActionsProvider(
        { language: 'go', scheme: 'file' },
        {
          async provideCodeActions(doc, range) {
            if (diagnostics.get(doc.uri)?.length === 0 || !diagnostics.has(doc.uri)) return [];
            const actions = await client.sendRequest(raceCodeActionsRequest, { uri: doc.uri.toString(), range: client.code2ProtocolConverter.asRange(range) });
            return (await client.protocol2CodeConverter.asCodeActionResult(actions)) as vscode.CodeAction[];
          },
        },
        { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
      ),
      vscode.commands.registerCommand('goconc.race.cancel', () => current?.cancel()),
      vscode.commands.registerCommand('goconc.race.run', (arg?: unknown) => run(arg, false)),
      // goconc test: the same run with goroutine-leak, deadlock and hang checks added (the server owns the difference).
      vscode.commands.registerCommand('goconc.test.run', (arg?: unknown) => run(arg, true)),
    );

    async function run(arg: unknown, checks: boolean): Promise<RaceRunResult | undefined> {
      if (!vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage(l10n.t('goconc runs tests with the race detector only in a trusted workspace: running tests executes the workspace\'s code.'));
        return undefined;
      }
      if (current) {
        void vscode.window.showInformationMessage(l10n.t('A race run is already in progress.'));
        return undefined;
      }
      const scope = isScope(arg) ? arg : await pickScope(checks ? l10n.t('Run tests with concurrency checks') : l10n.t('Run tests with the race detector'));
      if (!scope) return undefined;
      output.clear();
      const what = scope.kind === 'test' ? scope.test : scope.kind === 'package' ? vscode.workspace.asRelativePath(vscode.Uri.parse(scope.uri)) : './...';
      output.appendLine(checks ? l10n.t('goconc: go test -race -json with leak, deadlock and hang checks for {0}', what) : l10n.t('goconc: go test -race -json for {0}', what));
      current = new vscode.CancellationTokenSource();
      const source = current;
      // "Cancel the race detector run" is offered (palette, status bar) only while this is set.
      void vscode.commands.executeCommand('setContext', 'goconc.raceRunning', true);
      status.text = `$(sync~spin) ${l10n.t('race')}`;
      status.tooltip = l10n.t('goconc is running tests with the race detector; click to cancel');
      status.show();
      try {
        const result = await vscode.window.withProgress(
          {
            location: vscode.ProgressLocation.Notification,
            title: checks ? l10n.t('goconc: running tests with concurrency checks') : l10n.t('goconc: running tests with the race detector'),
            cancellable: true,
          },
          async (progress, token) => {
            token.onCancellationRequested(() => source.cancel());
            let last = 0;
            reportProgress = (p) => {
              const msg = `${p.packagesDone}${p.packagesTotal ? `/${p.packagesTotal}` : ''} ${p.package ?? ''}`;
              const pct = p.packagesTotal ? (100 * p.packagesDone) / p.packagesTotal : 0;
              progress.report({ message: msg, increment: pct - last });
              last = pct;
              status.text = `$(sync~spin) ${l10n.t('race')} ${p.packagesDone}${p.packagesTotal ? `/${p.packagesTotal}` : ''}`;
            };
            return client.sendRequest(raceRunRequest, { scope, ...(checks ? { checks } : {}) }, source.token);
          },
        );
        for (const line of result.summary) output.appendLine(line);
        const text = result.summary.join(' ');
        if (result.outcome === 'races') {
          const show = l10n.t('Show problems');
          void vscode.window.showWarningMessage(text, show).then((c) => c === show && vscode.commands.executeCommand('workbench.actions.view.problems'));
        } else if (result.outcome === 'clean' || result.outcome === 'cancelled') {
          void vscode.window.showInformationMessage(text);
        } else {
          const open = l10n.t('Show output');
          void vscode.window.showErrorMessage(text, open).then((c) => c === open && output.show());
        }
        return result;
      } catch (err) {
        void vscode.window.showErrorMessage(l10n.t('goconc race run failed: {0}', (err as Error).message));
        return undefined;
      } finally {
        reportProgress = undefined;
        current = undefined;
        void vscode.commands.executeCommand('setContext', 'goconc.raceRunning', false);
        source.dispose();
        status.hide();
      }
    }
  },
};
