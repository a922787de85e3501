// What the Go runtime reports when a program misbehaves under test: data
// races from the race detector and the runtime's own fatal errors and panics,
// parsed into plain data (no paths resolved yet; see resolveFrames.ts).

/** One stack frame as printed: `pkg.(*T).M(...)` then `\t/path/file.go:12 +0x1c`. */
export interface StackFrame {
  func: string;
  /** The path exactly as printed (absolute, -trimpath module-relative, or Windows). */
  file: string;
  /** 1-based, as printed. */
  line: number;
}

export type ReportKind =
  | 'data-race'
  | 'concurrent-map-writes'
  | 'concurrent-map-read-write'
  | 'deadlock'
  | 'test-timeout'
  | 'send-on-closed-channel'
  | 'close-of-closed-channel'
  | 'negative-waitgroup'
  | 'unlock-of-unlocked'
  /** goconc test's leak check: goroutines still running after the package's tests. */
  | 'goroutine-leak';

export const reportKinds: ReportKind[] = [
  'data-race',
  'concurrent-map-writes',
  'concurrent-map-read-write',
  'deadlock',
  'test-timeout',
  'send-on-closed-channel',
  'close-of-closed-channel',
  'negative-waitgroup',
  'unlock-of-unlocked',
  'goroutine-leak',
];

/** One side of a DATA RACE: `Write at 0x… by goroutine 8:` and its stack. */
export interface RaceAccess {
  op: 'read' | 'write';
  atomic: boolean;
  previous: boolean;
  /** Goroutine id, or "main" for `by main goroutine`. */
  goroutine: string;
  address?: string;
  stack: StackFrame[];
}

/** A goroutine in a runtime dump: `goroutine 20 [chan send, 10 minutes]:`. */
export interface DumpedGoroutine {
  id: string;
  /** The wait reason or state, e.g. "chan send", "sync.Mutex.Lock", "running". */
  state: string;
  /** Minutes blocked when the runtime printed them (only after one minute). */
  minutes?: number;
  stack: StackFrame[];
  /** `created by pkg.F in goroutine 7` and its location. */
  createdBy?: StackFrame & { parent?: string };
}

export interface RuntimeReport {
  kind: ReportKind;
  /** The headline as printed, e.g. "fatal error: concurrent map writes". */
  headline: string;
  /** The Go test that was running, when known. */
  test?: string;
  /** The Go package (import path) whose test binary printed it, when known. */
  package?: string;
  /** DATA RACE only: the current access first, then the previous one. */
  accesses: RaceAccess[];
  /** DATA RACE only: `Goroutine 8 (running) created at:` stacks. */
  creations: { goroutine: string; status: string; stack: StackFrame[] }[];
  /** Fatal errors and panics: the goroutine dump that follows the headline. */
  goroutines: DumpedGoroutine[];
}
