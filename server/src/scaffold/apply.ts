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
import { minimalEdit } from './edits';
import { callOptimisticHelper } from './callOptimisticHelper';
import { applyOffsetEdits } from './imports';
import type { PackageDecls } from './packageDecls';
import { insertGenerated, topLevelInsertionOffset } from './render';
import { reconcileDeclarations, type ReusedType } from './reuseDeclarations';
import { scaffold } from './scaffold';
import type { Answers, GeneratedCode, ModuleDependency, TargetFacts } from './types';

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
  /** Existing types the code reuses that live in other files and need fields added there. */
  otherFiles?: ReusedType[];
}

/** What is known about the package beyond the file: its declarations, and the code a quick fix was opened on. */
export interface ApplyOptions {
  /** The package's top-level declarations (this file's included), keyed as in packageDecls. */
  existing?: PackageDecls;
  /** This file's path, to tell its own declarations from other files'. */
  path?: string;
  /** Offset of the flagged code when the wizard was opened from a quick fix. */
  site?: number;
}

const reuseNotes = {
  reused: { en: 'Reuses the existing type {name} instead of declaring it again.', ko: '{name} 타입을 다시 선언하지 않고 기존 것을 씁니다.' },
  fields: { en: 'Adds {fields} to {name}: the generated code uses it.', ko: '생성 코드가 쓰므로 {name} 에 {fields} 을(를) 추가합니다.' },
  called: { en: 'The flagged code now calls {helper}.', ko: '지적된 코드가 이제 {helper} 를 호출합니다.' },
  notCalled: { en: 'Call {helper} from the flagged code: its shape was not recognised, so it was left as it was.', ko: '지적된 코드에서 {helper} 를 호출하세요. 형태를 알아보지 못해 그대로 두었습니다.' },
} satisfies Record<string, LocalText>;

const fill = (t: LocalText, args: Record<string, string>): LocalText => ({
  en: t.en.replace(/\{(\w+)\}/g, (m, k: string) => args[k] ?? m),
  ko: t.ko.replace(/\{(\w+)\}/g, (m, k: string) => args[k] ?? m),
});

/**
 * Drops generated declarations the package already has (reusing its types) or
 * reports the clash; returns the code to insert and notes saying what happened.
 */
export function fitIntoPackage(parser: Parser, generated: GeneratedCode, existing: PackageDecls | undefined, locale: Locale): { code: string; reused: ReusedType[]; notes: LocalText[]; errors: { param: string; message: string }[] } {
  if (!existing) return { code: generated.code, reused: [], notes: [], errors: [] };
  const r = reconcileDeclarations(parser, generated.code, existing);
  const errors = r.conflicts.map((c) => ({
    param: 'name',
    message:
      locale === 'ko'
        ? `${c.name} 은(는) 이미 ${c.existing.file.replace(/^.*[\\/]/, '')}:${c.existing.line + 1} 에 선언되어 있습니다. 다른 이름을 고르세요.`
        : `${c.name} is already declared at ${c.existing.file.replace(/^.*[\\/]/, '')}:${c.existing.line + 1}; choose another name.`,
  }));
  const notes: LocalText[] = [];
  for (const u of r.reused) {
    notes.push(fill(reuseNotes.reused, { name: u.name }));
    if (u.addFields.length > 0) notes.push(fill(reuseNotes.fields, { name: u.name, fields: u.addFields.map((f) => f.split(/\s+/)[0]!).join(', ') }));
  }
  return { code: r.code, reused: r.reused, notes, errors };
}

/** An edit adding `fields` before the closing brace of the struct at `close`. */
export function addFieldsEdit(close: number, fields: string[]): OffsetEdit {
  return { start: close, end: close, newText: fields.map((f) => `\t${f}\n`).join('') };
}

export function contextAt(parser: Parser, text: string, offset: number): CursorContext {
  const tree = parseGo(parser, text);
  try {
    return cursorContext(tree, offset);
  } finally {
    tree.delete();
  }
}

export function applyScaffold(parser: Parser, text: string, offset: number, patternId: string, answers: Answers, target: TargetFacts, locale: Locale, options: ApplyOptions = {}): ApplyResult {
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
  const fit = fitIntoPackage(parser, s.generated, options.existing, locale);
  if (fit.errors.length > 0) return { ok: false, errors: fit.errors, edits: [], result: text, notes: [], dependencies: [] };
  // Changes to the code already in this file: fields for a reused struct, the flagged code calling the helper.
  const local: OffsetEdit[] = [];
  const here = (u: ReusedType) => !options.path || u.existing.file === options.path;
  for (const u of fit.reused) if (here(u) && u.addFields.length > 0 && u.existing.structClose !== undefined) local.push(addFieldsEdit(u.existing.structClose, u.addFields));
  const notes = [...s.generated.notes, ...fit.notes];
  if (options.site !== undefined && patternId === 'optimistic-gorm') {
    const helper = `Update${s.answers.model}WithVersion`;
    const call = callOptimisticHelper(parser, text, options.site, s.answers.model!, helper);
    if (call && !local.some((e) => e.start < call.end && call.start < e.end)) {
      local.push(call);
      notes.push(fill(reuseNotes.called, { helper }));
    } else notes.push(fill(reuseNotes.notCalled, { helper }));
  }
  const base = applyOffsetEdits(text, local);
  const shift = local.filter((e) => e.end <= offset).reduce((d, e) => d + e.newText.length - (e.end - e.start), 0);
  const at = topLevelInsertionOffset(base, parser, offset + shift);
  const inserted = insertGenerated(base, parser, at, fit.code, s.generated.imports);
  const { result, revealOffset } = inserted;
  const edits = [minimalEdit(text, result)];
  const otherFiles = fit.reused.filter((u) => !here(u) && u.addFields.length > 0);
  return {
    ok: true,
    errors: [],
    edits,
    result,
    ...(otherFiles.length > 0 ? { otherFiles } : {}),
    notes,
    dependencies: s.generated.dependencies,
    ...(inserted.inserted ? { preview: inserted.inserted } : {}),
    ...(revealOffset !== undefined ? { revealOffset } : {}),
    ...(s.generated.test ? { test: s.generated.test } : {}),
  };
}
