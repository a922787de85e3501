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
 * Rules and summaries ask the same questions of the same trees (every function of the file, the calls of
 * each body, the declarations of each scope…). Per tree: each answer is kept, and once the walks for one set
 * of types have covered more than the whole file, a single walk of the file for that set is kept instead and
 * later questions take the range under their node from it (pre-order keeps a subtree contiguous). Trees never
 * change (an edit parses a new one), so all of it stays valid for the tree's life and goes with it.
 */
interface TreeQueries {
  size: number;
  /** With syntax errors tree-sitter inserts zero-width nodes, whose place in a range is ambiguous. */
  hasErrors: boolean;
  answers: Map<string, Node[]>;
  walked: Map<string, number>;
  fileWide: Map<string, Node[]>;
  /** One walk of the file for every type in `commonTypes`, with each node's type. */
  common?: { nodes: Node[]; types: string[] };
}

/**
 * The statement- and call-level types the rules and summaries ask for: one native walk collects them all, and
 * each question's list is filtered from it (identifiers and other leaves are too many to collect up front).
 */
const commonTypes = new Set([
  'assignment_statement', 'break_statement', 'call_expression', 'continue_statement', 'dec_statement',
  'defer_statement', 'expression_statement', 'for_statement', 'func_literal', 'function_declaration',
  'go_statement', 'goto_statement', 'if_statement', 'inc_statement', 'method_declaration',
  'parameter_declaration', 'range_clause', 'return_statement', 'select_statement', 'send_statement',
  'short_var_declaration', 'var_spec',
]);

const queriesByTree = new WeakMap<object, TreeQueries>();

function queriesOf(node: Node): TreeQueries {
  let q = queriesByTree.get(node.tree);
  if (!q) {
    const root = node.tree.rootNode;
    q = { size: root.endIndex, hasErrors: root.hasError, answers: new Map(), walked: new Map(), fileWide: new Map() };
    queriesByTree.set(node.tree, q);
  }
  return q;
}

/**
 * All descendants (and `node` itself) of the given types in document order.
 * With `sameFunction`, nodes inside nested function literals are left out.
 * Uses tree-sitter's native descendantsOfType: walking from JavaScript
 * allocates a wrapper per node and was the analyser's main cost.
 */
export function findAll(node: Node, types: string | string[], sameFunction = false): Node[] {
  const wanted = Array.isArray(types) ? types : [types];
  const q = queriesOf(node);
  const key = `${node.id}|${sameFunction ? 1 : 0}|${wanted.join(',')}`;
  let found = q.answers.get(key);
  if (!found) q.answers.set(key, (found = findAllUncached(node, wanted, sameFunction, q)));
  // A copy: callers may sort or filter in place.
  return found.slice();
}

function findAllUncached(node: Node, wanted: string[], sameFunction: boolean, q: TreeQueries): Node[] {
  if (!sameFunction) return descendantsOfTypes(node, wanted, q);
  // One walk for both the wanted nodes and the closures that hide them.
  const all = descendantsOfTypes(node, wanted.includes('func_literal') ? wanted : [...wanted, 'func_literal'], q);
  const out: Node[] = [];
  let hiddenUntil = -1;
  for (const n of all) {
    if (n.startIndex < hiddenUntil) continue;
    if (n.type === 'func_literal' && n.id !== node.id) {
      hiddenUntil = n.endIndex;
      continue;
    }
    if (wanted.includes(n.type)) out.push(n);
  }
  return out;
}

function descendantsOfTypes(node: Node, types: string[], q: TreeQueries): Node[] {
  const set = [...types].sort().join(',');
  let list = q.fileWide.get(set);
  if (!list && !q.hasErrors && types.every((t) => commonTypes.has(t))) {
    const common = (q.common ??= walkCommon(node));
    const wanted = new Set(types);
    list = common.nodes.filter((_, i) => wanted.has(common.types[i]!));
    q.fileWide.set(set, list);
  }
  if (!list && !q.hasErrors) {
    const walked = (q.walked.get(set) ?? 0) + node.endIndex - node.startIndex;
    q.walked.set(set, walked);
    if (walked > q.size) q.fileWide.set(set, (list = nonNull(node.tree.rootNode.descendantsOfType(types))));
  }
  return list ? subtreeRange(list, node) : nonNull(node.descendantsOfType(types));
}

function walkCommon(node: Node): { nodes: Node[]; types: string[] } {
  const nodes = nonNull(node.tree.rootNode.descendantsOfType([...commonTypes]));
  return { nodes, types: nodes.map((n) => n.type) };
}

function nonNull(nodes: (Node | null)[]): Node[] {
  return nodes.filter((n): n is Node => n !== null);
}

/** The members of a file-wide pre-order list that are `node` or below it. */
function subtreeRange(list: Node[], node: Node): Node[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.startIndex < node.startIndex) lo = mid + 1;
    else hi = mid;
  }
  const out: Node[] = [];
  for (let i = lo; i < list.length; i++) {
    const d = list[i]!;
    if (d.startIndex >= node.endIndex && node.endIndex > node.startIndex) break;
    if (d.endIndex > node.endIndex) continue; // an ancestor starting where node starts
    // Same span: node itself, a wrapper above it or a lone child below it.
    if (d.startIndex === node.startIndex && d.endIndex === node.endIndex && !isSelfOrBelow(d, node)) continue;
    out.push(d);
  }
  return out;
}

function isSelfOrBelow(d: Node, node: Node): boolean {
  const size = node.endIndex - node.startIndex;
  for (let p: Node | null = d; p && p.endIndex - p.startIndex <= size; p = p.parent) if (p.id === node.id) return true;
  return false;
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
