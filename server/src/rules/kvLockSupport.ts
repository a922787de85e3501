// Shared by lock-ttl-shorter-than-work and advisory-lock-pooled-conn (the
// Redis lock rules and sql-tx-leak moved to the Go engine): which library
// a receiver belongs to (by import path and declared type, so a user's own
// `SetNX` or `Del` on an unrelated type stays silent), Redis command calls,
// and Go duration literals.
import { libraryOf, typeResolverFor, type ExternalType } from '../analysis/libraryTypes';
import { findAll, namedChildren, type Node } from '../parse/syntax';
import type { RuleContext } from './types';

/** The rules here read the import path itself (go-redis v6/v7 take no context, v8/v9 do; sqlx, redislock…). */
export type LibraryType = ExternalType;

export function libraryTypeOf(ctx: RuleContext, expr: Node): LibraryType | undefined {
  return typeResolverFor(ctx).externalTypeOf(expr);
}

export function isGoRedis(t: LibraryType | undefined): boolean {
  return !!t && libraryOf(t.importPath) === 'redis';
}

/** redigo's `redis.Conn`: every command goes through `Do(cmd, args…)` / `DoContext(ctx, cmd, args…)`. */
function isRedigo(t: LibraryType | undefined): boolean {
  return !!t && libraryOf(t.importPath) === 'redigo' && /^Conn(WithContext|WithTimeout)?$/.test(t.name);
}

/** A call's receiver when it is a go-redis client or a redigo connection (`rdb` in `rdb.SetNX(…)`). */
export function redisReceiver(ctx: RuleContext, call: Node): Node | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'selector_expression') return undefined;
  const recv = fn.childForFieldName('operand');
  const t = recv ? libraryTypeOf(ctx, recv) : undefined;
  return recv && (isGoRedis(t) || isRedigo(t)) ? recv : undefined;
}

/** Methods that send a raw command: go-redis `Do(ctx, …)`, redigo `Do(cmd, …)` / `DoContext(ctx, cmd, …)`. */
const rawCommand = new Set(['Do', 'DoContext']);

/**
 * A file whose text names no Redis acquisition (method or literal NX word) cannot hold one. Checked before walking the tree:
 * tree-sitter node access costs about a microsecond a call, and these rules ran on every keystroke in every file.
 */
export function mayAcquireRedisLock(text: string): boolean {
  // Raw commands (Do/DoContext) are judged only with literal words: "SETNX", or "SET" … "NX".
  return /\b(?:SetNX|SetArgs)\b/.test(text) || /["`](?:set)?nx["`]/i.test(text);
}

export function methodName(call: Node): string | undefined {
  const fn = call.childForFieldName('function');
  return fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : undefined;
}

export function callArgs(call: Node): Node[] {
  return namedChildren(call.childForFieldName('arguments') ?? call).filter((n) => n.type !== 'comment');
}

/** go-redis v8+/v9 take a context first; v6/v7 and redigo's Do do not, redigo's DoContext does. */
function argsAfterContext(ctx: RuleContext, call: Node): Node[] {
  const args = callArgs(call);
  const recv = call.childForFieldName('function')?.childForFieldName('operand');
  const t = recv ? libraryTypeOf(ctx, recv) : undefined;
  const withCtx = isRedigo(t) ? methodName(call) === 'DoContext' : !t || t.importPath.endsWith('/v9') || t.importPath.endsWith('/v8');
  return withCtx ? args.slice(1) : args;
}

/** The text of a string literal (interpreted or raw), or undefined. */
export function stringLiteral(n: Node | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'interpreted_string_literal') return n.text.slice(1, -1);
  if (n.type === 'raw_string_literal') return n.text.slice(1, -1);
  return undefined;
}

/** A Redis SET-if-absent on a go-redis client: key, value and TTL expression (undefined: none given). */
export interface RedisAcquire {
  call: Node;
  key: Node;
  /** The relative expiry expression (a duration, or a number after PX/EX); undefined when none or absolute. */
  ttl?: Node;
  /** `0` passed as expiration: no expiry. */
  noExpiry: boolean;
  /** Nanoseconds per unit of `ttl`: 1 for a time.Duration, 1e6 after PX, 1e9 after EX. */
  ttlScale: number;
  form: 'SetNX' | 'SetArgs' | 'Do';
}

function isZero(n: Node | undefined): boolean {
  return !!n && /^(0|time\.Duration\(0\))$/.test(n.text.replace(/\s+/g, ''));
}

/** Recognises `SetNX(ctx, k, v, ttl)`, `SetArgs(ctx, k, v, redis.SetArgs{Mode: "NX", …})`, `Do(ctx, "SET", k, v, "NX", …)`. */
export function redisAcquireOf(ctx: RuleContext, call: Node): RedisAcquire | undefined {
  if (call.type !== 'call_expression') return undefined;
  const m = methodName(call) ?? '';
  if (m !== 'SetNX' && m !== 'SetArgs' && !rawCommand.has(m)) return undefined;
  if (!redisReceiver(ctx, call)) return undefined;
  const args = argsAfterContext(ctx, call);
  if (m === 'SetNX') {
    if (args.length < 3) return undefined;
    return { call, key: args[0]!, ttl: args[2], noExpiry: isZero(args[2]), ttlScale: 1, form: 'SetNX' };
  }
  if (m === 'SetArgs') {
    const lit = args[2];
    if (!args[0] || lit?.type !== 'composite_literal') return undefined;
    const fields = new Map<string, Node>();
    for (const kv of findAll(lit, 'keyed_element')) {
      // keyed_element children are literal_element wrappers in newer grammars.
      const unwrap = (n: Node | null) => (n?.type === 'literal_element' ? n.namedChild(0) : n);
      const k = unwrap(kv.namedChild(0))?.text;
      const v = unwrap(kv.namedChild(1));
      if (k && v) fields.set(k, v);
    }
    if (stringLiteral(fields.get('Mode'))?.toUpperCase() !== 'NX') return undefined;
    const ttl = fields.get('TTL') ?? fields.get('ExpireAt');
    const keep = fields.has('KeepTTL');
    return { call, key: args[0], ttl: keep ? undefined : fields.get('TTL'), noExpiry: !keep && (!ttl || isZero(ttl)), ttlScale: 1, form: 'SetArgs' };
  }
  // Do(ctx, "SET", key, value, "NX", "PX", ms): only literal command words are judged.
  if (!rawCommand.has(m)) return undefined;
  const cmd = stringLiteral(args[0])?.toUpperCase();
  if (cmd === 'SETNX' && args[1]) return { call, key: args[1], noExpiry: true, ttlScale: 1, form: 'Do' };
  if (cmd !== 'SET' || !args[1]) return undefined;
  const words = args.slice(3).map((a) => stringLiteral(a)?.toUpperCase());
  if (!words.includes('NX')) return undefined;
  const ex = words.findIndex((w) => w === 'PX' || w === 'EX' || w === 'PXAT' || w === 'EXAT' || w === 'KEEPTTL');
  if (ex < 0 && args.slice(3).some((a) => a.type === 'variadic_argument' || (!stringLiteral(a) && a.type !== 'identifier'))) return undefined;
  if (ex < 0 && args.slice(5).length > 0) return undefined; // non-literal words after the value: unsure
  return { call, key: args[1], ttl: words[ex] === 'PX' || words[ex] === 'EX' ? args[3 + ex + 1] : undefined, noExpiry: ex < 0, ttlScale: words[ex] === 'PX' ? 1e6 : 1e9, form: 'Do' };
}

/** Go duration expressions with literal values: `5 * time.Second`, `time.Minute`, `30*time.Millisecond`, `2500`. In nanoseconds. */
const unitNs: Record<string, number> = {
  Nanosecond: 1,
  Microsecond: 1e3,
  Millisecond: 1e6,
  Second: 1e9,
  Minute: 60e9,
  Hour: 3600e9,
};

export function durationNs(n: Node | undefined, imports: Record<string, string>): number | undefined {
  if (!n) return undefined;
  switch (n.type) {
    case 'parenthesized_expression':
      return durationNs(n.namedChild(0) ?? undefined, imports);
    case 'selector_expression': {
      const pkg = n.childForFieldName('operand')?.text ?? '';
      const unit = n.childForFieldName('field')?.text ?? '';
      return imports[pkg] === 'time' ? unitNs[unit] : undefined;
    }
    case 'int_literal':
    case 'float_literal': {
      const v = Number(n.text.replace(/_/g, ''));
      return Number.isFinite(v) ? v : undefined;
    }
    case 'binary_expression': {
      const op = n.child(1)?.text;
      const a = durationNs(n.namedChild(0) ?? undefined, imports);
      const b = durationNs(n.namedChild(1) ?? undefined, imports);
      if (a === undefined || b === undefined) return undefined;
      if (op === '*') return a * b;
      if (op === '+') return a + b;
      if (op === '-') return a - b;
      if (op === '/' && b !== 0) return a / b;
      return undefined;
    }
    case 'call_expression': {
      // time.Duration(5) * time.Second
      const f = n.childForFieldName('function');
      if (f?.type === 'selector_expression' && imports[f.childForFieldName('operand')?.text ?? ''] === 'time' && f.childForFieldName('field')?.text === 'Duration') {
        return durationNs(callArgs(n)[0], imports);
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** "5s", "1m30s", "250ms" for messages. */
export function formatDuration(ns: number): string {
  if (ns % 3600e9 === 0) return `${ns / 3600e9}h`;
  if (ns % 60e9 === 0) return `${ns / 60e9}m`;
  if (ns % 1e9 === 0) return `${ns / 1e9}s`;
  if (ns % 1e6 === 0) return `${ns / 1e6}ms`;
  return `${ns}ns`;
}

/** The method or function declaration around `n` (closures inside it belong to it). */
export function topFunction(n: Node): Node | undefined {
  let top: Node | undefined;
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'function_declaration' || p.type === 'method_declaration') return p;
    if (p.type === 'func_literal') top = p;
  }
  return top;
}

/** Every SET-if-absent on a go-redis client under `root` (the file, or one function). */
export function redisAcquisitions(ctx: RuleContext, root: Node): RedisAcquire[] {
  const out: RedisAcquire[] = [];
  for (const call of findAll(root, 'call_expression')) {
    const m = methodName(call);
    if (m !== 'SetNX' && m !== 'SetArgs' && !rawCommand.has(m ?? '')) continue;
    const acq = redisAcquireOf(ctx, call);
    if (acq) out.push(acq);
  }
  return out;
}
