// When the wizard is opened from a gorm-lost-update quick fix, inserting the
// optimistic-locking helper alone fixes nothing: the flagged read-modify-write
// still runs. This rewrites it to call the helper, moving the statements
// between the read and the write into the helper's mutate callback:
//
//	var p Product                                  return UpdateProductWithVersion(ctx, s.db, id, func(p *Product) error {
//	if err := s.db.WithContext(ctx).First(&p, id)…     if p.Stock < n { return ErrInsufficient }
//	if p.Stock < n { return ErrInsufficient }    →     p.Stock -= n
//	p.Stock -= n                                       return nil
//	return s.db.WithContext(ctx).Save(&p).Error    })
//
// Pure syntax; it recognises only that shape and otherwise says nothing
// (the caller adds a note), so it never guesses.
import type { Parser } from 'web-tree-sitter';
import { parseGo } from '../parse/goParser';
import { blockStatements, namedChildren, walk, type Node } from '../parse/syntax';
import type { OffsetEdit } from './imports';

const readMethods = new Set(['First', 'Take', 'Last', 'Find']);
const writeMethods = new Set(['Save', 'Updates']);

/** The call `<chain>.Method(&x, …)` in `n` for one of `methods`, with its receiver chain. */
function gormCall(n: Node, methods: Set<string>, x: string): { call: Node; operand: Node; args: Node[] } | undefined {
  let found: { call: Node; operand: Node; args: Node[] } | undefined;
  walk(n, (c) => {
    if (found || c.type === 'func_literal') return false;
    if (c.type !== 'call_expression') return true;
    const fn = c.childForFieldName('function');
    const args = namedChildren(c.childForFieldName('arguments')!);
    if (fn?.type === 'selector_expression' && methods.has(fn.childForFieldName('field')?.text ?? '') && args[0]?.text.replace(/\s/g, '') === `&${x}`) {
      found = { call: c, operand: fn.childForFieldName('operand')!, args };
      return false;
    }
    return true;
  });
  return found;
}

/** `s.db.WithContext(ctx)` → db `s.db`, ctx `ctx`; `s.db` → db `s.db`. */
function splitContext(operand: Node): { db: string; ctx?: string } {
  if (operand.type === 'call_expression') {
    const fn = operand.childForFieldName('function');
    if (fn?.type === 'selector_expression' && fn.childForFieldName('field')?.text === 'WithContext') {
      const arg = namedChildren(operand.childForFieldName('arguments')!)[0];
      return { db: fn.childForFieldName('operand')!.text, ...(arg ? { ctx: arg.text } : {}) };
    }
  }
  return { db: operand.text };
}

function contextParam(fn: Node): string | undefined {
  const params = fn.childForFieldName('parameters');
  for (const p of params ? namedChildren(params) : []) {
    if (p.childForFieldName('type')?.text === 'context.Context') return p.childForFieldName('name')?.text;
  }
  return undefined;
}

function indentOf(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/**
 * The model type of the read-modify-write around `offset` (`var p Product`
 * read with First(&p, …) and written with Save(&p)), for the wizard's
 * defaults when a quick fix opens it there.
 */
export function readModifyWriteModel(parser: Parser, text: string, offset: number): string | undefined {
  const tree = parseGo(parser, text);
  try {
    let fn: Node | null = tree.rootNode.descendantForIndex(offset, offset);
    while (fn && fn.type !== 'function_declaration' && fn.type !== 'method_declaration') fn = fn.parent;
    const stmts = blockStatements(fn?.childForFieldName('body'));
    for (const [i, decl] of stmts.entries()) {
      const m = decl.type === 'var_declaration' ? /^var\s+(\w+)\s+(\w+)$/.exec(decl.text) : null;
      if (!m) continue;
      const readAt = stmts.findIndex((s, j) => j > i && !!gormCall(s, readMethods, m[1]!));
      if (readAt >= 0 && stmts.some((s, j) => j > readAt && !!gormCall(s, writeMethods, m[1]!))) return m[2];
    }
    return undefined;
  } finally {
    tree.delete();
  }
}

/**
 * An edit replacing the read-modify-write of a `model` value around `offset`
 * with a call to `helper`, or undefined when the code there has another shape.
 */
export function callOptimisticHelper(parser: Parser, text: string, offset: number, model: string, helper: string): OffsetEdit | undefined {
  const tree = parseGo(parser, text);
  try {
    let fn: Node | null = tree.rootNode.descendantForIndex(offset, offset);
    while (fn && fn.type !== 'function_declaration' && fn.type !== 'method_declaration') fn = fn.parent;
    const body = fn?.childForFieldName('body');
    if (!fn || !body) return undefined;
    const stmts = blockStatements(body);
    for (let a = 0; a < stmts.length; a++) {
      const decl = stmts[a]!;
      const m = decl.type === 'var_declaration' ? new RegExp(`^var\\s+(\\w+)\\s+${model}$`).exec(decl.text) : null;
      if (!m) continue;
      const x = m[1]!;
      const readAt = stmts.findIndex((s, i) => i > a && !!gormCall(s, readMethods, x));
      if (readAt < 0) continue;
      const read = gormCall(stmts[readAt]!, readMethods, x)!;
      const last = stmts.findIndex((s, i) => i > readAt && s.type === 'return_statement' && !!gormCall(s, writeMethods, x));
      if (last < 0) continue;
      // The read statement must only propagate its error (if err := …; err != nil { return err }).
      const readStmt = stmts[readAt]!;
      if (readStmt.type !== 'if_statement' || !/\{\s*return err\s*\}$/.test(readStmt.text)) continue;
      const { db, ctx } = splitContext(read.operand);
      const ctxExpr = ctx ?? contextParam(fn) ?? 'context.Background()';
      const id = read.args[read.args.length - 1];
      if (!id || read.args.length < 2) continue;
      const indent = indentOf(text, decl.startIndex);
      const moved = stmts.slice(readAt + 1, last).map((s) => {
        // x is a pointer inside the callback: &x becomes x.
        const edits: [number, number][] = [];
        walk(s, (n) => {
          if (n.type === 'unary_expression' && n.text.replace(/\s/g, '') === `&${x}`) edits.push([n.startIndex, n.endIndex]);
          return true;
        });
        let t = s.text;
        for (const [st, en] of edits.sort((p, q) => q[0] - p[0])) t = t.slice(0, st - s.startIndex) + x + t.slice(en - s.startIndex);
        // One level deeper: every line of the statement gains a tab.
        return t.split('\n').map((l, i) => (i === 0 ? `${indent}\t${l}` : `\t${l}`)).join('\n');
      });
      const newText = [`return ${helper}(${ctxExpr}, ${db}, ${id.text}, func(${x} *${model}) error {`, ...moved.map((l) => l.slice(indent.length)), `\treturn nil`, `})`].join(`\n${indent}`);
      return { start: decl.startIndex, end: stmts[last]!.endIndex, newText };
    }
    return undefined;
  } finally {
    tree.delete();
  }
}
