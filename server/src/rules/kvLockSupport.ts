// Shared by the Redis / PostgreSQL lock rules and sql-tx-leak: which library
// a receiver belongs to (by import path and declared type, so a user's own
// `SetNX` or `Del` on an unrelated type stays silent), Redis command calls,
// and Go duration literals.
import { executingFunction } from '../analysis/flow';
import { typeResolverFor } from '../analysis/libraryTypes';
import { findAll, namedChildren, type Node } from '../parse/syntax';
import type { RuleContext } from './types';

/** An external type by import path (`database/sql`, `github.com/redis/go-redis/v9`) and name (`DB`, `Client`). */
export interface LibraryType {
  importPath: string;
  name: string;
}

/** The shared resolver's answer with the import path kept: go-redis v6/v7 take no context, v8/v9 do. */
export function libraryTypeOf(ctx: RuleContext, expr: Node): LibraryType | undefined {
  const t = typeResolverFor(ctx).typeOf(expr);
  return t?.dir.startsWith('ext:') ? { importPath: t.dir.slice(4), name: t.name } : undefined;
}

const goRedisPaths = new Set(['github.com/redis/go-redis/v9', 'github.com/go-redis/redis/v8', 'github.com/go-redis/redis/v7', 'github.com/go-redis/redis']);

export function isGoRedis(t: LibraryType | undefined): boolean {
  return !!t && goRedisPaths.has(t.importPath);
}

/** The go-redis type of a call's receiver (`rdb` in `rdb.SetNX(…)`), if it has one. */
export function redisReceiver(ctx: RuleContext, call: Node): Node | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'selector_expression') return undefined;
  const recv = fn.childForFieldName('operand');
  return recv && isGoRedis(libraryTypeOf(ctx, recv)) ? recv : undefined;
}

export function methodName(call: Node): string | undefined {
  const fn = call.childForFieldName('function');
  return fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : undefined;
}

export function callArgs(call: Node): Node[] {
  return namedChildren(call.childForFieldName('arguments') ?? call).filter((n) => n.type !== 'comment');
}

/** go-redis v8+/v9 take a context first; v6/v7 do not. */
function argsAfterContext(ctx: RuleContext, call: Node): Node[] {
  const args = callArgs(call);
  const recv = call.childForFieldName('function')?.childForFieldName('operand');
  const t = recv ? libraryTypeOf(ctx, recv) : undefined;
  const withCtx = !t || t.importPath.endsWith('/v9') || t.importPath.endsWith('/v8');
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
  /** The expiry expression; undefined when the command sets none. */
  ttl?: Node;
  /** `0` passed as expiration: no expiry. */
  noExpiry: boolean;
  form: 'SetNX' | 'SetArgs' | 'Do';
}

function isZero(n: Node | undefined): boolean {
  return !!n && /^(0|time\.Duration\(0\))$/.test(n.text.replace(/\s+/g, ''));
}

/** Recognises `SetNX(ctx, k, v, ttl)`, `SetArgs(ctx, k, v, redis.SetArgs{Mode: "NX", …})`, `Do(ctx, "SET", k, v, "NX", …)`. */
export function redisAcquireOf(ctx: RuleContext, call: Node): RedisAcquire | undefined {
  if (call.type !== 'call_expression') return undefined;
  const m = methodName(call);
  if (m !== 'SetNX' && m !== 'SetArgs' && m !== 'Do') return undefined;
  if (!redisReceiver(ctx, call)) return undefined;
  const args = argsAfterContext(ctx, call);
  if (m === 'SetNX') {
    if (args.length < 3) return undefined;
    return { call, key: args[0]!, ttl: args[2], noExpiry: isZero(args[2]), form: 'SetNX' };
  }
  if (m === 'SetArgs') {
    const lit = args[2];
    if (!args[0] || lit?.type !== 'composite_literal') return undefined;
    const fields = new Map<string, Node>();
    for (const kv of findAll(lit, 'keyed_element')) {
      const k = kv.namedChild(0)?.text;
      const v = kv.namedChild(1);
      if (k && v) fields.set(k, v);
    }
    if (stringLiteral(fields.get('Mode'))?.toUpperCase() !== 'NX') return undefined;
    const ttl = fields.get('TTL') ?? fields.get('ExpireAt');
    const keep = fields.has('KeepTTL');
    return { call, key: args[0], ttl: keep ? fields.get('KeepTTL') : ttl, noExpiry: !keep && (!ttl || isZero(ttl)), form: 'SetArgs' };
  }
  // Do(ctx, "SET", key, value, "NX", "PX", ms): only literal command words are judged.
  const cmd = stringLiteral(args[0])?.toUpperCase();
  if (cmd === 'SETNX' && args[1]) return { call, key: args[1], noExpiry: true, form: 'Do' };
  if (cmd !== 'SET' || !args[1]) return undefined;
  const words = args.slice(3).map((a) => stringLiteral(a)?.toUpperCase());
  if (!words.includes('NX')) return undefined;
  const ex = words.findIndex((w) => w === 'PX' || w === 'EX' || w === 'PXAT' || w === 'EXAT' || w === 'KEEPTTL');
  if (ex < 0 && args.slice(3).some((a) => a.type === 'variadic_argument' || (!stringLiteral(a) && a.type !== 'identifier'))) return undefined;
  if (ex < 0 && args.slice(5).length > 0) return undefined; // non-literal words after the value: unsure
  return { call, key: args[1], ttl: ex >= 0 ? args[3 + ex + 1] : undefined, noExpiry: ex < 0, form: 'Do' };
}

/** A key argument written the same way: `l.key`, `"lock:" + id`, `key`. Whitespace-insensitive. */
export function keyText(n: Node): string {
  return n.text.replace(/\s+/g, '');
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

/** The function declaration or literal whose body runs `n` (closures included). */
export function bodyOf(n: Node): Node | undefined {
  return executingFunction(n);
}
