/// <reference lib="dom" />
// The checklist page inside the webview: renders the state the host sends,
// builds DOM with textContent only (no HTML from data), and posts typed
// messages back. Keyboard: Tab between controls, ↑/↓/Home/End between items,
// Enter/Space to expand; a polite live region announces score changes.
import type { ChecklistItemView, ChecklistState } from '../../../../server/src/protocol';
import { parseHostMessage, type ChecklistStrings, type HostMessage, type PageMessage } from '../messages';

interface VsCodeApi {
  postMessage(message: PageMessage): void;
  getState(): { expanded?: string[] } | undefined;
  setState(state: { expanded: string[] }): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const expanded = new Set<string>(vscode.getState()?.expanded ?? []);
let current: HostMessage | undefined;
let lastScore = '';

const statusIcon: Record<ChecklistItemView['status'], string> = {
  pass: 'pass',
  fail: 'error',
  warn: 'warning',
  'n/a': 'circle-slash',
  'needs review': 'eye',
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

/** Text with `code` spans as <code>, built without parsing HTML. */
function rich(text: string): (Node | string)[] {
  return text.split('`').map((part, i) => (i % 2 === 1 ? el('code', {}, part) : part));
}

const icon = (name: string, extra = '') => el('span', { class: `codicon codicon-${name} ${extra}`.trim(), 'aria-hidden': 'true' });
const post = (m: PageMessage) => vscode.postMessage(m);
const slug = (id: string) => id.replace(/[^a-z0-9-]/gi, '-');

function fill(template: string, args: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in args ? String(args[k]) : m));
}

function evidenceList(item: ChecklistItemView, s: ChecklistStrings): HTMLElement {
  if (item.evidence.length === 0) return el('p', { class: 'muted' }, s.noEvidence);
  const list = el('ul', { class: 'evidence', 'aria-label': s.evidence });
  for (const e of item.evidence) {
    const where = `${e.label}:${e.line + 1}`;
    const open = el('button', { type: 'button', class: 'link evidence-link', title: where }, icon(e.negative ? 'circle-filled' : 'circle-outline', e.negative ? 'bad' : 'good'), where);
    open.addEventListener('click', () => post({ type: 'open', uri: e.uri, line: e.line, character: e.character }));
    const row = el('li', { class: 'evidence-row' }, open, el('span', { class: 'evidence-message' }, ...rich(e.message)));
    const action = e.actionId ? item.actions.find((a) => a.id === e.actionId) : undefined;
    if (action) row.append(actionButton(action));
    list.append(row);
  }
  return list;
}

function actionButton(action: ChecklistItemView['actions'][number]): HTMLButtonElement {
  const b = el('button', { type: 'button', class: 'action', 'data-action': action.id }, icon(action.kind === 'add-race' ? 'add' : 'new-file'), action.title);
  b.addEventListener('click', () => post({ type: 'runAction', actionId: action.id }));
  return b;
}

function manualControls(item: ChecklistItemView, s: ChecklistStrings): HTMLElement {
  const id = slug(item.id);
  const box = el('input', { type: 'checkbox', id: `tick-${id}` });
  box.checked = !!item.manual?.checked;
  const note = el('textarea', { id: `note-${id}`, rows: '2', maxlength: '2000' });
  note.value = item.manual?.note ?? '';
  box.addEventListener('change', () => post({ type: 'setManual', id: item.id, checked: box.checked, ...(note.value.trim() ? { note: note.value } : {}) }));
  const save = el('button', { type: 'button', class: 'secondary' }, s.saveNote);
  save.addEventListener('click', () => post({ type: 'setManual', id: item.id, checked: box.checked, note: note.value }));
  const meta = item.manual?.updated ? el('span', { class: 'muted' }, ` (${item.manual.updated})`) : '';
  return el(
    'div',
    { class: 'manual' },
    el('div', { class: 'tick' }, box, el('label', { for: `tick-${id}` }, s.reviewed), meta),
    el('label', { for: `note-${id}`, class: 'note-label' }, s.note),
    note,
    save,
  );
}

function itemView(item: ChecklistItemView, s: ChecklistStrings, wizard: boolean, locale: 'en' | 'ko'): HTMLLIElement {
  const id = slug(item.id);
  const open = expanded.has(item.id);
  const status = s.statuses[item.status] ?? item.status;
  const toggle = el(
    'button',
    { type: 'button', class: 'item-toggle', id: `head-${id}`, 'aria-expanded': String(open), 'aria-controls': `body-${id}`, 'data-id': item.id },
    icon(open ? 'chevron-down' : 'chevron-right', 'chevron'),
    icon(statusIcon[item.status] ?? 'circle-outline', 'status-icon'),
    el('span', { class: 'item-title' }, `${item.number}. `, ...rich(item.title)),
    el('span', { class: 'badge', title: String(item.count) }, String(item.count)),
    el('span', { class: 'status-text' }, status),
  );
  toggle.addEventListener('click', () => {
    if (expanded.has(item.id)) expanded.delete(item.id);
    else expanded.add(item.id);
    vscode.setState({ expanded: [...expanded] });
    render();
    document.getElementById(`head-${id}`)?.focus();
  });
  const advice = el(
    'details',
    { class: 'advice' },
    el('summary', {}, `${s.advice} — ${fill(s.seedSection, { section: item.advice.section })}`),
    // One language at a time: the other one is noise, and without CJK fonts Korean renders as empty boxes.
    el('p', { lang: locale }, ...rich(item.advice[locale])),
  );
  const body = el('div', { class: 'item-body', id: `body-${id}`, role: 'region', 'aria-labelledby': `head-${id}` }, el('p', { class: 'summary' }, ...rich(item.summary)), evidenceList(item, s));
  if (item.rules.length > 0) body.append(el('p', { class: 'muted rules' }, fill(s.checkedBy, { rules: item.rules.join(', ') })));
  const loose = item.actions.filter((a) => !item.evidence.some((e) => e.actionId === a.id));
  if (loose.length > 0) body.append(el('div', { class: 'actions' }, ...loose.map(actionButton)));
  body.append(advice, manualControls(item, s));
  if (wizard && item.wizardBranch) {
    const branch = item.wizardBranch;
    const w = el('button', { type: 'button', class: 'link wizard-link' }, icon('compass'), s.openWizard);
    w.addEventListener('click', () => post({ type: 'openWizard', branch }));
    body.append(w);
  }
  body.hidden = !open;
  return el('li', { class: `item status-${slug(item.status)}`, 'data-status': item.status }, el('h2', { class: 'item-heading' }, toggle), body);
}

function render(): void {
  const app = document.getElementById('app')!;
  const items = document.getElementById('items')!;
  const score = document.getElementById('score')!;
  const message = document.getElementById('message')!;
  if (!current) return;
  const { state, strings: s, wizard } = current;
  document.getElementById('refresh-label')!.textContent = s.refresh;
  document.getElementById('refresh')!.title = s.refresh;
  items.replaceChildren();
  if (!state) {
    score.textContent = s.title;
    message.textContent = s.loading;
    app.setAttribute('aria-busy', 'true');
    return;
  }
  app.setAttribute('aria-busy', 'false');
  const scoreText = fill(s.score, state.score);
  score.textContent = scoreText;
  message.textContent = state.items.length === 0 ? s.empty : '';
  for (const item of state.items) items.append(itemView(item, s, wizard, state.locale));
  if (lastScore && lastScore !== scoreText) document.getElementById('live')!.textContent = scoreText;
  lastScore = scoreText;
}

function onKey(ev: KeyboardEvent): void {
  const target = ev.target as HTMLElement | null;
  if (!target?.classList.contains('item-toggle')) return;
  const toggles = [...document.querySelectorAll<HTMLButtonElement>('.item-toggle')];
  const i = toggles.indexOf(target as HTMLButtonElement);
  const to = ev.key === 'ArrowDown' ? i + 1 : ev.key === 'ArrowUp' ? i - 1 : ev.key === 'Home' ? 0 : ev.key === 'End' ? toggles.length - 1 : undefined;
  if (to === undefined) return;
  ev.preventDefault();
  toggles[Math.max(0, Math.min(toggles.length - 1, to))]?.focus();
}

window.addEventListener('message', (ev: MessageEvent) => {
  const msg = parseHostMessage(ev.data);
  if (!msg) {
    console.warn('goconc checklist: ignored a malformed message from the host', ev.data);
    return;
  }
  const focused = document.activeElement?.id;
  current = msg;
  render();
  if (focused) document.getElementById(focused)?.focus();
});
document.addEventListener('keydown', onKey);
document.getElementById('refresh')!.addEventListener('click', () => post({ type: 'refresh' }));
post({ type: 'ready' });
export type { ChecklistState };
