// Glue between the index's function facts and rule reports: facts carry
// spans, reports want nodes and related locations.
import { nodeAtSpan, spanRange } from '../analysis/nodeAt';
import type { FuncRef, Site } from '../index/funcIndex';
import type { Span } from '../index/types';
import type { LocalText } from '../l10n/locale';
import type { Node } from '../parse/syntax';
import type { RelatedSpec, RuleContext } from './types';

/** The functions (and local closures) declared in the file being checked. */
export function functionsOfFile(ctx: RuleContext): FuncRef[] {
  return ctx.index.functions().funcsOfFile(ctx.path);
}

export function nodeOf(ctx: RuleContext, span: Span): Node | undefined {
  return nodeAtSpan(ctx.tree, span);
}

export function relatedAt(site: Site, message: LocalText, args?: Record<string, string | number>): RelatedSpec {
  return { file: site.file, range: spanRange(site.span), message, args };
}

/** Related entries for a call chain ending at a lock call: "calls X" for each hop, then the final message. */
export function chainRelated(chain: Site[], via: LocalText, last: LocalText, args: Record<string, string | number>): RelatedSpec[] {
  return chain.map((s, i) => relatedAt(s, i === chain.length - 1 ? last : via, { ...args, what: s.what }));
}
