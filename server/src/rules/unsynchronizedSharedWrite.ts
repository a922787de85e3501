// unsynchronized-shared-write: a variable written inside a goroutine while
// another goroutine may access it, with no lock, atomic or hand-off between.
// The seed's `counter++` from many goroutines is the canonical case.
import { startedFunctionsOf } from '../analysis/goroutineTargets';
import { goStarts, type GoStart } from '../analysis/goroutines';
import { declarationOf, localDeclarations, shadowedAt } from '../analysis/locals';
import { nodeAtSpan, spanRange } from '../analysis/nodeAt';
import { effectiveOffset, syncPointBetween } from '../analysis/syncPoints';
import { referencesTo, writesIn } from '../analysis/writes';
import { kindOfExpression } from '../index/summarizeFile';
import { classifyType } from '../index/typeKind';
import { rangeOf, type Node } from '../parse/syntax';
import type { Rule, RuleContext } from './types';

const ignoredKinds = new Set(['mutex', 'rwmutex', 'waitgroup', 'once', 'cond', 'syncmap', 'atomic', 'chan']);

/** What else touches the variable concurrently: the loop (many goroutines) or a later unsynchronised access. */
export function concurrentPeer(g: GoStart, root: string, declaredAt: Node | undefined): { kind: 'loop' | 'access'; node: Node } | undefined {
  if (g.loop && (!declaredAt || declaredAt.startIndex < g.loop.startIndex)) return { kind: 'loop', node: g.stmt };
  const body = g.owner?.childForFieldName('body');
  if (!body) return undefined;
  // Uses of a shadowing `err :=` in an inner scope are another variable; `x = <-ch` writes after its receive.
  const later = referencesTo(body, root).find((r) => r.startIndex >= g.stmt.endIndex && !shadowedAt(r, root, declaredAt, body));
  if (later && !syncPointBetween(body, g.stmt, effectiveOffset(later))) return { kind: 'access', node: later };
  return undefined;
}

function checkClosures(ctx: RuleContext, rule: Rule): void {
  const pkgVars = ctx.index.varsIn(ctx.pkg);
  for (const g of goStarts(ctx.tree.rootNode)) {
    if (!g.literal || !g.owner) continue;
    const body = g.literal.childForFieldName('body');
    if (!body) continue;
    const inner = new Set(localDeclarations(g.literal).map((d) => d.name));
    const ownerDecls = localDeclarations(g.owner);
    const reported = new Set<string>();
    for (const w of writesIn(body)) {
      if (w.isMapWrite || w.guarded || inner.has(w.root) || reported.has(w.path)) continue;
      const decl = declarationOf(ownerDecls, w.root, g.stmt);
      const pkgVar = decl ? undefined : pkgVars.get(w.root);
      if (!decl && !pkgVar) continue;
      const kind = decl
        ? decl.init
          ? kindOfExpression(decl.init, ctx.summary.imports)
          : classifyType(decl.typeNode?.text ?? '', ctx.summary.imports)
        : pkgVar!.kind;
      if (ignoredKinds.has(kind)) continue;
      // A write through a field of a captured pointer is left to the race detector unless it is the variable itself.
      if (w.path !== w.root && decl && !g.loop) continue;
      const peer = concurrentPeer(g, w.root, decl?.node);
      if (!peer) continue;
      reported.add(w.path);
      ctx.report({
        node: w.node,
        messageId: peer.kind === 'loop' ? 'inLoop' : 'accessedAfter',
        args: { name: w.path },
        related: [
          { range: rangeOf(g.stmt), message: rule.meta.messages.goStatement! },
          ...(peer.kind === 'access' ? [{ range: rangeOf(peer.node), message: rule.meta.messages.otherAccess! }] : []),
        ],
      });
    }
  }
}

function checkStartedFunctions(ctx: RuleContext, rule: Rule): void {
  const pkgVars = ctx.index.varsIn(ctx.pkg);
  for (const started of startedFunctionsOf(ctx.summary, ctx.pkg)) {
    if (!started.goCall.inLoop) continue;
    const fn = started.func;
    for (const w of fn.writes) {
      if (w.isMapWrite || w.guarded) continue;
      const onReceiver = fn.pointerReceiver && w.root === fn.receiverName && w.path !== w.root;
      const pkgVar = pkgVars.get(w.root);
      if (!onReceiver && !(pkgVar && !ignoredKinds.has(pkgVar.kind))) continue;
      const node = nodeAtSpan(ctx.tree, w);
      if (!node) continue;
      ctx.report({
        node,
        messageId: 'startedInLoop',
        args: { name: w.path, func: fn.name },
        related: [{ file: started.goFile, range: spanRange(started.goCall), message: rule.meta.messages.goStatement! }],
      });
    }
  }
}

export const unsynchronizedSharedWrite: Rule = {
  meta: {
    id: 'unsynchronized-shared-write',
    title: { en: 'Unsynchronized write to shared variable', ko: '동기화 없는 공유 변수 쓰기' },
    description: {
      en: 'A variable is written inside a goroutine while other goroutines may access it, with no lock, atomic or channel hand-off.',
      ko: '고루틴 안에서 변수를 쓰는 동안 다른 고루틴이 락, atomic, 채널 전달 없이 접근할 수 있습니다.',
    },
    defaultSeverity: 'warning',
    category: 'race',
    checklistItem: 'shared-state-guarded',
    fixable: false,
    messages: {
      inLoop: {
        en: '`{name}` is written by goroutines started in a loop without synchronization: data race (guard it with a sync.Mutex, use sync/atomic, or send results on a channel)',
        ko: '루프에서 시작된 고루틴들이 `{name}`을(를) 동기화 없이 씁니다: 데이터 레이스 (sync.Mutex로 보호하거나 sync/atomic 또는 채널을 사용하세요)',
      },
      accessedAfter: {
        en: '`{name}` is written in a goroutine and accessed by the starting function with no wait in between: data race',
        ko: '고루틴에서 `{name}`을(를) 쓰는 동안 시작한 함수가 대기 없이 접근합니다: 데이터 레이스',
      },
      startedInLoop: {
        en: '`{name}` is written without a lock by `{func}`, which runs as many goroutines at once: data race',
        ko: '`{func}`이(가) 여러 고루틴으로 동시에 실행되며 `{name}`을(를) 락 없이 씁니다: 데이터 레이스',
      },
      goStatement: { en: 'goroutine started here', ko: '여기서 고루틴이 시작됩니다' },
      otherAccess: { en: 'concurrent access here', ko: '여기서 동시에 접근합니다' },
    },
  },
  check(ctx) {
    checkClosures(ctx, unsynchronizedSharedWrite);
    checkStartedFunctions(ctx, unsynchronizedSharedWrite);
  },
};
