// Which mutexes are held at a point of a function, by a straight scan of the
// statements that dominate it syntactically (those in enclosing blocks that
// come before it). Conditional locking is rare in real code; missing it only
// makes rules quieter, never noisier.
import { blockStatements, methodCall, type Node } from '../parse/syntax';

export const lockMethods: Record<string, string> = { Lock: 'Unlock', RLock: 'RUnlock' };
const unlockMethods = new Set(['Unlock', 'RUnlock']);

/** `X.Lock()` as a statement → { path: 'X', method: 'Lock' }. */
export function lockCallOf(stmt: Node): { path: string; method: string; call: Node } | undefined {
  if (stmt.type !== 'expression_statement') return undefined;
  const call = stmt.namedChild(0);
  if (!call || call.type !== 'call_expression') return undefined;
  const m = methodCall(call);
  if (!m) return undefined;
  if (!(m.method in lockMethods) && !unlockMethods.has(m.method)) return undefined;
  // TryLock and friends are not statements that block; Lock on a field named like a lock is the case we know.
  return { path: m.receiver, method: m.method, call };
}

function isFunctionBoundary(n: Node): boolean {
  return n.type === 'function_declaration' || n.type === 'method_declaration' || n.type === 'func_literal';
}

/** True when the closure is the body of a `go` statement: locks outside do not protect it. */
function isGoroutineLiteral(lit: Node): boolean {
  const call = lit.parent;
  return call?.type === 'call_expression' && call.parent?.type === 'go_statement';
}

/** Paths of mutexes held at `node`. Looks through synchronous closures (once.Do, func(){}()) into the outer function. */
export function locksHeldAt(node: Node): Set<string> {
  const held = new Set<string>();
  const chain: Node[] = [];
  for (let p: Node | null = node; p; p = p.parent) {
    chain.push(p);
    if (isFunctionBoundary(p) && (p.type !== 'func_literal' || isGoroutineLiteral(p))) break;
  }
  // Walk from the outermost block inwards so that later unlocks cancel earlier locks.
  for (let i = chain.length - 1; i > 0; i--) {
    const block = chain[i]!;
    const child = chain[i - 1]!;
    if (block.type !== 'block' && block.type !== 'statement_list') continue;
    for (const stmt of blockStatements(block.type === 'block' ? block : block.parent)) {
      if (stmt.startIndex >= child.startIndex) break;
      const lc = lockCallOf(stmt);
      if (!lc) continue;
      if (lc.method in lockMethods) held.add(lc.path);
      else held.delete(lc.path);
    }
  }
  return held;
}

/** True inside `once.Do(func(){ … })` or `sync.OnceFunc/OnceValue(func…)`: runs once, synchronised. */
export function insideOnce(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'func_literal') {
      const args = p.parent;
      const call = args?.parent;
      if (args?.type === 'argument_list' && call?.type === 'call_expression') {
        const m = methodCall(call);
        const fn = call.childForFieldName('function')?.text ?? '';
        if (m?.method === 'Do' || /\bOnce(Func|Value|Values)$/.test(fn)) return true;
      }
      if (isGoroutineLiteral(p)) return false;
    }
    if (p.type === 'function_declaration' || p.type === 'method_declaration') return false;
  }
  return false;
}

/** A write is guarded when a lock is held, it runs under sync.Once, or its function's name says the caller holds the lock. */
export function isGuarded(node: Node): boolean {
  if (locksHeldAt(node).size > 0 || insideOnce(node)) return true;
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'function_declaration' || p.type === 'method_declaration') {
      const name = p.childForFieldName('name')?.text ?? '';
      return /Locked$|WithLock$|UnderLock$/i.test(name);
    }
  }
  return false;
}
