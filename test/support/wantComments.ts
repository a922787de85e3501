// Reads analysistest-style expectations: `// want "regexp" "regexp"` on the
// line that must carry the diagnostics.
export interface Want {
  line: number; // 0-based
  patterns: RegExp[];
}

export function wantsOf(text: string): Want[] {
  const out: Want[] = [];
  text.split('\n').forEach((line, i) => {
    const m = /\/\/\s*want\s+(.*)$/.exec(line);
    if (!m) return;
    const patterns = [...m[1]!.matchAll(/"((?:[^"\\]|\\.)*)"|`([^`]*)`/g)].map(
      // Double-quoted patterns use Go string escapes (JSON-compatible for what fixtures need).
      (p) => new RegExp(p[1] !== undefined ? (JSON.parse(`"${p[1]}"`) as string) : p[2]!),
    );
    out.push({ line: i, patterns });
  });
  return out;
}
