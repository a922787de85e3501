// Turns generated declarations into text edits: a new file, or an insertion
// into an existing file with its imports merged. Pure apart from gofmt.
import type { Parser } from 'web-tree-sitter';
import { parseGo } from '../parse/goParser';
import { namedChildren } from '../parse/syntax';
import { minimalEdit } from './edits';
import { gofmt } from './gofmt';
import { applyOffsetEdits, defaultPackageName, planImports, requalify, type OffsetEdit } from './imports';
import type { GeneratedCode, ImportNeed } from './types';

export interface FileEdits {
  edits: OffsetEdit[];
  /** The file after the edits (for previews and tests). */
  result: string;
  /** The inserted code alone, as it reads in the file (for previews). */
  inserted?: string;
  /** Where the inserted code starts in `result` (to reveal it). */
  revealOffset?: number;
}

/** gofmt for declarations without a package clause. */
export function formatDecls(code: string): string {
  const r = gofmt(`package p\n\n${code}`);
  return r.formatted ? r.text.replace(/^package p\n\n/, '') : code;
}

/** A complete file: package clause, imports, declarations, gofmt-formatted. */
export function renderFile(packageName: string, code: string, imports: ImportNeed[], header = ''): string {
  const std = imports.filter((i) => !(i.path.split('/')[0] ?? '').includes('.')).sort((a, b) => a.path.localeCompare(b.path));
  const other = imports.filter((i) => (i.path.split('/')[0] ?? '').includes('.')).sort((a, b) => a.path.localeCompare(b.path));
  const line = (i: ImportNeed) => `\t${i.name !== defaultPackageName(i.path) ? `${i.name} ` : ''}"${i.path}"`;
  const groups = [std.map(line), other.map(line)].filter((g) => g.length > 0).map((g) => g.join('\n'));
  const importBlock = groups.length > 0 ? `import (\n${groups.join('\n\n')}\n)\n\n` : '';
  const text = `${header}package ${packageName}\n\n${importBlock}${code}`;
  const r = gofmt(text);
  return r.formatted ? r.text : text;
}

/** Where a new top-level declaration goes for a cursor: after the declaration around it, or on the cursor's line. */
export function topLevelInsertionOffset(text: string, parser: Parser, cursor: number): number {
  const tree = parseGo(parser, text);
  try {
    const top = namedChildren(tree.rootNode);
    const around = top.find((n) => n.startIndex <= cursor && cursor < n.endIndex && n.type !== 'comment');
    if (around) return around.endIndex;
    // Between declarations: the end of the last declaration before the cursor (never inside the import block).
    const before = top.filter((n) => n.endIndex <= cursor);
    const last = before[before.length - 1];
    return last ? last.endIndex : text.length;
  } finally {
    tree.delete();
  }
}

/**
 * Inserts `gen` into `text` at `offset` (a top-level position) with imports
 * merged, using the file's own names for packages it already imports.
 */
export function insertGenerated(text: string, parser: Parser, offset: number, code: string, imports: ImportNeed[]): FileEdits {
  const tree = parseGo(parser, text);
  let plan;
  try {
    plan = planImports(text, tree, imports);
  } finally {
    tree.delete();
  }
  const renames = new Map<string, string>();
  for (const need of imports) {
    const name = plan.names.get(need.path);
    if (name && name !== need.name) renames.set(need.name, name);
  }
  const prefix = 'package p\n\n';
  const codeTree = parseGo(parser, prefix + code);
  let finalCode;
  try {
    finalCode = formatDecls(requalify(code, codeTree, prefix.length, renames));
  } finally {
    codeTree.delete();
  }
  const edits: OffsetEdit[] = [];
  if (plan.edit) edits.push(plan.edit);
  // Insert at the start of a line, with one blank line before and after.
  let at = offset;
  if (text[at] === '\n') at++;
  const lead = at > 0 && text[at - 1] !== '\n' ? '\n\n' : '\n';
  const rest = text.slice(at);
  const trail = rest.length > 0 && !rest.startsWith('\n') ? '\n' : '';
  edits.push({ start: at, end: at, newText: `${lead}${finalCode.replace(/\n+$/, '\n')}${trail}` });
  const applied = applyOffsetEdits(text, edits);
  const formatted = gofmt(applied);
  const result = formatted.formatted ? formatted.text : applied;
  const firstLine = finalCode.split('\n')[0] ?? '';
  const found = result.indexOf(`\n${firstLine}\n`, Math.min(at, result.length) - 1);
  const revealOffset = found >= 0 ? found + 1 : Math.min(at, result.length);
  return { edits: [minimalEdit(text, result)], result, inserted: finalCode, revealOffset };
}

export type { GeneratedCode };
