// loop-variable-capture: before Go 1.22 a `for` loop has one variable for all
// iterations; a goroutine or deferred closure that captures it reads whatever
// value the loop holds when the closure runs (usually the last), and races
// with the loop's update. Applies only to modules whose `go` directive is
// below 1.22 (RuleMeta.goVersion); from 1.22 each iteration has its own copy.
import { dominates, executingFunction, literalRole } from '../analysis/flow';
import { isSyncPoint } from '../analysis/syncPoints';
import { localDeclarations } from '../analysis/locals';
import { blockStatements, findAll, namedChildren, type Node } from '../parse/syntax';
import { indentationOf } from './fixes';
import type { FixSpec, Rule, RuleContext } from './types';

const messages = {
  capturedGoroutine: {
    en: 'the goroutine captures loop variable `{name}`: before Go 1.22 all iterations share it, so it sees a later value and races with the loop (copy it first: {name} := {name})',
    ko: '고루틴이 루프 변수 `{name}`를 캡처합니다: Go 1.22 이전에는 모든 반복이 같은 변수를 공유하므로 나중 값을 보고 루프와 경쟁합니다 (먼저 복사: {name} := {name})',
  },
  capturedDeferred: {
    en: 'the deferred closure captures loop variable `{name}`: before Go 1.22 all iterations share it, so every deferred call sees the last value (copy it first: {name} := {name})',
    ko: '지연된 클로저가 루프 변수 `{name}`를 캡처합니다: Go 1.22 이전에는 모든 반복이 같은 변수를 공유하므로 모든 지연 호출이 마지막 값을 봅니다 (먼저 복사: {name} := {name})',
  },
  copyVar: { en: 'Copy {name} for each iteration', ko: '반복마다 {name} 복사' },
};

/** Variables declared by the loop header with `:=`. */
function loopVariables(loop: Node): Node[] {
  const range = loop.namedChildren.find((c) => c?.type === 'range_clause');
  if (range) {
    if (range.child(1)?.text !== ':=') return [];
    const left = range.childForFieldName('left');
    return left ? namedChildren(left).filter((n) => n.type === 'identifier' && n.text !== '_') : [];
  }
  const clause = loop.namedChildren.find((c) => c?.type === 'for_clause');
  const init = clause?.childForFieldName('initializer');
  if (init?.type !== 'short_var_declaration') return [];
  const left = init.childForFieldName('left');
  return left ? namedChildren(left).filter((n) => n.type === 'identifier' && n.text !== '_') : [];
}

/** True when the literal declares its own `name` (parameter or local). */
function shadows(lit: Node, name: string): boolean {
  const params = lit.childForFieldName('parameters');
  if (params && findAll(params, 'identifier').some((n) => n.text === name)) return true;
  return localDeclarations(lit).some((d) => d.name === name);
}

/** The first free use of `name` in the literal (not shadowed by it or by closures inside it). */
function freeUse(lit: Node, name: string): Node | undefined {
  const body = lit.childForFieldName('body');
  if (!body || shadows(lit, name)) return undefined;
  return findAll(body, 'identifier').find((id) => {
    if (id.text !== name) return false;
    for (let p = id.parent; p && p.id !== lit.id; p = p.parent) if (p.type === 'func_literal' && shadows(p, name)) return false;
    return true;
  });
}

/** True when the loop body copies the variable (`v := v`) before `at`. */
function copiedBefore(body: Node, name: string, at: Node): boolean {
  return findAll(body, 'short_var_declaration', true).some((d) => {
    if (d.startIndex > at.startIndex) return false;
    return d.childForFieldName('left')?.namedChildren.some((n) => n?.text === name) ?? false;
  });
}

/** A Wait, receive or select after the goroutine that every iteration passes: it finishes before the variable changes. */
function waitedInIteration(body: Node, lit: Node): boolean {
  const end = body.child(body.childCount - 1) ?? body;
  return findAll(body, ['call_expression', 'unary_expression', 'select_statement'], true).some(
    (n) => n.startIndex > lit.endIndex && isSyncPoint(n) && dominates(n, end),
  );
}

function copyFix(ctx: RuleContext, body: Node, name: string): FixSpec[] {
  const first = blockStatements(body)[0];
  if (!first || first.startPosition.row === body.startPosition.row) return [];
  const line = first.startPosition.row;
  const indent = indentationOf(ctx.text, line);
  return [
    {
      title: { en: messages.copyVar.en.replace('{name}', name), ko: messages.copyVar.ko.replace('{name}', name) },
      edits: [{ range: { startLine: line, startColumn: 0, endLine: line, endColumn: 0 }, newText: `${indent}${name} := ${name}\n` }],
    },
  ];
}

export const loopVariableCapture: Rule = {
  meta: {
    id: 'loop-variable-capture',
    title: { en: 'Loop variable captured by a goroutine (before Go 1.22)', ko: '고루틴이 캡처한 루프 변수 (Go 1.22 이전)' },
    description: {
      en: 'A goroutine or deferred closure captures a loop variable that, before Go 1.22, all iterations share.',
      ko: 'Go 1.22 이전에 모든 반복이 공유하는 루프 변수를 고루틴이나 지연된 클로저가 캡처합니다.',
    },
    defaultSeverity: 'warning',
    category: 'goroutine',
    checklistItem: 'shared-state-guarded',
    goVersion: { below: '1.22' },
    fixable: true,
    messages,
  },
  check(ctx) {
    for (const loop of findAll(ctx.tree.rootNode, 'for_statement')) {
      const vars = loopVariables(loop);
      const body = loop.childForFieldName('body');
      if (vars.length === 0 || !body) continue;
      const fn = executingFunction(loop);
      for (const lit of findAll(body, 'func_literal')) {
        const role = literalRole(lit);
        if ((role !== 'goroutine' && role !== 'deferred') || executingFunction(lit)?.id !== fn?.id) continue;
        if (role === 'goroutine' && waitedInIteration(body, lit)) continue;
        for (const v of vars) {
          const use = freeUse(lit, v.text);
          if (!use || copiedBefore(body, v.text, lit)) continue;
          ctx.report({
            node: use,
            messageId: role === 'goroutine' ? 'capturedGoroutine' : 'capturedDeferred',
            args: { name: v.text },
            fixes: copyFix(ctx, body, v.text),
          });
        }
      }
    }
  },
};
