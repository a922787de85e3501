// unbounded-goroutines: one goroutine per element of input whose size the
// code does not control (a slice, map or channel), with no limiter in sight.
// Under heavy traffic this is the seed's "무한 고루틴 생성 → 메모리 폭발".
// Fixed-size worker pools (counted loops) and semaphores stay silent.
import { contextParams } from '../analysis/contexts';
import { goStarts, loopKind } from '../analysis/goroutines';
import { declarationOf, localDeclarations } from '../analysis/locals';
import { kindOfExpression } from '../index/summarizeFile';
import { classifyType } from '../index/typeKind';
import { findAll, methodCall, rangeOf, selectorPath, type Node } from '../parse/syntax';
import type { Rule, RuleContext } from './types';

const limiterMethods = new Set(['Acquire', 'TryAcquire', 'Wait', 'Take', 'Allow', 'Reserve', 'Submit', 'Go']);

/** A send, semaphore acquire, rate-limiter wait or batch Wait in the loop, before or inside the goroutine. */
function hasLimiter(loop: Node): boolean {
  const body = loop.childForFieldName('body');
  if (!body) return false;
  if (findAll(body, 'send_statement', false).length > 0) return true;
  return findAll(body, 'call_expression', false).some((c) => {
    const m = methodCall(c);
    return m !== undefined && limiterMethods.has(m.method);
  });
}

type RangeSource = 'slice' | 'map' | 'chan' | 'unknown' | 'bounded';

function rangeSource(ctx: RuleContext, loop: Node, owner: Node | undefined): RangeSource {
  const clause = loop.namedChildren.find((c) => c?.type === 'range_clause');
  const right = clause?.childForFieldName('right');
  if (!right) return 'bounded';
  if (right.type === 'composite_literal' || right.type === 'int_literal') return 'bounded';
  if (right.type === 'call_expression') return 'unknown';
  const path = selectorPath(right);
  if (!path || !owner) return 'unknown';
  const decl = path.includes('.') ? undefined : declarationOf(localDeclarations(owner), path, loop);
  if (decl) {
    const kind = decl.init ? kindOfExpression(decl.init, ctx.summary.imports) : classifyType(decl.typeNode?.text ?? '', ctx.summary.imports);
    if (decl.init?.type === 'composite_literal') return 'bounded';
    if (kind === 'slice' || kind === 'map' || kind === 'chan') return kind;
    if (decl.variadic) return 'slice';
    return 'unknown';
  }
  return 'unknown';
}

/** `func Exported(ctx context.Context, batch []T)` ranging over `batch`: the caller's traffic sets its size. */
function requestBatch(ctx: RuleContext, owner: Node | undefined, right: Node | null | undefined): boolean {
  if (!owner || !right || right.type !== 'identifier') return false;
  if (owner.type !== 'function_declaration' && owner.type !== 'method_declaration') return false;
  if (!/^[A-Z]/.test(owner.childForFieldName('name')?.text ?? '')) return false;
  if (contextParams(owner, ctx.summary.imports).every((s) => s.kind !== 'context')) return false;
  const params = owner.childForFieldName('parameters');
  return !!params && findAll(params, 'identifier').some((id) => id.text === right.text);
}

export const unboundedGoroutines: Rule = {
  meta: {
    id: 'unbounded-goroutines',
    title: { en: 'Unbounded goroutine creation', ko: '제한 없는 고루틴 생성' },
    description: {
      en: 'A goroutine is started for every element of input of unbounded size, with no worker pool, semaphore or errgroup limit.',
      ko: '크기가 정해지지 않은 입력의 원소마다 고루틴을 시작하며, 워커 풀이나 세마포어, errgroup 제한이 없습니다.',
    },
    defaultSeverity: 'warning',
    category: 'goroutine',
    checklistItem: 'goroutines-bounded',
    fixable: false,
    messages: {
      perElement: {
        en: 'one goroutine per element of `{source}` with no limit: under load this exhausts memory (use a worker pool, errgroup.SetLimit or a semaphore)',
        ko: '`{source}`의 원소마다 제한 없이 고루틴을 만듭니다: 부하 시 메모리가 고갈됩니다 (워커 풀, errgroup.SetLimit 또는 세마포어 사용)',
      },
      perReceive: {
        en: 'one goroutine per value received from `{source}` with no limit: a burst of input starts a burst of goroutines (use a fixed set of workers reading the channel)',
        ko: '`{source}`에서 받은 값마다 제한 없이 고루틴을 만듭니다: 입력이 몰리면 고루틴도 폭증합니다 (채널을 읽는 고정 개수의 워커 사용)',
      },
      loopHere: { en: 'loop over unbounded input', ko: '크기 제한 없는 입력에 대한 루프' },
    },
  },
  check(ctx) {
    // Tests fan out over fixed inputs they define themselves.
    if (ctx.path.endsWith('_test.go')) return;
    const reportedLoops = new Set<number>();
    for (const g of goStarts(ctx.tree.rootNode)) {
      if (!g.loop || reportedLoops.has(g.loop.id) || loopKind(g.loop) !== 'range') continue;
      const source = rangeSource(ctx, g.loop, g.owner);
      if (source === 'bounded' || source === 'unknown' || hasLimiter(g.loop)) continue;
      reportedLoops.add(g.loop.id);
      const right = g.loop.namedChildren.find((c) => c?.type === 'range_clause')?.childForFieldName('right');
      ctx.report({
        node: g.stmt,
        messageId: source === 'chan' ? 'perReceive' : 'perElement',
        // A channel is a stream that grows with traffic, and so is a batch handed to an exported
        // request-path API (a ctx and a slice parameter); other slices and maps are often fixed sets
        // (cluster nodes, listeners, plugins), so that form is only information (corpus: 0/16 judged true).
        severity: source === 'chan' || requestBatch(ctx, g.owner, right) ? undefined : 'information',
        args: { source: right?.text ?? '' },
        related: [{ range: rangeOf(g.loop.namedChildren.find((c) => c?.type === 'range_clause') ?? g.loop), message: unboundedGoroutines.meta.messages.loopHere! }],
      });
    }
  },
};
