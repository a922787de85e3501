// waitgroup-misuse: the four ways a sync.WaitGroup stops counting what it
// should — Add inside the goroutine it counts (Wait may return first), Add
// after a goroutine already started Wait, a return path that skips Done
// (Wait never returns), and a WaitGroup passed by value (Done hits a copy).
import type { FuncRef, FunctionIndex } from '../index/funcIndex';
import { classifyType } from '../index/typeKind';
import type { SyncCallFact } from '../index/types';
import { blockStatements, findAll, rangeOf, type Node } from '../parse/syntax';
import { deleteLine, indentationOf } from './fixes';
import { functionsOfFile, nodeOf } from './lockSupport';
import type { FixSpec, Rule, RuleContext } from './types';

function isWaitGroup(fns: FunctionIndex, fn: FuncRef, c: SyncCallFact): boolean {
  return fns.kindOf(fn, c.target) === 'waitgroup';
}

function enclosingBody(node: Node): Node | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'func_literal' || p.type === 'function_declaration' || p.type === 'method_declaration') return p.childForFieldName('body') ?? undefined;
  }
  return undefined;
}

/** `wg.Add(1)` as the first statement of `go func(){…}()` → moved before the go statement. */
function moveAddFix(ctx: RuleContext, addCall: Node): FixSpec[] {
  const stmt = addCall.parent;
  const body = enclosingBody(addCall);
  const lit = body?.parent;
  const goStmt = lit?.parent?.parent;
  if (stmt?.type !== 'expression_statement' || !body || goStmt?.type !== 'go_statement') return [];
  if (blockStatements(body)[0]?.id !== stmt.id) return [];
  const r = rangeOf(goStmt);
  const indent = indentationOf(ctx.text, r.startLine);
  if (ctx.text.split('\n')[r.startLine]?.slice(0, r.startColumn).trim()) return [];
  return [
    {
      title: { en: `Move ${addCall.text} before the go statement`, ko: `${addCall.text}을(를) go 문 앞으로 옮기기` },
      edits: [
        { range: { startLine: r.startLine, startColumn: 0, endLine: r.startLine, endColumn: 0 }, newText: `${indent}${addCall.text}\n` },
        deleteLine(stmt),
      ],
    },
  ];
}

/** Returns in `body` before `done` that no earlier Done on the same WaitGroup covers. */
function returnsSkippingDone(body: Node, done: Node, wg: string): Node[] {
  const isDone = (s: Node) => s.type === 'expression_statement' && s.text.replace(/\s/g, '') === `${wg}.Done()`;
  return findAll(body, 'return_statement', true).filter((ret) => {
    if (ret.startIndex > done.startIndex) return false;
    for (let child: Node = ret, p = ret.parent; p && p.id !== body.parent?.id; child = p, p = p.parent) {
      if (p.type !== 'statement_list') continue;
      for (const s of blockStatements(p)) {
        if (s.startIndex >= child.startIndex) break;
        if (isDone(s)) return false;
      }
    }
    return true;
  });
}

/** A trailing `wg.Done()` → `defer wg.Done()` at the top of the body, when it is the body's only Done. */
function deferDoneFix(ctx: RuleContext, body: Node, doneStmt: Node, wg: string): FixSpec[] {
  const stmts = blockStatements(body);
  if (stmts[stmts.length - 1]?.id !== doneStmt.id) return [];
  if (findAll(body, 'call_expression', true).filter((c) => c.text.replace(/\s/g, '') === `${wg}.Done()`).length !== 1) return [];
  const first = stmts[0]!;
  const r = rangeOf(first);
  const indent = indentationOf(ctx.text, r.startLine);
  return [
    {
      title: { en: `Use defer ${wg}.Done()`, ko: `defer ${wg}.Done() 사용` },
      edits: [
        { range: { startLine: r.startLine, startColumn: 0, endLine: r.startLine, endColumn: 0 }, newText: `${indent}defer ${wg}.Done()\n` },
        deleteLine(doneStmt),
      ],
    },
  ];
}

function checkFunction(ctx: RuleContext, fns: FunctionIndex, fn: FuncRef): void {
  const m = waitgroupMisuse.meta.messages;
  const calls = fn.facts.syncCalls.filter((c) => isWaitGroup(fns, fn, c));
  const key = (c: SyncCallFact) => fns.instanceKey(fn, c.target);
  for (const c of calls) {
    const node = nodeOf(ctx, c);
    if (!node || node.type !== 'call_expression') continue;
    if (c.method === 'Add' && c.async && c.pos.length === 2 && c.pos[1] === 0) {
      // The goroutine's first act is to count itself (it also calls Done on the
      // same WaitGroup). An Add further down, after the goroutine was counted
      // by its starter, only adds work for goroutines it starts: that is fine.
      const selfCounted = calls.some((d) => d.method === 'Done' && d.async && d.pos[0] === c.pos[0] && key(d) === key(c));
      if (selfCounted) {
        ctx.report({ node, messageId: 'addInGoroutine', args: { wg: c.target.text }, fixes: moveAddFix(ctx, node) });
        continue;
      }
    }
    if (c.method === 'Add' && !c.async) {
      const wait = calls.find((w) => w.method === 'Wait' && w.async && w.at < c.at && key(w) === key(c));
      if (wait) {
        ctx.report({
          node,
          messageId: 'addAfterWait',
          args: { wg: c.target.text, line: wait.line + 1 },
          related: [{ range: { startLine: wait.line, startColumn: wait.column, endLine: wait.endLine, endColumn: wait.endColumn }, message: m.waitHere! }],
        });
        continue;
      }
    }
    if (c.method === 'Done' && !c.deferred && c.pos.length === 2) {
      const body = enclosingBody(node);
      const stmt = node.parent;
      if (!body || stmt?.type !== 'expression_statement') continue;
      const returns = returnsSkippingDone(body, stmt, c.target.text);
      if (returns.length === 0) continue;
      ctx.report({
        node,
        messageId: 'doneSkipped',
        args: { wg: c.target.text, count: returns.length },
        related: returns.map((r) => ({ range: rangeOf(r), message: m.returnHere!, args: { wg: c.target.text } })),
        fixes: deferDoneFix(ctx, body, stmt, c.target.text),
      });
    }
  }
}

function checkByValue(ctx: RuleContext): void {
  for (const decl of findAll(ctx.tree.rootNode, 'parameter_declaration')) {
    const type = decl.childForFieldName('type');
    if (!type || type.type === 'pointer_type' || classifyType(type.text, ctx.summary.imports) !== 'waitgroup') continue;
    const name = decl.childForFieldName('name')?.text ?? '_';
    ctx.report({ node: type, messageId: 'byValue', args: { name } });
  }
}

export const waitgroupMisuse: Rule = {
  meta: {
    id: 'waitgroup-misuse',
    title: { en: 'sync.WaitGroup misuse', ko: 'sync.WaitGroup 오용' },
    description: {
      en: 'Add inside the goroutine it counts, Add after Wait may have started, a return path that skips Done, or a WaitGroup passed by value.',
      ko: '세는 대상 고루틴 안에서의 Add, Wait가 시작됐을 수 있는 뒤의 Add, Done을 건너뛰는 반환 경로, 값으로 전달된 WaitGroup.',
    },
    defaultSeverity: 'warning',
    category: 'goroutine',
    checklistItem: 'goroutines-bounded',
    fixable: true,
    messages: {
      addInGoroutine: {
        en: '{wg}.Add inside the goroutine it counts: Wait can run before this Add and return early; call Add before the go statement',
        ko: '세는 대상 고루틴 안에서 {wg}.Add를 호출합니다: 이 Add보다 Wait가 먼저 실행되어 일찍 반환될 수 있습니다. go 문 앞에서 Add하세요',
      },
      addAfterWait: {
        en: '{wg}.Add after a goroutine started {wg}.Wait() (line {line}): Wait may already have returned, or Add races with it; finish every Add before Wait can start',
        ko: '고루틴이 {wg}.Wait()를 시작한 뒤에 {wg}.Add를 호출합니다 ({line}행): Wait가 이미 반환했거나 Add와 경쟁합니다. Wait가 시작될 수 있기 전에 모든 Add를 마치세요',
      },
      doneSkipped: {
        en: '{count} return path(s) leave before {wg}.Done(): Wait never returns for them; use defer {wg}.Done() at the top',
        ko: '{count}개의 반환 경로가 {wg}.Done() 전에 빠져나갑니다: Wait가 영원히 반환되지 않습니다. 맨 위에서 defer {wg}.Done()을 쓰세요',
      },
      byValue: {
        en: 'sync.WaitGroup parameter {name} is passed by value: Add/Done/Wait act on a copy and the caller\'s Wait never sees them; pass *sync.WaitGroup',
        ko: 'sync.WaitGroup 매개변수 {name}이(가) 값으로 전달됩니다: Add/Done/Wait가 복사본에 적용되어 호출자의 Wait가 보지 못합니다. *sync.WaitGroup을 넘기세요',
      },
      waitHere: { en: 'Wait starts here, in a goroutine', ko: '여기서 고루틴이 Wait를 시작' },
      returnHere: { en: 'returns without {wg}.Done()', ko: '{wg}.Done() 없이 반환' },
    },
  },
  check(ctx) {
    const fns = ctx.index.functions();
    for (const fn of functionsOfFile(ctx)) checkFunction(ctx, fns, fn);
    checkByValue(ctx);
  },
};
