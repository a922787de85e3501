// close-misuse: channel closes that panic at run time. `close` of a closed
// channel and a send on a closed channel both panic, so a channel must be
// closed exactly once, by the side that knows no more sends will come — the
// sender, after the last send. Finds: a second close on the same path (also
// `defer close` plus an explicit close), a send after close, an unconditional
// close in a goroutine started many times (or in two goroutines), and a
// receiver that closes while other senders may still send.
import { channelOps, functionsIn, localChannels, type ChanOp } from '../analysis/channels';
import { dominates, executingFunction, goStatementOf, literalRole } from '../analysis/flow';
import { declarationOf, localDeclarations } from '../analysis/locals';
import { insideOnce } from '../analysis/locks';
import { enclosingLoop, findAll, isWithin, methodCall, rangeOf, selectorPath, type Node } from '../parse/syntax';
import type { Rule, RuleContext } from './types';

const messages = {
  doubleClose: {
    en: '`{ch}` is closed twice on this path: the second close panics (close a channel exactly once)',
    ko: '이 경로에서 `{ch}`를 두 번 닫습니다: 두 번째 close는 panic을 일으킵니다 (채널은 정확히 한 번만 닫기)',
  },
  deferAndClose: {
    en: '`{ch}` is closed here and again by `defer close({ch})` when the function returns: the deferred close panics',
    ko: '`{ch}`를 여기서 닫고 함수가 반환할 때 `defer close({ch})`가 다시 닫습니다: 지연된 close가 panic을 일으킵니다',
  },
  sendAfterClose: {
    en: 'send on `{ch}` after it was closed on this path: panics with "send on closed channel"',
    ko: '이 경로에서 닫힌 `{ch}`에 보냅니다: "send on closed channel" panic이 발생합니다',
  },
  manyClosers: {
    en: '`{ch}` is closed by every goroutine started here: the second close panics (close once after all finish, e.g. wg.Wait() then close, or sync.Once)',
    ko: '여기서 시작한 모든 고루틴이 `{ch}`를 닫습니다: 두 번째 close가 panic을 일으킵니다 (모두 끝난 뒤 한 번 닫기: wg.Wait() 후 close 또는 sync.Once)',
  },
  twoClosers: {
    en: '`{ch}` is closed by two different goroutines: whichever closes second panics',
    ko: '서로 다른 두 고루틴이 `{ch}`를 닫습니다: 나중에 닫는 쪽이 panic을 일으킵니다',
  },
  receiverClose: {
    en: '`{ch}` is closed by its receiver while other goroutines may still send on it: their send panics (let the senders close it, after a WaitGroup)',
    ko: '다른 고루틴이 아직 보낼 수 있는데 수신 측이 `{ch}`를 닫습니다: 그 송신이 panic을 일으킵니다 (송신 측이 WaitGroup 이후 닫기)',
  },
  firstClose: { en: 'first closed here', ko: '처음 닫는 곳' },
  otherCloser: { en: 'also closed here', ko: '여기서도 닫습니다' },
  sender: { en: 'a sender that may still be running', ko: '아직 실행 중일 수 있는 송신자' },
};

function closeTarget(call: Node): string | undefined {
  if (call.childForFieldName('function')?.text !== 'close') return undefined;
  return selectorPath(call.childForFieldName('arguments')?.namedChild(0));
}

/** True when `path` is assigned anywhere between two positions of `scope` (a fresh channel resets the story). */
function reassignedBetween(scope: Node, path: string, from: number, to: number): boolean {
  return findAll(scope, ['assignment_statement', 'short_var_declaration']).some((a) => {
    if (a.startIndex < from || a.startIndex > to) return false;
    const left = a.childForFieldName('left');
    return !!left && left.namedChildren.some((n) => n && selectorPath(n) === path);
  });
}

/** close(x) / x <- v in the function's own body (not closures), grouped by channel path. */
function opsByPath(fn: Node): Map<string, { closes: Node[]; sends: Node[] }> {
  const out = new Map<string, { closes: Node[]; sends: Node[] }>();
  const entry = (p: string) => out.get(p) ?? out.set(p, { closes: [], sends: [] }).get(p)!;
  const body = fn.childForFieldName('body');
  if (!body) return out;
  for (const n of findAll(body, ['call_expression', 'send_statement'], true)) {
    if (n.type === 'call_expression') {
      const p = closeTarget(n);
      if (p) entry(p).closes.push(n);
    } else {
      const p = selectorPath(n.childForFieldName('channel'));
      if (p) entry(p).sends.push(n);
    }
  }
  return out;
}

function isDeferredClose(call: Node): boolean {
  return call.parent?.type === 'defer_statement';
}

function checkSequential(ctx: RuleContext, fn: Node): void {
  for (const [path, { closes, sends }] of opsByPath(fn)) {
    const body = fn.childForFieldName('body')!;
    const deferred = closes.find(isDeferredClose);
    for (const c of closes) {
      if (deferred && c.id !== deferred.id && c.startIndex > deferred.startIndex && !reassignedBetween(body, path, deferred.startIndex, c.startIndex)) {
        ctx.report({ node: c, messageId: 'deferAndClose', args: { ch: path }, related: [{ range: rangeOf(deferred), message: messages.firstClose }] });
        continue;
      }
      const earlier = closes.find((o) => o.id !== c.id && !isDeferredClose(o) && dominates(o, c) && !reassignedBetween(body, path, o.endIndex, c.startIndex));
      if (earlier && !isDeferredClose(c)) {
        ctx.report({ node: c, messageId: 'doubleClose', args: { ch: path }, related: [{ range: rangeOf(earlier), message: messages.firstClose }] });
      }
    }
    for (const s of sends) {
      const earlier = closes.find((o) => !isDeferredClose(o) && dominates(o, s) && !reassignedBetween(body, path, o.endIndex, s.startIndex));
      if (earlier) ctx.report({ node: s, messageId: 'sendAfterClose', args: { ch: path }, related: [{ range: rangeOf(earlier), message: messages.firstClose }] });
    }
  }
}

/** A close that runs whenever the goroutine literal runs: at its top level or deferred there. */
function unconditionalIn(lit: Node, call: Node): boolean {
  const body = lit.childForFieldName('body');
  if (!body || executingFunction(call)?.id !== lit.id || insideOnce(call)) return false;
  const stmt = call.parent?.type === 'defer_statement' || call.parent?.type === 'expression_statement' ? call.parent : undefined;
  const list = stmt?.parent;
  return !!list && (list.id === body.id || (list.type === 'statement_list' && list.parent?.id === body.id));
}

function checkGoroutineClosers(ctx: RuleContext, fn: Node): void {
  const lits = findAll(fn, 'func_literal').filter((l) => executingFunction(l)?.id === fn.id && literalRole(l) === 'goroutine');
  const byPath = new Map<string, { lit: Node; call: Node }[]>();
  for (const lit of lits) {
    for (const call of findAll(lit.childForFieldName('body') ?? lit, 'call_expression', true)) {
      const path = closeTarget(call);
      // A channel the literal receives as a parameter (or declares) is its own: one per goroutine.
      const own = path ? localDeclarations(lit).some((d) => d.name === path.split('.')[0]) : false;
      if (path && !own && unconditionalIn(lit, call)) byPath.set(path, [...(byPath.get(path) ?? []), { lit, call }]);
    }
  }
  for (const [path, closers] of byPath) {
    const first = closers[0]!;
    const goStmt = goStatementOf(first.lit);
    const loop = goStmt ? enclosingLoop(goStmt) : undefined;
    if (loop) {
      // A channel made inside the loop is a new one per iteration: each goroutine closes its own.
      const root = path.split('.')[0]!;
      const decl = declarationOf(localDeclarations(fn), root, goStmt!);
      if (decl && isWithin(decl.node, loop)) continue;
      ctx.report({ node: first.call, messageId: 'manyClosers', args: { ch: path } });
    } else if (closers.length > 1) {
      ctx.report({ node: closers[1]!.call, messageId: 'twoClosers', args: { ch: path }, related: [{ range: rangeOf(first.call), message: messages.otherCloser }] });
    }
  }
}

/** Senders can outnumber what the receiver takes: several goroutines, or sends in a loop. */
function manySends(sends: ChanOp[]): boolean {
  const runners = new Set(sends.map((s) => s.runner.id));
  if (runners.size > 1) return true;
  return sends.some((s) => enclosingLoop(s.node, s.runner) !== undefined || (goStatementOf(s.runner) && enclosingLoop(goStatementOf(s.runner)!)));
}

function checkReceiverClose(ctx: RuleContext, fn: Node): void {
  for (const ch of localChannels(fn)) {
    const ops = channelOps(fn, ch.name);
    if (ops.some((o) => o.kind === 'escape' || o.kind === 'assign' || o.role === 'callback')) continue;
    const sends = ops.filter((o) => o.kind === 'send' && o.role === 'goroutine');
    const closes = ops.filter((o) => o.kind === 'close' && o.runner.id === fn.id);
    const ownRecvs = ops.filter((o) => (o.kind === 'recv' || o.kind === 'range') && o.runner.id === fn.id);
    if (sends.length === 0 || closes.length === 0 || ownRecvs.length === 0 || !manySends(sends)) continue;
    if (ops.some((o) => o.kind === 'send' && o.runner.id === fn.id)) continue;
    // Receiving in a loop usually drains every sender (count or sentinel); a Wait means they finished.
    if (ownRecvs.some((o) => o.kind === 'range' || enclosingLoop(o.node, fn))) continue;
    const body = fn.childForFieldName('body')!;
    for (const c of closes) {
      const waited = findAll(body, 'call_expression').some((call) => {
        const m = methodCall(call);
        return m?.method === 'Wait' && call.startIndex < c.node.startIndex;
      });
      if (waited || !ownRecvs.some((r) => r.node.startIndex < c.node.startIndex || isDeferredClose(c.node))) continue;
      ctx.report({
        node: c.node,
        messageId: 'receiverClose',
        args: { ch: ch.name },
        related: sends.slice(0, 2).map((s) => ({ range: rangeOf(s.node), message: messages.sender })),
      });
    }
  }
}

export const closeMisuse: Rule = {
  meta: {
    id: 'close-misuse',
    title: { en: 'Channel closed twice, from the receiver, or before a send', ko: '두 번 닫히거나, 수신 측에서 닫히거나, 송신 전에 닫히는 채널' },
    description: {
      en: 'Closing a closed channel or sending on one panics: close once, from the sending side, after the last send.',
      ko: '닫힌 채널을 다시 닫거나 닫힌 채널에 보내면 panic이 발생합니다: 송신 측에서 마지막 송신 후 한 번만 닫으세요.',
    },
    defaultSeverity: 'error',
    category: 'channel',
    checklistItem: 'defer-unlock-close',
    fixable: false,
    messages,
  },
  check(ctx) {
    for (const fn of functionsIn(ctx.tree.rootNode)) {
      checkSequential(ctx, fn);
      checkGoroutineClosers(ctx, fn);
      checkReceiverClose(ctx, fn);
    }
  },
};

