// test-goroutine-after-return: misuse of *testing.T from goroutines.
// t.Fatal/FailNow/Skip must run on the test's own goroutine (they call
// runtime.Goexit, which would only stop the helper goroutine); and a goroutine
// that still uses t after the test returned panics ("Log in goroutine after
// TestX has completed") or loses its failure.
import { certainStatement, executingFunction, isFunctionNode, literalRole } from '../analysis/flow';
import { testingParams } from '../analysis/testing';
import { findAll, methodCall, rangeOf, type Node } from '../parse/syntax';
import type { Rule, RuleContext } from './types';

const messages = {
  fatalInGoroutine: {
    en: '`{call}` from a goroutine other than the test\'s: it stops only this goroutine and the test carries on (report with {t}.Error and return, or send the error back to the test goroutine)',
    ko: '테스트가 아닌 고루틴에서 `{call}`을 호출합니다: 이 고루틴만 멈추고 테스트는 계속됩니다 ({t}.Error 후 반환하거나 오류를 테스트 고루틴으로 전달)',
  },
  usedAfterReturn: {
    en: 'the goroutine uses `{t}` but the test never waits for it: after the test returns, `{use}` panics or is lost (wait with a WaitGroup or channel before returning)',
    ko: '고루틴이 `{t}`를 쓰지만 테스트가 기다리지 않습니다: 테스트가 반환한 뒤 `{use}`는 panic을 일으키거나 사라집니다 (반환 전에 WaitGroup이나 채널로 대기)',
  },
  startedHere: { en: 'goroutine started here', ko: '여기서 고루틴을 시작합니다' },
};

const fatalMethods = new Set(['Fatal', 'Fatalf', 'FailNow', 'Skip', 'Skipf', 'SkipNow']);
/** Calls on `t` inside `lit` that refer to the outer t (not shadowed by a nested t.Run(func(t *testing.T))). */
function usesOf(lit: Node, t: string, imports: Record<string, string>): Node[] {
  return findAll(lit, 'call_expression').filter((c) => {
    const m = methodCall(c);
    const requireArg = c.childForFieldName('function')?.text.match(/^(\w+)\.\w+$/)?.[1];
    const isRequire = requireArg !== undefined && /testify\/require$/.test(imports[requireArg] ?? '') && c.childForFieldName('arguments')?.namedChild(0)?.text === t;
    if (m?.receiver !== t && !isRequire) return false;
    for (let p = c.parent; p && p.id !== lit.id; p = p.parent) if (isFunctionNode(p) && testingParams(p, imports).includes(t)) return false;
    return true;
  });
}

function isFatal(call: Node, t: string): boolean {
  const m = methodCall(call);
  if (m?.receiver === t) return fatalMethods.has(m.method);
  return true; // testify require.* calls t.FailNow on failure
}

/** After the go statement, does the test wait for anything (Wait, receive, select, range, Cleanup, a lock)? */
function waitsAfter(fn: Node, goStmt: Node): boolean {
  const body = fn.childForFieldName('body');
  if (!body) return true;
  return findAll(body, ['call_expression', 'unary_expression', 'select_statement', 'range_clause']).some((n) => {
    if (n.startIndex < goStmt.endIndex) return false;
    if (n.type === 'select_statement' || n.type === 'range_clause') return true;
    if (n.type === 'unary_expression') return n.child(0)?.text === '<-';
    const m = methodCall(n);
    return !!m && /^(Wait|Cleanup|Lock|RLock|Run|Eventually|EventuallyWithT|Do)$/.test(m.method);
  });
}

export const testGoroutineAfterReturn: Rule = {
  meta: {
    id: 'test-goroutine-after-return',
    title: { en: 'testing.T misused from a goroutine', ko: '고루틴에서 잘못 쓰인 testing.T' },
    description: {
      en: 't.Fatal/t.FailNow called from a goroutine other than the test\'s, or t used by a goroutine the test does not wait for.',
      ko: '테스트가 아닌 고루틴에서 t.Fatal/t.FailNow를 호출하거나, 테스트가 기다리지 않는 고루틴이 t를 씁니다.',
    },
    defaultSeverity: 'warning',
    category: 'testing',
    checklistItem: 'race-in-ci',
    fixable: false,
    messages,
  },
  check(ctx: RuleContext) {
    const imports = ctx.summary.imports;
    for (const fn of findAll(ctx.tree.rootNode, ['function_declaration', 'method_declaration', 'func_literal'])) {
      for (const t of testingParams(fn, imports)) {
        for (const lit of findAll(fn, 'func_literal')) {
          if (literalRole(lit) !== 'goroutine' || executingFunction(lit)?.id !== fn.id) continue;
          const uses = usesOf(lit, t, imports);
          if (uses.length === 0) continue;
          const goStmt = lit.parent?.parent?.type === 'go_statement' ? lit.parent.parent : lit.parent?.parent ?? lit;
          const related = [{ range: rangeOf(goStmt.child(0) ?? goStmt), message: messages.startedHere }];
          const fatal = uses.find((u) => isFatal(u, t));
          if (fatal) {
            ctx.report({ node: fatal, messageId: 'fatalInGoroutine', args: { call: fatal.childForFieldName('function')?.text ?? '', t }, related });
          } else if (goStmt.type === 'go_statement' && !waitsAfter(fn, goStmt)) {
            // Only uses that always happen: a failure report on an error branch fires when
            // something else already went wrong (e.g. Serve failing after the test's Stop).
            const use = uses.find((u) => certainStatement(u)?.block.id === lit.childForFieldName('body')?.id);
            if (!use) continue;
            ctx.report({ node: use, messageId: 'usedAfterReturn', args: { t, use: use.childForFieldName('function')?.text ?? '' }, related });
          }
        }
      }
    }
  },
};
