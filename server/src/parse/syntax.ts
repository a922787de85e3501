// Small, pure helpers over tree-sitter Go nodes that every layer shares.
import type { Node } from 'web-tree-sitter';

export type { Node };

export interface SourceRange {
  /** 0-based line and UTF-16 column, LSP style. */
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export function rangeOf(node: Node): SourceRange {
  return {
    startLine: node.startPosition.row,
    startColumn: node.startPosition.column,
    endLine: node.endPosition.row,
    endColumn: node.endPosition.column,
  };
}

export function namedChildren(node: Node): Node[] {
  return node.namedChildren.filter((c): c is Node => c !== null);
}

/** Depth-first walk; `enter` returning false skips the node's children. */
export function walk(node: Node, enter: (n: Node) => boolean | void): void {
  const stack: Node[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (enter(n) === false) continue;
    const kids = n.namedChildren;
    for (let i = kids.length - 1; i >= 0; i--) {
      const k = kids[i];
      if (k) stack.push(k);
    }
  }
}

/**
 * All descendants (and `node` itself) of the given types in document order.
 * With `sameFunction`, nodes inside nested function literals are left out.
 * Uses tree-sitter's native descendantsOfType: walking from JavaScript
 * allocates a wrapper per node and was the analyser's main cost.
 */
export function findAll(node: Node, types: string | string[], sameFunction = false): Node[] {
  const wanted = Array.isArray(types) ? types : [types];
  if (!sameFunction) return node.descendantsOfType(wanted).filter((n): n is Node => n !== null);
  // One native walk for both the wanted nodes and the closures that hide them.
  const all = node.descendantsOfType(wanted.includes('func_literal') ? wanted : [...wanted, 'func_literal']);
  const out: Node[] = [];
  let hiddenUntil = -1;
  for (const n of all) {
    if (!n) continue;
    if (n.startIndex < hiddenUntil) continue;
    if (n.type === 'func_literal' && n.id !== node.id) {
      hiddenUntil = n.endIndex;
      continue;
    }
    if (wanted.includes(n.type)) out.push(n);
  }
  return out;
}

export function ancestors(node: Node): Node[] {
  const out: Node[] = [];
  for (let p = node.parent; p; p = p.parent) out.push(p);
  return out;
}

/** The innermost function (declaration, method or literal) containing `node`. */
export function enclosingFunction(node: Node): Node | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'function_declaration' || p.type === 'method_declaration' || p.type === 'func_literal') return p;
  }
  return undefined;
}

export function isWithin(inner: Node, outer: Node): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

/** The statements of a block, unwrapping the grammar's statement_list. */
export function blockStatements(block: Node | null | undefined): Node[] {
  if (!block) return [];
  const out: Node[] = [];
  for (const c of namedChildren(block)) {
    if (c.type === 'statement_list') out.push(...namedChildren(c));
    else if (c.type !== 'comment') out.push(c);
  }
  return out.filter((n) => n.type !== 'comment');
}

/** `a.b.c` for selector chains of identifiers, otherwise undefined. */
export function selectorPath(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'identifier':
    case 'field_identifier':
    case 'package_identifier':
      return node.text;
    case 'selector_expression': {
      const left = selectorPath(node.childForFieldName('operand'));
      const field = node.childForFieldName('field');
      return left && field ? `${left}.${field.text}` : undefined;
    }
    case 'parenthesized_expression':
      return selectorPath(node.namedChild(0));
    case 'unary_expression':
      // &x and *x refer to the same storage for our purposes.
      return selectorPath(node.childForFieldName('operand'));
    default:
      return undefined;
  }
}

/** For a call `recv.Method(...)`, returns { receiver: 'recv', method: 'Method' }. */
export function methodCall(call: Node): { receiver: string; method: string; receiverNode: Node } | undefined {
  if (call.type !== 'call_expression') return undefined;
  const fn = call.childForFieldName('function');
  if (!fn || fn.type !== 'selector_expression') return undefined;
  const operand = fn.childForFieldName('operand');
  const field = fn.childForFieldName('field');
  const receiver = selectorPath(operand);
  if (!operand || !field || !receiver) return undefined;
  return { receiver, method: field.text, receiverNode: operand };
}

/** The identifier or qualified name called by a call expression (`f`, `pkg.F`, `x.m`). */
export function calleeName(call: Node): string | undefined {
  return selectorPath(call.childForFieldName('function'));
}

export function isLoop(node: Node): boolean {
  return node.type === 'for_statement';
}

/** The innermost enclosing loop of `node` that is inside `limit` (exclusive). */
export function enclosingLoop(node: Node, limit?: Node): Node | undefined {
  for (let p = node.parent; p && p !== limit; p = p.parent) {
    if (p.type === 'func_literal' || p.type === 'function_declaration' || p.type === 'method_declaration') return undefined;
    if (p.type === 'for_statement') return p;
  }
  return undefined;
}

/** Identifiers written by an assignment, inc/dec or short var declaration: returns the left-hand nodes. */
export function writtenExpressions(stmt: Node): Node[] {
  switch (stmt.type) {
    case 'assignment_statement': {
      const left = stmt.childForFieldName('left');
      return left ? namedChildren(left) : [];
    }
    case 'inc_statement':
    case 'dec_statement': {
      const target = stmt.namedChild(0);
      return target ? [target] : [];
    }
    default:
      return [];
  }
}
