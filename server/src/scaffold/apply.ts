// One entry point for "put this pattern into this file at this cursor":
// context-aware patterns rewrite the code under the cursor; standalone ones
// are inserted after the declaration around the cursor. Both return one
// minimal edit, gofmt-formatted, with imports merged.
import type { Parser } from 'web-tree-sitter';
import type { Locale, LocalText } from '../l10n/locale';
import { parseGo } from '../parse/goParser';
import { cursorContext, type CursorContext } from './context';
import { applyContextPattern, findContextPattern } from './contextual';
import type { OffsetEdit } from './imports';
import { insertGenerated, topLevelInsertionOffset } from './render';
import { scaffold } from './scaffold';
import type { Answers, ModuleDependency, TargetFacts } from './types';

export interface ApplyResult {
  ok: boolean;
  errors: { param: string; message: string }[];
  edits: OffsetEdit[];
  result: string;
  notes: LocalText[];
  dependencies: ModuleDependency[];
  /** What the preview shows: the inserted code, or the rewritten region. */
  preview?: string;
  /** Where the new code starts in `result`. */
  revealOffset?: number;
  /** A `_test.go` the pattern ships (standalone patterns only). */
  test?: { code: string; imports: { path: string; name: string }[] };
}

export function contextAt(parser: Parser, text: string, offset: number): CursorContext {
  const tree = parseGo(parser, text);
  try {
    return cursorContext(tree, offset);
  } finally {
    tree.delete();
  }
}

export function applyScaffold(parser: Parser, text: string, offset: number, patternId: string, answers: Answers, target: TargetFacts, locale: Locale): ApplyResult {
  const contextual = findContextPattern(patternId);
  if (contextual) {
    const ctx = contextAt(parser, text, offset);
    const r = applyContextPattern(contextual, text, parser, ctx, answers, target, locale);
    const deps = patternId === 'loop-limit' && answers.style === 'errgroup' ? [{ module: 'golang.org/x/sync', why: { en: 'errgroup with SetLimit', ko: 'SetLimit 을 지원하는 errgroup' } }] : patternId === 'gorm-version' || patternId === 'tx-locking' ? [{ module: 'gorm.io/gorm', why: { en: 'GORM', ko: 'GORM' } }] : [];
    const at = r.edits[0]?.start ?? 0;
    return { ...r, dependencies: deps, revealOffset: r.result.lastIndexOf('\n', at) + 1 };
  }
  const s = scaffold(patternId, answers, target, locale);
  if (!s.ok) return { ok: false, errors: s.errors, edits: [], result: text, notes: [], dependencies: [] };
  const at = topLevelInsertionOffset(text, parser, offset);
  const { edits, result, inserted, revealOffset } = insertGenerated(text, parser, at, s.generated.code, s.generated.imports);
  return {
    ok: true,
    errors: [],
    edits,
    result,
    notes: s.generated.notes,
    dependencies: s.generated.dependencies,
    ...(inserted ? { preview: inserted } : {}),
    ...(revealOffset !== undefined ? { revealOffset } : {}),
    ...(s.generated.test ? { test: s.generated.test } : {}),
  };
}
