// cond-wait-without-loop: sync.Cond.Wait outside a `for` loop that re-checks
// the condition. Wait can return without the condition holding (Broadcast
// wakes every waiter, another goroutine may get there first), so the sync
// documentation prescribes `for !condition() { c.Wait() }`.
import { type Node } from '../parse/syntax';
import { rangeOf } from '../parse/syntax';
import { functionsOfFile, nodeOf } from './lockSupport';
import type { FixSpec, Rule } from './types';

function insideLoop(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'for_statement') return true;
    if (p.type === 'func_literal' || p.type === 'function_declaration' || p.type === 'method_declaration') return false;
  }
  return false;
}

/** `if cond { c.Wait() }` (no else, no init statement) → `for cond { c.Wait() }`. */
function ifToFor(waitCall: Node): FixSpec[] {
  const stmt = waitCall.parent;
  const list = stmt?.parent;
  const block = list?.type === 'statement_list' ? list.parent : list;
  const ifStmt = block?.parent;
  if (stmt?.type !== 'expression_statement' || block?.type !== 'block' || ifStmt?.type !== 'if_statement') return [];
  if (ifStmt.childForFieldName('alternative') || ifStmt.childForFieldName('initializer')) return [];
  if (ifStmt.childForFieldName('consequence')?.id !== block.id) return [];
  const kw = ifStmt.child(0);
  if (kw?.type !== 'if') return [];
  return [{ title: { en: 'Turn the if into a for loop', ko: 'if를 for 루프로 바꾸기' }, edits: [{ range: rangeOf(kw), newText: 'for' }] }];
}

export const condWaitWithoutLoop: Rule = {
  meta: {
    id: 'cond-wait-without-loop',
    title: { en: 'sync.Cond.Wait not in a loop', ko: '루프 밖의 sync.Cond.Wait' },
    description: {
      en: 'Cond.Wait can return while the condition is still false; wait in `for !condition { c.Wait() }`.',
      ko: 'Cond.Wait는 조건이 아직 거짓인데도 반환될 수 있습니다. `for !condition { c.Wait() }`로 기다리세요.',
    },
    defaultSeverity: 'warning',
    category: 'lock',
    checklistItem: 'shared-state-guarded',
    fixable: true,
    messages: {
      noLoop: {
        en: '{cond}.Wait() is not in a for loop: when it returns the condition may be false again (another waiter ran first, or Broadcast woke everyone); re-check it in `for !condition {{cond}.Wait()}`',
        ko: '{cond}.Wait()가 for 루프 안에 있지 않습니다: 반환될 때 조건이 다시 거짓일 수 있습니다 (다른 대기자가 먼저 실행되었거나 Broadcast가 모두를 깨움). `for !condition {{cond}.Wait()}`로 다시 확인하세요',
      },
    },
  },
  check(ctx) {
    const fns = ctx.index.functions();
    for (const fn of functionsOfFile(ctx)) {
      for (const c of fn.facts.syncCalls) {
        if (c.method !== 'Wait' || fns.kindOf(fn, c.target) !== 'cond') continue;
        const node = nodeOf(ctx, c);
        if (!node || node.type !== 'call_expression' || insideLoop(node)) continue;
        ctx.report({ node, messageId: 'noLoop', args: { cond: c.target.text }, fixes: ifToFor(node) });
      }
    }
  },
};
