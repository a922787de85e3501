// Syntactic control-flow facts inside one function: which statement surely
// runs before a point (dominance by block position), where a function can
// leave, and whether a statement ends the path. Go's structured control flow
// makes these cheap and good enough; where they are unsure they answer so that
// rules stay quiet.
import { blockStatements, findAll, isWithin, type Node } from '../parse/syntax';

export function isFunctionNode(n: Node): boolean {
  return n.type === 'function_declaration' || n.type === 'method_declaration' || n.type === 'func_literal';
}

/** The innermost function (declaration or literal) that executes `node`. */
export function executingFunction(node: Node): Node | undefined {
  for (let p = node.parent; p; p = p.parent) if (isFunctionNode(p)) return p;
  return undefined;
}

/** How a function literal runs: in a new goroutine, deferred, immediately, or handed to someone else. */
export type LiteralRole = 'goroutine' | 'deferred' | 'immediate' | 'callback';

const goroutineMethods = new Set(['Go', 'TryGo']);

export function literalRole(lit: Node): LiteralRole {
  const parent = lit.parent;
  if (parent?.type === 'call_expression' && parent.childForFieldName('function')?.id === lit.id) {
    if (parent.parent?.type === 'go_statement') return 'goroutine';
    if (parent.parent?.type === 'defer_statement') return 'deferred';
    return 'immediate';
  }
  // errgroup.Group.Go(func() error {…}) and friends run the literal in a goroutine.
  const call = parent?.type === 'argument_list' ? parent.parent : undefined;
  const fn = call?.childForFieldName('function');
  if (fn?.type === 'selector_expression' && goroutineMethods.has(fn.childForFieldName('field')?.text ?? '')) return 'goroutine';
  return 'callback';
}

/** The `go` statement that starts the literal (or the `.Go(…)` call). */
export function goStatementOf(lit: Node): Node | undefined {
  const parent = lit.parent;
  if (parent?.type === 'call_expression' && parent.parent?.type === 'go_statement') return parent.parent;
  if (parent?.type === 'argument_list') {
    const call = parent.parent;
    if (call?.parent?.type === 'expression_statement') return call.parent;
    return call ?? undefined;
  }
  return undefined;
}

/**
 * The statement of `op` that surely runs once `op` runs, with the block it sits in: climbing
 * from `op`, the first ancestor whose parent is a block. Undefined when the climb crosses a
 * select case (the op may not be chosen) or a function literal.
 */
export function certainStatement(op: Node): { stmt: Node; block: Node } | undefined {
  let child = op;
  for (let p = op.parent; p; child = p, p = p.parent) {
    if (p.type === 'func_literal') return undefined;
    if (p.type === 'communication_case') {
      // The communication of a select with other cases (or default) may never happen.
      const select = p.parent;
      const cases = select ? select.namedChildren.filter((c) => c?.type === 'communication_case' || c?.type === 'default_case') : [];
      if (cases.length > 1) return undefined;
    }
    if (p.type === 'binary_expression' && /&&|\|\|/.test(p.child(1)?.text ?? '')) {
      if (p.namedChild(1)?.id === child.id || isWithin(child, p.namedChild(1) ?? child)) return undefined;
    }
    if (p.type === 'block' || p.type === 'statement_list') {
      // A block's statement_list is the block for our purposes (its '}' closes the path).
      const block = p.type === 'statement_list' && p.parent?.type === 'block' ? p.parent : p;
      return { stmt: child, block };
    }
  }
  return undefined;
}

/** True when `op` surely ran before `point` is reached (same function, syntactic dominance). */
export function dominates(op: Node, point: Node | number): boolean {
  const at = typeof point === 'number' ? point : point.startIndex;
  const c = certainStatement(op);
  if (!c) return false;
  // `return <-ch`: the operand is evaluated before the function leaves.
  if (typeof point !== 'number' && isWithin(op, point)) return true;
  if (at < op.endIndex) return false;
  if (typeof point !== 'number' && isWithin(point, c.stmt)) return true;
  return at >= c.stmt.endIndex && at >= c.block.startIndex && at < c.block.endIndex;
}

/** The select case (communication_case) whose communication contains `op`, if any. */
export function selectCaseOf(op: Node): Node | undefined {
  for (let p = op.parent; p; p = p.parent) {
    if (p.type === 'communication_case') {
      const comm = p.childForFieldName('communication');
      return comm && isWithin(op, comm) ? p : undefined;
    }
    if (p.type === 'block' || p.type === 'statement_list' || isFunctionNode(p)) return undefined;
  }
  return undefined;
}

const exitCalls = /^(panic|os\.Exit|log\.Fatal\w*|log\.Panic\w*|runtime\.Goexit|\w+\.(Fatal|Fatalf|FailNow|SkipNow|Skip|Skipf))$/;

export function isExitCall(n: Node): boolean {
  return n.type === 'call_expression' && exitCalls.test(n.childForFieldName('function')?.text ?? '');
}

/** True when control never continues after `stmt` (return, panic, loop without exit, all branches end). */
export function terminates(stmt: Node | undefined): boolean {
  if (!stmt) return false;
  switch (stmt.type) {
    case 'return_statement':
    case 'goto_statement':
      return true;
    case 'expression_statement':
      return isExitCall(stmt.namedChild(0) ?? stmt);
    case 'block':
      return terminates(blockStatements(stmt).at(-1));
    case 'if_statement': {
      const alt = stmt.childForFieldName('alternative');
      return !!alt && terminates(stmt.childForFieldName('consequence') ?? undefined) && terminates(alt);
    }
    case 'for_statement': {
      const body = stmt.childForFieldName('body');
      const infinite = !stmt.namedChildren.some((c) => c && c.id !== body?.id && c.type !== 'comment');
      return infinite && breaksOutOf(stmt).length === 0;
    }
    case 'select_statement':
    case 'expression_switch_statement':
    case 'type_switch_statement': {
      const cases = stmt.namedChildren.filter((c) => c && /case/.test(c.type)) as Node[];
      if (stmt.type !== 'select_statement' && !cases.some((c) => c.type === 'default_case')) return false;
      return cases.length > 0 && cases.every((c) => terminates(blockStatements(c).at(-1)) && breaksOutOf(c).length === 0);
    }
    case 'labeled_statement':
      return terminates(stmt.namedChildren.at(-1) ?? undefined);
    default:
      return false;
  }
}

/** `break` statements that leave `loop` (unlabelled ones not inside an inner loop/switch/select, or labelled with its label). */
export function breaksOutOf(loop: Node): Node[] {
  const label = loop.parent?.type === 'labeled_statement' ? loop.parent.childForFieldName('label')?.text : undefined;
  return findAll(loop, 'break_statement', true).filter((b) => {
    const target = b.namedChild(0)?.text;
    if (target) return target === label;
    for (let p = b.parent; p && p.id !== loop.id; p = p.parent) {
      if (p.type === 'for_statement' || /switch_statement|select_statement/.test(p.type)) return false;
    }
    return true;
  });
}

/** Places where `fn` can return after `after`: return statements and, when reachable, the end of its body. */
export function exitsAfter(fn: Node, after: Node): Node[] {
  const body = fn.childForFieldName('body');
  if (!body) return [];
  const out = findAll(body, 'return_statement', true).filter((r) => r.startIndex >= after.endIndex);
  if (!terminates(body)) {
    const close = body.child(body.childCount - 1);
    if (close) out.push(close);
  }
  return out;
}
