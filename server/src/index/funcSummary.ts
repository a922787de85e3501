// Per-function facts for interprocedural rules: lock operations, channel
// operations, sync calls (Wait/Done/Add/Signal…) and calls the index can
// resolve, each with its position among the statements so a query can tell
// which locks are held where. Built in worker threads: plain data only.
import { localDeclarations } from '../analysis/locals';
import { methodCall, namedChildren, selectorPath, type Node } from '../parse/syntax';
import { classifyType } from './typeKind';
import type {
  BodyFacts,
  CalleeRef,
  LockMethod,
  PackageVar,
  PathRoot,
  Span,
  StmtPos,
  SyncMethod,
  TypedPath,
  TypeKind,
} from './types';

interface VarInfo {
  root: PathRoot;
  param?: number;
  typeText?: string;
  init?: Node;
}

interface Walk {
  pos: StmtPos;
  deferred: boolean;
  async: boolean;
  scope: Map<string, VarInfo>;
  facts: BodyFacts;
}

export interface FileContext {
  imports: Record<string, string>;
  vars: Map<string, PackageVar>;
}

const lockOps = new Set<string>(['Lock', 'RLock', 'Unlock', 'RUnlock']);
const syncMethods = new Set<string>(['Wait', 'Done', 'Add', 'Go', 'Signal', 'Broadcast']);
const builtins = new Set([
  'append', 'cap', 'clear', 'close', 'complex', 'copy', 'delete', 'imag', 'len', 'make', 'max', 'min', 'new', 'panic',
  'print', 'println', 'real', 'recover',
]);

export function emptyFacts(): BodyFacts {
  return { lockOps: [], chanOps: [], syncCalls: [], calls: [], closures: {} };
}

function spanAt(node: Node): Span & { at: number } {
  return {
    line: node.startPosition.row,
    column: node.startPosition.column,
    endLine: node.endPosition.row,
    endColumn: node.endPosition.column,
    at: node.startIndex,
  };
}

/** `*pkg.T[K]` → `pkg.T`; undefined for maps, slices, funcs and other unnamed types. */
export function namedTypeOf(typeText: string | undefined): string | undefined {
  if (!typeText) return undefined;
  const t = typeText.replace(/^\*+/, '').replace(/\[.*$/s, '').trim();
  return /^[A-Za-z_][\w]*(\.[A-Za-z_]\w*)?$/.test(t) ? t : undefined;
}

/** The type an initialiser gives a local: `&T{}`, `T{}`, `new(T)`, `make(chan …)`, `sync.NewCond(…)`. */
export function typeTextOfInit(init: Node | undefined): string | undefined {
  if (!init) return undefined;
  if (init.type === 'unary_expression' && init.child(0)?.text === '&') return typeTextOfInit(init.childForFieldName('operand') ?? undefined);
  if (init.type === 'composite_literal') return init.childForFieldName('type')?.text;
  if (init.type === 'call_expression') {
    const fn = init.childForFieldName('function')?.text;
    const arg = init.childForFieldName('arguments')?.namedChild(0);
    if ((fn === 'new' || fn === 'make') && arg) return arg.text;
    if (fn && /^\w+\.NewCond$/.test(fn)) return fn.replace(/NewCond$/, 'Cond');
  }
  return undefined;
}

function scopeOf(fn: Node, outer: Map<string, VarInfo> | undefined): Map<string, VarInfo> {
  const scope = new Map(outer ?? []);
  let index = 0;
  const params = fn.childForFieldName('parameters');
  const isLiteral = fn.type === 'func_literal';
  for (const d of localDeclarations(fn)) {
    const inParams = params && d.node.startIndex >= params.startIndex && d.node.endIndex <= params.endIndex;
    const recv = fn.childForFieldName('receiver');
    const inRecv = recv && d.node.startIndex >= recv.startIndex && d.node.endIndex <= recv.endIndex;
    if (inRecv) scope.set(d.name, { root: 'recv', typeText: d.typeNode?.text });
    else if (inParams && !isLiteral) scope.set(d.name, { root: 'param', param: index++, typeText: d.typeNode?.text });
    else scope.set(d.name, { root: 'local', typeText: d.typeNode?.text ?? typeTextOfInit(d.init), init: d.init });
  }
  return scope;
}

export function typedPath(node: Node | null | undefined, scope: Map<string, VarInfo>, file: FileContext): TypedPath | undefined {
  const text = selectorPath(node);
  if (!text) return undefined;
  const parts = text.split('.');
  const head = parts[0]!;
  const local = scope.get(head);
  if (local) {
    const typeText = local.typeText;
    return {
      text,
      root: local.root,
      ...(local.param !== undefined ? { param: local.param } : {}),
      ...(namedTypeOf(typeText) ? { rootType: namedTypeOf(typeText) } : {}),
      ...(typeText ? { rootKind: classifyType(typeText, file.imports) } : {}),
      fields: parts.slice(1),
    };
  }
  const importPath = file.imports[head];
  if (importPath) {
    if (parts.length < 2) return undefined;
    return { text, root: 'global', importPath, fields: parts.slice(2) };
  }
  const pkgVar = file.vars.get(head);
  return {
    text,
    root: 'global',
    ...(namedTypeOf(pkgVar?.type) ? { rootType: namedTypeOf(pkgVar?.type) } : {}),
    ...(pkgVar ? { rootKind: pkgVar.kind } : {}),
    fields: parts.slice(1),
  };
}

function isGoLiteral(lit: Node): boolean {
  const call = lit.parent;
  return call?.type === 'call_expression' && call.childForFieldName('function')?.id === lit.id && call.parent?.type === 'go_statement';
}

/** A literal run synchronously where it stands: `func(){…}()`, `once.Do(func(){…})` (not `sync.OnceFunc`, which only wraps). */
function isInlineLiteral(lit: Node): boolean {
  const parent = lit.parent;
  if (parent?.type === 'call_expression' && parent.childForFieldName('function')?.id === lit.id) return true;
  const call = parent?.type === 'argument_list' ? parent.parent : undefined;
  if (call?.type !== 'call_expression') return false;
  return methodCall(call)?.method === 'Do';
}

/** `name := func(){…}` / `name = func(){…}`: the variable name. */
function closureName(lit: Node): string | undefined {
  const list = lit.parent;
  const stmt = list?.parent;
  if (list?.type !== 'expression_list' || !stmt) return undefined;
  if (stmt.type !== 'short_var_declaration' && stmt.type !== 'assignment_statement') return undefined;
  const left = stmt.childForFieldName('left');
  const right = stmt.childForFieldName('right');
  if (!left || right?.id !== list.id || left.namedChildCount !== 1 || list.namedChildCount !== 1) return undefined;
  const name = left.namedChild(0);
  return name?.type === 'identifier' ? name.text : undefined;
}

function calleeOf(call: Node, w: Walk, file: FileContext): CalleeRef | undefined {
  const fn = call.childForFieldName('function');
  if (!fn) return undefined;
  if (fn.type === 'identifier') {
    if (builtins.has(fn.text) && !w.scope.has(fn.text)) return undefined;
    const local = w.scope.get(fn.text);
    if (local) return local.init?.type === 'func_literal' || w.facts.closures[fn.text] ? { kind: 'closure', name: fn.text } : undefined;
    return { kind: 'func', name: fn.text };
  }
  if (fn.type !== 'selector_expression') return undefined;
  const operand = fn.childForFieldName('operand');
  const name = fn.childForFieldName('field')?.text;
  if (!operand || !name) return undefined;
  if (operand.type === 'identifier' && !w.scope.has(operand.text) && file.imports[operand.text]) {
    return { kind: 'pkg', importPath: file.imports[operand.text]!, name };
  }
  const recv = typedPath(operand, w.scope, file);
  return recv ? { kind: 'method', recv, name } : undefined;
}

function base(node: Node, w: Walk) {
  return { ...spanAt(node), pos: w.pos, deferred: w.deferred, async: w.async };
}

function visitCall(call: Node, w: Walk, file: FileContext, statement: boolean): void {
  const fn = call.childForFieldName('function');
  const args = call.childForFieldName('arguments');
  const m = methodCall(call);
  const argCount = args?.namedChildCount ?? 0;
  if (m && lockOps.has(m.method) && argCount === 0) {
    const lock = typedPath(m.receiverNode, w.scope, file);
    if (lock) w.facts.lockOps.push({ ...base(call, w), lock, op: m.method as LockMethod, statement });
    return;
  }
  if (fn?.type === 'identifier' && fn.text === 'close' && argCount === 1 && !w.scope.has('close')) {
    w.facts.chanOps.push({ ...base(call, w), chan: typedPath(args?.namedChild(0), w.scope, file), op: 'close', inSelect: false, blocking: false });
    return;
  }
  if (m && syncMethods.has(m.method)) {
    const target = typedPath(m.receiverNode, w.scope, file);
    if (target) w.facts.syncCalls.push({ ...base(call, w), target, method: m.method as SyncMethod });
  }
  const callee = calleeOf(call, w, file);
  if (callee) {
    const argPaths = args ? namedChildren(args).map((a) => typedPath(a, w.scope, file)) : [];
    w.facts.calls.push({ ...base(call, w), callee, args: argPaths, statement });
  }
  if (fn && fn.type !== 'identifier') visit(fn, w, file);
  if (args) visit(args, w, file);
}

function visitLiteral(lit: Node, w: Walk, file: FileContext): void {
  const body = lit.childForFieldName('body');
  if (!body) return;
  if (isGoLiteral(lit)) {
    visit(body, { ...w, pos: [], async: true, deferred: false, scope: scopeOf(lit, w.scope) }, file);
    return;
  }
  if (isInlineLiteral(lit)) {
    visit(body, { ...w, scope: scopeOf(lit, w.scope) }, file);
    return;
  }
  const name = closureName(lit);
  if (name && !w.async) {
    const facts = emptyFacts();
    w.facts.closures[name] = facts;
    visit(body, { pos: [], deferred: false, async: false, scope: scopeOf(lit, w.scope), facts }, file);
  }
  // Callbacks handed to other functions run at times we cannot know: left out.
}

function visitSelect(sel: Node, w: Walk, file: FileContext): void {
  const cases = namedChildren(sel);
  const hasDefault = cases.some((c) => c.type === 'default_case');
  for (const c of cases) {
    const comm = c.childForFieldName('communication');
    if (comm) {
      if (comm.type === 'send_statement') {
        w.facts.chanOps.push({
          ...base(comm, w),
          chan: typedPath(comm.childForFieldName('channel'), w.scope, file),
          op: 'send',
          inSelect: true,
          blocking: !hasDefault,
        });
        const value = comm.childForFieldName('value');
        if (value) visit(value, w, file);
      } else {
        const recv = comm.type === 'receive_statement' ? comm.childForFieldName('right') : comm;
        const operand = recv?.type === 'unary_expression' ? recv.childForFieldName('operand') : undefined;
        if (recv && operand) {
          w.facts.chanOps.push({ ...base(recv, w), chan: typedPath(operand, w.scope, file), op: 'recv', inSelect: true, blocking: !hasDefault });
          visit(operand, w, file);
        }
      }
    }
    for (const k of namedChildren(c)) if (k.type === 'statement_list') visit(k, w, file);
  }
}

function visit(node: Node, w: Walk, file: FileContext): void {
  switch (node.type) {
    case 'statement_list': {
      let i = 0;
      for (const stmt of namedChildren(node)) {
        if (stmt.type === 'comment') continue;
        visit(stmt, { ...w, pos: [...w.pos, node.startIndex, i++] }, file);
      }
      return;
    }
    case 'func_literal':
      visitLiteral(node, w, file);
      return;
    case 'defer_statement':
      for (const k of namedChildren(node)) visit(k, { ...w, deferred: true }, file);
      return;
    case 'go_statement': {
      const call = node.namedChild(0);
      if (call?.type !== 'call_expression') return;
      const fn = call.childForFieldName('function');
      if (fn?.type === 'func_literal') visitLiteral(fn, w, file);
      // `go f(…)`: f runs concurrently, so it has no place among this function's statements.
      else visitCall(call, { ...w, pos: [], async: true }, file, false);
      return;
    }
    case 'expression_statement': {
      const call = node.namedChild(0);
      if (call?.type === 'call_expression') visitCall(call, w, file, true);
      else if (call) visit(call, w, file);
      return;
    }
    case 'call_expression':
      visitCall(node, w, file, false);
      return;
    case 'send_statement': {
      w.facts.chanOps.push({ ...base(node, w), chan: typedPath(node.childForFieldName('channel'), w.scope, file), op: 'send', inSelect: false, blocking: true });
      const value = node.childForFieldName('value');
      if (value) visit(value, w, file);
      return;
    }
    case 'unary_expression': {
      const operand = node.childForFieldName('operand');
      if (node.child(0)?.text === '<-' && operand) {
        w.facts.chanOps.push({ ...base(node, w), chan: typedPath(operand, w.scope, file), op: 'recv', inSelect: false, blocking: true });
      }
      if (operand) visit(operand, w, file);
      return;
    }
    case 'range_clause': {
      const right = node.childForFieldName('right');
      const chan = typedPath(right, w.scope, file);
      if (chan && (chan.rootKind === 'chan' || chan.fields.length > 0 || chan.root === 'global')) {
        // Whether this is a channel is settled by the index (field and package-variable kinds).
        w.facts.chanOps.push({ ...base(node, w), chan, op: 'range', inSelect: false, blocking: true });
      }
      if (right) visit(right, w, file);
      return;
    }
    case 'select_statement':
      visitSelect(node, w, file);
      return;
    case 'short_var_declaration':
    case 'assignment_statement':
      recordNewCond(node, w, file);
      for (const k of namedChildren(node)) visit(k, w, file);
      return;
    default:
      for (const k of namedChildren(node)) visit(k, w, file);
  }
}

/** `c := sync.NewCond(&mu)` / `s.cond = sync.NewCond(&s.mu)`. */
function recordNewCond(stmt: Node, w: Walk, file: FileContext): void {
  const left = stmt.childForFieldName('left');
  const right = stmt.childForFieldName('right');
  if (left?.namedChildCount !== 1 || right?.namedChildCount !== 1) return;
  const call = right.namedChild(0);
  if (call?.type !== 'call_expression' || !/(^|\.)NewCond$/.test(call.childForFieldName('function')?.text ?? '')) return;
  const cond = typedPath(left.namedChild(0), w.scope, file);
  const lock = typedPath(call.childForFieldName('arguments')?.namedChild(0), w.scope, file);
  if (cond && lock) (w.facts.condLocks ??= []).push({ cond, lock });
}

/** Facts of a function or method declaration's body. */
export function bodyFactsOf(decl: Node, file: FileContext): BodyFacts | undefined {
  const body = decl.childForFieldName('body');
  if (!body) return undefined;
  const facts = emptyFacts();
  visit(body, { pos: [], deferred: false, async: false, scope: scopeOf(decl, undefined), facts }, file);
  return facts;
}

export type { TypeKind };
