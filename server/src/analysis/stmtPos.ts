// Syntactic dominance over statement positions recorded by the summariser
// (pairs of statement-list offset and statement index, outermost first).

/** True when the statement at `step` runs before `target` on every path through their common blocks. */
export function dominates(step: readonly number[], target: readonly number[]): boolean {
  const n = step.length;
  if (n < 2 || target.length < n) return false;
  for (let i = 0; i < n - 2; i++) if (step[i] !== target[i]) return false;
  return target[n - 2] === step[n - 2] && target[n - 1]! > step[n - 1]!;
}

/** True for facts directly in the function body (not inside if/for/switch blocks). */
export function atTopLevel(pos: readonly number[]): boolean {
  return pos.length === 2;
}
