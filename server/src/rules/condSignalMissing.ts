// cond-signal-missing: a sync.Cond that some goroutine Waits on but that no
// code in the workspace ever Signals or Broadcasts: the waiter sleeps forever.
// Exported conds (other modules may signal them) and local conds that escape
// into calls are left alone.
import type { FuncRef, FunctionIndex } from '../index/funcIndex';
import type { SyncCallFact } from '../index/types';
import { functionsOfFile, nodeOf } from './lockSupport';
import type { Rule } from './types';

/** Classes of every cond that is signalled or broadcast somewhere in the workspace. */
function signalledClasses(fns: FunctionIndex): Set<string> {
  return fns.memo('cond-signal-missing:signalled', () => {
    const out = new Set<string>();
    for (const fn of fns.allWithClosures()) {
      for (const c of fn.facts.syncCalls) {
        if (c.method !== 'Signal' && c.method !== 'Broadcast') continue;
        const cls = fns.classOf(fn, c.target)?.cls;
        if (cls) out.add(cls);
      }
    }
    return out;
  });
}

/** `Type.Field` or an exported package variable: reachable from other modules. */
function exported(name: string): boolean {
  return /^[A-Z]/.test(name.slice(name.lastIndexOf('.') + 1));
}

/** For a cond without a class (a local): signalled, or handed to a call, anywhere in the declaring function. */
function localSignalledOrEscapes(fns: FunctionIndex, fn: FuncRef, wait: SyncCallFact): boolean {
  const key = fns.instanceKey(fn, wait.target);
  const top = fn.parent ?? fn;
  for (const f of fns.funcsOfFile(fn.file.path)) {
    if ((f.parent ?? f).key !== top.key) continue;
    if (f.facts.syncCalls.some((c) => (c.method === 'Signal' || c.method === 'Broadcast') && fns.instanceKey(f, c.target) === key)) return true;
    if (f.facts.calls.some((c) => c.args.some((a) => a && fns.instanceKey(f, a) === key))) return true;
  }
  return false;
}

export const condSignalMissing: Rule = {
  meta: {
    id: 'cond-signal-missing',
    title: { en: 'sync.Cond waited on but never signalled', ko: '기다리기만 하고 Signal되지 않는 sync.Cond' },
    description: {
      en: 'A goroutine Waits on a sync.Cond that no code in the workspace Signals or Broadcasts: it sleeps forever.',
      ko: '고루틴이 sync.Cond에서 Wait하지만 워크스페이스의 어떤 코드도 Signal이나 Broadcast하지 않습니다: 영원히 잠듭니다.',
    },
    defaultSeverity: 'warning',
    category: 'lock',
    checklistItem: 'shared-state-guarded',
    fixable: false,
    messages: {
      neverSignalled: {
        en: '{cond}.Wait() waits for a Signal or Broadcast that nothing in the workspace sends: this goroutine sleeps forever (call {cond}.Broadcast() where the condition changes)',
        ko: '{cond}.Wait()가 워크스페이스 어디에서도 보내지 않는 Signal이나 Broadcast를 기다립니다: 이 고루틴은 영원히 잠듭니다 (조건이 바뀌는 곳에서 {cond}.Broadcast()를 호출하세요)',
      },
    },
  },
  check(ctx) {
    const fns = ctx.index.functions();
    for (const fn of functionsOfFile(ctx)) {
      for (const c of fn.facts.syncCalls) {
        if (c.method !== 'Wait' || fns.kindOf(fn, c.target) !== 'cond') continue;
        const cls = fns.classOf(fn, c.target);
        if (cls) {
          if (exported(cls.name) || signalledClasses(fns).has(cls.cls)) continue;
        } else if (c.target.root !== 'local' || localSignalledOrEscapes(fns, fn, c)) {
          continue;
        }
        const node = nodeOf(ctx, c);
        if (node) ctx.report({ node, messageId: 'neverSignalled', args: { cond: c.target.text } });
      }
    }
  },
};
