// Validation and shaping of the names users type into the wizard.
import type { LocalText } from '../l10n/locale';

const keywords = new Set(
  'break case chan const continue default defer else fallthrough for func go goto if import interface map package range return select struct switch type var'.split(
    ' ',
  ),
);

/** A Go identifier: a letter or underscore, then letters, digits, underscores (Unicode letters allowed). */
export function isGoIdentifier(s: string): boolean {
  return /^[\p{L}_][\p{L}\p{Nd}_]*$/u.test(s) && !keywords.has(s) && s !== '_';
}

/** A plausible Go type expression (checked loosely; the compiler has the last word). */
export function isGoType(s: string): boolean {
  return /^[\p{L}_\d\s.*\[\]{}(),]+$/u.test(s) && !/^\s|\s$/.test(s) && s.length > 0 && s.length < 200 && !/[;\n]/.test(s);
}

export function isExported(name: string): boolean {
  const first = name.codePointAt(0);
  if (first === undefined) return false;
  const ch = String.fromCodePoint(first);
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

export function capitalize(name: string): string {
  const first = name.codePointAt(0);
  if (first === undefined) return name;
  const ch = String.fromCodePoint(first);
  return ch.toUpperCase() + name.slice(ch.length);
}

/** A short receiver name: the type's first letter, lower-cased, never the type name itself. */
export function receiverName(typeName: string, avoid: string[] = []): string {
  const first = String.fromCodePoint(typeName.codePointAt(0) ?? 120).toLowerCase();
  for (const candidate of [first, 'r', 'x', 'self']) {
    if (isGoIdentifier(candidate) && candidate !== typeName && !avoid.includes(candidate)) return candidate;
  }
  return 'recv';
}

/** "30s", "500ms", "2m", "1h30m" → a Go expression such as `30 * time.Second`; undefined when invalid. */
export function durationExpression(text: string): string | undefined {
  const t = text.trim();
  const units: Record<string, [string, number]> = {
    ns: ['time.Nanosecond', 1],
    us: ['time.Microsecond', 1e3],
    µs: ['time.Microsecond', 1e3],
    ms: ['time.Millisecond', 1e6],
    s: ['time.Second', 1e9],
    m: ['time.Minute', 60e9],
    h: ['time.Hour', 3600e9],
  };
  const parts = [...t.matchAll(/(\d+)(ns|us|µs|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== t) return undefined;
  if (parts.length === 1) {
    const [, n, u] = parts[0]!;
    const [unit] = units[u!]!;
    return n === '1' ? unit : `${n} * ${unit}`;
  }
  // Compound durations: express in the smallest unit used.
  const smallest = parts.reduce((a, p) => (units[p[2]!]![1] < units[a]![1] ? p[2]! : a), parts[0]![2]!);
  const [unit, scale] = units[smallest]!;
  const total = parts.reduce((sum, p) => sum + Number(p[1]) * units[p[2]!]![1], 0) / scale;
  return `${total} * ${unit}`;
}

export const nameErrors = {
  identifier: { en: '"{value}" is not a Go identifier', ko: '"{value}" 은(는) Go 식별자가 아닙니다' },
  type: { en: '"{value}" is not a Go type', ko: '"{value}" 은(는) Go 타입이 아닙니다' },
  int: { en: '"{value}" must be a positive whole number', ko: '"{value}" 은(는) 양의 정수여야 합니다' },
  duration: { en: '"{value}" must be a duration such as 30s, 500ms or 2m', ko: '"{value}" 은(는) 30s, 500ms, 2m 같은 시간이어야 합니다' },
  choice: { en: '"{value}" must be one of {allowed}', ko: '"{value}" 은(는) {allowed} 중 하나여야 합니다' },
} satisfies Record<string, LocalText>;
