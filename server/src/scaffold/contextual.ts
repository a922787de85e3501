// Context-aware scaffolds: they rewrite the code under the cursor instead of
// adding standalone declarations — guard a struct with a mutex, bound a loop
// that starts goroutines, version a GORM model, lock the row read inside a
// transaction. Each returns edits; imports are planned once for the file.
import type { Parser, Tree } from 'web-tree-sitter';
import type { LocalText } from '../l10n/locale';
import { parseGo } from '../parse/goParser';
import { blockStatements, namedChildren, walk, type Node } from '../parse/syntax';
import { resolveAnswers } from './answers';
import { goStatementsIn, type CursorContext, type StructField } from './context';
import { minimalEdit } from './edits';
import { gofmt } from './gofmt';
import { goFeatures } from './goVersion';
import { applyOffsetEdits, planImports, requalify, type OffsetEdit } from './imports';
import { capitalize, receiverName } from './names';
import { lib, param, std } from './patterns/common';
import { lockOptions, lockWaitParam, optimisticGorm } from './patterns/database';
import type { Answers, ImportNeed, ParamSpec, TargetFacts } from './types';
import { format, type Locale } from '../l10n/locale';

export interface ContextInput {
  text: string;
  tree: Tree;
  parser: Parser;
  ctx: CursorContext;
  answers: Answers;
  target: TargetFacts;
  /** The name this file uses for an import path (after planning). */
  q: (path: string) => string;
}

export interface ContextPattern {
  id: string;
  title: LocalText;
  summary: LocalText;
  params: ParamSpec[];
  appliesTo: Exclude<CursorContext['kind'], 'none'>;
  imports(input: Omit<ContextInput, 'q'>): ImportNeed[];
  edits(input: ContextInput): { edits: OffsetEdit[]; notes: LocalText[] };
}

function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** Existing method names of a type in this file, to avoid generating clashing accessors. */
function methodNames(tree: Tree, typeName: string): Set<string> {
  const out = new Set<string>();
  for (const m of namedChildren(tree.rootNode).filter((n) => n.type === 'method_declaration')) {
    const recv = m.childForFieldName('receiver')?.text ?? '';
    if (new RegExp(`\\*?\\s*${typeName}\\b`).test(recv.replace(/^\(\s*\w+\s+/, ''))) out.add(m.childForFieldName('name')?.text ?? '');
  }
  return out;
}

function existingReceiverName(tree: Tree, typeName: string): string | undefined {
  for (const m of namedChildren(tree.rootNode).filter((n) => n.type === 'method_declaration')) {
    const params = m.childForFieldName('receiver');
    const decl = params && namedChildren(params).find((c) => c.type === 'parameter_declaration');
    const t = decl?.childForFieldName('type')?.text.replace(/^\*/, '');
    const n = decl?.childForFieldName('name')?.text;
    if (t === typeName && n && n !== '_') return n;
  }
  return undefined;
}

export const structGuard: ContextPattern = {
  id: 'struct-guard',
  title: { en: 'Guard this struct with a mutex', ko: '이 구조체를 뮤텍스로 보호' },
  summary: {
    en: 'Adds a mutex field above the guarded fields (or reuses the one it has) and accessors that lock around every read and write of the chosen fields.',
    ko: '보호할 필드 위에 뮤텍스 필드를 추가하고(있으면 재사용) 고른 필드의 모든 읽기와 쓰기를 락으로 감싸는 접근자를 만듭니다.',
  },
  params: [
    param('fields', 'fields', '', 'Fields to guard (comma-separated; empty = all)', '보호할 필드 (쉼표로 구분, 비우면 전부)'),
    param('lock', 'choice', 'mutex', 'Lock', '락', [
      { value: 'mutex', label: { en: 'sync.Mutex (writes often)', ko: 'sync.Mutex (쓰기 잦음)' } },
      { value: 'rwmutex', label: { en: 'sync.RWMutex (reads dominate)', ko: 'sync.RWMutex (읽기 위주)' } },
    ]),
  ],
  appliesTo: 'struct',
  imports: ({ ctx }) => (ctx.kind === 'struct' && !ctx.mutex ? [std.sync] : []),
  edits({ text, tree, ctx, answers, q }) {
    if (ctx.kind !== 'struct') return { edits: [], notes: [] };
    const notes: LocalText[] = [];
    const wanted = (answers.fields ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const fields = ctx.fields.filter((f) => f.kind !== 'lock' && (wanted.length === 0 || wanted.includes(f.name)));
    const rw = ctx.mutex ? ctx.mutex.rw : answers.lock === 'rwmutex';
    const taken = new Set(ctx.fields.map((f) => f.name));
    let mu = ctx.mutex?.name ?? 'mu';
    for (let i = 2; !ctx.mutex && taken.has(mu); i++) mu = `mu${i}`;
    const edits: OffsetEdit[] = [];
    if (!ctx.mutex) {
      const guarded = fields.map((f) => f.name).join(', ');
      edits.push({ start: ctx.open + 1, end: ctx.open + 1, newText: `\n\t${mu} ${q('sync')}.${rw ? 'RWMutex' : 'Mutex'} // guards ${guarded}` });
    }
    const existing = methodNames(tree, ctx.name);
    const r = existingReceiverName(tree, ctx.name) ?? receiverName(ctx.name, [...taken, 'key', 'value', 'v', 'out']);
    const [rl, ru] = rw ? ['RLock', 'RUnlock'] : ['Lock', 'Unlock'];
    const methods: string[] = [];
    const add = (name: string, sig: string, body: string, read: boolean) => {
      if (existing.has(name) || taken.has(name)) {
        notes.push({ en: `Skipped ${name}: ${ctx.name} already has a method or field with that name.`, ko: `${name} 건너뜀: ${ctx.name} 에 같은 이름의 메서드나 필드가 이미 있습니다.` });
        return;
      }
      existing.add(name);
      methods.push(`// ${name} ${read ? 'reads' : 'updates'} ${ctx.name} with ${mu} held.\nfunc (${r} *${ctx.name}) ${name}${sig} {\n\t${r}.${mu}.${read ? rl : 'Lock'}()\n\tdefer ${r}.${mu}.${read ? ru : 'Unlock'}()\n${body}\n}`);
    };
    for (const f of fields) accessors(f, r, add);
    if (methods.length > 0) edits.push({ start: ctx.declEnd, end: ctx.declEnd, newText: `\n\n${methods.join('\n\n')}` });
    return { edits, notes };
  },
};

function accessors(f: StructField, r: string, add: (name: string, sig: string, body: string, read: boolean) => void): void {
  const C = capitalize(f.name);
  const getter = C !== f.name ? C : `Get${f.name}`;
  if (f.kind === 'map' && f.key && f.elem) {
    add(`Get${C}`, `(key ${f.key}) (${f.elem}, bool)`, `\tv, ok := ${r}.${f.name}[key]\n\treturn v, ok`, true);
    add(`Set${C}`, `(key ${f.key}, value ${f.elem})`, `\tif ${r}.${f.name} == nil {\n\t\t${r}.${f.name} = make(${f.type})\n\t}\n\t${r}.${f.name}[key] = value`, false);
    add(`Delete${C}`, `(key ${f.key})`, `\tdelete(${r}.${f.name}, key)`, false);
  } else if (f.kind === 'slice' && f.elem) {
    // Returning the slice itself would hand out unguarded access: copy it.
    add(getter, `() ${f.type}`, `\treturn append(${f.type}(nil), ${r}.${f.name}...)`, true);
    add(`Append${C}`, `(values ...${f.elem})`, `\t${r}.${f.name} = append(${r}.${f.name}, values...)`, false);
  } else {
    add(getter, `() ${f.type}`, `\treturn ${r}.${f.name}`, true);
    add(`Set${C}`, `(value ${f.type})`, `\t${r}.${f.name} = value`, false);
  }
}

/** A fresh local name not used anywhere in `scope`. */
function freshName(scope: Node, base: string): string {
  const used = new Set<string>();
  walk(scope, (n) => {
    if (n.type === 'identifier') used.add(n.text);
    return true;
  });
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base}${i}`;
  return name;
}

/** `x := x` copies of the loop's variables, needed before Go 1.22 when a closure captures them. */
function loopVarCopies(loop: Node): string[] {
  const clause = namedChildren(loop).find((c) => c.type === 'range_clause' || c.type === 'for_clause');
  if (!clause) return [];
  const left = clause.type === 'range_clause' ? clause.childForFieldName('left') : clause.childForFieldName('initializer')?.childForFieldName('left');
  return left ? namedChildren(left).filter((n) => n.type === 'identifier' && n.text !== '_').map((n) => n.text) : [];
}

function enclosingBody(loop: Node): Node {
  for (let p = loop.parent; p; p = p.parent) if (p.type === 'function_declaration' || p.type === 'method_declaration' || p.type === 'func_literal') return p;
  return loop;
}

export const loopLimit: ContextPattern = {
  id: 'loop-limit',
  title: { en: 'Bound the goroutines this loop starts', ko: '이 루프가 시작하는 고루틴 수 제한' },
  summary: {
    en: 'Rewrites the loop so at most N goroutines run at once: a semaphore channel acquired before each `go`, or an errgroup with SetLimit (replacing a WaitGroup).',
    ko: '루프를 고쳐 동시에 최대 N 개의 고루틴만 돌게 합니다: 각 `go` 전에 잡는 세마포어 채널, 또는 (WaitGroup 을 대신하는) SetLimit 을 쓴 errgroup.',
  },
  params: [
    param('limit', 'int', '8', 'At most this many at once', '동시에 최대'),
    param('style', 'choice', 'semaphore', 'How', '방식', [
      { value: 'semaphore', label: { en: 'semaphore channel (no dependency)', ko: '세마포어 채널 (의존성 없음)' } },
      { value: 'errgroup', label: { en: 'errgroup.SetLimit (golang.org/x/sync)', ko: 'errgroup.SetLimit (golang.org/x/sync)' } },
    ]),
  ],
  appliesTo: 'goLoop',
  imports: ({ answers }) => (answers.style === 'errgroup' ? [lib.errgroup] : []),
  edits({ text, tree, ctx, answers, target, q }) {
    if (ctx.kind !== 'goLoop') return { edits: [], notes: [] };
    const loop = tree.rootNode.descendantForIndex(ctx.loopStart, ctx.loopEnd - 1);
    let forNode: Node | null = loop;
    while (forNode && !(forNode.type === 'for_statement' && forNode.startIndex === ctx.loopStart)) forNode = forNode.parent;
    if (!forNode) return { edits: [], notes: [] };
    const scope = enclosingBody(forNode);
    const indent = lineIndent(text, forNode.startIndex);
    const gos = goStatementsIn(forNode);
    const copies = goFeatures(target.goVersion).loopVarPerIteration ? [] : loopVarCopies(forNode);
    const edits: OffsetEdit[] = [];
    const notes: LocalText[] = [];
    const body = forNode.childForFieldName('body')!;
    if (copies.length > 0) {
      const bodyIndent = `${indent}\t`;
      edits.push({ start: body.startIndex + 1, end: body.startIndex + 1, newText: copies.map((c) => `\n${bodyIndent}${c} := ${c} // Go < 1.22: one variable per iteration`).join('') });
    }
    if (answers.style === 'errgroup') {
      const g = freshName(scope, 'g');
      edits.push({ start: forNode.startIndex, end: forNode.startIndex, newText: `var ${g} ${q('golang.org/x/sync/errgroup')}.Group\n${indent}${g}.SetLimit(${answers.limit})\n${indent}` });
      const wg = waitGroupPattern(forNode, gos);
      for (const s of gos) edits.push(...goToGroupGo(text, s, g, wg?.name));
      if (wg) {
        for (const add of wg.adds) edits.push(deleteStatement(text, add));
        const decl = waitGroupDeclaration(scope, wg.name, forNode);
        if (decl) edits.push(deleteStatement(text, decl));
        edits.push({ start: wg.wait.startIndex, end: wg.wait.endIndex, newText: `_ = ${g}.Wait() // the tasks return nil; return their errors to cancel the rest` });
        notes.push({ en: `Replaced the WaitGroup ${wg.name} with the errgroup.`, ko: `WaitGroup ${wg.name} 을(를) errgroup 으로 바꿨습니다.` });
      }
      return { edits, notes };
    }
    const sem = freshName(scope, 'sem');
    edits.push({ start: forNode.startIndex, end: forNode.startIndex, newText: `${sem} := make(chan struct{}, ${answers.limit}) // at most ${answers.limit} goroutines at once\n${indent}` });
    for (const s of gos) {
      const sIndent = lineIndent(text, s.startIndex);
      edits.push({ start: s.startIndex, end: s.startIndex, newText: `${sem} <- struct{}{} // blocks while ${answers.limit} are running\n${sIndent}` });
      const call = s.namedChild(0);
      const fn = call?.childForFieldName('function');
      if (fn?.type === 'func_literal') {
        const b = fn.childForFieldName('body')!;
        edits.push({ start: b.startIndex + 1, end: b.startIndex + 1, newText: `\n${sIndent}\tdefer func() { <-${sem} }()` });
      } else if (call) {
        edits.push({ start: call.startIndex, end: call.endIndex, newText: `func() {\n${sIndent}\tdefer func() { <-${sem} }()\n${sIndent}\t${call.text}\n${sIndent}}()` });
        notes.push({ en: `The arguments of ${call.text} are now evaluated inside the goroutine.`, ko: `${call.text} 의 인자는 이제 고루틴 안에서 평가됩니다.` });
      }
    }
    return { edits, notes };
  },
};

/** `wg.Add(1)` before each go, `defer wg.Done()` in each literal, `wg.Wait()` right after the loop. */
function waitGroupPattern(loop: Node, gos: Node[]): { name: string; adds: Node[]; wait: Node } | undefined {
  const after = loop.nextNamedSibling;
  const m = after?.type === 'expression_statement' ? /^(\w+(?:\.\w+)*)\.Wait\(\)$/.exec(after.text) : null;
  if (!after || !m) return undefined;
  const name = m[1]!;
  const adds: Node[] = [];
  for (const g of gos) {
    const prev = g.previousNamedSibling;
    if (prev?.text !== `${name}.Add(1)`) return undefined;
    adds.push(prev);
    const fn = g.namedChild(0)?.childForFieldName('function');
    const first = fn?.type === 'func_literal' ? blockStatements(fn.childForFieldName('body'))[0] : undefined;
    if (first?.text !== `defer ${name}.Done()`) return undefined;
  }
  return { name, adds, wait: after };
}

/** `var wg sync.WaitGroup` in scope when wg is used only by the loop and the Wait after it. */
function waitGroupDeclaration(scope: Node, name: string, loop: Node): Node | undefined {
  let decl: Node | undefined;
  let outside = 0;
  walk(scope, (n) => {
    if (n.type === 'var_declaration' && new RegExp(`^var ${name} \\w+\\.WaitGroup$`).test(n.text)) {
      decl = n;
      return false;
    }
    const inLoop = n.startIndex >= loop.startIndex && n.endIndex <= loop.endIndex;
    const isWait = loop.nextNamedSibling && n.startIndex >= loop.nextNamedSibling.startIndex && n.endIndex <= loop.nextNamedSibling.endIndex;
    if (n.type === 'identifier' && n.text === name && !inLoop && !isWait) outside++;
    return true;
  });
  return decl && outside === 0 ? decl : undefined;
}

function deleteStatement(text: string, stmt: Node): OffsetEdit {
  const lineStart = text.lastIndexOf('\n', stmt.startIndex - 1);
  return { start: lineStart, end: stmt.endIndex, newText: '' };
}

function goToGroupGo(text: string, s: Node, g: string, wgName: string | undefined): OffsetEdit[] {
  const indent = lineIndent(text, s.startIndex);
  const call = s.namedChild(0);
  const fn = call?.childForFieldName('function');
  if (!call) return [];
  if (fn?.type !== 'func_literal') {
    return [{ start: s.startIndex, end: s.endIndex, newText: `${g}.Go(func() error {\n${indent}\t${call.text}\n${indent}\treturn nil\n${indent}})` }];
  }
  const body = fn.childForFieldName('body')!;
  // Parameters become locals bound to the arguments, evaluated now as before.
  const params = namedChildren(fn.childForFieldName('parameters')!).filter((c) => c.type === 'parameter_declaration');
  const args = namedChildren(call.childForFieldName('arguments')!);
  const bindings: string[] = [];
  let i = 0;
  for (const p of params) {
    const type = p.childForFieldName('type')?.text ?? '';
    for (const n of p.childrenForFieldName('name').filter((x): x is Node => x !== null)) bindings.push(`var ${n.text} ${type} = ${args[i++]?.text ?? ''}`);
  }
  const stmts = blockStatements(body);
  const edits: OffsetEdit[] = [];
  const prefix = bindings.map((b) => `${b}\n${indent}`).join('');
  edits.push({ start: s.startIndex, end: body.startIndex + 1, newText: `${prefix}${g}.Go(func() error {` });
  if (wgName && stmts[0]?.text === `defer ${wgName}.Done()`) edits.push(deleteStatement(text, stmts[0]));
  // Bare returns inside the literal (not nested literals) now return nil.
  walk(body, (n) => {
    if (n.type === 'func_literal') return false;
    if (n.type === 'return_statement' && n.namedChildCount === 0) edits.push({ start: n.startIndex, end: n.endIndex, newText: 'return nil' });
    return true;
  });
  const closeBrace = body.endIndex - 1;
  edits.push({ start: closeBrace, end: s.endIndex, newText: `\treturn nil\n${indent}})` });
  return edits;
}

export const gormVersion: ContextPattern = {
  id: 'gorm-version',
  title: { en: 'Add a Version column and an optimistic update helper', ko: 'Version 컬럼과 낙관적 갱신 헬퍼 추가' },
  summary: {
    en: 'Adds `Version int64` (NOT NULL DEFAULT 1) to the model and a helper that updates WHERE version = ?, tells conflict from not-found and retries.',
    ko: '모델에 `Version int64`(NOT NULL DEFAULT 1)를 추가하고, WHERE version = ? 로 갱신하며 충돌과 없음을 구분하고 재시도하는 헬퍼를 만듭니다.',
  },
  params: [param('attempts', 'int', '5', 'Attempts before giving up', '포기하기 전 시도 횟수')],
  appliesTo: 'struct',
  imports: (input) => (input.ctx.kind === 'struct' ? helperFor(input.ctx, input.answers, input.target).imports : []),
  edits({ text, parser, ctx, answers, target, q }) {
    if (ctx.kind !== 'struct') return { edits: [], notes: [] };
    const edits: OffsetEdit[] = [];
    if (!ctx.hasVersion) {
      const lastLineStart = text.lastIndexOf('\n', ctx.close) + 1;
      edits.push({ start: lastLineStart, end: lastLineStart, newText: '\tVersion int64 `gorm:"not null;default:1"` // optimistic locking\n' });
    }
    const helper = helperFor(ctx, answers, target);
    const renames = new Map(helper.imports.filter((i) => q(i.path) !== i.name).map((i) => [i.name, q(i.path)]));
    const tree = parseGo(parser, `package p\n\n${helper.code}`);
    let code;
    try {
      code = requalify(helper.code, tree, 'package p\n\n'.length, renames);
    } finally {
      tree.delete();
    }
    edits.push({ start: ctx.declEnd, end: ctx.declEnd, newText: `\n${code.replace(/\n+$/, '')}` });
    return { edits, notes: ctx.idType ? [] : [{ en: 'No ID field found: the helper assumes a uint primary key named id.', ko: 'ID 필드가 없어 헬퍼는 id 라는 uint 기본 키를 가정합니다.' }] };
  },
};

function helperFor(ctx: Extract<CursorContext, { kind: 'struct' }>, answers: Answers, target: TargetFacts) {
  return optimisticGorm.generate({ model: ctx.name, idType: ctx.idType ?? 'uint', declareModel: 'false', attempts: answers.attempts ?? '5' }, target);
}

export const txLocking: ContextPattern = {
  id: 'tx-locking',
  title: { en: 'Lock the row read in this transaction (FOR UPDATE)', ko: '이 트랜잭션에서 읽는 행 잠그기 (FOR UPDATE)' },
  summary: {
    en: 'Adds clause.Locking{Strength: "UPDATE"} to the first read through the transaction, so the read-modify-write cannot interleave with another.',
    ko: '트랜잭션의 첫 읽기에 clause.Locking{Strength: "UPDATE"} 를 더해 읽기-수정-쓰기가 다른 것과 섞이지 않게 합니다.',
  },
  params: [lockWaitParam],
  appliesTo: 'transaction',
  imports: () => [lib.clause],
  edits({ ctx, answers, q }) {
    if (ctx.kind !== 'transaction' || ctx.alreadyLocked) return { edits: [], notes: [] };
    const options = lockOptions(answers.wait);
    return {
      edits: [{ start: ctx.readCall.insertAt, end: ctx.readCall.insertAt, newText: `.Clauses(${q('gorm.io/gorm/clause')}.Locking{Strength: "UPDATE"${options}})` }],
      notes: [{ en: 'SQLite ignores FOR UPDATE and GORM drops the clause there: this only locks on PostgreSQL/MySQL.', ko: 'SQLite 는 FOR UPDATE 를 무시하고 GORM 은 그 절을 뺍니다. PostgreSQL/MySQL 에서만 잠급니다.' }],
    };
  },
};

export const contextPatterns: ContextPattern[] = [structGuard, loopLimit, gormVersion, txLocking];

export function findContextPattern(id: string): ContextPattern | undefined {
  return contextPatterns.find((p) => p.id === id);
}

const cursorNeeded: Record<ContextPattern['appliesTo'], LocalText> = {
  struct: { en: 'Put the cursor on a struct type to use this.', ko: '이 기능을 쓰려면 구조체 타입에 커서를 두세요.' },
  goLoop: { en: 'Put the cursor in a loop that starts goroutines without a limit.', ko: '제한 없이 고루틴을 시작하는 루프 안에 커서를 두세요.' },
  transaction: { en: 'Put the cursor inside db.Transaction(func(tx *gorm.DB) error { … }) with a read through tx.', ko: 'tx 로 읽는 db.Transaction(func(tx *gorm.DB) error { … }) 안에 커서를 두세요.' },
};

export interface ContextResult {
  ok: boolean;
  errors: { param: string; message: string }[];
  /** One edit covering the changed region of the (gofmt-formatted) file. */
  edits: OffsetEdit[];
  result: string;
  notes: LocalText[];
  imports: ImportNeed[];
}

/** Applies a context pattern to a file: plans imports, edits, formats with gofmt, returns a minimal edit. */
export function applyContextPattern(pattern: ContextPattern, text: string, parser: Parser, ctx: CursorContext, given: Answers, target: TargetFacts, locale: Locale): ContextResult {
  const { values, errors } = resolveAnswers(pattern.params, given, locale);
  if (errors.length > 0 || ctx.kind !== pattern.appliesTo) {
    return { ok: false, errors: errors.length > 0 ? errors : [{ param: 'context', message: format(cursorNeeded[pattern.appliesTo], locale) }], edits: [], result: text, notes: [], imports: [] };
  }
  const tree = parseGo(parser, text);
  try {
    const base = { text, tree, parser, ctx, answers: values, target };
    const needs = pattern.imports(base);
    const plan = planImports(text, tree, needs);
    const q = (path: string) => plan.names.get(path) ?? path.slice(path.lastIndexOf('/') + 1);
    const { edits, notes } = pattern.edits({ ...base, q });
    const applied = removeUnusedImports(applyOffsetEdits(text, plan.edit ? [plan.edit, ...edits] : edits), parser, ['sync']);
    const formatted = gofmt(applied);
    const result = formatted.formatted ? formatted.text : applied;
    return { ok: true, errors: [], edits: [minimalEdit(text, result)], result, notes, imports: needs };
  } finally {
    tree.delete();
  }
}

export { minimalEdit };

/** Drops imports of `paths` that edits left unreferenced (e.g. sync after a WaitGroup was replaced). */
function removeUnusedImports(text: string, parser: Parser, paths: string[]): string {
  const tree = parseGo(parser, text);
  try {
    const used = new Set<string>();
    walk(tree.rootNode, (n) => {
      if (n.type === 'import_declaration') return false;
      if (n.type === 'qualified_type') used.add(n.childForFieldName('package')?.text ?? '');
      if (n.type === 'selector_expression') {
        const op = n.childForFieldName('operand');
        if (op?.type === 'identifier') used.add(op.text);
      }
      return true;
    });
    const edits: OffsetEdit[] = [];
    walk(tree.rootNode, (n) => {
      if (n.type !== 'import_spec') return true;
      const path = n.childForFieldName('path')?.text.slice(1, -1) ?? '';
      const name = n.childForFieldName('name')?.text ?? path.slice(path.lastIndexOf('/') + 1);
      if (!paths.includes(path) || used.has(name) || name === '_' || name === '.') return false;
      if (n.parent?.type === 'import_spec_list') edits.push({ start: text.lastIndexOf('\n', n.startIndex - 1), end: n.endIndex, newText: '' });
      else if (n.parent?.type === 'import_declaration') edits.push({ start: n.parent.startIndex, end: n.parent.endIndex, newText: '' });
      return false;
    });
    return applyOffsetEdits(text, edits);
  } finally {
    tree.delete();
  }
}
