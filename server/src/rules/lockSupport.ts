// Glue between the index's function facts and rule reports: facts carry
// spans, reports want nodes.
import { nodeAtSpan } from '../analysis/nodeAt';
import type { FuncRef } from '../index/funcIndex';
import type { Span } from '../index/types';
import type { Node } from '../parse/syntax';
import type { RuleContext } from './types';

/** The functions (and local closures) declared in the file being checked. */
export function functionsOfFile(ctx: RuleContext): FuncRef[] {
  return ctx.index.functions().funcsOfFile(ctx.path);
}

export function nodeOf(ctx: RuleContext, span: Span): Node | undefined {
  return nodeAtSpan(ctx.tree, span);
}
