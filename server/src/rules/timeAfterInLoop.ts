// time-after-in-loop: `case <-time.After(d):` in a select inside a loop makes
// a new timer every iteration. Before Go 1.23 a timer is not collected until
// it fires, so a busy loop with a long timeout piles up live timers (a leak);
// from Go 1.23 unreferenced timers are collected and it is only allocation
// churn. Severity follows the module's `go` directive.
import { executingFunction, terminates } from '../analysis/flow';
import { compareGoVersions } from '../index/goMod';
import { blockStatements, enclosingLoop, findAll, rangeOf, type Node } from '../parse/syntax';
import type { Rule } from './types';

const messages = {
  leaks: {
    en: '`{call}` in a loop\'s select creates a timer every iteration; before Go 1.23 each stays alive until it fires, so a busy loop piles them up (create one time.NewTimer before the loop and Reset it)',
    ko: '루프의 select 안 `{call}`이 반복마다 타이머를 만듭니다; Go 1.23 이전에는 만료될 때까지 살아 있어 바쁜 루프에서 쌓입니다 (루프 전에 time.NewTimer 하나를 만들고 Reset)',
  },
  churn: {
    en: '`{call}` in a loop\'s select allocates a timer every iteration (collected since Go 1.23, but a reused time.NewTimer with Reset avoids the churn)',
    ko: '루프의 select 안 `{call}`이 반복마다 타이머를 할당합니다 (Go 1.23부터 수거되지만 time.NewTimer를 Reset으로 재사용하면 낭비가 없습니다)',
  },
  loopHere: { en: 'the loop', ko: '루프' },
};

function isTimeAfter(call: Node, imports: Record<string, string>): boolean {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'selector_expression') return false;
  return imports[fn.childForFieldName('operand')?.text ?? ''] === 'time' && fn.childForFieldName('field')?.text === 'After';
}

/** The select case `case <-time.After(d):` / `case v := <-time.After(d):` holding the call. */
function selectCaseOf(call: Node): Node | undefined {
  const unary = call.parent;
  if (unary?.type !== 'unary_expression' || unary.child(0)?.text !== '<-') return undefined;
  const comm = unary.parent?.type === 'receive_statement' ? unary.parent : unary;
  const c = comm.parent;
  return c?.type === 'communication_case' && c.childForFieldName('communication')?.id === comm.id ? c : undefined;
}

/** A case that ends the loop: its body returns, panics or breaks out of the loop by label. */
function leavesLoop(c: Node, loop: Node): boolean {
  const last = blockStatements(c).at(-1);
  if (terminates(last)) return true;
  const label = loop.parent?.type === 'labeled_statement' ? loop.parent.childForFieldName('label')?.text : undefined;
  return last?.type === 'break_statement' && !!label && last.namedChild(0)?.text === label;
}

/**
 * Timers pile up only when the loop can go round without the timer firing: some other case
 * (or default) continues the loop. A periodic loop whose other cases all stop it leaves no timer behind.
 */
function otherCaseContinues(timerCase: Node, loop: Node): boolean {
  const select = timerCase.parent;
  if (!select) return false;
  return select.namedChildren.some(
    (c) =>
      !!c &&
      c.id !== timerCase.id &&
      (c.type === 'communication_case' || c.type === 'default_case') &&
      !leavesLoop(c, loop) &&
      !isCancellation(c),
  );
}

/** `case <-ctx.Done():`, `case <-stop:`: cancellation ends the work, it does not drive iterations. */
function isCancellation(c: Node): boolean {
  const comm = c.childForFieldName('communication');
  const operand = (comm?.type === 'receive_statement' ? comm.childForFieldName('right') : comm)?.childForFieldName('operand');
  const text = operand?.text ?? '';
  return /\.Done\(\)$/.test(text) || /(^|\.)(done|stop|stopc|stopCh|stopped|quit|closing|closed|shutdown|exit)\w*$/i.test(text);
}

export const timeAfterInLoop: Rule = {
  meta: {
    id: 'time-after-in-loop',
    title: { en: 'time.After in a loop', ko: '루프 안의 time.After' },
    description: {
      en: 'time.After in a select inside a loop creates a timer per iteration: a leak before Go 1.23, allocation churn after.',
      ko: '루프 안 select의 time.After는 반복마다 타이머를 만듭니다: Go 1.23 이전에는 누수, 이후에는 할당 낭비입니다.',
    },
    defaultSeverity: 'warning',
    category: 'goroutine',
    checklistItem: 'context-timeouts',
    fixable: false,
    messages,
  },
  check(ctx) {
    if (!/\bAfter\b/.test(ctx.text)) return; // no `time.After` in the text: skip the tree walk
    const v = ctx.pkg.goMod?.goVersion;
    const collected = v !== undefined && compareGoVersions(v, '1.23') >= 0;
    for (const call of findAll(ctx.tree.rootNode, 'call_expression')) {
      const timerCase = isTimeAfter(call, ctx.summary.imports) ? selectCaseOf(call) : undefined;
      const loop = timerCase ? enclosingLoop(call) : undefined;
      if (!timerCase || !loop || executingFunction(loop)?.id !== executingFunction(call)?.id) continue;
      if (!otherCaseContinues(timerCase, loop)) continue;
      ctx.report({
        node: call,
        messageId: collected ? 'churn' : 'leaks',
        args: { call: call.text },
        related: [{ range: rangeOf(loop.child(0) ?? loop), message: messages.loopHere }],
        // Tests run a handful of iterations in a short-lived process: only a hint there.
        severity: collected || ctx.path.endsWith('_test.go') ? 'hint' : undefined,
      });
    }
  },
};
