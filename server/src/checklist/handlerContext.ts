// Item 4's own evidence: HTTP handlers (`func(w http.ResponseWriter, r
// *http.Request)`) and gRPC-style methods (`(ctx, *XRequest)`) that start
// blocking work — a database query, an outgoing HTTP request, a sleep, a
// dial — through an API that takes no context, while never using the
// request's context. Such work outlives a cancelled or timed-out request.
import type { Parser } from 'web-tree-sitter';
import { contentHash } from '../index/summarizeFile';
import type { FileSummary, FuncInfo } from '../index/types';
import { format, type Locale } from '../l10n/locale';
import { parseGo } from '../parse/goParser';
import { findAll, type Node } from '../parse/syntax';
import { readText } from './ci/ciDefinitions';
import { checklistText as t } from './checklistText';
import type { Evidence } from './types';

/** Calls that block without a context; each has a context-taking sibling (QueryContext, NewRequestWithContext, DialContext…). */
const blockingPackageCalls = new Set(['http.Get', 'http.Post', 'http.PostForm', 'http.Head', 'http.NewRequest', 'time.Sleep', 'net.Dial', 'net.DialTimeout']);
const queryMethods = new Set(['Query', 'QueryRow', 'Exec', 'Prepare']);

function isHttpHandler(f: FuncInfo): { request: string } | undefined {
  const w = f.params.find((p) => p.type === 'http.ResponseWriter');
  const r = f.params.find((p) => p.type === '*http.Request');
  return w && r ? { request: r.name } : undefined;
}

function isGrpcMethod(f: FuncInfo): { ctx: string } | undefined {
  const [ctx, req] = f.params;
  if (!f.receiverType || !ctx || ctx.kind !== 'context' || !req || !/^\*\w+\.\w+Request$/.test(req.type)) return undefined;
  return { ctx: ctx.name };
}

function blockingCall(body: Node): Node | undefined {
  return findAll(body, 'call_expression', true).find((call) => {
    const fn = call.childForFieldName('function');
    if (!fn || fn.type !== 'selector_expression') return false;
    if (blockingPackageCalls.has(fn.text)) return true;
    const field = fn.childForFieldName('field')?.text ?? '';
    const operand = fn.childForFieldName('operand')?.text ?? '';
    const args = call.childForFieldName('arguments')?.namedChildCount ?? 0;
    // database/sql shapes: Query/Exec/… take the SQL text (so `r.URL.Query()` is not one); Begin/Ping need a DB-looking receiver.
    if (queryMethods.has(field)) return args > 0;
    return (field === 'Begin' || field === 'Ping') && /db|conn|pool/i.test(operand);
  });
}

function usesName(body: Node, name: string): boolean {
  return findAll(body, 'identifier').some((id) => id.text === name);
}

/**
 * The checklist is re-evaluated after every publish of findings, i.e. while the user types: each file's
 * evidence is kept with the text and summary it came from, so only files that changed are parsed again.
 */
const evidenceCache = new Map<string, { key: string; evidence: Evidence[] }>();

export function handlerContextEvidence(files: readonly FileSummary[], locale: Locale, parser: Parser | undefined): Evidence[] {
  if (!parser) return [];
  const out: Evidence[] = [];
  for (const file of files) {
    const candidates = file.funcs.filter((f) => isHttpHandler(f) || isGrpcMethod(f));
    if (candidates.length === 0) continue;
    const text = readText(file.path);
    if (text === undefined) continue;
    const key = `${contentHash(text)}:${file.hash}:${locale}`;
    const cached = evidenceCache.get(file.path);
    if (cached?.key === key) {
      out.push(...cached.evidence);
      continue;
    }
    const evidence = fileEvidence(file.path, text, candidates, locale, parser);
    evidenceCache.set(file.path, { key, evidence });
    out.push(...evidence);
  }
  return out;
}

function fileEvidence(path: string, text: string, candidates: FuncInfo[], locale: Locale, parser: Parser): Evidence[] {
  const out: Evidence[] = [];
  const tree = parseGo(parser, text);
  try {
    for (const decl of findAll(tree.rootNode, ['function_declaration', 'method_declaration'])) {
      const info = candidates.find((f) => f.line === decl.startPosition.row && f.name === decl.childForFieldName('name')?.text);
      const body = decl.childForFieldName('body');
      if (!info || !body) continue;
      const http = isHttpHandler(info);
      const grpc = isGrpcMethod(info);
      const used = http ? body.text.includes(`${http.request}.Context()`) || usesName(body, 'ctx') : grpc!.ctx !== '_' && usesName(body, grpc!.ctx);
      if (used) continue;
      const call = blockingCall(body);
      if (!call) continue;
      const name = info.receiverType ? `${info.receiverType}.${info.name}` : info.name;
      const fn = call.childForFieldName('function')?.text ?? '';
      out.push({
        kind: 'handler',
        file: path,
        line: call.startPosition.row,
        column: call.startPosition.column,
        message: format(t.handlerIgnoresContext, locale, { name, call: fn }),
        negative: true,
      });
    }
  } finally {
    tree.delete();
  }
  return out;
}
