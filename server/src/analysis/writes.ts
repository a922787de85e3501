// Writes inside a function body: plain assignments, ++/--, op-assignments,
// map element stores and delete(m, k). Rules decide whether they race.
import { findAll, namedChildren, selectorPath, writtenExpressions, type Node } from '../parse/syntax';
import { isGuarded } from './locks';

export interface WriteSite {
  /** The statement or call performing the write. */
  node: Node;
  /** `counter`, `c.count`, or for map stores the map expression `c.items`. */
  path: string;
  /** The first identifier of `path`. */
  root: string;
  isMapWrite: boolean;
  guarded: boolean;
}

function siteFor(node: Node, target: Node): WriteSite | undefined {
  if (target.type === 'index_expression') {
    const operand = target.childForFieldName('operand');
    const path = selectorPath(operand);
    if (!path) return undefined;
    return { node, path, root: path.split('.')[0]!, isMapWrite: true, guarded: isGuarded(node) };
  }
  const path = selectorPath(target);
  if (!path || path === '_') return undefined;
  return { node, path, root: path.split('.')[0]!, isMapWrite: false, guarded: isGuarded(node) };
}

/** Writes in `body`, not descending into nested closures. */
export function writesIn(body: Node): WriteSite[] {
  const out: WriteSite[] = [];
  for (const stmt of findAll(body, ['assignment_statement', 'inc_statement', 'dec_statement', 'call_expression'], true)) {
    if (stmt.type === 'call_expression') {
      if (stmt.childForFieldName('function')?.text !== 'delete') continue;
      const mapArg = stmt.childForFieldName('arguments')?.namedChild(0);
      const path = selectorPath(mapArg);
      if (path) out.push({ node: stmt, path, root: path.split('.')[0]!, isMapWrite: true, guarded: isGuarded(stmt) });
      continue;
    }
    for (const target of writtenExpressions(stmt)) {
      const site = siteFor(stmt, target);
      if (site) out.push(site);
    }
  }
  return out;
}

/** Identifiers referencing `name` in `scope` outside closures (reads and writes). */
export function referencesTo(scope: Node, name: string): Node[] {
  return findAll(scope, 'identifier', true).filter((n) => n.text === name);
}

export { namedChildren };
