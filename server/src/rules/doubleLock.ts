// double-lock: taking a mutex the goroutine already holds — directly, or in
// a callee several calls down (A locks c.mu and calls B, which locks c.mu).
// Go mutexes are not reentrant, so this deadlocks on itself. Also the two
// RWMutex traps: RLock while already read-locking (deadlocks once a writer
// queues in between) and RLock then Lock (there is no upgrade).
import type { FuncRef, FunctionIndex, HeldLock } from '../index/funcIndex';
import type { LockOpFact } from '../index/types';
import { chainRelated, functionsOfFile, nodeOf, relatedAt } from './lockSupport';
import type { Rule, RuleContext } from './types';

type Shape = 'relock' | 'rlockTwice' | 'upgrade';

function shapeOf(heldRead: boolean, wantRead: boolean): Shape {
  if (!heldRead) return 'relock';
  return wantRead ? 'rlockTwice' : 'upgrade';
}

function isSyncLock(kind: string, heldRead: boolean, wantRead: boolean): boolean {
  return kind === 'mutex' || kind === 'rwmutex' || heldRead || wantRead;
}

/** Recursive read locking only deadlocks when some path write-locks the same lock. */
function writerExists(fns: FunctionIndex, fn: FuncRef, h: HeldLock): boolean {
  if (!h.cls) return fn.facts.lockOps.some((o) => o.op === 'Lock' && fns.instanceKey(fn, o.lock) === h.key);
  const classes = fns.memo('double-lock:write-locked-classes', () => {
    const out = new Set<string>();
    for (const f of fns.allWithClosures()) {
      for (const o of f.facts.lockOps) {
        if (o.op !== 'Lock') continue;
        const c = fns.classOf(f, o.lock)?.cls;
        if (c) out.add(c);
      }
    }
    return out;
  });
  return classes.has(h.cls);
}

function checkDirect(ctx: RuleContext, fns: FunctionIndex, fn: FuncRef, op: LockOpFact): void {
  const key = fns.instanceKey(fn, op.lock);
  const h = fns.heldAt(fn, op).find((x) => x.key === key);
  if (!h) return;
  const wantRead = op.op === 'RLock';
  if (!isSyncLock(h.kind, h.read, wantRead)) return;
  const shape = shapeOf(h.read, wantRead);
  if (shape === 'rlockTwice' && !writerExists(fns, fn, h)) return;
  const node = nodeOf(ctx, op);
  if (!node) return;
  const m = doubleLock.meta.messages;
  ctx.report({
    node,
    messageId: shape,
    args: { lock: op.lock.text, line: h.site.span.line + 1 },
    related: [relatedAt(h.site, m.heldHere!, { lock: h.text, what: h.site.what })],
  });
}

function checkCalls(ctx: RuleContext, fns: FunctionIndex, fn: FuncRef): void {
  const m = doubleLock.meta.messages;
  for (const call of fn.facts.calls) {
    if (call.deferred) continue;
    const held = fns.heldAt(fn, call);
    if (held.length === 0) continue;
    for (const a of fns.acquisitionsOfCall(fn, call, 3)) {
      const h = held.find((x) => x.key === a.key);
      if (!h || !isSyncLock(a.kind === 'other' ? h.kind : a.kind, h.read, a.read)) continue;
      const shape = shapeOf(h.read, a.read);
      if (shape === 'rlockTwice' && !writerExists(fns, fn, h)) continue;
      const node = nodeOf(ctx, call);
      if (!node) break;
      const callee = a.chain[0]!.what;
      ctx.report({
        node,
        messageId: `${shape}Via`,
        args: { lock: h.text, callee, depth: a.chain.length - 1 },
        related: [
          relatedAt(h.site, m.heldHere!, { lock: h.text, what: h.site.what }),
          ...chainRelated(a.chain.slice(1), m.via!, m.lockedAgain!, { lock: a.text }),
        ],
      });
      break;
    }
  }
}

export const doubleLock: Rule = {
  meta: {
    id: 'double-lock',
    title: { en: 'Mutex locked twice by the same goroutine', ko: '같은 고루틴이 뮤텍스를 두 번 잠금' },
    description: {
      en: 'A mutex is locked again while the goroutine already holds it, directly or in a function it calls. Go mutexes are not reentrant: this deadlocks. Also flags RLock re-entry and RLock→Lock upgrades on RWMutex.',
      ko: '고루틴이 이미 잡고 있는 뮤텍스를 직접 또는 호출한 함수에서 다시 잠급니다. Go 뮤텍스는 재진입할 수 없어 데드락이 납니다. RWMutex의 RLock 재진입과 RLock→Lock 업그레이드도 찾습니다.',
    },
    defaultSeverity: 'error',
    category: 'lock',
    checklistItem: 'defer-unlock-close',
    fixable: false,
    messages: {
      relock: {
        en: '{lock} is locked again while already held (taken on line {line}): Go mutexes are not reentrant, this goroutine deadlocks on itself',
        ko: '{lock}을(를) 이미 잡은 상태에서 다시 잠급니다 ({line}행에서 잠금): Go 뮤텍스는 재진입할 수 없어 이 고루틴이 스스로 데드락에 빠집니다',
      },
      rlockTwice: {
        en: '{lock}.RLock() while this goroutine already holds a read lock on it (line {line}): a writer queuing in between blocks both, a deadlock',
        ko: '이 고루틴이 이미 {lock}의 읽기 잠금을 잡은 상태에서 RLock()합니다 ({line}행): 그 사이에 쓰기 잠금이 대기하면 둘 다 멈추는 데드락입니다',
      },
      upgrade: {
        en: '{lock}.Lock() while holding its read lock (line {line}): RWMutex has no upgrade, Lock waits for this goroutine\'s own RLock forever',
        ko: '{lock}의 읽기 잠금을 잡은 채 Lock()합니다 ({line}행): RWMutex는 업그레이드가 없어 Lock이 자기 RLock을 영원히 기다립니다',
      },
      relockVia: {
        en: '{callee} locks {lock} again while it is held here ({depth} call(s) down): Go mutexes are not reentrant, this deadlocks',
        ko: '{callee}이(가) 여기서 잡고 있는 {lock}을(를) 다시 잠급니다 ({depth}단계 아래 호출): Go 뮤텍스는 재진입할 수 없어 데드락이 납니다',
      },
      rlockTwiceVia: {
        en: '{callee} read-locks {lock} again while this goroutine holds its read lock: a writer queuing in between deadlocks both',
        ko: '{callee}이(가) 이 고루틴이 읽기 잠금 중인 {lock}을(를) 다시 RLock합니다: 그 사이 쓰기 잠금이 대기하면 데드락입니다',
      },
      upgradeVia: {
        en: '{callee} write-locks {lock} while this goroutine holds its read lock: RWMutex has no upgrade, this deadlocks',
        ko: '{callee}이(가) 이 고루틴이 읽기 잠금 중인 {lock}을(를) 쓰기 잠금합니다: RWMutex는 업그레이드가 없어 데드락입니다',
      },
      heldHere: { en: '{lock} is taken here ({what})', ko: '여기서 {lock}을(를) 잠급니다 ({what})' },
      via: { en: 'which calls {what}', ko: '이어서 {what} 호출' },
      lockedAgain: { en: '{what}: locked again here', ko: '{what}: 여기서 다시 잠금' },
    },
  },
  check(ctx) {
    const fns = ctx.index.functions();
    for (const fn of functionsOfFile(ctx)) {
      for (const op of fn.facts.lockOps) {
        if ((op.op === 'Lock' || op.op === 'RLock') && !op.deferred) checkDirect(ctx, fns, fn, op);
      }
      checkCalls(ctx, fns, fn);
    }
  },
};
