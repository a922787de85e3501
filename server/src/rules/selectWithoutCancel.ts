// select-without-cancel: an endless loop — `for { select { … } }`, `for { … }`
// or `for range ticker.C` — with a context (or done channel) in scope that it
// never looks at and no other way out. When the context is cancelled the
// goroutine keeps running: the seed's "Context 무시 → 타임아웃/취소 안됨".
// processWithCancel (a `case <-ctx.Done(): return`) is the correct form.
import { breaksOutOf, executingFunction, isExitCall } from '../analysis/flow';
import { signalsInScope, type Signal } from '../analysis/contexts';
import { functionsIn } from '../analysis/channels';
import { blockStatements, findAll, rangeOf, type Node } from '../parse/syntax';
import { indentationOf } from './fixes';
import type { FixSpec, Rule, RuleContext } from './types';

const messages = {
  loopIgnoresCancel: {
    en: 'this loop never ends and never checks `{signal}`: after cancellation it keeps running (add `case <-{done}:` and return)',
    ko: '이 루프는 끝나지 않고 `{signal}`을 확인하지 않습니다: 취소된 뒤에도 계속 실행됩니다 (`case <-{done}:` 추가 후 반환)',
  },
  signalHere: { en: '`{signal}` is in scope here', ko: '`{signal}`이 여기서 보입니다' },
  addCase: { en: 'Add case <-{done}: return', ko: 'case <-{done}: return 추가' },
};

/** Loops that only end through an explicit exit: `for {}` and ranges over a ticker's channel. */
function isEndless(loop: Node): boolean {
  const body = loop.childForFieldName('body');
  const header = loop.namedChildren.filter((c) => c && c.id !== body?.id && c.type !== 'comment');
  if (header.length === 0) return true;
  const range = header.length === 1 && header[0]!.type === 'range_clause' ? header[0]! : undefined;
  const right = range?.childForFieldName('right');
  if (!right) return false;
  // `range ticker.C`, `range time.Tick(d)`: tickers are never closed.
  return /^(time\.Tick\(|\w+\.C$)/.test(right.text) && (right.text.startsWith('time.') || /ticker|tick/i.test(right.text));
}

function hasExit(loop: Node): boolean {
  if (breaksOutOf(loop).length > 0) return true;
  return findAll(loop, ['return_statement', 'goto_statement', 'call_expression'], true).some(
    (n) => n.type !== 'call_expression' || isExitCall(n),
  );
}

function mentions(loop: Node, names: Set<string>): boolean {
  return findAll(loop, 'identifier').some((id) => names.has(id.text));
}

function doneExpr(s: Signal): string {
  return s.kind === 'context' ? `${s.name}.Done()` : s.name;
}

function addCaseFix(ctx: RuleContext, fn: Node, loop: Node, s: Signal): FixSpec[] {
  const stmts = blockStatements(loop.childForFieldName('body'));
  const select = stmts.length === 1 && stmts[0]!.type === 'select_statement' ? stmts[0]! : undefined;
  if (!select) return [];
  const results = fn.childForFieldName('result');
  if (results) return [];
  const line = select.startPosition.row;
  const lineText = ctx.text.split('\n')[line] ?? '';
  if (!/select\s*\{\s*$/.test(lineText)) return [];
  const indent = indentationOf(ctx.text, line);
  const done = doneExpr(s);
  return [
    {
      title: { en: messages.addCase.en.replace('{done}', done), ko: messages.addCase.ko.replace('{done}', done) },
      edits: [{ range: { startLine: line, startColumn: lineText.length, endLine: line, endColumn: lineText.length }, newText: `\n${indent}case <-${done}:\n${indent}\treturn` }],
    },
  ];
}

export const selectWithoutCancel: Rule = {
  meta: {
    id: 'select-without-cancel',
    title: { en: 'Endless loop ignores cancellation', ko: '취소를 무시하는 끝없는 루프' },
    description: {
      en: 'A `for { select { … } }` or endless loop in a function with a context or done channel in scope never checks it and has no other exit.',
      ko: '컨텍스트나 done 채널이 보이는 함수의 `for { select { … } }` 또는 끝없는 루프가 그것을 확인하지 않고 다른 출구도 없습니다.',
    },
    defaultSeverity: 'warning',
    category: 'context',
    checklistItem: 'context-timeouts',
    fixable: true,
    messages,
  },
  check(ctx) {
    for (const fn of functionsIn(ctx.tree.rootNode)) {
      const body = fn.childForFieldName('body');
      if (!body) continue;
      for (const loop of findAll(body, 'for_statement', true)) {
        if (executingFunction(loop)?.id !== fn.id || !isEndless(loop) || hasExit(loop)) continue;
        const signals = signalsInScope(fn, loop, ctx.summary.imports);
        if (signals.length === 0 || mentions(loop, new Set(signals.map((s) => s.name)))) continue;
        // Prefer the closest signal: the function's own, then the innermost enclosing one.
        const s = signals[0]!;
        ctx.report({
          node: loop.child(0) ?? loop,
          messageId: 'loopIgnoresCancel',
          args: { signal: s.name, done: doneExpr(s) },
          related: [{ range: rangeOf(s.decl), message: messages.signalHere, args: { signal: s.name } }],
          fixes: addCaseFix(ctx, fn, loop, s),
        });
      }
    }
  },
};
