// range-over-unclosed-channel: `for v := range ch` over a channel that no
// code able to reach it ever closes. The loop never ends: the goroutine
// running it leaks, or the function hangs (the seed's "채널 close 안함 →
// 고루틴 누수", fixed with `defer close(ch)` in the producer).
// Intra-procedural: channels made by the function and never handed to other
// code; a channel passed to a call may be closed there, so it stays silent.
import { channelOps, functionsIn, localChannels, type ChanOp } from '../analysis/channels';
import { executingFunction, goStatementOf } from '../analysis/flow';
import { blockStatements, enclosingLoop, rangeOf, type Node } from '../parse/syntax';
import { indentationOf } from './fixes';
import type { FixSpec, Rule, RuleContext } from './types';

const messages = {
  neverClosed: {
    en: '`range {ch}` never ends: nothing closes `{ch}`, so this loop blocks forever after the last value (close it in the producer: defer close({ch}))',
    ko: '`range {ch}`가 끝나지 않습니다: `{ch}`를 닫는 코드가 없어 마지막 값 이후 영원히 막힙니다 (생산자에서 닫기: defer close({ch}))',
  },
  producer: { en: 'the only sender; it returns without closing `{ch}`', ko: '유일한 송신자; `{ch}`를 닫지 않고 반환합니다' },
  sender: { en: 'sends on `{ch}`', ko: '`{ch}`에 보냅니다' },
  addClose: { en: 'Add defer close({ch}) to the producer', ko: '생산자에 defer close({ch}) 추가' },
};

/** `defer close(ch)` as the first statement of the single producer goroutine, when there is exactly one. */
function closeFix(ctx: RuleContext, fn: Node, ch: string, sends: ChanOp[]): { fixes: FixSpec[]; producer?: Node } {
  const runners = [...new Set(sends.map((s) => s.runner))];
  if (runners.length !== 1) return { fixes: [] };
  const lit = runners[0]!;
  if (lit.type !== 'func_literal' || sends[0]!.role !== 'goroutine' || executingFunction(lit)?.id !== fn.id) return { fixes: [] };
  const goStmt = goStatementOf(lit);
  if (!goStmt || goStmt.type !== 'go_statement' || enclosingLoop(goStmt)) return { fixes: [] };
  const body = lit.childForFieldName('body');
  const first = blockStatements(body).at(0);
  if (!body || !first || first.startPosition.row === body.startPosition.row) return { fixes: [], producer: lit };
  const indent = indentationOf(ctx.text, first.startPosition.row);
  const at = { line: first.startPosition.row, column: 0 };
  return {
    producer: lit,
    fixes: [
      {
        title: { en: messages.addClose.en.replaceAll('{ch}', ch), ko: messages.addClose.ko.replaceAll('{ch}', ch) },
        edits: [
          {
            range: { startLine: at.line, startColumn: at.column, endLine: at.line, endColumn: at.column },
            newText: `${indent}defer close(${ch})\n`,
          },
        ],
      },
    ],
  };
}

export const rangeOverUnclosedChannel: Rule = {
  meta: {
    id: 'range-over-unclosed-channel',
    title: { en: 'Range over a channel nobody closes', ko: '아무도 닫지 않는 채널에 대한 range' },
    description: {
      en: '`for v := range ch` where no code that can reach ch closes it: the loop never ends and its goroutine leaks.',
      ko: 'ch에 접근할 수 있는 어떤 코드도 ch를 닫지 않는데 `for v := range ch`를 합니다: 루프가 끝나지 않고 고루틴이 누수됩니다.',
    },
    defaultSeverity: 'warning',
    category: 'channel',
    checklistItem: 'defer-unlock-close',
    fixable: true,
    messages,
  },
  check(ctx) {
    for (const fn of functionsIn(ctx.tree.rootNode)) {
      for (const ch of localChannels(fn)) {
        const ops = channelOps(fn, ch.name);
        if (ops.some((o) => o.kind === 'close' || o.kind === 'escape' || o.kind === 'assign')) continue;
        const ranges = ops.filter((o) => o.kind === 'range');
        const sends = ops.filter((o) => o.kind === 'send');
        if (ranges.length === 0 || sends.length === 0) continue;
        // A sender in the ranging goroutine itself would deadlock anyway; leave that to the runtime.
        const { fixes, producer } = closeFix(ctx, fn, ch.name, sends);
        for (const r of ranges) {
          ctx.report({
            node: r.ref,
            messageId: 'neverClosed',
            args: { ch: ch.name },
            related: producer
              ? [{ range: rangeOf(producer.childForFieldName('parameters') ?? producer), message: messages.producer, args: { ch: ch.name } }]
              : sends.slice(0, 3).map((s) => ({ range: rangeOf(s.node), message: messages.sender, args: { ch: ch.name } })),
            fixes: sends.some((s) => s.runner.id === r.runner.id) ? [] : fixes,
          });
        }
      }
    }
  },
};
