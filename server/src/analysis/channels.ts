// Channel facts inside one function and the closures it contains: channels it
// makes (with their buffer size), and every operation on a channel path —
// send, receive, range, close — with the goroutine that performs it.
// Intra-procedural: a channel that leaves the function (passed, stored,
// returned) is marked `escapes` and rules stay silent about it.
import { findAll, isWithin, namedChildren, selectorPath, type Node } from '../parse/syntax';
import { executingFunction, literalRole, selectCaseOf, type LiteralRole } from './flow';
import { localDeclarations } from './locals';

export interface LocalChannel {
  name: string;
  /** The `make(chan T…)` call. */
  make: Node;
  /** The element type as written (`int`, `struct{}`…). */
  elemType: string;
  /** 0 for unbuffered, the literal size when constant, undefined when computed. */
  capacity: number | undefined;
}

export type ChanOpKind = 'send' | 'recv' | 'range' | 'close' | 'escape' | 'assign' | 'neutral';

export interface ChanOp {
  kind: ChanOpKind;
  /** The identifier or selector naming the channel. */
  ref: Node;
  /** The operation node: send_statement, `<-x` unary, range_clause, close call, or `ref` itself. */
  node: Node;
  /** The select case when the op is the communication of a `select` case. */
  selectCase?: Node;
  /** True when that select has other cases or a default: the op may never happen. */
  optional: boolean;
  /** True for `defer close(ch)` and other deferred calls. */
  deferred: boolean;
  /** The function (declaration or literal) executing the op. */
  runner: Node;
  /** How `runner` runs when it is a literal inside the scope. */
  role: LiteralRole | 'self';
}

/** `make(chan T)` / `make(chan T, n)` → its element type and capacity. */
export function makeChanInfo(expr: Node | null | undefined): { elemType: string; capacity: number | undefined } | undefined {
  if (!expr || expr.type !== 'call_expression' || expr.childForFieldName('function')?.text !== 'make') return undefined;
  const args = namedChildren(expr.childForFieldName('arguments')!);
  const t = args[0];
  if (!t || t.type !== 'channel_type') return undefined;
  const elemType = t.childForFieldName('value')?.text ?? '';
  const size = args[1];
  if (!size) return { elemType, capacity: 0 };
  return { elemType, capacity: size.type === 'int_literal' ? Number(size.text.replace(/_/g, '')) : undefined };
}

/** Channels made by `fn` and held in a local variable declared exactly once. */
export function localChannels(fn: Node): LocalChannel[] {
  const decls = localDeclarations(fn);
  const out: LocalChannel[] = [];
  for (const d of decls) {
    const info = makeChanInfo(d.init);
    if (!info || decls.filter((o) => o.name === d.name).length !== 1) continue;
    out.push({ name: d.name, make: d.init!, ...info });
  }
  // `ch = make(chan T)` after `var ch chan T`.
  return out;
}

function shadows(lit: Node, name: string): boolean {
  const params = lit.childForFieldName('parameters');
  if (params && findAll(params, 'identifier').some((n) => n.text === name)) return true;
  // A redeclaration inside the literal (`ch := …`) makes every use there another variable.
  return localDeclarations(lit).some((d) => d.name === name);
}

function classify(ref: Node): { kind: ChanOpKind; node: Node } {
  const parent = ref.parent!;
  if (parent.type === 'send_statement' && parent.childForFieldName('channel')?.id === ref.id) return { kind: 'send', node: parent };
  if (parent.type === 'unary_expression' && parent.child(0)?.text === '<-') return { kind: 'recv', node: parent };
  if (parent.type === 'range_clause' && parent.childForFieldName('right')?.id === ref.id) return { kind: 'range', node: parent };
  if (parent.type === 'parenthesized_expression') return classify(parent);
  if (parent.type === 'argument_list') {
    const call = parent.parent!;
    const fn = call.childForFieldName('function')?.text;
    if (fn === 'close') return { kind: 'close', node: call };
    if (fn === 'len' || fn === 'cap') return { kind: 'neutral', node: ref };
    return { kind: 'escape', node: call };
  }
  if (parent.type === 'expression_list' && parent.parent?.type === 'assignment_statement') {
    const stmt = parent.parent;
    if (stmt.childForFieldName('left')?.id === parent.id) return { kind: 'assign', node: stmt };
  }
  if (parent.type === 'expression_list' && parent.parent?.type === 'short_var_declaration') {
    // The declaration itself (locals are declared once; see localChannels).
    if (parent.parent.childForFieldName('left')?.id === parent.id) return { kind: 'neutral', node: ref };
  }
  if (parent.type === 'var_spec' || parent.type === 'parameter_declaration') return { kind: 'neutral', node: ref };
  if (parent.type === 'binary_expression' && /^[!=]=$/.test(parent.child(1)?.text ?? '')) return { kind: 'neutral', node: ref };
  return { kind: 'escape', node: ref };
}

function isDeferred(node: Node, runner: Node): boolean {
  for (let p = node.parent; p && p.id !== runner.id; p = p.parent) if (p.type === 'defer_statement') return true;
  return false;
}

/**
 * Every reference to the channel `path` (a local name or `recv.field`) inside `scope`,
 * closures included (skipping closures that shadow a local name).
 */
export function channelOps(scope: Node, path: string): ChanOp[] {
  const isLocal = !path.includes('.');
  const out: ChanOp[] = [];
  const shadowing = isLocal ? findAll(scope, 'func_literal').filter((l) => l.id !== scope.id && shadows(l, path)) : [];
  const refs = isLocal
    ? findAll(scope, 'identifier').filter((n) => n.text === path)
    : findAll(scope, 'selector_expression').filter((n) => n.text === path && selectorPath(n) === path);
  for (const n of refs) {
    if (shadowing.some((l) => isWithin(n, l))) continue;
    const runner = executingFunction(n) ?? scope;
    const role = runner.id === scope.id ? 'self' : runner.type === 'func_literal' ? literalRole(runner) : 'self';
    // `ch.x` where ch is our local: not a channel operation.
    if (isLocal && n.parent?.type === 'selector_expression' && n.parent.childForFieldName('operand')?.id === n.id) {
      out.push({ kind: 'escape', ref: n, node: n, optional: false, deferred: false, runner, role });
      continue;
    }
    const { kind, node } = classify(n);
    const selectCase = kind === 'send' || kind === 'recv' ? selectCaseOf(node) : undefined;
    const others = selectCase?.parent?.namedChildren.filter((c) => c?.type === 'communication_case' || c?.type === 'default_case').length ?? 0;
    out.push({ kind, ref: n, node, selectCase, optional: others > 1, deferred: isDeferred(n, runner), runner, role });
  }
  return out;
}

/** Function declarations, methods and literals under `root`, outermost first. */
export function functionsIn(root: Node): Node[] {
  return findAll(root, ['function_declaration', 'method_declaration', 'func_literal']);
}
