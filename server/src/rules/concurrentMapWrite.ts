// concurrent-map-write: a Go map written from several goroutines without a
// lock. The runtime aborts the whole process with "fatal error: concurrent
// map writes" — not a recoverable panic — so this is an error.
import { startedFunctionsOf } from '../analysis/goroutineTargets';
import { goStarts } from '../analysis/goroutines';
import { declarationOf, localDeclarations, type LocalDecl } from '../analysis/locals';
import { nodeAtSpan, spanRange } from '../analysis/nodeAt';
import { writesIn } from '../analysis/writes';
import { kindOfExpression } from '../index/summarizeFile';
import { classifyType, lockKinds } from '../index/typeKind';
import type { StructInfo } from '../index/types';
import { rangeOf, type Node } from '../parse/syntax';
import { wrapInLock } from './fixes';
import { concurrentPeer } from './unsynchronizedSharedWrite';
import type { FixSpec, Rule, RuleContext } from './types';

/** The struct type of a receiver/parameter declaration, if it is one of the package's structs. */
function structOfDecl(decl: LocalDecl | undefined, structs: Map<string, StructInfo>): StructInfo | undefined {
  const t = decl?.typeNode?.text.replace(/^\*/, '').replace(/\[.*$/, '');
  return t ? structs.get(t) : undefined;
}

function isMapDecl(decl: LocalDecl, imports: Record<string, string>): boolean {
  if (decl.init) return kindOfExpression(decl.init, imports) === 'map';
  return classifyType(decl.typeNode?.text ?? '', imports) === 'map';
}

function lockFixFor(ctx: RuleContext, stmt: Node, owner: string, struct: StructInfo | undefined): FixSpec[] {
  const mu = struct?.fields.find((f) => lockKinds.has(f.kind));
  if (!mu || !['assignment_statement', 'inc_statement', 'dec_statement', 'call_expression'].includes(stmt.type)) return [];
  const target = stmt.type === 'call_expression' ? stmt.parent : stmt;
  if (!target || (stmt.type === 'call_expression' && target.type !== 'expression_statement')) return [];
  const lockPath = `${owner}.${mu.name}`;
  return [
    {
      title: { en: `Guard the write with ${lockPath}`, ko: `${lockPath}(으)로 쓰기를 보호` },
      edits: wrapInLock(ctx.text, target, lockPath),
    },
  ];
}

function checkClosures(ctx: RuleContext): void {
  const pkgVars = ctx.index.varsIn(ctx.pkg);
  const structs = ctx.index.structsIn(ctx.pkg);
  for (const g of goStarts(ctx.tree.rootNode)) {
    if (!g.literal || !g.owner) continue;
    const body = g.literal.childForFieldName('body');
    if (!body) continue;
    const inner = new Set(localDeclarations(g.literal).map((d) => d.name));
    const ownerDecls = localDeclarations(g.owner);
    for (const w of writesIn(body)) {
      if (!w.isMapWrite || w.guarded || inner.has(w.root)) continue;
      const decl = declarationOf(ownerDecls, w.root, g.stmt);
      const parts = w.path.split('.');
      let isMap = false;
      let struct: StructInfo | undefined;
      if (parts.length === 1) {
        isMap = decl ? isMapDecl(decl, ctx.summary.imports) : pkgVars.get(w.root)?.kind === 'map';
      } else if (parts.length === 2 && decl) {
        struct = structOfDecl(decl, structs);
        isMap = struct?.fields.find((f) => f.name === parts[1])?.kind === 'map';
      }
      if (!isMap) continue;
      const peer = concurrentPeer(g, w.root, decl?.node);
      if (!peer) continue;
      ctx.report({
        node: w.node,
        messageId: peer.kind === 'loop' ? 'inLoop' : 'accessedAfter',
        args: { name: w.path },
        related: [
          { range: rangeOf(g.stmt), message: concurrentMapWrite.meta.messages.goStatement! },
          ...(peer.kind === 'access' ? [{ range: rangeOf(peer.node), message: concurrentMapWrite.meta.messages.otherAccess! }] : []),
        ],
        fixes: lockFixFor(ctx, w.node, w.root, struct),
      });
    }
  }
}

function checkStartedMethods(ctx: RuleContext): void {
  const structs = ctx.index.structsIn(ctx.pkg);
  for (const started of startedFunctionsOf(ctx.summary, ctx.pkg)) {
    const fn = started.func;
    if (!started.goCall.inLoop || !fn.pointerReceiver || !fn.receiverType) continue;
    const struct = structs.get(fn.receiverType);
    for (const w of fn.writes) {
      const parts = w.path.split('.');
      if (!w.isMapWrite || w.guarded || parts.length !== 2 || parts[0] !== fn.receiverName) continue;
      if (struct?.fields.find((f) => f.name === parts[1])?.kind !== 'map') continue;
      const node = nodeAtSpan(ctx.tree, w);
      if (!node) continue;
      const stmt = node.type === 'call_expression' || node.type.endsWith('_statement') ? node : node.parent ?? node;
      ctx.report({
        node: stmt,
        messageId: 'startedInLoop',
        args: { name: w.path, func: fn.name },
        related: [{ file: started.goFile, range: spanRange(started.goCall), message: concurrentMapWrite.meta.messages.goStatement! }],
        fixes: lockFixFor(ctx, stmt, parts[0]!, struct),
      });
    }
  }
}

export const concurrentMapWrite: Rule = {
  meta: {
    id: 'concurrent-map-write',
    title: { en: 'Concurrent map write', ko: '맵 동시 쓰기' },
    description: {
      en: 'A map is written from several goroutines without a lock; the runtime stops the process with "fatal error: concurrent map writes".',
      ko: '여러 고루틴이 락 없이 맵에 씁니다. 런타임이 "fatal error: concurrent map writes"로 프로세스를 중단합니다.',
    },
    defaultSeverity: 'error',
    category: 'race',
    checklistItem: 'shared-state-guarded',
    fixable: true,
    messages: {
      inLoop: {
        en: 'map `{name}` is written by goroutines started in a loop without a lock: fatal error: concurrent map writes (guard it with a sync.Mutex or use sync.Map)',
        ko: '루프에서 시작된 고루틴들이 맵 `{name}`에 락 없이 씁니다: fatal error: concurrent map writes (sync.Mutex로 보호하거나 sync.Map을 사용하세요)',
      },
      accessedAfter: {
        en: 'map `{name}` is written in a goroutine while the starting function keeps using it: fatal error: concurrent map writes',
        ko: '고루틴이 맵 `{name}`에 쓰는 동안 시작한 함수가 계속 사용합니다: fatal error: concurrent map writes',
      },
      startedInLoop: {
        en: 'map `{name}` is written without a lock by `{func}`, which runs as many goroutines at once: fatal error: concurrent map writes',
        ko: '`{func}`이(가) 여러 고루틴으로 동시에 실행되며 맵 `{name}`에 락 없이 씁니다: fatal error: concurrent map writes',
      },
      goStatement: { en: 'goroutine started here', ko: '여기서 고루틴이 시작됩니다' },
      otherAccess: { en: 'concurrent access here', ko: '여기서 동시에 접근합니다' },
    },
  },
  check(ctx) {
    checkClosures(ctx);
    checkStartedMethods(ctx);
  },
};
