// The wizard page: walks a decision tree, shows the leaf's reasons, trade-offs
// and pitfalls, lets the user pick a generator and answer its questions, and
// shows the server's preview. Everything is built with DOM APIs and
// textContent (no HTML from data); every control is a native, focusable
// element, so the page works with the keyboard alone.
import type { WizardCatalog, WizardContextInfo, WizardNode, WizardParam, WizardPattern } from '../../../../server/src/protocol';
import { parseHostMessage, type ApplyMode, type PageMessage, type WizardStrings } from '../messages';

declare function acquireVsCodeApi(): { postMessage(message: PageMessage): void };
const vscode = acquireVsCodeApi();

let catalog: WizardCatalog | undefined;
let context: WizardContextInfo = { kind: 'none' };
let strings: WizardStrings | undefined;
let canInsert = false;
let path: string[] = [];
let pattern: string | undefined;
let answers: Record<string, string> = {};
let requestId = 0;
let lastOk = false;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = Object.assign(document.createElement(tag), props);
  for (const c of children) e.append(c);
  return e;
}

function announce(text: string): void {
  $('live').textContent = text;
}

function patternUsable(p: WizardPattern): boolean {
  return !p.appliesTo || p.appliesTo === context.kind;
}

function go(node: string): void {
  path.push(node);
  vscode.postMessage({ type: 'navigate', node });
  render();
}

function renderCrumbs(): void {
  const crumbs = $('crumbs');
  crumbs.replaceChildren();
  if (!catalog || !strings) return;
  const back = el('button', { type: 'button', className: 'link', textContent: `← ${strings.back}`, disabled: path.length <= 1 });
  back.addEventListener('click', () => {
    path.pop();
    render();
  });
  const restart = el('button', { type: 'button', className: 'link', textContent: strings.restart });
  restart.addEventListener('click', () => {
    path = [];
    render();
  });
  crumbs.append(back, restart);
  const trail = el('ol', { className: 'trail' });
  for (const id of path) trail.append(el('li', { textContent: catalog.nodes[id]?.title ?? id }));
  crumbs.append(trail);
}

function renderStart(): void {
  const node = $('node');
  node.replaceChildren(el('h1', { textContent: strings!.title }));
  const list = el('div', { className: 'options', role: 'list' });
  for (const tree of catalog!.trees) {
    const b = el('button', { type: 'button', className: 'option', textContent: tree.title });
    b.addEventListener('click', () => go(tree.root));
    list.append(b);
  }
  node.append(list);
  $('generator').hidden = true;
  (list.querySelector('button') as HTMLButtonElement | null)?.focus();
}

function renderQuestion(n: Extract<WizardNode, { kind: 'question' }>): void {
  const node = $('node');
  node.replaceChildren(el('h1', { textContent: n.title }));
  if (n.help) node.append(el('p', { className: 'help', textContent: n.help }));
  const list = el('div', { className: 'options', role: 'list' });
  // The option leading to what the code under the cursor suggests is the recommended one, and has the focus.
  const target = context.suggestedNode;
  let focus: HTMLButtonElement | undefined;
  for (const o of n.options) {
    const label = el('span', { className: 'label', textContent: o.label });
    const b = el('button', { type: 'button', className: 'option' }, label);
    if (o.description) b.append(el('span', { className: 'description', textContent: o.description }));
    if (target && !focus && leadsTo(o.next, target)) {
      label.append(' ', el('span', { className: 'badge', textContent: strings!.recommended }));
      focus = b;
    }
    b.addEventListener('click', () => go(o.next));
    list.append(b);
  }
  node.append(list);
  $('generator').hidden = true;
  (focus ?? (list.querySelector('button') as HTMLButtonElement | null))?.focus();
}

/** Whether `target` is `from` or below it in the tree. */
function leadsTo(from: string, target: string, seen = new Set<string>()): boolean {
  if (from === target) return true;
  if (seen.has(from)) return false;
  seen.add(from);
  const n = catalog?.nodes[from];
  return n?.kind === 'question' && n.options.some((o) => leadsTo(o.next, target, seen));
}

function section(title: string, items: string[], cls: string): HTMLElement {
  return el('section', { className: cls }, el('h2', { textContent: title }), el('ul', {}, ...items.map((i) => el('li', { textContent: i }))));
}

function renderLeaf(n: Extract<WizardNode, { kind: 'leaf' }>): void {
  const s = strings!;
  const node = $('node');
  node.replaceChildren(el('h1', { textContent: n.title }), section(s.why, [n.why], 'why'), section(s.tradeoffs, n.tradeoffs, 'tradeoffs'), section(s.pitfalls, n.pitfalls, 'pitfalls'));
  const gen = $('generator');
  const offered = n.patterns.map((id) => catalog!.patterns[id]).filter((p): p is WizardPattern => !!p);
  if (offered.length === 0) {
    gen.hidden = true;
    node.append(el('p', { className: 'help', textContent: s.noGenerator }));
    return;
  }
  gen.hidden = false;
  const best = recommendedPattern(offered);
  if (!pattern || !offered.some((p) => p.id === pattern && patternUsable(p))) {
    pattern = best;
    answers = startingAnswers(pattern);
  }
  const fs = $('patterns');
  fs.replaceChildren(el('legend', { textContent: s.pattern }));
  for (const p of offered) {
    const input = el('input', { type: 'radio', name: 'pattern', value: p.id, checked: p.id === pattern, disabled: !patternUsable(p) });
    input.addEventListener('change', () => {
      pattern = p.id;
      answers = startingAnswers(p.id);
      renderForm();
      requestPreview();
    });
    const title = el('span', { className: 'label', textContent: p.title });
    // The badge and the pre-selection come from the same choice, so they never disagree.
    if (p.id === best) title.append(' ', el('span', { className: 'badge', textContent: s.recommended }));
    const label = el('label', { className: 'radio' }, input, title, el('span', { className: 'description', textContent: p.appliesTo && !patternUsable(p) ? s.contextOnly : p.summary }));
    fs.append(label);
  }
  renderForm();
  requestPreview();
}

/** The context's suggestions (e.g. the flagged code's model type) for the parameters this pattern has. */
function startingAnswers(id: string): Record<string, string> {
  const params = new Set(catalog?.patterns[id]?.params.map((p) => p.id));
  return Object.fromEntries(Object.entries(context.defaults ?? {}).filter(([k, v]) => params.has(k) && typeof v === 'string'));
}

/**
 * The pattern the leaf recommends here: the context-aware rewrite when the
 * cursor is on what it rewrites, else the leaf's first (default) pattern
 * that can be used.
 */
function recommendedPattern(offered: WizardPattern[]): string {
  return (offered.find((p) => p.appliesTo && p.appliesTo === context.kind) ?? offered.find(patternUsable) ?? offered[0])!.id;
}

function field(p: WizardParam): HTMLElement {
  const id = `param-${p.id}`;
  const value = answers[p.id] ?? (p.id === 'fields' && context.fields ? '' : p.default);
  let input: HTMLInputElement | HTMLSelectElement;
  if (p.kind === 'choice' && p.choices) {
    input = el('select', { id, name: p.id }, ...p.choices.map((c) => el('option', { value: c.value, textContent: c.label, selected: c.value === value })));
  } else if (p.kind === 'bool') {
    input = el('input', { id, name: p.id, type: 'checkbox', checked: value === 'true' });
  } else {
    input = el('input', { id, name: p.id, type: 'text', value, spellcheck: false, placeholder: p.kind === 'fields' && context.fields ? context.fields.join(', ') : p.default });
  }
  const update = () => {
    const next = input instanceof HTMLInputElement && input.type === 'checkbox' ? String(input.checked) : input.value;
    // `change` follows `input` on blur with the same value: only a real change makes the preview stale.
    if (answers[p.id] === next) return;
    answers[p.id] = next;
    requestPreview();
  };
  input.addEventListener('input', update);
  input.addEventListener('change', update);
  return el('div', { className: 'field' }, el('label', { htmlFor: id, textContent: p.label }), input);
}

/** Pre-generics parameters are noise for modules that have generics. */
function hiddenForVersion(p: WizardParam): boolean {
  return !!p.onlyBefore && !!context.goVersion && compareVersions(context.goVersion, p.onlyBefore) >= 0;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((x) => parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

function renderForm(): void {
  const form = $('form');
  form.replaceChildren();
  const p = pattern ? catalog!.patterns[pattern] : undefined;
  if (!p) return;
  for (const param of p.params) if (!hiddenForVersion(param)) form.append(field(param));
  const contextual = !!p.appliesTo;
  const s = strings!;
  const insert = $<HTMLButtonElement>('insert');
  insert.textContent = s.insert;
  insert.title = canInsert ? '' : s.noEditor;
  $<HTMLButtonElement>('create').textContent = s.createFile;
  $<HTMLButtonElement>('create').hidden = contextual;
  $('with-test-label').textContent = s.withTest;
  updateButtons();
}

function mode(): ApplyMode {
  const p = pattern ? catalog!.patterns[pattern] : undefined;
  return canInsert || p?.appliesTo ? 'insert' : 'newFile';
}

function updateButtons(): void {
  const p = pattern ? catalog!.patterns[pattern] : undefined;
  $<HTMLButtonElement>('insert').disabled = !lastOk || !canInsert || (!!p?.appliesTo && !patternUsable(p));
  $<HTMLButtonElement>('create').disabled = !lastOk;
}

let timer: ReturnType<typeof setTimeout> | undefined;
/** The id of the preview on screen; Insert sends it, so the host inserts what was shown or refreshes it. */
let shownId = -1;
function requestPreview(): void {
  if (!pattern) return;
  clearTimeout(timer);
  // Until the new preview arrives the old one is out of date: dim it and keep Insert off.
  lastOk = false;
  $('preview').classList.add('stale');
  $('preview').setAttribute('aria-busy', 'true');
  updateButtons();
  timer = setTimeout(() => {
    vscode.postMessage({ type: 'preview', requestId: ++requestId, pattern: pattern!, answers: { ...answers }, mode: mode(), withTest: $<HTMLInputElement>('with-test').checked });
  }, 150);
}

function showResult(text: string, kind: 'ok' | 'error' | 'info', undoable = false): void {
  const box = $('result');
  box.className = `result ${kind}`;
  box.replaceChildren(el('span', { textContent: text }));
  if (undoable && strings) {
    const undo = el('button', { type: 'button', className: 'link', id: 'undo', textContent: strings.undo });
    undo.addEventListener('click', () => {
      undo.disabled = true;
      vscode.postMessage({ type: 'undo' });
    });
    box.append(' — ', undo);
  }
  box.hidden = false;
}

function render(): void {
  if (!catalog || !strings) return;
  $('app').setAttribute('aria-busy', 'false');
  renderCrumbs();
  const ctx = $('context');
  const parts = [context.label ? `${strings.context}: ${context.label}` : '', context.goVersion ? `${strings.goVersion} ${context.goVersion}` : ''].filter(Boolean);
  ctx.textContent = parts.join(' · ');
  const id = path[path.length - 1];
  const n = id ? catalog.nodes[id] : undefined;
  if (!n) renderStart();
  else if (n.kind === 'question') renderQuestion(n);
  else renderLeaf(n);
  if (n) announce(n.title);
}

function apply(m: ApplyMode): void {
  if (!pattern) return;
  announce(strings!.working);
  showResult(strings!.checking, 'info');
  $<HTMLButtonElement>('insert').disabled = true;
  $<HTMLButtonElement>('create').disabled = true;
  vscode.postMessage({ type: 'apply', requestId: shownId, pattern, answers: { ...answers }, mode: m, withTest: $<HTMLInputElement>('with-test').checked });
}

$('insert').addEventListener('click', () => apply('insert'));
$('create').addEventListener('click', () => apply('newFile'));
$('with-test').addEventListener('change', () => requestPreview());

window.addEventListener('message', (event: MessageEvent) => {
  const msg = parseHostMessage(event.data);
  if (!msg) return;
  switch (msg.type) {
    case 'init':
      catalog = msg.catalog;
      context = msg.context;
      strings = msg.strings;
      canInsert = msg.canInsert;
      $('preview-title').textContent = strings.preview;
      path = [];
      pattern = undefined;
      answers = {};
      if (msg.start && catalog.nodes[msg.start]) {
        // Open at the branch with its ancestors as the trail, so Back works.
        path = ancestry(msg.start);
      }
      render();
      return;
    case 'context':
      context = msg.context;
      canInsert = msg.canInsert;
      render();
      return;
    case 'preview': {
      if (msg.requestId !== requestId) return;
      const r = msg.result;
      lastOk = r.ok;
      shownId = msg.requestId;
      $('preview').classList.remove('stale');
      $('preview').setAttribute('aria-busy', 'false');
      $('preview').textContent = r.ok ? r.preview : '';
      const own = new Set(catalog?.patterns[pattern ?? '']?.params.map((x) => x.id));
      $('errors').replaceChildren(...r.errors.map((e) => el('p', { textContent: own.has(e.param) ? `${e.param}: ${e.message}` : e.message })));
      const notes = [...r.notes, ...r.dependencies.map((d) => `${strings!.dependencies}: ${d.module} — ${d.why}${d.missing ? ` (${strings!.dependencyMissing})` : ''}`)];
      $('notes').replaceChildren(...notes.map((n) => el('li', { textContent: n })));
      updateButtons();
      return;
    }
    case 'applied':
      announce(msg.message);
      showResult(msg.message, msg.ok ? 'ok' : 'error', msg.undoable === true);
      updateButtons();
      return;
    case 'check':
      // The re-check after Insert adds its verdict under the "Inserted — Undo" line.
      $('check').textContent = msg.message;
      $('check').className = `check ${msg.status}`;
      $('check').hidden = msg.message === '';
      return;
  }
});

/** The nodes from a tree root down to `id`. */
function ancestry(id: string): string[] {
  if (!catalog) return [id];
  const parentOf = new Map<string, string>();
  for (const n of Object.values(catalog.nodes)) if (n.kind === 'question') for (const o of n.options) parentOf.set(o.next, n.id);
  const out = [id];
  for (let p = parentOf.get(id); p && !out.includes(p); p = parentOf.get(p)) out.unshift(p);
  return out;
}

vscode.postMessage({ type: 'ready' });
