// The checklist view: a webview in the goconc activity-bar container and a
// status-bar score, both fed by the server's goconc/checklistChanged. Every
// message from the page is validated here; malformed ones are logged and
// dropped, and evidence can only open locations the server listed.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import {
  checklistChangedNotification,
  checklistFilesChangedNotification,
  checklistRequest,
  checklistRunActionRequest,
  checklistSetManualRequest,
  type ChecklistState,
} from '../../../server/src/protocol';
import { checklistHtml } from '../checklist/checklistHtml';
import { parsePageMessage, type ChecklistStrings, type HostMessage } from '../checklist/messages';
import { uiLanguage } from '../language';
import type { ClientContext, ClientFeature } from './feature';

export const checklistViewId = 'goconc.checklist';
const wizardCommand = 'goconc.openWizard';

/** The files besides Go sources that the checklist reads. */
const watchedGlob =
  '**/{.github/workflows/*.yml,.github/workflows/*.yaml,.gitlab-ci.yml,.circleci/config.yml,azure-pipelines*.yml,Jenkinsfile,.ci/*,Makefile,makefile,GNUmakefile,Taskfile.yml,Taskfile.yaml,magefile.go,*.sh,*.yaml,*.yml,go.mod,.goconc/checklist.json}';

function strings(): ChecklistStrings {
  return {
    title: l10n.t('Concurrency checklist'),
    score: l10n.t('Checklist: {passed}/{applicable} pass'),
    refresh: l10n.t('Re-evaluate the checklist'),
    loading: l10n.t('Waiting for goconc to index the workspace…'),
    empty: l10n.t('Open a folder with a Go module to evaluate the checklist.'),
    evidence: l10n.t('Evidence'),
    advice: l10n.t('Advice'),
    seedSection: l10n.t('field guide section "{section}"'),
    reviewed: l10n.t('Reviewed (saved in .goconc/checklist.json)'),
    note: l10n.t('Note'),
    saveNote: l10n.t('Save note'),
    openWizard: l10n.t('Open the decision wizard'),
    noEvidence: l10n.t('No evidence.'),
    checkedBy: l10n.t('Checks: {rules}'),
    manualFile: l10n.t('Manual ticks file'),
    statuses: { pass: l10n.t('pass'), fail: l10n.t('fail'), warn: l10n.t('warn'), 'n/a': l10n.t('n/a'), 'needs review': l10n.t('needs review') },
  };
}

/** Locations the page may open: exactly the evidence of the current state. */
function knownLocation(state: ChecklistState | null, uri: string, line: number): boolean {
  return !!state?.items.some((i) => i.evidence.some((e) => e.uri === uri && e.line === line));
}

class ChecklistViewProvider implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  state: ChecklistState | null = null;

  constructor(private readonly ctx: ClientContext) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const ext = this.ctx.extension.extensionUri;
    const dist = vscode.Uri.joinPath(ext, 'dist');
    const media = vscode.Uri.joinPath(ext, 'media');
    view.webview.options = { enableScripts: true, localResourceRoots: [dist, media] };
    view.webview.html = checklistHtml({
      cspSource: view.webview.cspSource,
      scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'checklistView.js')).toString(),
      styleUri: view.webview.asWebviewUri(vscode.Uri.joinPath(media, 'checklist.css')).toString(),
      codiconUri: view.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'codicons', 'codicon.css')).toString(),
      title: l10n.t('Concurrency checklist'),
      lang: uiLanguage(),
    });
    view.webview.onDidReceiveMessage((raw: unknown) => void this.onMessage(raw));
    view.onDidChangeVisibility(() => view.visible && void this.post());
  }

  async post(): Promise<void> {
    if (!this.view) return;
    const wizard = (await vscode.commands.getCommands(true)).includes(wizardCommand);
    const message: HostMessage = { type: 'state', state: this.state, wizard, strings: strings() };
    await this.view.webview.postMessage(message);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const msg = parsePageMessage(raw);
    const { client, output } = this.ctx;
    if (!msg) {
      output.warn(`checklist view: ignored a malformed message ${JSON.stringify(raw)?.slice(0, 300)}`);
      return;
    }
    switch (msg.type) {
      case 'ready':
        return this.post();
      case 'refresh':
        this.state = await client.sendRequest(checklistRequest);
        return this.post();
      case 'open': {
        if (!knownLocation(this.state, msg.uri, msg.line)) {
          output.warn(`checklist view: ignored a request to open ${msg.uri}:${msg.line}, not in the evidence`);
          return;
        }
        const pos = new vscode.Position(msg.line, msg.character);
        await vscode.window.showTextDocument(vscode.Uri.parse(msg.uri), { selection: new vscode.Range(pos, pos), preview: true });
        return;
      }
      case 'setManual':
        this.state = (await client.sendRequest(checklistSetManualRequest, { id: msg.id, checked: msg.checked, note: msg.note })) ?? this.state;
        return this.post();
      case 'runAction': {
        const r = await client.sendRequest(checklistRunActionRequest, { actionId: msg.actionId });
        if (!r.applied) output.warn(`checklist view: action ${msg.actionId} was not applied: ${r.message ?? 'declined'}`);
        return;
      }
      case 'openWizard':
        if ((await vscode.commands.getCommands(true)).includes(wizardCommand)) await vscode.commands.executeCommand(wizardCommand, msg.branch);
        return;
    }
  }
}

export const checklistView: ClientFeature = {
  name: 'checklist',
  async activate(ctx) {
    const provider = new ChecklistViewProvider(ctx);
    const status = vscode.window.createStatusBarItem('goconc.checklistScore', vscode.StatusBarAlignment.Left, 9);
    status.name = l10n.t('goconc checklist');
    status.command = { command: `${checklistViewId}.focus`, title: l10n.t('Show the concurrency checklist') };
    const update = (state: ChecklistState | null) => {
      provider.state = state;
      void provider.post();
      if (!state) return;
      const icon = state.failed ? '$(checklist)' : '$(pass)';
      status.text = `${icon} ${state.score.passed}/${state.score.applicable}`;
      status.tooltip = l10n.t('Concurrency checklist: {0} of {1} applicable items pass', state.score.passed, state.score.applicable);
      status.accessibilityInformation = { label: l10n.t('Concurrency checklist: {0} of {1} applicable items pass', state.score.passed, state.score.applicable) };
      status.show();
    };
    const watcher = vscode.workspace.createFileSystemWatcher(watchedGlob);
    const changed = (uri: vscode.Uri) => void ctx.client.sendNotification(checklistFilesChangedNotification, { uris: [uri.toString()] });
    ctx.extension.subscriptions.push(
      status,
      watcher,
      watcher.onDidChange(changed),
      watcher.onDidCreate(changed),
      watcher.onDidDelete(changed),
      vscode.window.registerWebviewViewProvider(checklistViewId, provider),
      ctx.client.onNotification(checklistChangedNotification, update),
      vscode.commands.registerCommand('goconc.showChecklist', () => vscode.commands.executeCommand(`${checklistViewId}.focus`)),
    );
    update(await ctx.client.sendRequest(checklistRequest));
  },
};
