// The race findings the editor shows, kept until a later run covers them
// again (same scope or a wider one) or the text at their line changes.
import { mergeFinding, type RaceFinding, type RaceSite } from './raceFindings';

/** What a finished run tested: its packages (import paths) and, for a single test, its name. */
export interface RunCoverage {
  packages: string[];
  test?: string;
}

/** An edit as LSP sends it: 0-based range in the text before the edit, or a full replacement. */
export type TextChange = { range: { start: { line: number }; end: { line: number } }; text: string } | { text: string };

interface Entry {
  finding: RaceFinding;
  /** The text of the finding's line when it was reported. */
  lineText: string | undefined;
}

export class RaceStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly readLine: (path: string, line: number) => string | undefined) {}

  /** Replaces what `coverage` re-tested with the new findings; returns the files whose findings changed. */
  applyRun(coverage: RunCoverage, findings: RaceFinding[]): string[] {
    const touched = new Set<string>();
    const covered = new Set(coverage.packages);
    for (const [key, e] of this.entries) {
      const f = e.finding;
      const inScope = f.packages.length === 0 ? coverage.packages.length === 0 : f.packages.some((p) => covered.has(p));
      const testMatches = !coverage.test || f.tests.length === 0 || f.tests.every((t) => t === coverage.test || t.startsWith(`${coverage.test}/`));
      if (inScope && testMatches) {
        this.entries.delete(key);
        touched.add(f.site.path);
      }
    }
    const byKey = new Map([...this.entries].map(([k, e]) => [k, e.finding]));
    for (const f of findings) {
      mergeFinding(byKey, f);
      touched.add(f.site.path);
    }
    for (const [key, f] of byKey) {
      if (!this.entries.has(key)) this.entries.set(key, { finding: f, lineText: this.readLine(f.site.path, f.site.line) });
    }
    return [...touched];
  }

  findingsFor(path: string): RaceFinding[] {
    return [...this.entries.values()].filter((e) => e.finding.site.path === path).map((e) => e.finding);
  }

  all(): RaceFinding[] {
    return [...this.entries.values()].map((e) => e.finding);
  }

  files(): string[] {
    return [...new Set(this.all().map((f) => f.site.path))];
  }

  /**
   * Applies editor changes to `path`: findings on an edited line go away,
   * findings below move with the text. Returns true when anything changed.
   */
  documentChanged(path: string, changes: readonly TextChange[]): boolean {
    let changed = false;
    for (const c of changes) {
      if (!('range' in c)) {
        changed = this.revalidate(path) || changed;
        continue;
      }
      const { start, end } = c.range;
      const delta = c.text.split('\n').length - 1 - (end.line - start.line);
      const shift = (s: RaceSite) => {
        if (s.path === path && s.line > end.line) s.line += delta;
      };
      for (const [key, e] of this.entries) {
        const f = e.finding;
        if (f.site.path === path && f.site.line >= start.line && f.site.line <= end.line) {
          this.entries.delete(key);
          changed = true;
          continue;
        }
        const before = f.site.line;
        shift(f.site);
        if (f.other) shift(f.other);
        f.started.forEach((s) => shift(s.site));
        f.peers?.forEach((p) => shift(p.site));
        if (f.site.line !== before) changed = true;
      }
    }
    return changed;
  }

  /** The file changed as a whole (saved elsewhere, reverted): drops findings whose line text differs. */
  revalidate(path: string): boolean {
    let changed = false;
    for (const [key, e] of this.entries) {
      if (e.finding.site.path !== path) continue;
      if (this.readLine(path, e.finding.site.line) !== e.lineText) {
        this.entries.delete(key);
        changed = true;
      }
    }
    return changed;
  }
}
