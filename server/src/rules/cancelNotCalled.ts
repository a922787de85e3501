// cancel-not-called: the context's cancel function runs too late to help.
// `go vet`'s lostcancel already reports a cancel that is dropped or skipped
// on some path; this rule covers what it accepts: `defer cancel()` inside a
// loop, which postpones every iteration's cancel (and its timer) until the
// whole function returns, so contexts pile up for as long as the loop runs.
import { derivingContextFuncs, isContextCall } from '../analysis/contexts';
import { executingFunction, literalRole, terminates } from '../analysis/flow';
import { blockStatements, enclosingLoop, findAll, rangeOf, type Node } from '../parse/syntax';
import type { Rule } from './types';

const messages = {
  deferInLoop: {
    en: '`defer {cancel}()` in a loop runs only when the function returns: every iteration\'s context and timer stay alive until then (call {cancel}() at the end of the iteration, or move the body into a function)',
    ko: '루프 안의 `defer {cancel}()`은 함수가 반환할 때만 실행됩니다: 반복마다 만든 컨텍스트와 타이머가 그때까지 남습니다 (반복 끝에서 {cancel}() 호출, 또는 본문을 함수로 분리)',
  },
  createdHere: { en: 'context created here, once per iteration', ko: '반복마다 여기서 컨텍스트를 만듭니다' },
};

/** The `…, cancel := context.WithX(…)` statement in `loop` that declares or assigns `name`. */
function cancelSource(loop: Node, name: string, imports: Record<string, string>): Node | undefined {
  return findAll(loop, ['short_var_declaration', 'assignment_statement'], true).find((s) => {
    const left = s.childForFieldName('left');
    const right = s.childForFieldName('right')?.namedChild(0);
    return !!right && isContextCall(right, derivingContextFuncs, imports) && left?.namedChildren.at(-1)?.text === name;
  });
}

function goroutineUses(loop: Node, name: string): boolean {
  return findAll(loop, 'func_literal').some(
    (lit) => literalRole(lit) === 'goroutine' && findAll(lit, 'identifier').some((id) => id.text === name),
  ) || findAll(loop, 'go_statement').some((g) => findAll(g, 'identifier').some((id) => id.text === name));
}

export const cancelNotCalled: Rule = {
  meta: {
    id: 'cancel-not-called',
    title: { en: 'Context cancel deferred in a loop', ko: '루프 안에서 지연된 컨텍스트 cancel' },
    description: {
      en: 'A context cancel function is deferred inside a loop, so it runs only when the function returns (go vet\'s lostcancel covers a cancel that is never called).',
      ko: '컨텍스트 cancel 함수를 루프 안에서 defer하여 함수가 반환할 때만 실행됩니다 (호출되지 않는 cancel은 go vet의 lostcancel이 보고합니다).',
    },
    defaultSeverity: 'warning',
    category: 'context',
    checklistItem: 'context-timeouts',
    fixable: false,
    messages,
  },
  check(ctx) {
    for (const d of findAll(ctx.tree.rootNode, 'defer_statement')) {
      const call = d.namedChild(0);
      const callee = call?.type === 'call_expression' ? call.childForFieldName('function') : undefined;
      if (!callee || callee.type !== 'identifier') continue;
      const loop = enclosingLoop(d);
      if (!loop || executingFunction(loop)?.id !== executingFunction(d)?.id) continue;
      const source = cancelSource(loop.childForFieldName('body') ?? loop, callee.text, ctx.summary.imports);
      if (!source) continue;
      // The block ends the function right after (return in a select case…): no iteration follows.
      const block = d.parent;
      const stmts = block?.type === 'statement_list' ? block.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') : blockStatements(block);
      if (terminates(stmts.at(-1))) continue;
      // Goroutines started in the loop use the context: cancelling at the iteration's end would cut them off.
      const derived = source.childForFieldName('left')?.namedChild(0)?.text;
      if (derived && goroutineUses(loop, derived)) continue;
      ctx.report({
        node: d,
        // Tests loop over a few cases in a short-lived process: the pile-up is real but harmless there.
        severity: ctx.path.endsWith('_test.go') ? 'hint' : undefined,
        messageId: 'deferInLoop',
        args: { cancel: callee.text },
        related: [{ range: rangeOf(source), message: messages.createdHere }],
      });
    }
  },
};
