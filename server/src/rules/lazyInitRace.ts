// lazy-init-race: `if x == nil { x = … }` on a package variable or a
// receiver field, reached from concurrent code with no lock and no sync.Once.
// Two goroutines can both see nil, both initialise, and one reads a
// half-published value: the seed's sync.Once section is the fix.
// Concurrent means: inside a goroutine, in a function some `go` statement
// starts, in an HTTP handler, or in an exported getter of a package singleton
// (the seed's GetDatabase shape, which any caller may use from any goroutine).
import { executingFunction, literalRole } from '../analysis/flow';
import { startedFunctionsOf } from '../analysis/goroutineTargets';
import { localDeclarations } from '../analysis/locals';
import { isGuarded } from '../analysis/locks';
import { testingParams } from '../analysis/testing';
import { compareGoVersions } from '../index/goMod';
import { blockStatements, findAll, methodCall, rangeOf, selectorPath, writtenExpressions, type Node } from '../parse/syntax';
import { addImportEdit, indentationOf } from './fixes';
import type { FixSpec, Rule, RuleContext } from './types';

const racy = {
  en: 'lazy initialisation of `{x}` is not synchronised',
  ko: '`{x}`의 지연 초기화가 동기화되지 않았습니다',
};
const both = {
  en: 'two goroutines can both see nil and both initialise it (use {use})',
  ko: '두 고루틴이 모두 nil을 보고 둘 다 초기화할 수 있습니다 ({use} 사용)',
};
const because = (en: string, ko: string) => ({ en: `${racy.en} (${en}): ${both.en}`, ko: `${racy.ko} (${ko}): ${both.ko}` });

const messages = {
  goroutine: because('it runs in a goroutine', '고루틴에서 실행됩니다'),
  started: because('this function is started with go', '이 함수는 go로 시작됩니다'),
  handler: because('HTTP handlers run concurrently', 'HTTP 핸들러는 동시에 실행됩니다'),
  getter: because('an exported getter any goroutine may call', '어느 고루틴이든 호출할 수 있는 공개 getter입니다'),
  useOnce: { en: 'Initialise {x} with sync.Once', ko: 'sync.Once로 {x} 초기화' },
};

type Why = 'goroutine' | 'started' | 'handler' | 'getter';

/** `x == nil` / `nil == x` → the path of x. */
function nilCheckedPath(cond: Node | null): string | undefined {
  if (cond?.type !== 'binary_expression' || cond.child(1)?.text !== '==') return undefined;
  const l = cond.childForFieldName('left');
  const r = cond.childForFieldName('right');
  if (r?.type === 'nil') return selectorPath(l);
  if (l?.type === 'nil') return selectorPath(r);
  return undefined;
}

function topFunction(n: Node): Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_declaration' || p.type === 'method_declaration') return p;
  return undefined;
}

function whyConcurrent(ctx: RuleContext, stmt: Node, decl: Node, path: string, isPkgVar: boolean): Why | undefined {
  for (let f = executingFunction(stmt); f && f.type === 'func_literal'; f = executingFunction(f)) {
    if (literalRole(f) === 'goroutine') return 'goroutine';
  }
  const name = decl.childForFieldName('name')?.text ?? '';
  const line = decl.startPosition.row;
  if (startedFunctionsOf(ctx.summary, ctx.pkg).some((s) => s.func.name === name && s.func.line === line)) return 'started';
  const params = decl.childForFieldName('parameters')?.text ?? '';
  const httpAlias = Object.entries(ctx.summary.imports).find(([, p]) => p === 'net/http')?.[0];
  if (name === 'ServeHTTP' || (httpAlias && params.includes(`${httpAlias}.ResponseWriter`))) return 'handler';
  // Test helpers (a testing.TB parameter) run in their test's goroutine.
  if (isPkgVar && decl.type === 'function_declaration' && /^[A-Z]/.test(name) && testingParams(decl, ctx.summary.imports).length === 0) {
    const returnsIt = findAll(decl, 'return_statement', true).some((r) => r.namedChild(0)?.namedChild(0)?.text === path);
    if (returnsIt) return 'getter';
  }
  return undefined;
}

function onceFix(ctx: RuleContext, ifStmt: Node, decl: Node, x: string): FixSpec[] {
  const stmts = blockStatements(ifStmt.childForFieldName('consequence'));
  if (stmts.length !== 1 || ifStmt.childForFieldName('alternative') || ifStmt.childForFieldName('initializer')) return [];
  const assign = stmts[0]!;
  const left = assign.childForFieldName('left');
  if (assign.type !== 'assignment_statement' || assign.child(1)?.text !== '=' || left?.namedChildCount !== 1) return [];
  const onceName = `${x}Once`;
  if (ctx.index.varsIn(ctx.pkg).has(onceName)) return [];
  const writes = findAll(ctx.tree.rootNode, ['assignment_statement', 'inc_statement', 'dec_statement']).filter((s) =>
    writtenExpressions(s).some((e) => selectorPath(e) === x),
  );
  if (writes.length !== 1) return [];
  const indent = indentationOf(ctx.text, ifStmt.startPosition.row);
  const declEnd = rangeOf(decl);
  return [
    {
      title: { en: messages.useOnce.en.replace('{x}', x), ko: messages.useOnce.ko.replace('{x}', x) },
      edits: [
        ...addImportEdit(ctx.tree.rootNode, 'sync'),
        { range: rangeOf(ifStmt), newText: `${onceName}.Do(func() {\n${indent}\t${assign.text}\n${indent}})` },
        { range: { startLine: declEnd.endLine, startColumn: declEnd.endColumn, endLine: declEnd.endLine, endColumn: declEnd.endColumn }, newText: `\n\nvar ${onceName} sync.Once` },
      ],
    },
  ];
}

export const lazyInitRace: Rule = {
  meta: {
    id: 'lazy-init-race',
    title: { en: 'Unsynchronised lazy initialisation', ko: '동기화되지 않은 지연 초기화' },
    description: {
      en: '`if x == nil { x = … }` on shared state reached from concurrent code without sync.Once or a lock.',
      ko: '동시에 실행되는 코드에서 sync.Once나 락 없이 공유 상태에 `if x == nil { x = … }`를 합니다.',
    },
    defaultSeverity: 'warning',
    category: 'race',
    checklistItem: 'shared-state-guarded',
    fixable: true,
    messages,
  },
  check(ctx) {
    if (ctx.path.endsWith('_test.go')) return;
    const pkgVars = ctx.index.varsIn(ctx.pkg);
    const goVersion = ctx.pkg.goMod?.goVersion;
    const onceValue = goVersion !== undefined && compareGoVersions(goVersion, '1.21') >= 0;
    for (const ifStmt of findAll(ctx.tree.rootNode, 'if_statement')) {
      const x = nilCheckedPath(ifStmt.childForFieldName('condition'));
      const decl = x ? topFunction(ifStmt) : undefined;
      if (!x || !decl || decl.childForFieldName('name')?.text === 'init') continue;
      const stmts = blockStatements(ifStmt.childForFieldName('consequence'));
      const initialises = stmts.some((s) => s.type === 'assignment_statement' && writtenExpressions(s).some((e) => selectorPath(e) === x));
      if (!initialises || isGuarded(ifStmt)) continue;
      // Double-checked locking and friends: a lock inside means the author synchronised on purpose.
      if (findAll(ifStmt, 'call_expression').some((c) => /^(Lock|RLock|Do)$/.test(methodCall(c)?.method ?? ''))) continue;
      const root = x.split('.')[0]!;
      let isPkgVar = false;
      if (x.includes('.')) {
        const recv = decl.childForFieldName('receiver');
        const recvName = recv ? findAll(recv, 'identifier')[0]?.text : undefined;
        if (root !== recvName || x.split('.').length !== 2) continue;
      } else {
        const shadowed = [decl, ...findAll(decl, 'func_literal')].some((f) => localDeclarations(f).some((d) => d.name === x));
        if (!pkgVars.has(x) || shadowed) continue;
        isPkgVar = true;
      }
      const why = whyConcurrent(ctx, ifStmt, decl, x, isPkgVar);
      if (!why) continue;
      ctx.report({
        node: ifStmt.childForFieldName('condition') ?? ifStmt,
        messageId: why,
        args: { x, use: onceValue ? 'sync.OnceValue / sync.Once' : 'sync.Once' },
        fixes: isPkgVar ? onceFix(ctx, ifStmt, decl, x) : [],
      });
    }
  },
};
