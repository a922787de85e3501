// `go` statements and what they run: a closure body or a named function or
// method that the index can resolve.
import { enclosingFunction, enclosingLoop, findAll, selectorPath, type Node } from '../parse/syntax';

export interface GoStart {
  stmt: Node;
  call: Node;
  /** The closure started, for `go func(){…}()`. */
  literal?: Node;
  /** `f`, `pkg.F` or `recv.method` for named targets. */
  callee?: string;
  /** The loop around the go statement inside the same function, if any. */
  loop?: Node;
  /** The function containing the go statement. */
  owner?: Node;
}

// Several rules ask for the go statements of the same file: compute them once per tree.
const byTree = new WeakMap<object, GoStart[]>();

export function goStarts(root: Node): GoStart[] {
  const isRoot = root.parent === null;
  const cached = isRoot ? byTree.get(root.tree) : undefined;
  if (cached) return cached;
  const out: GoStart[] = [];
  if (isRoot) byTree.set(root.tree, out);
  for (const stmt of findAll(root, 'go_statement')) {
    const call = stmt.namedChild(0);
    if (!call || call.type !== 'call_expression') continue;
    const fn = call.childForFieldName('function');
    const start: GoStart = { stmt, call, loop: enclosingLoop(stmt), owner: enclosingFunction(stmt) };
    if (fn?.type === 'func_literal') start.literal = fn;
    else start.callee = selectorPath(fn);
    out.push(start);
  }
  return out;
}
