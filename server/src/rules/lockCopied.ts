// lock-copied: a value holding a sync.Mutex, RWMutex, WaitGroup, Once, Cond
// or Map copied — by a value receiver, a by-value parameter, a range
// variable, an assignment from a value or a dereference, or a channel send.
// The copy carries the lock's state at that moment and then lives its own
// life: the original and the copy no longer exclude each other.
import { dirname } from 'node:path';
import { declarationOf, localDeclarations, type LocalDecl } from '../analysis/locals';
import { typeTextOfInit } from '../index/funcSummary';
import { classifyType } from '../index/typeKind';
import { findAll, namedChildren, rangeOf, selectorPath, type Node } from '../parse/syntax';
import type { Rule, RuleContext } from './types';

type Copy = 'valueReceiver' | 'byValueParam' | 'rangeCopy' | 'assignCopy' | 'sendCopy';

function lockIn(ctx: RuleContext, typeText: string | undefined): string | undefined {
  if (!typeText) return undefined;
  return ctx.index.functions().lockInside(typeText, dirname(ctx.path), ctx.summary.imports);
}

/** Declared type of a local, as text: `T`, `*T`, `[]T`; from the declaration or a `T{…}` / `&T{…}` initialiser. */
function declaredType(decl: LocalDecl | undefined): string | undefined {
  if (!decl) return undefined;
  if (decl.typeNode) return (decl.variadic ? '[]' : '') + decl.typeNode.text;
  return typeTextOfInit(decl.init) && decl.init?.type === 'unary_expression' ? `*${typeTextOfInit(decl.init)}` : typeTextOfInit(decl.init);
}

/** Type text of `x` or `x.f` (one field of a same-package struct) at `at`. */
function typeOfPath(ctx: RuleContext, decls: LocalDecl[], expr: Node): string | undefined {
  const path = selectorPath(expr);
  if (!path) return undefined;
  const [head, ...fields] = path.split('.');
  let type = declaredType(declarationOf(decls, head!, expr)) ?? ctx.index.varsIn(ctx.pkg).get(head!)?.type;
  const structs = ctx.index.structsIn(ctx.pkg);
  for (const f of fields) {
    const name = type?.replace(/^\*/, '');
    const field = name ? structs.get(name)?.fields.find((x) => x.name === f) : undefined;
    if (!field) return undefined;
    type = field.type;
  }
  return type;
}

/** Element type of `[]T`, `[N]T` or the value type of `map[K]T`. */
function elementType(t: string | undefined): string | undefined {
  if (!t) return undefined;
  if (t.startsWith('[]')) return t.slice(2);
  const arr = /^\[[^\]]*\](.+)$/.exec(t);
  if (arr) return arr[1];
  if (t.startsWith('map[')) {
    let depth = 0;
    for (let i = 3; i < t.length; i++) {
      if (t[i] === '[') depth++;
      else if (t[i] === ']' && --depth === 0) return t.slice(i + 1);
    }
  }
  return undefined;
}

/** The value copied by an expression: a plain variable of a lock-holding type, or `*p`. */
function copiedValue(ctx: RuleContext, decls: LocalDecl[], expr: Node): string | undefined {
  if (expr.type === 'unary_expression' && expr.child(0)?.text === '*') {
    const t = typeOfPath(ctx, decls, expr.childForFieldName('operand') ?? expr);
    return t?.startsWith('*') ? lockIn(ctx, t.slice(1)) : undefined;
  }
  if (expr.type !== 'identifier' && expr.type !== 'selector_expression') return undefined;
  return lockIn(ctx, typeOfPath(ctx, decls, expr));
}

function report(ctx: RuleContext, node: Node, kind: Copy, what: string, lock: string, fix?: { at: Node }): void {
  ctx.report({
    node,
    messageId: kind,
    args: { what, lock },
    fixes: fix
      ? [
          {
            title: { en: 'Use a pointer receiver', ko: '포인터 리시버 사용' },
            edits: [{ range: { ...rangeOf(fix.at), endLine: rangeOf(fix.at).startLine, endColumn: rangeOf(fix.at).startColumn }, newText: '*' }],
          },
        ]
      : undefined,
  });
}

function checkSignature(ctx: RuleContext, fn: Node): void {
  const recv = fn.childForFieldName('receiver');
  for (const decl of recv ? namedChildren(recv) : []) {
    const type = decl.childForFieldName('type');
    if (!type || type.type === 'pointer_type') continue;
    const lock = lockIn(ctx, type.text);
    if (lock) report(ctx, type, 'valueReceiver', type.text, lock, { at: type });
  }
  const params = fn.childForFieldName('parameters');
  for (const decl of params ? namedChildren(params) : []) {
    const type = decl.childForFieldName('type');
    if (!type || decl.type !== 'parameter_declaration' || type.type === 'pointer_type') continue;
    // A bare sync.WaitGroup parameter is waitgroup-misuse's to report.
    if (classifyType(type.text, ctx.summary.imports) === 'waitgroup') continue;
    const lock = lockIn(ctx, type.text);
    if (lock) report(ctx, type, 'byValueParam', type.text, lock);
  }
}

function checkBody(ctx: RuleContext, fn: Node): void {
  const body = fn.childForFieldName('body');
  if (!body) return;
  const decls = localDeclarations(fn);
  for (const n of findAll(body, ['range_clause', 'assignment_statement', 'short_var_declaration', 'send_statement'], true)) {
    if (n.type === 'range_clause') {
      const value = n.childForFieldName('left')?.namedChild(1);
      const right = n.childForFieldName('right');
      if (!value || value.text === '_' || !right) continue;
      const elem = elementType(typeOfPath(ctx, decls, right));
      const lock = elem && lockIn(ctx, elem);
      if (lock) report(ctx, value, 'rangeCopy', elem, lock);
      continue;
    }
    if (n.type === 'send_statement') {
      const value = n.childForFieldName('value');
      const lock = value && copiedValue(ctx, decls, value);
      if (value && lock) report(ctx, value, 'sendCopy', value.text, lock);
      continue;
    }
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    if (!left || !right || left.namedChildCount !== right.namedChildCount) continue;
    namedChildren(right).forEach((r, i) => {
      if (left.namedChild(i)?.text === '_') return;
      const lock = copiedValue(ctx, decls, r);
      if (lock) report(ctx, r, 'assignCopy', r.text, lock);
    });
  }
}

export const lockCopied: Rule = {
  meta: {
    id: 'lock-copied',
    title: { en: 'Value holding a lock copied', ko: '락을 가진 값의 복사' },
    description: {
      en: 'A value containing a sync.Mutex, RWMutex, WaitGroup, Once, Cond or Map is copied (value receiver, by-value parameter, range variable, assignment, channel send): the copy and the original no longer share the lock.',
      ko: 'sync.Mutex, RWMutex, WaitGroup, Once, Cond, Map을 담은 값이 복사됩니다 (값 리시버, 값 매개변수, range 변수, 대입, 채널 송신): 복사본과 원본이 더 이상 락을 공유하지 않습니다.',
    },
    defaultSeverity: 'warning',
    category: 'lock',
    checklistItem: 'shared-state-guarded',
    fixable: true,
    messages: {
      valueReceiver: {
        en: 'value receiver {what} copies its {lock} on every call: the method locks a copy, not the shared lock (use a pointer receiver)',
        ko: '값 리시버 {what}이(가) 호출마다 {lock}을(를) 복사합니다: 메서드가 공유 락이 아닌 복사본을 잠급니다 (포인터 리시버를 쓰세요)',
      },
      byValueParam: {
        en: 'parameter of type {what} is passed by value and copies its {lock}: pass a pointer',
        ko: '{what} 타입 매개변수가 값으로 전달되어 {lock}을(를) 복사합니다: 포인터를 넘기세요',
      },
      rangeCopy: {
        en: 'the range variable copies each {what} element with its {lock}: range over indexes or store pointers',
        ko: 'range 변수가 각 {what} 원소를 {lock}과 함께 복사합니다: 인덱스로 순회하거나 포인터를 저장하세요',
      },
      assignCopy: {
        en: '{what} is copied here together with its {lock}: the copy has its own lock state; copy a pointer instead',
        ko: '{what}이(가) {lock}과 함께 여기서 복사됩니다: 복사본은 별도의 락 상태를 가집니다. 포인터를 복사하세요',
      },
      sendCopy: {
        en: 'sending {what} copies it together with its {lock} (go vet does not check sends): send a pointer',
        ko: '{what}을(를) 보내면 {lock}과 함께 복사됩니다 (go vet은 송신을 검사하지 않음): 포인터를 보내세요',
      },
    },
  },
  check(ctx) {
    for (const fn of findAll(ctx.tree.rootNode, ['function_declaration', 'method_declaration', 'func_literal'])) {
      checkSignature(ctx, fn);
      checkBody(ctx, fn);
    }
  },
};
