// `//goconc:ignore <rule-id> <reason>` on the line or the line above
// suppresses that rule there. `all` suppresses every rule.
const pattern = /\/\/\s*goconc:ignore\s+([\w,-]+)/g;

/** line (0-based) → rule ids suppressed on that line. */
export function suppressionsOf(text: string): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (!line.includes("goconc:ignore")) return;
    for (const m of line.matchAll(pattern)) {
      const ids = m[1]!.split(',');
      // Applies to its own line and, for a comment alone on its line, to the next one.
      const targets = /^\s*\/\//.test(line) ? [i, i + 1] : [i];
      for (const t of targets) {
        const set = out.get(t) ?? new Set<string>();
        ids.forEach((id) => set.add(id));
        out.set(t, set);
      }
    }
  });
  return out;
}

export function isSuppressed(supp: Map<number, Set<string>>, line: number, rule: string): boolean {
  const s = supp.get(line);
  return !!s && (s.has(rule) || s.has('all'));
}
