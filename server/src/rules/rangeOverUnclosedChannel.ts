// range-over-unclosed-channel: `for v := range ch` over a channel that no
// code able to reach it ever closes. The loop never ends: the goroutine
// running it leaks, or the function hangs (the seed's "채널 close 안함 →
// 고루틴 누수", fixed with `defer close(ch)` in the producer).
// Intra-procedural: channels made by the function and never handed to other
// code; a channel passed to a call may be closed there, so it stays silent.
import { channelOps, functionsIn, localChannels, type ChanOp } from '../analysis/channels';
import { executingFunction, goStatementOf } from '../analysis/flow';
import type { FuncRef } from '../index/funcIndex';
import type { BodyFacts, CallFact, ChanOpFact } from '../index/types';
import { blockStatements, enclosingLoop, findAll, namedChildren, rangeOf, type Node } from '../parse/syntax';
import { indentationOf } from './fixes';
import type { FixSpec, Rule, RuleContext } from './types';

const messages = {
  neverClosed: {
    en: '`range {ch}` never ends: nothing closes `{ch}`, so this loop blocks forever after the last value (close it in the producer: defer close({ch}))',
    ko: '`range {ch}`가 끝나지 않습니다: `{ch}`를 닫는 코드가 없어 마지막 값 이후 영원히 막힙니다 (생산자에서 닫기: defer close({ch}))',
  },
  producer: { en: 'the only sender; it returns without closing `{ch}`', ko: '유일한 송신자; `{ch}`를 닫지 않고 반환합니다' },
  sender: { en: 'sends on `{ch}`', ko: '`{ch}`에 보냅니다' },
  producerFunc: { en: '`{func}` receives `{ch}`, sends on it and never closes it', ko: '`{func}`가 `{ch}`를 받아 보내기만 하고 닫지 않습니다' },
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

interface HandOff {
  call: Node;
  callee: FuncRef;
}

function allCalls(facts: BodyFacts): CallFact[] {
  return [...facts.calls, ...Object.values(facts.closures).flatMap(allCalls)];
}

function allChanOps(facts: BodyFacts): ChanOpFact[] {
  return [...facts.chanOps, ...Object.values(facts.closures).flatMap(allChanOps)];
}

/**
 * The channel is handed to functions (`go produce(ch)`, `fill(ch)`) that the workspace index resolves
 * and whose summaries show they only send on that parameter: they never close it and pass it nowhere.
 * Undefined when any hand-off is something else (stored, returned, passed to unknown code): then
 * someone else may close it and the rule stays silent. Callees in this file are also checked on the
 * syntax tree, since summaries do not record a parameter stored into a field.
 */
function handOffsToProducers(ctx: RuleContext, fn: Node, escapes: ChanOp[]): HandOff[] | undefined {
  const top = topDeclaration(fn);
  if (!top) return undefined;
  const functions = ctx.index.functions();
  const ref = functions.funcsOfFile(ctx.path).find((f) => !f.parent && f.info.line === top.startPosition.row);
  if (!ref) return undefined;
  const out: HandOff[] = [];
  for (const e of escapes) {
    const call = e.node;
    const args = call.type === 'call_expression' ? call.childForFieldName('arguments') : undefined;
    const index = args ? namedChildren(args).findIndex((a) => a.id === e.ref.id) : -1;
    if (index < 0) return undefined;
    const fact = allCalls(ref.facts).find((c) => c.line === call.startPosition.row && c.column === call.startPosition.column);
    const callee = fact ? functions.resolveCall(ref, fact) : undefined;
    if (!callee || callee.parent) return undefined;
    const ops = allChanOps(callee.facts).filter((o) => o.chan?.root === 'param' && o.chan.param === index && o.chan.fields.length === 0);
    if (ops.length === 0 || ops.some((o) => o.op !== 'send')) return undefined;
    if (allCalls(callee.facts).some((c) => c.args.some((a) => a?.root === 'param' && a.param === index))) return undefined;
    if (callee.file.path === ctx.path && !onlySendsInTree(ctx, callee, index)) return undefined;
    if (callee.file.path !== ctx.path) return undefined; // a field store would not show in the summary
    out.push({ call, callee });
  }
  return out;
}

function topDeclaration(n: Node): Node | undefined {
  for (let p: Node | null = n; p; p = p.parent) if (p.type === 'function_declaration' || p.type === 'method_declaration') return p;
  return undefined;
}

/** In this file's tree: the callee's parameter is only sent on (not closed, stored, returned or passed on). */
function onlySendsInTree(ctx: RuleContext, callee: FuncRef, index: number): boolean {
  const decl = findAll(ctx.tree.rootNode, ['function_declaration', 'method_declaration']).find((d) => d.startPosition.row === callee.info.line);
  const name = callee.info.params[index]?.name;
  if (!decl || !name || name === '_') return false;
  const ops = channelOps(decl, name);
  return ops.some((o) => o.kind === 'send') && ops.every((o) => o.kind === 'send' || o.kind === 'neutral');
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
        if (ops.some((o) => o.kind === 'close' || o.kind === 'assign')) continue;
        const ranges = ops.filter((o) => o.kind === 'range');
        if (ranges.length === 0) continue;
        const escapes = ops.filter((o) => o.kind === 'escape');
        const handOffs = escapes.length > 0 ? handOffsToProducers(ctx, fn, escapes) : [];
        if (!handOffs) continue;
        const sends = ops.filter((o) => o.kind === 'send');
        if (sends.length === 0 && handOffs.length === 0) continue;
        if (handOffs.length > 0) {
          // Producers elsewhere: no automatic fix (the close belongs in the callee, after its last send).
          for (const r of ranges) {
            ctx.report({
              node: r.ref,
              messageId: 'neverClosed',
              args: { ch: ch.name },
              related: handOffs.slice(0, 3).map((h) => ({
                file: h.callee.file.path,
                range: { startLine: h.callee.info.line, startColumn: 0, endLine: h.callee.info.line, endColumn: 0 },
                message: messages.producerFunc,
                args: { ch: ch.name, func: h.callee.name },
              })),
            });
          }
          continue;
        }
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
