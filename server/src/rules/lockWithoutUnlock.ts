// lock-without-unlock: a path from Lock() that returns (or panics) without
// the matching Unlock — the next Lock deadlocks. Its hint variant,
// unlock-not-deferred, marks a plain Unlock with early exits in between, where
// `defer mu.Unlock()` is the seed's advice ("항상 defer mu.Unlock()").
import { lockCallOf, lockMethods } from '../analysis/locks';
import { blockStatements, findAll, methodCall, rangeOf, type Node } from '../parse/syntax';
import { deleteLine, indentationOf } from './fixes';
import type { FixSpec, Rule, RuleContext, RuleMeta } from './types';

function isUnlockOf(stmt: Node, path: string, unlock: string): boolean {
  const lc = lockCallOf(stmt);
  return lc?.path === path && lc.method === unlock;
}

function defersUnlock(stmt: Node, path: string, unlock: string): boolean {
  if (stmt.type !== 'defer_statement') return false;
  return findAll(stmt, 'call_expression').some((c) => {
    const m = methodCall(c);
    return m?.receiver === path && m.method === unlock;
  });
}

/** Exits inside `region` that leave the locked section: return, panic, and continue/break of the enclosing loop. */
function exitsIn(region: Node): Node[] {
  const out: Node[] = [];
  for (const n of findAll(region, ['return_statement', 'call_expression', 'continue_statement', 'break_statement'], true)) {
    if (n.type === 'call_expression') {
      if (n.childForFieldName('function')?.text === 'panic') out.push(n);
      continue;
    }
    if (n.type === 'return_statement' || !n.namedChild(0)) {
      // A break/continue that targets a loop, switch or select inside the region stays inside it.
      let inner = false;
      for (let p = n.parent; p && p.id !== region.parent?.id; p = p.parent) {
        if (p.type === 'for_statement' || (n.type === 'break_statement' && /switch|select/.test(p.type))) inner = true;
      }
      if (!inner) out.push(n);
    }
  }
  return out;
}

/** True when an Unlock statement precedes `exit` within the blocks between `exit` and `top`. */
function unlockedBefore(exit: Node, top: Node, path: string, unlock: string): boolean {
  for (let child: Node = exit, p = exit.parent; p && p.id !== top.id; child = p, p = p.parent) {
    if (p.type !== 'block' && p.type !== 'statement_list') continue;
    const block = p.type === 'block' ? p : p.parent;
    for (const s of blockStatements(block)) {
      if (s.startIndex >= child.startIndex) break;
      if (isUnlockOf(s, path, unlock) || defersUnlock(s, path, unlock)) return true;
    }
  }
  return false;
}

/** A `break` that leaves the loop around the Lock, when the code right after that loop unlocks. */
function unlockedAfterBreak(exit: Node, lockStmt: Node, path: string, unlock: string): boolean {
  if (exit.type !== 'break_statement') return false;
  const label = exit.namedChild(0)?.text;
  let loop: Node | undefined;
  for (let p = lockStmt.parent; p; p = p.parent) {
    if (p.type === 'func_literal' || p.type === 'function_declaration' || p.type === 'method_declaration') return false;
    if (p.type !== 'for_statement') continue;
    if (!label || (p.parent?.type === 'labeled_statement' && p.parent.childForFieldName('label')?.text === label)) {
      loop = label ? p.parent! : p;
      break;
    }
  }
  if (!loop?.parent) return false;
  const list = loop.parent.type === 'statement_list' ? loop.parent.parent : loop.parent;
  const after = blockStatements(list).filter((s) => s.startIndex >= loop!.endIndex);
  return after.some((s) => isUnlockOf(s, path, unlock) || defersUnlock(s, path, unlock));
}

function deferFix(ctx: RuleContext, lockStmt: Node, path: string, unlock: string, unlocks: Node[], block: Node, rest: Node[]): FixSpec[] {
  // Only safe at function level with nothing after the Unlock but returns of plain values:
  // otherwise deferring would hold the lock longer (or across a loop iteration).
  const fnBody = block.type === 'statement_list' ? block.parent : block;
  const isFunctionBody = fnBody?.parent && /function_declaration|method_declaration|func_literal/.test(fnBody.parent.type);
  if (!isFunctionBody) return [];
  if (rest.some((s) => s.type !== 'return_statement' || findAll(s, 'call_expression').length > 0)) return [];
  const r = rangeOf(lockStmt);
  const indent = indentationOf(ctx.text, r.startLine);
  // Insert after any trailing comment on the Lock line.
  const lineEnd = ctx.text.split('\n')[r.endLine]?.length ?? r.endColumn;
  return [
    {
      title: { en: `Use defer ${path}.${unlock}()`, ko: `defer ${path}.${unlock}() 사용` },
      edits: [
        { range: { startLine: r.endLine, startColumn: lineEnd, endLine: r.endLine, endColumn: lineEnd }, newText: `\n${indent}defer ${path}.${unlock}()` },
        ...unlocks.map(deleteLine),
      ],
    },
  ];
}

function checkLock(ctx: RuleContext, lockStmt: Node, path: string, method: string): void {
  const unlock = lockMethods[method]!;
  const blockNode = lockStmt.parent;
  if (!blockNode) return;
  const siblings = blockStatements(blockNode.type === 'statement_list' ? blockNode.parent : blockNode);
  const after = siblings.filter((s) => s.startIndex > lockStmt.startIndex);
  const firstUnlockIdx = after.findIndex((s) => isUnlockOf(s, path, unlock) || defersUnlock(s, path, unlock));
  if (firstUnlockIdx < 0) return; // unlocked elsewhere (a lock helper or a returned closure): not ours to judge
  const closing = after[firstUnlockIdx]!;
  if (closing.type === 'defer_statement') return;
  const between = after.slice(0, firstUnlockIdx);
  const leaks: Node[] = [];
  const earlyUnlocks: Node[] = [];
  let earlyExits = 0;
  for (const stmt of between) {
    for (const exit of exitsIn(stmt)) {
      earlyExits++;
      if (!unlockedBefore(exit, blockNode, path, unlock) && !unlockedAfterBreak(exit, lockStmt, path, unlock)) leaks.push(exit);
    }
    for (const s of findAll(stmt, 'expression_statement', true)) if (isUnlockOf(s, path, unlock)) earlyUnlocks.push(s);
  }
  const fixes = deferFix(ctx, lockStmt, path, unlock, [...earlyUnlocks, closing], blockNode, after.slice(firstUnlockIdx + 1));
  const messages = lockWithoutUnlock.meta.messages;
  if (leaks.length > 0) {
    ctx.report({
      node: lockStmt,
      messageId: 'leak',
      args: { lock: `${path}.${method}()`, unlock: `${path}.${unlock}()` },
      related: leaks.map((l) => ({ range: rangeOf(l), message: messages.exitHere!, args: { lock: path } })),
      fixes,
    });
  } else if (earlyExits > 0 && fixes.length > 0) {
    ctx.report({
      node: lockStmt,
      ruleId: unlockNotDeferredMeta.id,
      messageId: 'notDeferred',
      args: { unlock: `${path}.${unlock}()` },
      related: [{ range: rangeOf(closing), message: messages.plainUnlock! }],
      fixes,
    });
  }
}

const unlockNotDeferredMeta: RuleMeta = {
  id: 'unlock-not-deferred',
  title: { en: 'Unlock not deferred', ko: 'Unlock이 defer되지 않음' },
  description: {
    en: 'Code that can return sits between Lock and a plain Unlock; `defer mu.Unlock()` keeps every path correct as the code changes.',
    ko: 'Lock과 일반 Unlock 사이에 반환할 수 있는 코드가 있습니다. `defer mu.Unlock()`을 쓰면 코드가 바뀌어도 모든 경로가 안전합니다.',
  },
  defaultSeverity: 'hint',
  category: 'lock',
  checklistItem: 'defer-unlock-close',
  fixable: true,
  messages: {},
};

export const lockWithoutUnlock: Rule = {
  meta: {
    id: 'lock-without-unlock',
    title: { en: 'Lock without Unlock on some path', ko: '일부 경로에서 Unlock 없는 Lock' },
    description: {
      en: 'A path from Lock() returns or panics without Unlock(); the next Lock() blocks forever.',
      ko: 'Lock() 이후 Unlock() 없이 반환하거나 panic하는 경로가 있습니다. 다음 Lock()이 영원히 멈춥니다.',
    },
    defaultSeverity: 'error',
    category: 'lock',
    checklistItem: 'defer-unlock-close',
    fixable: true,
    messages: {
      leak: {
        en: '{lock} is not released on every path: a return/panic skips {unlock}, and the next Lock deadlocks (use defer)',
        ko: '{lock}이(가) 모든 경로에서 해제되지 않습니다: return/panic이 {unlock}을(를) 건너뛰어 다음 Lock에서 데드락이 납니다 (defer 사용)',
      },
      notDeferred: {
        en: 'early exits sit between Lock and {unlock}: prefer defer {unlock} right after Lock',
        ko: 'Lock과 {unlock} 사이에 조기 종료가 있습니다: Lock 직후 defer {unlock}을(를) 쓰세요',
      },
      exitHere: { en: 'leaves with {lock} still locked', ko: '{lock}을(를) 잠근 채 빠져나갑니다' },
      plainUnlock: { en: 'plain Unlock here', ko: '여기서 일반 Unlock' },
    },
  },
  variants: [unlockNotDeferredMeta],
  check(ctx) {
    for (const stmt of findAll(ctx.tree.rootNode, 'expression_statement')) {
      const lc = lockCallOf(stmt);
      if (lc && lc.method in lockMethods) checkLock(ctx, stmt, lc.path, lc.method);
    }
  },
};
unlockNotDeferredMeta.messages = lockWithoutUnlock.meta.messages;
