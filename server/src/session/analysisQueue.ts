// Decides when each file is analysed, so that typing never queues work:
// - one entry per file (a Set and a Map keyed by path): 10,000 edits of a
//   file leave one pending analysis of its latest version, and the queue can
//   never hold more entries than the workspace has files;
// - an isolated keystroke is analysed at once; an edit inside a burst (edits
//   closer together than a person types: pastes, multi-cursor, scripted
//   edits) waits until the burst pauses. There is no deadline within a burst:
//   the text of an edit storm is often not Go at all, and one parse of it can
//   take seconds that no pause can split;
// - an analysis runs in slices of a few milliseconds with the event loop
//   free in between, so requests (code actions, completions) are answered
//   while a large file is analysed; at each pause it checks whether its file
//   was edited or queued again since it started, and if so it is dropped
//   (the newer entry will run);
// - other files an edit affects wait until typing settles.
// No LSP here: the server wires the hooks to the session and the connection.
import type { Steps } from '../steps';

export interface AnalysisJobs {
  /** Brings the file's summary up to date (open buffers); returns the files whose findings may have changed. */
  refresh(path: string): Steps<string[]>;
  /** Analyses the file; its findings are stored when the steps complete. */
  analyse(path: string): Steps<unknown>;
  /** These files' findings are stored: send them. */
  analysed(paths: string[]): void;
  log(message: string): void;
}

export interface QueueTiming {
  /** Edits closer together than this form a burst, analysed when it pauses this long. */
  quietMs: number;
  /** Other files wait this long after the last edit anywhere. */
  settleMs: number;
  /** The longest stretch of analysis without returning to the event loop (one rule can exceed it). */
  sliceMs: number;
}

const defaultTiming: QueueTiming = { quietMs: 40, settleMs: 120, sliceMs: 10 };

const dropped = Symbol('superseded');
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class AnalysisQueue {
  /** Edited buffers → when they are due. */
  private readonly edited = new Map<string, number>();
  private readonly others = new Set<string>();
  /** Bumped whenever a file is queued: a running analysis of an older generation is superseded. */
  private readonly generation = new Map<string, number>();
  private readonly lastEditOf = new Map<string, number>();
  private lastEdit = -Infinity;
  private running = false;
  private kicked = false;
  private timer: NodeJS.Timeout | undefined;
  private finished: string[] = [];
  private sliceStart = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly timing: QueueTiming;
  /** Analyses completed and dropped as superseded since start (logs, tests). */
  readonly counts = { analysed: 0, superseded: 0 };

  constructor(
    private readonly jobs: AnalysisJobs,
    timing: Partial<QueueTiming> = {},
  ) {
    this.timing = { ...defaultTiming, ...timing };
  }

  /** A buffer was opened (analysed at once) or edited (at once, or when its burst pauses). */
  edit(path: string, opened = false): void {
    const now = performance.now();
    const inBurst = !opened && now - (this.lastEditOf.get(path) ?? -Infinity) < this.timing.quietMs;
    this.edited.set(path, inBurst ? now + this.timing.quietMs : now);
    this.lastEditOf.set(path, now);
    this.lastEdit = now;
    this.others.delete(path);
    this.bump(path);
    this.kick();
  }

  /** Files to re-analyse once typing settles (dependants of an edit, changes on disk, new settings). */
  analyseSoon(paths: Iterable<string>): void {
    for (const p of paths) {
      if (this.edited.has(p)) continue;
      this.others.add(p);
      this.bump(p);
    }
    this.kick();
  }

  /** Files waiting to be analysed. */
  get pending(): number {
    return this.edited.size + this.others.size;
  }

  /** Resolves when nothing is pending or running. */
  whenIdle(): Promise<void> {
    if (!this.running && this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private bump(path: string): void {
    this.generation.set(path, (this.generation.get(path) ?? 0) + 1);
  }

  private kick(): void {
    if (this.running || this.kicked) return;
    this.kicked = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    // setImmediate: the changes already received are applied first.
    setImmediate(() => {
      this.kicked = false;
      void this.run();
    });
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.sliceStart = performance.now();
    try {
      for (let job = this.take(); job !== undefined; job = this.take()) {
        await this.analyse(job.path);
        // The edited buffer's diagnostics go out at once; other files' in batches.
        if (job.edited) this.flush();
        if (performance.now() - this.sliceStart > this.timing.sliceMs) await this.pause();
      }
    } finally {
      this.flush();
      this.running = false;
    }
    if (this.pending === 0) this.idleWaiters.splice(0).forEach((w) => w());
    else this.arm();
  }

  /** The next file due: edited buffers first, then the others once typing has settled. */
  private take(): { path: string; edited: boolean } | undefined {
    const now = performance.now();
    let best: string | undefined;
    let bestDue = Infinity;
    for (const [p, due] of this.edited) if (due <= now && due < bestDue) [best, bestDue] = [p, due];
    if (best !== undefined) {
      this.edited.delete(best);
      return { path: best, edited: true };
    }
    if (this.others.size > 0 && now >= this.lastEdit + this.timing.settleMs) {
      const next = this.others.values().next().value as string;
      this.others.delete(next);
      return { path: next, edited: false };
    }
    return undefined;
  }

  private arm(): void {
    let next = this.others.size > 0 ? this.lastEdit + this.timing.settleMs : Infinity;
    for (const due of this.edited.values()) next = Math.min(next, due);
    if (next === Infinity) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.kick();
    }, Math.max(0, next - performance.now()));
  }

  private async analyse(path: string): Promise<void> {
    const generation = this.generation.get(path);
    const superseded = () => this.generation.get(path) !== generation;
    try {
      const affected = await this.drive(this.jobs.refresh(path), superseded);
      if (affected === dropped) return;
      for (const p of affected) if (p !== path && !this.edited.has(p)) this.others.add(p);
      if ((await this.drive(this.jobs.analyse(path), superseded)) === dropped) return;
      this.counts.analysed++;
      this.finished.push(path);
    } catch (e) {
      this.jobs.log(`could not analyse ${path}: ${(e as Error).message}`);
    }
  }

  /** Runs the steps, pausing after each slice; drops them if `superseded()` says so after a pause. */
  private async drive<T>(steps: Steps<T>, superseded: () => boolean): Promise<T | typeof dropped> {
    for (;;) {
      if (performance.now() - this.sliceStart > this.timing.sliceMs) {
        await this.pause();
        if (superseded()) {
          steps.return(undefined as T);
          this.counts.superseded++;
          return dropped;
        }
      }
      const r = steps.next();
      if (r.done) return r.value;
    }
  }

  /** Sends what is finished and lets the event loop run (requests, further edits). */
  private async pause(): Promise<void> {
    this.flush();
    await nextTurn();
    this.sliceStart = performance.now();
  }

  private flush(): void {
    if (this.finished.length === 0) return;
    const paths = this.finished;
    this.finished = [];
    this.jobs.analysed(paths);
  }
}
