// lock-ttl-shorter-than-work: a distributed lock whose TTL is visibly shorter
// than the timeout given to the work done under it, in the same function,
// with nothing renewing the lock. When the work runs long — which is what the
// longer timeout allows — the lock expires mid-work and a second holder runs
// the same critical section. Information only: the work may well finish in
// time; the point is that nothing makes sure it does.
import { findAll, rangeOf, type Node } from '../parse/syntax';
import { isContextCall } from '../analysis/contexts';
import { callArgs, durationNs, formatDuration, libraryTypeOf, mayAcquireRedisLock, methodName, redisAcquisitions, topFunction } from './kvLockSupport';
import type { Rule, RuleContext } from './types';

const messages = {
  shorter: {
    en: 'lock TTL {ttl} is shorter than the {timeout} timeout of the work in this function and nothing renews the lock: it can expire while the work still runs and let a second holder in (renew it while working — redsync Extend, redislock Refresh, goconc dlock\'s watchdog — or make the TTL longer than the timeout)',
    ko: '락 TTL {ttl}이(가) 이 함수 작업의 타임아웃 {timeout}보다 짧고 락을 갱신하는 곳이 없습니다: 작업 도중 만료되어 두 번째 보유자가 들어올 수 있습니다 (작업 중 갱신 — redsync Extend, redislock Refresh, goconc dlock의 watchdog — 또는 TTL을 타임아웃보다 길게)',
  },
  timeoutHere: { en: 'the work may take up to {timeout}', ko: '작업이 최대 {timeout}까지 걸릴 수 있습니다' },
};

interface Ttl {
  node: Node;
  ns: number;
  /** The call that takes the lock (ordering against the timeout). */
  at: Node;
}

const redsyncPaths = /^github\.com\/go-redsync\/redsync(\/v\d+)?$/;
const redislockPath = 'github.com/bsm/redislock';
const dlockPath = /\/dlock\/redisdlock$/;

/** `alias.Func(…)` where alias imports a path matching `path`. */
function pkgCall(ctx: RuleContext, call: Node, path: RegExp | string, name: string): boolean {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'selector_expression' || fn.childForFieldName('field')?.text !== name) return false;
  const imp = ctx.summary.imports[fn.childForFieldName('operand')?.text ?? ''];
  return !!imp && (typeof path === 'string' ? imp === path : path.test(imp));
}

function ttlsIn(ctx: RuleContext, fn: Node): Ttl[] {
  const imports = ctx.summary.imports;
  const out: Ttl[] = [];
  const calls = findAll(fn, 'call_expression');
  const noWatchdog = calls.some((c) => pkgCall(ctx, c, dlockPath, 'WithoutWatchdog'));
  for (const acq of redisAcquisitions(ctx, fn)) {
    const ns = durationNs(acq.ttl, imports);
    if (acq.ttl && ns) out.push({ node: acq.ttl, ns: ns * acq.ttlScale, at: acq.call });
  }
  for (const call of calls) {
    const m = methodName(call);
    const arg = callArgs(call)[0];
    const ns = durationNs(arg, imports);
    if (ns === undefined || !arg) {
      // bsm/redislock: client.Obtain(ctx, key, ttl, opt) or redislock.Obtain(ctx, client, key, ttl, opt).
      if (m === 'Obtain') {
        const args = callArgs(call);
        const pkgLevel = pkgCall(ctx, call, redislockPath, 'Obtain');
        const ttl = pkgLevel ? args[3] : args[2];
        const ttlNs = durationNs(ttl, imports);
        const recv = call.childForFieldName('function')?.childForFieldName('operand');
        const viaLib = pkgLevel || (!!recv && libraryTypeOf(ctx, recv)?.importPath === redislockPath);
        if (viaLib && ttl && ttlNs) out.push({ node: ttl, ns: ttlNs, at: call });
      }
      continue;
    }
    if (pkgCall(ctx, call, redsyncPaths, 'WithExpiry')) out.push({ node: arg, ns, at: call });
    else if (noWatchdog && pkgCall(ctx, call, dlockPath, 'WithTTL')) out.push({ node: arg, ns, at: call });
  }
  return out;
}

/** `context.WithTimeout(p, d)` and `context.WithDeadline(p, time.Now().Add(d))` with literal durations. */
function timeoutsIn(ctx: RuleContext, fn: Node): { call: Node; ns: number }[] {
  const imports = ctx.summary.imports;
  const out: { call: Node; ns: number }[] = [];
  for (const call of findAll(fn, 'call_expression')) {
    if (isContextCall(call, ['WithTimeout', 'WithTimeoutCause'], imports)) {
      const ns = durationNs(callArgs(call)[1], imports);
      if (ns) out.push({ call, ns });
    } else if (isContextCall(call, ['WithDeadline', 'WithDeadlineCause'], imports)) {
      const d = callArgs(call)[1];
      const m = d?.type === 'call_expression' && /^\w+\.Now\(\)\.Add$/.test(d.childForFieldName('function')?.text ?? '') ? callArgs(d)[0] : undefined;
      const ns = durationNs(m, imports);
      if (ns) out.push({ call, ns });
    }
  }
  return out;
}

const renewal = /^(Extend|ExtendContext|Refresh|Expire|PExpire|Renew|KeepAlive|Touch)$/;
const renewalWords = /renew|extend|refresh|heartbeat|keepalive|keep_alive|watchdog/i;

/** Something in the function renews a lock: an Extend/Refresh call, or a goroutine/helper named for it. */
function renews(fn: Node): boolean {
  return findAll(fn, 'call_expression').some((c) => {
    const m = methodName(c) ?? c.childForFieldName('function')?.text ?? '';
    return renewal.test(m) || renewalWords.test(m);
  });
}

/** The timeout governs the work under the lock: created after it, or its context is used after it. */
function governsWork(timeout: Node, lockCall: Node, fn: Node): boolean {
  if (timeout.startIndex > lockCall.endIndex) return true;
  const decl = timeout.parent?.parent;
  const name = decl?.type === 'short_var_declaration' || decl?.type === 'assignment_statement' ? decl.childForFieldName('left')?.namedChild(0)?.text : undefined;
  if (!name) return false;
  return findAll(fn, 'identifier').some((id) => id.text === name && id.startIndex > lockCall.endIndex && !(id.startIndex >= lockCall.startIndex && id.endIndex <= lockCall.endIndex) && id.parent?.type === 'argument_list');
}

export const lockTtlShorterThanWork: Rule = {
  meta: {
    id: 'lock-ttl-shorter-than-work',
    title: { en: 'Lock TTL shorter than the work', ko: '작업보다 짧은 락 TTL' },
    description: {
      en: 'A distributed lock\'s TTL is shorter than the timeout of the work done under it and nothing renews it; the lock can expire mid-work.',
      ko: '분산 락의 TTL이 그 아래 작업의 타임아웃보다 짧고 갱신하는 곳이 없어, 작업 도중 락이 만료될 수 있습니다.',
    },
    defaultSeverity: 'information',
    category: 'database',
    checklistItem: 'distributed-lock-reviewed',
    fixable: false,
    messages,
  },
  check(ctx) {
    // Tests take locks with short TTLs on purpose, to watch them expire.
    if (ctx.path.endsWith('_test.go')) return;
    // Both a TTL'd acquisition and a context timeout must be named in the text (cheap test before the tree walk).
    if (!/\b(?:WithTimeout|WithTimeoutCause|WithDeadline|WithDeadlineCause)\b/.test(ctx.text)) return;
    if (!mayAcquireRedisLock(ctx.text) && !/\b(?:Obtain|WithExpiry|WithTTL)\b/.test(ctx.text)) return;
    const done = new Set<number>();
    for (const f of findAll(ctx.tree.rootNode, ['function_declaration', 'method_declaration', 'func_literal'])) {
      const fn = topFunction(f) ?? f;
      if (fn.id !== f.id || done.has(fn.id)) continue;
      done.add(fn.id);
      const ttls = ttlsIn(ctx, fn);
      if (ttls.length === 0) continue;
      const timeouts = timeoutsIn(ctx, fn);
      if (timeouts.length === 0 || renews(fn)) continue;
      for (const ttl of ttls) {
        const longer = timeouts.filter((t) => t.ns > ttl.ns && governsWork(t.call, ttl.at, fn)).sort((a, b) => b.ns - a.ns)[0];
        if (!longer) continue;
        const timeout = formatDuration(longer.ns);
        ctx.report({
          node: ttl.node,
          messageId: 'shorter',
          args: { ttl: formatDuration(ttl.ns), timeout },
          related: [{ range: rangeOf(longer.call), message: messages.timeoutHere, args: { timeout } }],
        });
      }
    }
  },
};
