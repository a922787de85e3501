// lock-order-inversion: one path takes lock A then (while holding it) lock B,
// another takes B then A — the AB-BA deadlock, found across functions, files
// and packages. Locks are compared by class (`Type.field` or a package
// variable), as lockdep does; the pair must differ in class, and two paths
// that both hold a common third lock (a gate) are left alone.
import type { FuncRef, FunctionIndex, Site } from '../index/funcIndex';
import { chainRelated, functionsOfFile, nodeOf, relatedAt } from './lockSupport';
import type { Rule } from './types';

interface OrderWitness {
  fn: FuncRef;
  /** The lock held (class A) and where it was taken. */
  held: { cls: string; text: string; site: Site };
  /** The acquisition of class B, from the event in `fn` down to the Lock call. */
  chain: Site[];
  acquiredText: string;
  /** Other classes held at the event (gate locks). */
  others: string[];
  heldRead: boolean;
  acquiredRead: boolean;
}

/**
 * Two goroutines deadlock on (A then B) and (B then A) only when each second
 * acquisition conflicts with the other side's hold: a read lock wanted while
 * the other only read-holds it goes through (unless a third, writing
 * goroutine queues: too indirect to report).
 */
function conflicts(w: OrderWitness, r: OrderWitness): boolean {
  return !(w.acquiredRead && r.heldRead) && !(r.acquiredRead && w.heldRead);
}

const depth = 3;

function shortName(cls: string): string {
  return cls.slice(cls.lastIndexOf(':') + 1);
}

/** Each "holding A (class), acquire B (class)" event of `fn`, in order, with what the witness needs. */
function forEachEdge(fns: FunctionIndex, fn: FuncRef, visit: (key: string, w: OrderWitness) => void): void {
  const events = [
    ...fn.facts.lockOps
      .filter((o) => (o.op === 'Lock' || o.op === 'RLock') && !o.deferred)
      .map((o) => ({ fact: o as { pos: number[]; at: number }, acquired: () => [{ ...fns.lockInfo(fn, o.lock), read: o.op === 'RLock', text: o.lock.text, chain: [{ file: fn.file.path, span: { line: o.line, column: o.column, endLine: o.endLine, endColumn: o.endColumn }, what: `${o.lock.text}.${o.op}()` }] }] })),
    ...fn.facts.calls.filter((c) => !c.deferred).map((c) => ({ fact: c as { pos: number[]; at: number }, acquired: () => fns.acquisitionsOfCall(fn, c, depth) })),
  ];
  for (const ev of events) {
    const held = fns.heldAt(fn, ev.fact).filter((h) => h.cls);
    if (held.length === 0) continue;
    for (const a of ev.acquired()) {
      if (!a.cls) continue;
      for (const h of held) {
        if (h.cls === a.cls || (h.read && a.read)) continue;
        visit(`${h.cls}\u0000${a.cls}`, {
          fn,
          held: { cls: h.cls!, text: h.text, site: h.site },
          chain: a.chain,
          acquiredText: a.text,
          others: held.filter((o) => o.cls !== h.cls && o.cls !== a.cls).map((o) => o.cls!),
          heldRead: h.read,
          acquiredRead: a.read,
        });
      }
    }
  }
}

/** Every "holding A, acquire B" edge in the workspace, first witnesses per edge. */
function orderEdges(fns: FunctionIndex): Map<string, OrderWitness[]> {
  return fns.memo('lock-order-inversion:edges', () => {
    const edges = new Map<string, OrderWitness[]>();
    for (const fn of fns.allWithClosures()) {
      forEachEdge(fns, fn, (key, w) => {
        const list = edges.get(key) ?? [];
        // One witness per function and mode pair keeps the map small.
        if (list.length >= 8 || list.some((x) => x.fn.key === fn.key && x.heldRead === w.heldRead && x.acquiredRead === w.acquiredRead)) return;
        edges.set(key, list);
        list.push(w);
      });
    }
    return edges;
  });
}

export const lockOrderInversion: Rule = {
  meta: {
    id: 'lock-order-inversion',
    title: { en: 'Locks taken in opposite orders (AB-BA)', ko: '락을 서로 반대 순서로 잡음 (AB-BA)' },
    description: {
      en: 'One path locks A then B, another locks B then A (possibly through callees in other files): two goroutines taking them at once deadlock.',
      ko: '한 경로는 A 다음 B를, 다른 경로는 B 다음 A를 잠급니다 (다른 파일의 호출을 거칠 수도 있음): 두 고루틴이 동시에 잡으면 데드락입니다.',
    },
    defaultSeverity: 'warning',
    category: 'lock',
    checklistItem: 'shared-state-guarded',
    fixable: false,
    messages: {
      inversion: {
        en: 'lock order inversion: {b} is locked while holding {a} here, but {other} locks {a} while holding {b}; two goroutines on these paths deadlock (take them in one fixed order)',
        ko: '락 순서 역전: 여기서는 {a}을(를) 잡은 채 {b}을(를) 잠그지만 {other}에서는 {b}을(를) 잡은 채 {a}을(를) 잠급니다. 두 경로의 고루틴이 동시에 실행되면 데드락입니다 (한 가지 순서로 잡으세요)',
      },
      heldHere: { en: '{lock} ({cls}) is held from here', ko: '여기서부터 {lock} ({cls})을(를) 잡고 있음' },
      via: { en: 'which calls {what}', ko: '이어서 {what} 호출' },
      acquired: { en: '{what}: takes {cls} while {held} is held', ko: '{what}: {held}을(를) 잡은 채 {cls}을(를) 잠금' },
      otherHeld: { en: 'the other order: {lock} ({cls}) is held from here', ko: '반대 순서: 여기서부터 {lock} ({cls})을(를) 잡고 있음' },
    },
  },
  check(ctx) {
    const fns = ctx.index.functions();
    const own = functionsOfFile(ctx);
    if (own.length === 0) return;
    // Only this file's own edges can be reported here: without one, the workspace's edges are not needed
    // (most files; the editor re-analyses a file per keystroke and the workspace scan is the costly part).
    let hasEdge = false;
    for (const fn of own) forEachEdge(fns, fn, () => (hasEdge = true));
    if (!hasEdge) return;
    const mine = new Set(own.map((f) => f.key));
    const edges = orderEdges(fns);
    const m = lockOrderInversion.meta.messages;
    for (const [key, list] of edges) {
      const [a, b] = key.split('\u0000') as [string, string];
      const reverses = edges.get(`${b}\u0000${a}`);
      if (!reverses) continue;
      for (const w of list) {
        if (!mine.has(w.fn.key)) continue;
        // A common third lock held on both paths serialises them: no deadlock.
        const reverse = reverses.find((r) => conflicts(w, r) && !w.others.some((o) => r.others.includes(o)));
        if (!reverse) continue;
        const event = w.chain[0]!;
        const node = nodeOf(ctx, event.span);
        if (!node) continue;
        ctx.report({
          node,
          messageId: 'inversion',
          args: { a: shortName(a), b: shortName(b), other: reverse.fn.name },
          related: [
            relatedAt(w.held.site, m.heldHere!, { lock: w.held.text, cls: shortName(a) }),
            ...chainRelated(w.chain.slice(1), m.via!, m.acquired!, { cls: shortName(b), held: shortName(a) }),
            relatedAt(reverse.held.site, m.otherHeld!, { lock: reverse.held.text, cls: shortName(b) }),
            ...chainRelated(reverse.chain, m.via!, m.acquired!, { cls: shortName(a), held: shortName(b) }),
          ],
        });
      }
    }
  },
};
