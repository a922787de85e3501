// The latest race-detector results as plain findings, shared between server
// features: the race feature sets them after a run (and as edits retire
// them), the checklist reads them for its items.
import type { Finding } from '../engine/finding';

export interface RaceResults {
  /** ISO time of the last finished run. */
  finishedAt: string;
  findings: Finding[];
}

export class RaceResultsSlot {
  private current: RaceResults | undefined;
  private readonly listeners: ((r: RaceResults) => void)[] = [];

  get(): RaceResults | undefined {
    return this.current;
  }

  set(results: RaceResults): void {
    this.current = results;
    this.listeners.forEach((l) => l(results));
  }

  onChange(listener: (r: RaceResults) => void): void {
    this.listeners.push(listener);
  }
}
