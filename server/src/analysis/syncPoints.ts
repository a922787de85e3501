// Operations after which a goroutine's earlier writes are visible to the
// current one: waits, receives, selects, locks. Used to stay silent on the
// common "start goroutine, wait, read result" shape.
import { findAll, methodCall, type Node } from '../parse/syntax';

const waitingMethods = new Set(['Wait', 'Lock', 'RLock', 'Do', 'Go']);

export function isSyncPoint(n: Node): boolean {
  if (n.type === 'select_statement') return true;
  if (n.type === 'unary_expression' && n.child(0)?.text === '<-') return true;
  if (n.type === 'range_clause') return true;
  if (n.type === 'call_expression') {
    const m = methodCall(n);
    if (m && waitingMethods.has(m.method)) return true;
  }
  return false;
}

/** True when a sync point lies between the end of `from` and the start of `to` (or an offset), inside `scope` (outside closures). */
export function syncPointBetween(scope: Node, from: Node, to: Node | number): boolean {
  const limit = typeof to === 'number' ? to : to.startIndex;
  return findAll(scope, ['select_statement', 'unary_expression', 'range_clause', 'call_expression'], true).some(
    (n) => n.startIndex >= from.endIndex && n.endIndex <= limit && isSyncPoint(n),
  );
}

/** Where an access takes effect: an assignment writes after evaluating its right side (`err = <-ch`). */
export function effectiveOffset(ref: Node): number {
  for (let p = ref.parent; p; p = p.parent) {
    if (p.type === 'assignment_statement' || p.type === 'short_var_declaration') {
      const left = p.childForFieldName('left');
      return left && ref.startIndex >= left.startIndex && ref.endIndex <= left.endIndex ? p.endIndex : ref.startIndex;
    }
    if (p.type === 'block' || p.type === 'func_literal') break;
  }
  return ref.startIndex;
}
