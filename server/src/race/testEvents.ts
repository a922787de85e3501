// Folds the `go test -json` event stream (test2json) into per-package
// results and runtime reports, as the stream arrives, so a long run can show
// progress and reports package by package.
import { parseRuntimeOutput, type OutputLine } from './parseOutput';
import type { RuntimeReport } from './types';

/** A test2json event (cmd/test2json, plus the build events of Go 1.24+). */
export interface TestEvent {
  Action: string;
  Package?: string;
  Test?: string;
  Output?: string;
  Elapsed?: number;
  ImportPath?: string;
  FailedBuild?: string;
}

export type PackageStatus = 'pass' | 'fail' | 'skip' | 'build-failed';

export interface PackageResult {
  package: string;
  status: PackageStatus;
  failedTests: string[];
  reports: RuntimeReport[];
  elapsed?: number;
  /** build-failed: the compiler's first error for this package, when go said which package it was for (Go 1.24+). */
  buildError?: string;
}

function isTestEvent(v: unknown): v is TestEvent {
  return typeof v === 'object' && v !== null && typeof (v as TestEvent).Action === 'string';
}

/** Feed stdout lines with `push`; each finished package comes back once. */
export class TestEventCollector {
  readonly packages: PackageResult[] = [];
  /** Compiler output (`# pkg` + errors) from build-output events or non-JSON lines. */
  readonly buildOutput: string[] = [];
  /** Lines that were not JSON (setup failures, vet output, old Go's build errors). */
  readonly strayLines: string[] = [];
  private readonly lines = new Map<string, OutputLine[]>();
  private readonly partial = new Map<string, string>();
  private readonly failed = new Map<string, string[]>();
  private readonly buildFailed = new Set<string>();
  private readonly buildErrors = new Map<string, string>();

  /** One stdout line; returns the package result when the line finished a package. */
  push(raw: string): PackageResult | undefined {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return undefined;
    let ev: unknown;
    try {
      ev = line.startsWith('{') ? JSON.parse(line) : undefined;
    } catch {
      ev = undefined;
    }
    if (!isTestEvent(ev)) {
      this.strayLines.push(line);
      return undefined;
    }
    return this.event(ev);
  }

  private event(ev: TestEvent): PackageResult | undefined {
    if (ev.Action === 'build-output' && ev.Output) {
      this.buildOutput.push(...ev.Output.replace(/\n$/, '').split('\n'));
      const pkg = ev.ImportPath?.replace(/ \[.*\]$/, '');
      const first = ev.Output.split('\n').find((l) => l.trim() !== '' && !l.startsWith('#'));
      if (pkg && first && !this.buildErrors.has(pkg)) this.buildErrors.set(pkg, first.trim());
      return undefined;
    }
    if (ev.Action === 'build-fail' && ev.ImportPath) {
      this.buildFailed.add(ev.ImportPath.replace(/ \[.*\]$/, ''));
      return undefined;
    }
    const pkg = ev.Package;
    if (!pkg) return undefined;
    if (ev.Action === 'output' && ev.Output !== undefined) {
      const key = `${pkg}\0${ev.Test ?? ''}`;
      const text = (this.partial.get(key) ?? '') + ev.Output;
      const parts = text.split('\n');
      this.partial.set(key, parts.pop() ?? '');
      const list = this.lines.get(pkg) ?? [];
      for (const p of parts) list.push({ text: p, package: pkg, ...(ev.Test ? { test: ev.Test } : {}) });
      this.lines.set(pkg, list);
      if (!ev.Test && /\[build failed\]|\[setup failed\]/.test(ev.Output)) this.buildFailed.add(pkg);
      return undefined;
    }
    if (ev.Test && ev.Action === 'fail') {
      this.failed.set(pkg, [...(this.failed.get(pkg) ?? []), ev.Test]);
      return undefined;
    }
    if (!ev.Test && (ev.Action === 'pass' || ev.Action === 'fail' || ev.Action === 'skip')) {
      return this.finishPackage(pkg, ev.FailedBuild || this.buildFailed.has(pkg) ? 'build-failed' : ev.Action, ev.Elapsed);
    }
    return undefined;
  }

  private finishPackage(pkg: string, status: PackageStatus, elapsed?: number): PackageResult {
    const lines = this.lines.get(pkg) ?? [];
    for (const [key, rest] of this.partial) {
      if (key.startsWith(`${pkg}\0`) && rest !== '') lines.push({ text: rest, package: pkg });
    }
    const result: PackageResult = {
      package: pkg,
      status,
      failedTests: this.failed.get(pkg) ?? [],
      reports: parseRuntimeOutput(lines),
      ...(elapsed !== undefined ? { elapsed } : {}),
      ...(status === 'build-failed' && this.buildErrors.has(pkg) ? { buildError: this.buildErrors.get(pkg)! } : {}),
    };
    this.lines.delete(pkg);
    this.packages.push(result);
    return result;
  }

  /** Packages that printed output but never finished (the run was killed): parse what arrived. */
  flush(): PackageResult[] {
    const out: PackageResult[] = [];
    for (const pkg of [...this.lines.keys()]) out.push(this.finishPackage(pkg, 'fail'));
    return out;
  }

  /** Every report so far, in arrival order. */
  allReports(): RuntimeReport[] {
    return this.packages.flatMap((p) => p.reports);
  }
}
