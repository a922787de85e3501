// goroutine-leak-blocked-send: a goroutine sends on (or receives from) an
// unbuffered channel made by the function that starts it, and that function
// can return without doing the matching receive (or send/close): a select
// that takes its timeout or ctx.Done() case, an early return. The goroutine
// then blocks forever — a leak that grows with every call. The seed's
// fetchWithTimeout is the correct form: a buffer of 1 lets the send finish
// with nobody listening.
import { channelOps, functionsIn, localChannels, type ChanOp, type LocalChannel } from '../analysis/channels';
import { dominates, executingFunction, exitsAfter, goStatementOf, terminates } from '../analysis/flow';
import { testingParams } from '../analysis/testing';
import { blockStatements, enclosingLoop, findAll, isWithin, methodCall, rangeOf, type Node } from '../parse/syntax';
import type { FixSpec, RelatedSpec, Rule, RuleContext } from './types';

const messages = {
  sendLeak: {
    en: 'goroutine may block forever on `{op}`: `{ch}` is unbuffered and the function that started it can return without receiving (give the channel a buffer: make(chan {elem}, 1))',
    ko: '고루틴이 `{op}`에서 영원히 막힐 수 있습니다: `{ch}`는 버퍼가 없고, 고루틴을 시작한 함수가 받지 않고 반환할 수 있습니다 (버퍼 지정: make(chan {elem}, 1))',
  },
  recvLeak: {
    en: 'goroutine may block forever on `{op}`: the function that started it can return without sending on or closing `{ch}` (close it with defer, or select on a done channel)',
    ko: '고루틴이 `{op}`에서 영원히 막힐 수 있습니다: 고루틴을 시작한 함수가 `{ch}`에 보내거나 닫지 않고 반환할 수 있습니다 (defer로 닫거나 done 채널과 select)',
  },
  exitHere: { en: 'returns here without receiving from `{ch}`', ko: '여기서 `{ch}`를 받지 않고 반환합니다' },
  exitHereRecv: { en: 'returns here without sending on or closing `{ch}`', ko: '여기서 `{ch}`에 보내거나 닫지 않고 반환합니다' },
  addBuffer: { en: 'Give `{ch}` a buffer of 1', ko: '`{ch}`에 버퍼 1 지정' },
};

interface Side {
  /** Ops the goroutine blocks on. */
  blocking: ChanOp[];
  /** Ops in the starting function that release the goroutine. */
  releasers: ChanOp[];
  direction: 'send' | 'recv';
}

function sidesOf(ops: ChanOp[], fn: Node, goLit: Node): Side | undefined {
  const inGoroutine = ops.filter((o) => o.runner.id === goLit.id);
  const own = ops.filter((o) => o.runner.id === fn.id);
  const plain = (k: 'send' | 'recv') => inGoroutine.filter((o) => o.kind === k && !o.optional);
  if (inGoroutine.every((o) => o.kind === 'send') && plain('send').length > 0) {
    if (own.some((o) => o.kind !== 'recv' && o.kind !== 'range' && o.kind !== 'neutral')) return undefined;
    return { blocking: plain('send'), releasers: own.filter((o) => o.kind === 'recv' || o.kind === 'range'), direction: 'send' };
  }
  if (inGoroutine.every((o) => o.kind === 'recv') && plain('recv').length > 0) {
    if (own.some((o) => o.kind !== 'send' && o.kind !== 'close' && o.kind !== 'neutral')) return undefined;
    return { blocking: plain('recv'), releasers: own.filter((o) => o.kind === 'send' || o.kind === 'close'), direction: 'recv' };
  }
  return undefined;
}

const failureReport = /^(Error|Errorf|Fail|Fatal|Fatalf|FailNow|Skip|Skipf|SkipNow)$/;

/** In a test, a path that already reported failure (t.Error…) may leak: the test has failed anyway. */
function reportsFailure(region: Node, before: number, testParams: Set<string>): boolean {
  if (testParams.size === 0) return false;
  return findAll(region, 'call_expression', true).some((c) => {
    const m = methodCall(c);
    return c.startIndex < before && !!m && testParams.has(m.receiver) && failureReport.test(m.method);
  });
}

/** A select one of whose cases releases, and whose other cases cannot fall through without failing the test. */
function releasingSelect(select: Node, releasers: ChanOp[], testParams: Set<string>): boolean {
  const cases = select.namedChildren.filter((c): c is Node => !!c && (c.type === 'communication_case' || c.type === 'default_case'));
  const releasing = (c: Node) => releasers.some((r) => r.selectCase?.id === c.id);
  return (
    cases.some(releasing) &&
    cases.every((c) => releasing(c) || terminates(blockStatements(c).at(-1)) || reportsFailure(c, c.endIndex, testParams))
  );
}

/** An exit is safe when a releasing op surely ran before it, or it sits in the case body of a releasing select case. */
function released(exit: Node, fn: Node, releasers: ChanOp[], testParams: Set<string>): boolean {
  const direct = releasers.some((r) => {
    if (r.selectCase && isWithin(exit, r.selectCase)) return true;
    if (r.kind === 'range') {
      const loop = r.node.parent;
      if (loop && isWithin(exit, loop)) return true;
    }
    if (!r.optional && dominates(r.node, exit)) return true;
    const select = r.selectCase?.parent;
    return !!select && dominates(select, exit) && releasingSelect(select, releasers, testParams);
  });
  if (direct) return true;
  // The enclosing blocks up to the function: a failure reported before the exit.
  for (let p = exit.parent; p && p.id !== fn.id; p = p.parent) {
    if ((p.type === 'block' || p.type === 'communication_case' || p.type === 'expression_case') && reportsFailure(p, exit.startIndex, testParams)) return true;
  }
  return false;
}

function bufferFix(ch: LocalChannel, goStmt: Node, goLit: Node, blocking: ChanOp[]): FixSpec[] {
  // Buffer 1 is enough only when the goroutine starts once and sends at most once.
  if (enclosingLoop(goStmt) || blocking.length !== 1 || enclosingLoop(blocking[0]!.node, goLit)) return [];
  const args = ch.make.childForFieldName('arguments');
  const typeArg = args?.namedChild(0);
  if (!args || !typeArg || args.namedChildCount !== 1) return [];
  const r = rangeOf(typeArg);
  return [
    {
      title: { en: messages.addBuffer.en.replace('{ch}', ch.name), ko: messages.addBuffer.ko.replace('{ch}', ch.name) },
      edits: [{ range: { startLine: r.endLine, startColumn: r.endColumn, endLine: r.endLine, endColumn: r.endColumn }, newText: ', 1' }],
    },
  ];
}

export const goroutineLeakBlockedSend: Rule = {
  meta: {
    id: 'goroutine-leak-blocked-send',
    title: { en: 'Goroutine blocked forever on an abandoned channel', ko: '버려진 채널에서 영원히 막히는 고루틴' },
    description: {
      en: 'A goroutine sends on (or receives from) an unbuffered channel whose other side may stop listening: a select with a timeout or ctx.Done(), or an early return.',
      ko: '고루틴이 버퍼 없는 채널에 보내거나 받는데, 상대편이 타임아웃이나 ctx.Done()이 있는 select, 또는 이른 반환으로 더 이상 기다리지 않을 수 있습니다.',
    },
    defaultSeverity: 'warning',
    category: 'channel',
    checklistItem: 'context-timeouts',
    fixable: true,
    messages,
  },
  check(ctx: RuleContext) {
    for (const fn of functionsIn(ctx.tree.rootNode)) {
      const testParams = new Set(testingParams(fn, ctx.summary.imports));
      for (const ch of localChannels(fn)) {
        if (ch.capacity !== 0) continue;
        const ops = channelOps(fn, ch.name);
        if (ops.some((o) => o.kind === 'escape' || o.kind === 'assign' || (o.role !== 'self' && o.role !== 'goroutine'))) continue;
        const goLits = [...new Set(ops.filter((o) => o.role === 'goroutine').map((o) => o.runner))];
        // Only goroutines started directly by `fn`; nested ones have their own owner.
        if (goLits.some((l) => l.type !== 'func_literal' || executingFunction(l)?.id !== fn.id)) continue;
        for (const lit of goLits) {
          const side = sidesOf(ops, fn, lit);
          const goStmt = goStatementOf(lit);
          if (!side || !goStmt) continue;
          const open = exitsAfter(fn, goStmt).filter((e) => !released(e, fn, side.releasers, testParams));
          if (open.length === 0) continue;
          const related: RelatedSpec[] = open.slice(0, 3).map((e) => ({
            range: rangeOf(e),
            message: side.direction === 'send' ? messages.exitHere : messages.exitHereRecv,
            args: { ch: ch.name },
          }));
          const op = side.blocking[0]!;
          ctx.report({
            node: op.node,
            messageId: side.direction === 'send' ? 'sendLeak' : 'recvLeak',
            args: { op: op.node.text.split('\n')[0]!, ch: ch.name, elem: ch.elemType },
            related,
            fixes: side.direction === 'send' ? bufferFix(ch, goStmt, lit, side.blocking) : [],
          });
        }
      }
    }
  },
};
