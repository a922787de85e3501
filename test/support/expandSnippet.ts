// Expands a VS Code (TextMate) snippet body as the editor does when the user
// accepts every placeholder, or types the given values: `${n:default}`, `$n`,
// `${n|a,b|}` (first choice), mirrored numbers share one value, `$0` is
// removed, `\$ \} \\` unescape. Enough of the grammar for our snippets.
export function expandSnippet(body: string[], values: Record<number, string> = {}): string {
  const text = body.join('\n');
  const chosen = new Map<number, string>(Object.entries(values).map(([k, v]) => [Number(k), v]));
  // First pass: learn defaults (the first occurrence with a default wins, as in VS Code).
  const placeholder = /\$\{(\d+):((?:\\.|[^\\}])*)\}|\$\{(\d+)\|((?:\\.|[^|])*)\|\}/g;
  for (const m of text.matchAll(placeholder)) {
    const n = Number(m[1] ?? m[3]);
    if (chosen.has(n)) continue;
    const def = m[2] !== undefined ? unescape(m[2]) : unescape((m[4] ?? '').split(/(?<!\\),/)[0] ?? '');
    chosen.set(n, def);
  }
  return text
    .replace(placeholder, (_all, a: string | undefined, _d, c: string | undefined) => chosen.get(Number(a ?? c)) ?? '')
    .replace(/\$\{(\d+)\}|\$(\d+)/g, (_all, a: string | undefined, b: string | undefined) => {
      const n = Number(a ?? b);
      return n === 0 ? '' : (chosen.get(n) ?? '');
    })
    .replace(/\\([$}\\])/g, '$1');
}

function unescape(s: string): string {
  return s.replace(/\\([$}\\,|])/g, '$1');
}
