// Step-wise computations: a generator that yields wherever it may be paused. The language server drives
// them in slices (see session/analysisQueue.ts), the CLI and tests run them straight through.

export type Steps<T> = Generator<void, T, void>;

/** Drives a step-wise computation to its result without pausing. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
