// The decision-tree wizard: a webview panel (goconc.openWizard [branch]), a
// QuickPick flow for keyboard users (goconc.wizardQuickPick), and quick fixes
// that open it at the branch a diagnostic calls for. The server generates the
// code and the edits; this file shows them and applies them.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import {
  wizardAddDependenciesRequest,
  wizardCatalogRequest,
  wizardCheckRequest,
  type WizardCheckResult,
  wizardContextRequest,
  wizardPreviewRequest,
  type WizardCatalog,
  type WizardContextInfo,
  type WizardPreview,
  type WizardNode,
  type WizardPattern,
  type WizardPreviewParams,
} from '../../../server/src/protocol';
import { parsePageMessage, type HostMessage, type PageMessage, type WizardStrings } from '../wizard/messages';
import { wizardHtml } from '../wizard/wizardHtml';
import { uiLanguage } from '../language';
import type { ClientContext, ClientFeature } from './feature';

function strings(): WizardStrings {
  return {
    title: l10n.t('Which concurrency pattern fits?'),
    back: l10n.t('Back'),
    restart: l10n.t('Start over'),
    why: l10n.t('Why'),
    tradeoffs: l10n.t('Trade-offs'),
    pitfalls: l10n.t('Pitfalls'),
    pattern: l10n.t('Generate'),
    options: l10n.t('Options'),
    preview: l10n.t('Preview'),
    insert: l10n.t('Insert'),
    createFile: l10n.t('Create file'),
    withTest: l10n.t('Also create its test'),
    notes: l10n.t('Notes'),
    dependencies: l10n.t('Needs'),
    dependencyMissing: l10n.t('not in go.mod yet'),
    noEditor: l10n.t('Open a Go file to insert into'),
    context: l10n.t('At the cursor'),
    contextOnly: l10n.t('Put the cursor on the code it rewrites to use this.'),
    noGenerator: l10n.t('No generator for this leaf yet: follow the advice above.'),
    working: l10n.t('Generating…'),
    goVersion: l10n.t('Go'),
    recommended: l10n.t('recommended'),
    undo: l10n.t('Undo'),
    checking: l10n.t('Type-checking the change against the package…'),
  };
}

/** Where a quick fix opened the wizard: the generated helper is called from there. */
export interface WizardSite {
  uri: string;
  line: number;
  character: number;
}

export function isWizardSite(v: unknown): v is WizardSite {
  const o = v as WizardSite | undefined;
  return !!o && typeof o.uri === 'string' && Number.isInteger(o.line) && Number.isInteger(o.character);
}

/** What Undo restores: the text of each changed document as it was, and the files Insert created. */
interface UndoRecord {
  changed: { uri: vscode.Uri; before: string; versionAfter: number }[];
  created: vscode.Uri[];
}

/** One line for the panel from a check verdict. */
function checkMessage(r: WizardCheckResult): string {
  if (r.status === 'ok') return l10n.t('go build and go vet pass for the package.');
  if (r.status === 'errors') return `${l10n.t('The change does not compile in this package:')}\n${r.problems.join('\n')}`;
  return l10n.t('Not type-checked: {0}', r.reason ?? '');
}

/** The Go editor the wizard inserts into: the last one the user was in. */
class TargetTracker {
  uri: vscode.Uri | undefined;
  position: vscode.Position | undefined;
  private timer: NodeJS.Timeout | undefined;
  constructor(subscriptions: vscode.Disposable[], private readonly changed: () => void) {
    this.track(vscode.window.activeTextEditor);
    // What is under the cursor changes with the editor, the cursor and the text (e.g. after Insert).
    const later = () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.changed(), 300);
    };
    subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor((e) => e && this.track(e) && later()),
      vscode.window.onDidChangeTextEditorSelection((e) => e.textEditor.document.languageId === 'go' && this.track(e.textEditor) && later()),
      vscode.workspace.onDidChangeTextDocument((e) => e.document.uri.toString() === this.uri?.toString() && later()),
    );
  }
  private track(e: vscode.TextEditor | undefined): boolean {
    if (!e || e.document.languageId !== 'go' || e.document.uri.scheme !== 'file') return false;
    this.uri = e.document.uri;
    this.position = e.selection.active;
    return true;
  }
  params(): { uri?: string; position?: { line: number; character: number } } {
    return this.uri ? { uri: this.uri.toString(), ...(this.position ? { position: { line: this.position.line, character: this.position.character } } : {}) } : {};
  }
}

/** Applies the server's edits; creates new files; opens the changed file. Returns what Undo needs, or undefined. */
async function applyPreview(result: WizardPreview): Promise<UndoRecord | undefined> {
  const edit = new vscode.WorkspaceEdit();
  const record: UndoRecord = { changed: [], created: [] };
  for (const e of result.edits) {
    const uri = vscode.Uri.parse(e.uri);
    if (e.create) record.created.push(uri);
    else if (!record.changed.some((c) => c.uri.toString() === uri.toString())) record.changed.push({ uri, before: (await vscode.workspace.openTextDocument(uri)).getText(), versionAfter: -1 });
  }
  for (const e of result.edits) {
    const uri = vscode.Uri.parse(e.uri);
    if (e.create) {
      edit.createFile(uri, { ignoreIfExists: false, contents: new TextEncoder().encode(e.newText) });
    } else {
      edit.replace(uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
    }
  }
  const ok = await vscode.workspace.applyEdit(edit);
  if (!ok) return undefined;
  for (const c of record.changed) c.versionAfter = (await vscode.workspace.openTextDocument(c.uri)).version;
  const first = result.edits[0];
  if (first) {
    const uri = vscode.Uri.parse(first.uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    if (result.edits.some((e) => e.create)) await doc.save();
    const editor = await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
    // Show where the new code starts (the edit itself may begin at the import block).
    if (result.reveal) {
      const at = new vscode.Position(result.reveal.line, result.reveal.character);
      editor.selection = new vscode.Selection(at, at);
      editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.AtTop);
    }
  }
  return record;
}

/** Undoes an Insert unless the user edited the changed documents since (then their edits would be lost). */
async function undoInsert(record: UndoRecord): Promise<string | undefined> {
  const edit = new vscode.WorkspaceEdit();
  for (const c of record.changed) {
    const doc = await vscode.workspace.openTextDocument(c.uri);
    if (doc.version !== c.versionAfter) return l10n.t('{0} changed after Insert: use Edit › Undo there instead.', vscode.workspace.asRelativePath(c.uri));
    edit.replace(c.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), c.before);
  }
  for (const u of record.created) edit.deleteFile(u, { ignoreIfNotExists: true });
  return (await vscode.workspace.applyEdit(edit)) ? undefined : l10n.t('The edit could not be applied.');
}

/**
 * Offers `go get` for modules the code needs and go.mod lacks. The server
 * pins each to the newest version whose `go` directive the module already
 * satisfies, so the module's `go` line never moves, and records it as a direct
 * requirement (trusted workspaces only; the go command gets an argument array).
 */
async function offerDependencies(ctx: ClientContext, result: WizardPreview): Promise<boolean> {
  const missing = result.dependencies.filter((d) => d.missing);
  if (missing.length === 0 || !result.edits[0]) return false;
  const modules = missing.map((d) => d.module);
  const add = l10n.t('Run go get');
  const choice = await vscode.window.showInformationMessage(l10n.t('The generated code needs {0}. Add to go.mod?', modules.join(', ')), add);
  if (choice !== add) return false;
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(l10n.t('goconc runs go get only in trusted workspaces.'));
    return false;
  }
  const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: l10n.t('go get {0}', modules.join(' ')) }, () =>
    ctx.client.sendRequest(wizardAddDependenciesRequest, { uri: result.edits[0]!.uri, modules }),
  );
  for (const c of r.commands) ctx.output.info(`wizard: ${c}`);
  for (const a of r.added) ctx.output.info(`wizard: added ${a.module} ${a.version}`);
  if (r.added.length > 0) void vscode.window.showInformationMessage(l10n.t('Added {0} to go.mod (the go line is unchanged).', r.added.map((a) => `${a.module}@${a.version}`).join(', ')));
  for (const f of r.failed) void vscode.window.showErrorMessage(`go get ${f.module}: ${f.message}`);
  return r.added.length > 0;
}

class WizardPanel {
  private panel: vscode.WebviewPanel | undefined;
  private catalog: WizardCatalog | undefined;
  private start = '';
  private site: WizardSite | undefined;
  /** The last preview sent to the page, and the versions of the documents it was computed from. */
  private shown: { requestId: number; mode: 'insert' | 'newFile'; result: WizardPreview; versions: Map<string, number> } | undefined;
  private lastInsert: UndoRecord | undefined;
  private readonly target: TargetTracker;

  constructor(private readonly ctx: ClientContext) {
    this.target = new TargetTracker(ctx.extension.subscriptions, () => void this.sendContext());
  }

  async open(branch?: string, site?: WizardSite): Promise<void> {
    this.site = site;
    this.catalog ??= await this.ctx.client.sendRequest(wizardCatalogRequest);
    const context = await this.context();
    this.start = branch && this.catalog.nodes[branch] ? branch : (context.suggestedNode ?? '');
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside);
      await this.sendInit(context);
      return;
    }
    const ext = this.ctx.extension.extensionUri;
    const dist = vscode.Uri.joinPath(ext, 'dist');
    const media = vscode.Uri.joinPath(ext, 'media');
    const panel = vscode.window.createWebviewPanel('goconc.wizard', l10n.t('goconc wizard'), vscode.ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: [dist, media],
      retainContextWhenHidden: true,
    });
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(media, 'goconc.svg');
    panel.webview.html = wizardHtml({
      cspSource: panel.webview.cspSource,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'wizardView.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'wizard.css')).toString(),
      title: l10n.t('goconc wizard'),
      lang: uiLanguage(),
    });
    panel.webview.onDidReceiveMessage((raw: unknown) => void this.onMessage(raw));
    panel.onDidDispose(() => (this.panel = undefined));
  }

  private async context(): Promise<WizardContextInfo> {
    try {
      return await this.ctx.client.sendRequest(wizardContextRequest, this.target.params());
    } catch (err) {
      this.ctx.output.warn(`wizard: context request failed: ${(err as Error).message}`);
      return { kind: 'none' };
    }
  }

  private post(message: HostMessage): void {
    void this.panel?.webview.postMessage(message);
  }

  private async sendInit(context?: WizardContextInfo): Promise<void> {
    if (!this.catalog) return;
    this.post({ type: 'init', catalog: this.catalog, context: context ?? (await this.context()), start: this.start, strings: strings(), canInsert: !!this.target.uri });
  }

  private async sendContext(): Promise<void> {
    if (!this.panel) return;
    this.post({ type: 'context', context: await this.context(), canInsert: !!this.target.uri });
  }

  private async onMessage(raw: unknown): Promise<void> {
    const msg = parsePageMessage(raw, this.catalog);
    if (!msg) {
      this.ctx.output.warn(`wizard: ignored a malformed message ${JSON.stringify(raw)?.slice(0, 300)}`);
      return;
    }
    switch (msg.type) {
      case 'ready':
        return this.sendInit();
      case 'navigate':
        return;
      case 'preview': {
        const result = await this.preview({ pattern: msg.pattern, answers: msg.answers, mode: msg.mode, withTest: msg.withTest });
        this.shown = { requestId: msg.requestId, mode: msg.mode, result, versions: this.versionsOf(result) };
        this.post({ type: 'preview', requestId: msg.requestId, result });
        return;
      }
      case 'apply':
        return this.apply(msg);
      case 'undo': {
        const record = this.lastInsert;
        this.lastInsert = undefined;
        const problem = record ? await undoInsert(record) : l10n.t('Nothing to undo.');
        this.post({ type: 'applied', ok: !problem, message: problem ?? l10n.t('Undone.') });
        this.post({ type: 'check', status: 'ok', message: '' });
        return;
      }
    }
  }

  /** Versions of the open documents a preview edits: a later change makes the preview stale. */
  private versionsOf(result: WizardPreview): Map<string, number> {
    const out = new Map<string, number>();
    for (const e of result.edits) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === vscode.Uri.parse(e.uri).toString());
      out.set(e.uri, doc?.version ?? -1);
    }
    return out;
  }

  /**
   * Insert: exactly the preview the user saw (a stale one is refreshed and
   * shown again instead), type-checked against the package first, then
   * applied with "Inserted — Undo" and checked again as it now stands.
   */
  private async apply(msg: Extract<PageMessage, { type: 'apply' }>): Promise<void> {
    const shown = this.shown;
    const fresh = shown && shown.requestId === msg.requestId && [...shown.versions].every(([uri, v]) => v === this.versionsOf(shown.result).get(uri));
    if (!shown || !fresh || !shown.result.ok) {
      const result = await this.preview({ pattern: msg.pattern, answers: msg.answers, mode: msg.mode, withTest: msg.withTest });
      this.shown = { requestId: msg.requestId, mode: msg.mode, result, versions: this.versionsOf(result) };
      this.post({ type: 'preview', requestId: msg.requestId, result });
      this.post({ type: 'applied', ok: false, message: l10n.t('The file changed since the preview: the preview is up to date again; check it and Insert again.') });
      return;
    }
    // Create file on a preview made for Insert: the same code and answers, another destination.
    const result = shown.mode === msg.mode ? shown.result : await this.preview({ pattern: msg.pattern, answers: msg.answers, mode: msg.mode, withTest: msg.withTest });
    if (!result.ok) {
      this.post({ type: 'applied', ok: false, message: result.errors.map((e) => e.message).join('; ') });
      return;
    }
    this.post({ type: 'check', status: 'checking', message: l10n.t('Type-checking the change against the package…') });
    const before = await this.check(result.edits);
    if (before.status === 'errors') {
      this.post({ type: 'check', status: 'errors', message: checkMessage(before) });
      this.post({ type: 'applied', ok: false, message: l10n.t('Not inserted: the change would not compile.') });
      return;
    }
    const record = await applyPreview(result);
    if (!record) {
      this.post({ type: 'applied', ok: false, message: l10n.t('The edit could not be applied.') });
      return;
    }
    this.lastInsert = record;
    this.post({ type: 'applied', ok: true, message: l10n.t('Inserted'), undoable: true });
    for (const n of result.notes) this.ctx.output.info(`wizard: ${n}`);
    const added = await offerDependencies(this.ctx, result);
    // Re-check the package as it now is (buffers included): after go get a missing module resolves.
    const after = before.status === 'ok' && !added ? before : await this.check([], result.edits[0]?.uri);
    this.post({ type: 'check', status: after.status, message: checkMessage(after) });
  }

  private async check(edits: WizardPreview['edits'], uri?: string): Promise<WizardCheckResult> {
    try {
      return await this.ctx.client.sendRequest(wizardCheckRequest, { edits, ...(uri ? { uri } : {}) });
    } catch (err) {
      return { status: 'unavailable', problems: [], reason: (err as Error).message };
    }
  }

  private async preview(p: Omit<WizardPreviewParams, 'uri' | 'position'>): Promise<WizardPreview> {
    try {
      const target = this.target.params();
      // Opened from a quick fix: the server rewrites the flagged code (same document only) to call the helper.
      const site = this.site && this.site.uri === target.uri ? { site: { line: this.site.line, character: this.site.character } } : {};
      return await this.ctx.client.sendRequest(wizardPreviewRequest, { ...p, ...target, ...site });
    } catch (err) {
      return { ok: false, errors: [{ param: 'server', message: (err as Error).message }], preview: '', edits: [], notes: [], dependencies: [] };
    }
  }
}

/** The same trees as QuickPicks and InputBoxes, for keyboard and screen-reader users. */
async function quickPickWizard(ctx: ClientContext, branch?: string): Promise<void> {
  const catalog = await ctx.client.sendRequest(wizardCatalogRequest);
  const editor = vscode.window.activeTextEditor?.document.languageId === 'go' ? vscode.window.activeTextEditor : undefined;
  const where = editor ? { uri: editor.document.uri.toString(), position: { line: editor.selection.active.line, character: editor.selection.active.character } } : {};
  const context = await ctx.client.sendRequest(wizardContextRequest, where);
  let id: string | undefined = branch && catalog.nodes[branch] ? branch : context.suggestedNode;
  if (!id) {
    const tree = await vscode.window.showQuickPick(catalog.trees.map((t) => ({ label: t.title, id: t.root })), { title: l10n.t('Which concurrency pattern fits?') });
    if (!tree) return;
    id = tree.id;
  }
  for (;;) {
    const node: WizardNode | undefined = catalog.nodes[id];
    if (!node) return;
    if (node.kind === 'leaf') {
      const usable = node.patterns.map((p) => catalog.patterns[p]).filter((p): p is WizardPattern => !!p && (!p.appliesTo || p.appliesTo === context.kind));
      if (usable.length === 0) {
        void vscode.window.showInformationMessage(`${node.title}: ${node.why}`);
        return;
      }
      const pick = await vscode.window.showQuickPick(
        usable.map((p) => ({ label: p.title, detail: p.summary, id: p.id })),
        { title: node.title, placeHolder: `${node.why} — ${l10n.t('Pitfalls')}: ${node.pitfalls.join(' ')}`, matchOnDetail: true },
      );
      if (!pick) return;
      const pattern = catalog.patterns[pick.id]!;
      const answers: Record<string, string> = {};
      for (const param of pattern.params) {
        if (param.kind === 'choice' && param.choices) {
          const c = await vscode.window.showQuickPick(param.choices.map((x) => ({ label: x.label, value: x.value })), { title: param.label });
          if (!c) return;
          answers[param.id] = c.value;
        } else if (param.kind === 'bool') {
          const yes = l10n.t('Yes');
          const c = await vscode.window.showQuickPick([yes, l10n.t('No')], { title: param.label });
          if (!c) return;
          answers[param.id] = String(c === yes);
        } else {
          const v = await vscode.window.showInputBox({ title: param.label, value: param.default, prompt: pattern.title });
          if (v === undefined) return;
          answers[param.id] = v;
        }
      }
      const insert = l10n.t('Insert at the cursor');
      const create = l10n.t('Create a new file');
      const modes = pattern.appliesTo ? [insert] : editor ? [insert, create] : [create];
      const m = modes.length === 1 ? modes[0] : await vscode.window.showQuickPick(modes, { title: pattern.title });
      if (!m) return;
      const result = await ctx.client.sendRequest(wizardPreviewRequest, { ...where, pattern: pattern.id, answers, mode: m === insert ? 'insert' : 'newFile', withTest: true });
      if (!result.ok) {
        void vscode.window.showErrorMessage(result.errors.map((e) => `${e.param}: ${e.message}`).join('; '));
        return;
      }
      const check = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: l10n.t('Type-checking the change against the package…') }, () =>
        ctx.client.sendRequest(wizardCheckRequest, { edits: result.edits }),
      );
      if (check.status === 'errors') {
        void vscode.window.showErrorMessage(checkMessage(check));
        return;
      }
      if (await applyPreview(result)) {
        for (const n of result.notes) void vscode.window.showInformationMessage(n);
        await offerDependencies(ctx, result);
      }
      return;
    }
    const choice: (vscode.QuickPickItem & { next: string }) | undefined = await vscode.window.showQuickPick(
      node.options.map((o): vscode.QuickPickItem & { next: string } => ({ label: o.label, ...(o.description ? { detail: o.description } : {}), next: o.next })),
      { title: node.title, ...(node.help ? { placeHolder: node.help } : {}) },
    );
    if (!choice) return;
    id = choice.next;
  }
}

/** Quick fixes on goconc diagnostics that open the wizard at the branch that fixes them. */
class WizardCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];
  constructor(private readonly branches: () => Record<string, string> | undefined) {}
  provideCodeActions(_doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const map = this.branches();
    if (!map) return [];
    const out: vscode.CodeAction[] = [];
    // Whole lines, as the server's own actions (Ignore here, fixes): Ctrl+. anywhere on the flagged line offers the wizard.
    const onLines = vscode.languages.getDiagnostics(_doc.uri).filter((d) => d.range.start.line <= _range.end.line && d.range.end.line >= _range.start.line);
    const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? ''));
    const seen = new Set<string>();
    for (const d of [...context.diagnostics, ...onLines]) {
      const code = codeOf(d);
      const key = `${code}@${d.range.start.line}:${d.range.start.character}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const branch = d.source === 'goconc' ? map[code] : undefined;
      if (!branch) continue;
      const action = new vscode.CodeAction(l10n.t('Open the goconc wizard for {0}', code), vscode.CodeActionKind.QuickFix);
      action.diagnostics = [d];
      const site: WizardSite = { uri: _doc.uri.toString(), line: d.range.start.line, character: d.range.start.character };
      action.command = { command: 'goconc.openWizard', title: action.title, arguments: [branch, site] };
      out.push(action);
    }
    return out;
  }
}

export const wizardPanel: ClientFeature = {
  name: 'wizard',
  async activate(ctx) {
    const panel = new WizardPanel(ctx);
    let branches: Record<string, string> | undefined;
    ctx.extension.subscriptions.push(
      vscode.commands.registerCommand('goconc.openWizard', (branch?: unknown, site?: unknown) => panel.open(typeof branch === 'string' ? branch : undefined, isWizardSite(site) ? site : undefined)),
      vscode.commands.registerCommand('goconc.wizardQuickPick', (branch?: unknown) => quickPickWizard(ctx, typeof branch === 'string' ? branch : undefined)),
      vscode.languages.registerCodeActionsProvider({ language: 'go', scheme: 'file' }, new WizardCodeActions(() => branches), { providedCodeActionKinds: WizardCodeActions.kinds }),
    );
    try {
      branches = (await ctx.client.sendRequest(wizardCatalogRequest)).ruleBranches;
    } catch (err) {
      ctx.output.warn(`wizard: catalog request failed: ${(err as Error).message}`);
    }
  },
};
