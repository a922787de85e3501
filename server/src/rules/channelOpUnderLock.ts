// channel-op-under-lock: a blocking send/receive or WaitGroup.Wait performed
// (directly or in a callee) while holding a mutex that the other side — the
// goroutine that must receive, send or call Done — also takes. If that side is
// waiting for the mutex, neither moves: a deadlock. Holding a lock across a
// channel operation is only reported when such a peer exists; a lock the
// other side never touches only costs latency.
import type { BlockingOp, FuncRef, FunctionIndex, HeldLock, Site } from '../index/funcIndex';
import { chainRelated, functionsOfFile, nodeOf, relatedAt } from './lockSupport';
import type { SyncCallFact } from '../index/types';
import type { Rule, RuleContext } from './types';

type PeerKind = 'send' | 'recv' | 'done';

interface Peer {
  fn: FuncRef;
  kind: PeerKind;
  site: Site;
  async: boolean;
  /** For operations in a goroutine literal: the literal (first position entry). */
  goroutine?: number;
}

/** Every channel operation and `Done` call in the workspace, by channel / WaitGroup class. */
function peersByClass(fns: FunctionIndex): Map<string, Peer[]> {
  return fns.memo('channel-op-under-lock:peers', () => {
    const out = new Map<string, Peer[]>();
    const add = (cls: string | undefined, p: Peer) => {
      if (!cls) return;
      const list = out.get(cls);
      if (list) list.push(p);
      else out.set(cls, [p]);
    };
    for (const fn of fns.allWithClosures()) {
      for (const op of fn.facts.chanOps) {
        if (!op.chan || op.op === 'close') continue;
        const site = { file: fn.file.path, span: op, what: op.op === 'send' ? `${op.chan.text} <- …` : `<-${op.chan.text}` };
        add(fns.classOf(fn, op.chan)?.cls, { fn, kind: op.op === 'send' ? 'send' : 'recv', site, async: op.async, goroutine: op.async ? op.pos[0] : undefined });
      }
      for (const c of fn.facts.syncCalls) {
        if (c.method !== 'Done') continue;
        add(fns.classOf(fn, c.target)?.cls, { fn, kind: 'done', site: { file: fn.file.path, span: c, what: `${c.target.text}.Done()` }, async: c.async, goroutine: c.async ? c.pos[0] : undefined });
      }
    }
    return out;
  });
}

/** Peers of a channel or WaitGroup without a class (a local): the same function's goroutines and closures. */
function localPeers(fns: FunctionIndex, fn: FuncRef, key: string): Peer[] {
  const top = fn.parent ?? fn;
  const family = fns.funcsOfFile(fn.file.path).filter((f) => (f.parent ?? f).key === top.key);
  const out: Peer[] = [];
  for (const f of family) {
    for (const op of f.facts.chanOps) {
      if (!op.chan || op.op === 'close' || fns.instanceKey(f, op.chan) !== key) continue;
      out.push({ fn: f, kind: op.op === 'send' ? 'send' : 'recv', site: { file: f.file.path, span: op, what: op.op === 'send' ? `${op.chan.text} <- …` : `<-${op.chan.text}` }, async: op.async || f !== fn, goroutine: op.async ? op.pos[0] : undefined });
    }
    for (const c of f.facts.syncCalls) {
      if (c.method !== 'Done' || fns.instanceKey(f, c.target) !== key) continue;
      out.push({ fn: f, kind: 'done', site: { file: f.file.path, span: c, what: `${c.target.text}.Done()` }, async: c.async || f !== fn, goroutine: c.async ? c.pos[0] : undefined });
    }
  }
  return out;
}

function wantedPeer(op: BlockingOp): PeerKind {
  if (op.kind === 'send') return 'recv';
  if (op.kind === 'wait') return 'done';
  return 'send';
}

/** Where the peer's goroutine takes the held lock, if it does. */
function peerTakes(fns: FunctionIndex, fn: FuncRef, peer: Peer, h: HeldLock): Site[] | undefined {
  if (h.cls) {
    const taken = fns.lockClassesTaken(peer.fn, 2, peer.goroutine).get(h.cls);
    // Two readers do not block each other.
    return taken && (taken.write || !h.read) ? taken.chain : undefined;
  }
  if ((peer.fn.parent ?? peer.fn).key !== (fn.parent ?? fn).key) return undefined;
  const op = peer.fn.facts.lockOps.find(
    (o) =>
      (o.op === 'Lock' || (o.op === 'RLock' && !h.read)) &&
      (peer.goroutine === undefined ? !o.async : o.async && o.pos[0] === peer.goroutine) &&
      fns.instanceKey(peer.fn, o.lock) === h.key,
  );
  return op ? [{ file: peer.fn.file.path, span: op, what: `${op.lock.text}.${op.op}()` }] : undefined;
}

/** cond class (or local instance key) → the lock its Wait releases, from `NewCond(&lock)` anywhere. */
function condLockOf(fns: FunctionIndex, fn: FuncRef, cond: SyncCallFact): { cls?: string; key?: string } | undefined {
  const cls = fns.classOf(fn, cond.target)?.cls;
  if (!cls) {
    const key = fns.instanceKey(fn, cond.target);
    const top = fn.parent ?? fn;
    for (const f of fns.funcsOfFile(fn.file.path)) {
      if ((f.parent ?? f).key !== top.key) continue;
      const found = f.facts.condLocks?.find((c) => fns.instanceKey(f, c.cond) === key);
      if (found) return { key: fns.instanceKey(f, found.lock), cls: fns.classOf(f, found.lock)?.cls };
    }
    return undefined;
  }
  const byClass = fns.memo('channel-op-under-lock:cond-locks', () => {
    const out = new Map<string, string>();
    for (const f of fns.allWithClosures()) {
      for (const c of f.facts.condLocks ?? []) {
        const condCls = fns.classOf(f, c.cond)?.cls;
        const lockCls = fns.classOf(f, c.lock)?.cls;
        if (condCls && lockCls) out.set(condCls, lockCls);
      }
    }
    return out;
  });
  const lockCls = byClass.get(cls);
  return lockCls ? { cls: lockCls } : undefined;
}

/** Signal/Broadcast calls on the same cond: the goroutines a Wait depends on. */
function signallers(fns: FunctionIndex, fn: FuncRef, cond: SyncCallFact): Peer[] {
  const cls = fns.classOf(fn, cond.target)?.cls;
  const key = fns.instanceKey(fn, cond.target);
  const top = fn.parent ?? fn;
  const out: Peer[] = [];
  for (const f of cls ? fns.allWithClosures() : fns.funcsOfFile(fn.file.path).filter((x) => (x.parent ?? x).key === top.key)) {
    for (const c of f.facts.syncCalls) {
      if (c.method !== 'Signal' && c.method !== 'Broadcast') continue;
      if (cls ? fns.classOf(f, c.target)?.cls !== cls : fns.instanceKey(f, c.target) !== key) continue;
      if (f.key === fn.key && !c.async) continue;
      out.push({ fn: f, kind: 'done', site: { file: f.file.path, span: c, what: `${c.target.text}.${c.method}()` }, async: c.async, goroutine: c.async ? c.pos[0] : undefined });
    }
  }
  return out;
}

/** cond.Wait releases only the cond's own lock: any other lock held stays held while this goroutine sleeps. */
function checkCondWaits(ctx: RuleContext, fns: FunctionIndex, fn: FuncRef): void {
  const m = channelOpUnderLock.meta.messages;
  for (const c of fn.facts.syncCalls) {
    if (c.method !== 'Wait' || c.deferred || fns.kindOf(fn, c.target) !== 'cond') continue;
    const held = fns.heldAt(fn, c);
    if (held.length === 0) continue;
    const own = condLockOf(fns, fn, c);
    if (!own) continue;
    const others = held.filter((h) => !(own.cls && h.cls === own.cls) && !(own.key && h.key === own.key));
    let found: { peer: Peer; h: HeldLock; takes: Site[] } | undefined;
    for (const peer of signallers(fns, fn, c)) {
      for (const h of others) {
        const takes = peerTakes(fns, fn, peer, h);
        if (takes) found ??= { peer, h, takes };
      }
    }
    const node = found && nodeOf(ctx, c);
    if (!found || !node) continue;
    ctx.report({
      node,
      messageId: 'condUnderLock',
      args: { cond: c.target.text, lock: found.h.text, peer: found.peer.fn.name, peerOp: found.peer.site.what },
      related: [
        relatedAt(found.h.site, m.heldHere!, { lock: found.h.text }),
        relatedAt(found.peer.site, m.peerOp!, { what: found.peer.site.what }),
        ...chainRelated(found.takes, m.via!, m.peerLocks!, { lock: found.h.text }),
      ],
    });
  }
}

export const channelOpUnderLock: Rule = {
  meta: {
    id: 'channel-op-under-lock',
    title: { en: 'Blocking channel operation while holding a lock the other side needs', ko: '상대편이 필요로 하는 락을 잡은 채 블로킹 채널 연산' },
    description: {
      en: 'A send, receive or WaitGroup.Wait that can block runs while a mutex is held, and the goroutine on the other side takes the same mutex: if it waits for the lock, neither proceeds. Also cond.Wait while holding a lock other than the cond\'s, which the signaller needs.',
      ko: '블로킹될 수 있는 송신, 수신, WaitGroup.Wait를 뮤텍스를 잡은 채 실행하고, 상대편 고루틴도 같은 뮤텍스를 잡습니다: 상대가 락을 기다리면 둘 다 진행하지 못합니다. cond의 락이 아닌, 신호를 보내는 쪽이 필요로 하는 다른 락을 잡은 채 하는 cond.Wait도 찾습니다.',
    },
    // Below 80% judged precision on the corpus (see the docs page): information until more data.
    defaultSeverity: 'information',
    category: 'channel',
    checklistItem: 'defer-unlock-close',
    fixable: false,
    messages: {
      underLock: {
        en: '{op} can block while {lock} is held, and {peer} ({peerOp}) takes {lock} too: if it is waiting for the lock, neither goroutine proceeds (release {lock} before the {kind})',
        ko: '{lock}을(를) 잡은 채 {op}이(가) 블로킹될 수 있고, {peer} ({peerOp})도 {lock}을(를) 잡습니다: 상대가 락을 기다리면 두 고루틴 모두 진행하지 못합니다 ({kind} 전에 {lock}을(를) 푸세요)',
      },
      condUnderLock: {
        en: '{cond}.Wait() releases only its own lock, while {lock} stays held; {peer} needs {lock} before {peerOp}, so this goroutine may sleep forever (release {lock} before waiting)',
        ko: '{cond}.Wait()는 자기 락만 풀고 {lock}은(는) 잡은 채 잠듭니다. {peer}는 {peerOp} 전에 {lock}이(가) 필요하므로 이 고루틴이 영원히 잠들 수 있습니다 (기다리기 전에 {lock}을(를) 푸세요)',
      },
      heldHere: { en: '{lock} is taken here', ko: '여기서 {lock}을(를) 잠급니다' },
      via: { en: 'which calls {what}', ko: '이어서 {what} 호출' },
      blocksHere: { en: '{what}: blocks here', ko: '{what}: 여기서 블로킹' },
      peerOp: { en: 'the other side: {what}', ko: '상대편: {what}' },
      peerLocks: { en: '{what}: the other side takes {lock}', ko: '{what}: 상대편이 {lock}을(를) 잡음' },
    },
  },
  check(ctx) {
    const fns = ctx.index.functions();
    const byClass = peersByClass(fns);
    const m = channelOpUnderLock.meta.messages;
    for (const fn of functionsOfFile(ctx)) {
      checkCondWaits(ctx, fns, fn);
      const reported = new Set<number>();
      for (const op of fns.blockingOpsTransitively(fn, 3)) {
        if (reported.has(op.at)) continue;
        const held = fns.heldAt(fn, op);
        if (held.length === 0) continue;
        const want = wantedPeer(op);
        const peers = (op.cls ? byClass.get(op.cls) ?? [] : localPeers(fns, fn, op.key)).filter(
          (p) => p.kind === want && (p.async || p.fn.key !== fn.key),
        );
        let found: { peer: Peer; h: HeldLock; takes: Site[] } | undefined;
        for (const peer of peers) {
          for (const h of held) {
            const takes = peerTakes(fns, fn, peer, h);
            if (takes) {
              found = { peer, h, takes };
              break;
            }
          }
          if (found) break;
        }
        if (!found) continue;
        const node = nodeOf(ctx, op.chain[0]!.span);
        if (!node) continue;
        reported.add(op.at);
        const last = op.chain[op.chain.length - 1]!;
        ctx.report({
          node,
          messageId: 'underLock',
          args: {
            op: op.chain.length > 1 ? `${op.chain[0]!.what} → ${last.what}` : last.what,
            lock: found.h.text,
            peer: found.peer.fn.name,
            peerOp: found.peer.site.what,
            kind: op.kind === 'wait' ? 'Wait' : op.kind === 'send' ? 'send' : 'receive',
          },
          related: [
            relatedAt(found.h.site, m.heldHere!, { lock: found.h.text }),
            ...chainRelated(op.chain.slice(1), m.via!, m.blocksHere!, {}),
            relatedAt(found.peer.site, m.peerOp!, { what: found.peer.site.what }),
            ...chainRelated(found.takes, m.via!, m.peerLocks!, { lock: found.h.text }),
          ],
        });
      }
    }
  },
};
