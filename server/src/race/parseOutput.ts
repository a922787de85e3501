// Reads the Go runtime's reports out of program or test output: the race
// detector's `WARNING: DATA RACE` blocks and the fatal errors and panics that
// concurrency bugs cause, each with its goroutine stacks.
//
// Hand-written because no maintained npm package parses these formats; the
// formats are the runtime's own (runtime/traceback.go, runtime/race's TSan
// report printer, testing's alarm) and change little between Go versions.
import type { DumpedGoroutine, RaceAccess, ReportKind, RuntimeReport, StackFrame } from './types';

/** One line of output, with the test and package that printed it when the source knows (go test -json). */
export interface OutputLine {
  text: string;
  test?: string;
  package?: string;
}

const separator = '==================';
const fileLineRe = /^\s+(.+?):(\d+)(?: \+0x[0-9a-fA-F]+)?(?: fp=\S+ sp=\S+ pc=\S+)?\s*$/;
const goroutineHeaderRe = /^goroutine (\d+)(?: [^[]*)?\[([^\]]+)\]:\s*$/;
const createdByRe = /^created by (\S+?)(?: in goroutine (\d+))?\s*$/;
const accessRe = /^(Previous )?(atomic )?(read|write) at (0x[0-9a-fA-F]+) by (?:goroutine (\d+)|(main) goroutine):\s*$/i;
const creationRe = /^Goroutine (\d+) \(([^)]*)\) created at:\s*$/;
const testMarkerRe = /^=== (?:RUN|CONT|NAME)\s+(\S+)/;

const headlines: { re: RegExp; kind: ReportKind }[] = [
  { re: /^concurrent map writes$/, kind: 'concurrent-map-writes' },
  { re: /^concurrent map (?:read|iteration) and map write$/, kind: 'concurrent-map-read-write' },
  { re: /^all goroutines are asleep - deadlock!$/, kind: 'deadlock' },
  { re: /^test timed out after \S+$/, kind: 'test-timeout' },
  { re: /^send on closed channel$/, kind: 'send-on-closed-channel' },
  { re: /^close of closed channel$/, kind: 'close-of-closed-channel' },
  { re: /^sync: negative WaitGroup counter$/, kind: 'negative-waitgroup' },
  { re: /^sync: (?:unlock of unlocked mutex|Unlock of unlocked RWMutex|RUnlock of unlocked RWMutex)$/, kind: 'unlock-of-unlocked' },
];

/** What goconc test's overlay prints before its goroutine dumps (leakCheckSource.ts). */
const goconcHeadlines: { re: RegExp; kind: ReportKind }[] = [
  { re: /^goconc: goroutine leak: /, kind: 'goroutine-leak' },
  { re: /^goconc: deadlock: /, kind: 'deadlock' },
  { re: /^goconc: test hang: /, kind: 'test-timeout' },
];

/** `fatal error: X`, `panic: X [recovered]` or `goconc: X:` for the kinds goconc knows; undefined otherwise. */
export function headlineKind(line: string): ReportKind | undefined {
  const own = goconcHeadlines.find((h) => h.re.test(line));
  if (own) return own.kind;
  const m = /^(?:fatal error|panic): (.*?)(?: \[recovered[^\]]*\])?(?: \[[^\]]*\])?\s*$/.exec(line);
  if (!m) return undefined;
  return headlines.find((h) => h.re.test(m[1]!))?.kind;
}

/** `pkg.(*T).M(0xc0, ...)` → `pkg.(*T).M`: drops the trailing argument list. */
export function functionName(line: string): string {
  const s = line.trim();
  if (!s.endsWith(')')) return s;
  let depth = 0;
  for (let i = s.length - 1; i >= 0; i--) {
    if (s[i] === ')') depth++;
    else if (s[i] === '(' && --depth === 0) return s.slice(0, i);
  }
  return s;
}

function clean(text: string): string {
  return text.replace(/\r$/, '').replace(/\n$/, '');
}

/** Reads `func` / `file:line` pairs from `i`; returns the frames and the index after them. */
function readFrames(lines: OutputLine[], start: number): { frames: StackFrame[]; next: number } {
  const frames: StackFrame[] = [];
  let i = start;
  while (i < lines.length) {
    const fnLine = clean(lines[i]!.text);
    if (fnLine.trim() === '' || fnLine === separator) break;
    if (/^\s*\.\.\.additional frames elided\.\.\.$/.test(fnLine) || /^\s*\[failed to restore the stack\]$/.test(fnLine)) {
      i++;
      continue;
    }
    if (createdByRe.test(fnLine) || goroutineHeaderRe.test(fnLine)) break;
    const fileLine = i + 1 < lines.length ? clean(lines[i + 1]!.text) : '';
    const m = fileLineRe.exec(fileLine);
    if (!m || fileLineRe.test(fnLine)) break;
    frames.push({ func: functionName(fnLine), file: m[1]!, line: Number(m[2]) });
    i += 2;
  }
  return { frames, next: i };
}

function readDataRace(lines: OutputLine[], start: number): { accesses: RaceAccess[]; creations: RuntimeReport['creations']; next: number } {
  const accesses: RaceAccess[] = [];
  const creations: RuntimeReport['creations'] = [];
  let i = start;
  while (i < lines.length) {
    const line = clean(lines[i]!.text);
    if (line === separator) return { accesses, creations, next: i + 1 };
    const a = accessRe.exec(line);
    const c = creationRe.exec(line);
    if (a) {
      const r = readFrames(lines, i + 1);
      accesses.push({
        op: a[3]!.toLowerCase() as 'read' | 'write',
        atomic: !!a[2],
        previous: !!a[1],
        goroutine: a[5] ?? 'main',
        address: a[4],
        stack: r.frames,
      });
      i = Math.max(r.next, i + 1);
    } else if (c) {
      const r = readFrames(lines, i + 1);
      creations.push({ goroutine: c[1]!, status: c[2]!, stack: r.frames });
      i = Math.max(r.next, i + 1);
    } else if (headlineKind(line) || line === 'WARNING: DATA RACE') {
      // A truncated report (the process died mid-print): stop here, keep what we have.
      return { accesses, creations, next: i };
    } else i++;
  }
  return { accesses, creations, next: i };
}

function readDump(lines: OutputLine[], start: number): { goroutines: DumpedGoroutine[]; next: number } {
  const goroutines: DumpedGoroutine[] = [];
  let i = start;
  // Between the headline and the first goroutine: blank lines, `[signal …]`,
  // `\tpanic: …` (re-panics), `\trunning tests:` and the running test list.
  let lookahead = 0;
  while (i < lines.length && !goroutineHeaderRe.test(clean(lines[i]!.text)) && lookahead < 40) {
    const l = clean(lines[i]!.text);
    if (l !== '' && !/^\s/.test(l) && !/^\[/.test(l) && !/^(?:panic|fatal error):/.test(l)) return { goroutines, next: i };
    i++;
    lookahead++;
  }
  while (i < lines.length) {
    const h = goroutineHeaderRe.exec(clean(lines[i]!.text));
    if (!h) {
      if (clean(lines[i]!.text).trim() === '' && i + 1 < lines.length && goroutineHeaderRe.test(clean(lines[i + 1]!.text))) {
        i++;
        continue;
      }
      break;
    }
    const [state, ...rest] = h[2]!.split(',').map((s) => s.trim());
    const minutes = rest.map((r) => /^(\d+) minutes?$/.exec(r)).find(Boolean);
    const r = readFrames(lines, i + 1);
    const g: DumpedGoroutine = { id: h[1]!, state: state ?? '', stack: r.frames, ...(minutes ? { minutes: Number(minutes[1]) } : {}) };
    i = r.next;
    const cb = i < lines.length ? createdByRe.exec(clean(lines[i]!.text)) : null;
    const cbFile = cb && i + 1 < lines.length ? fileLineRe.exec(clean(lines[i + 1]!.text)) : null;
    if (cb && cbFile) {
      g.createdBy = { func: cb[1]!, file: cbFile[1]!, line: Number(cbFile[2]), ...(cb[2] ? { parent: cb[2] } : {}) };
      i += 2;
    }
    goroutines.push(g);
  }
  return { goroutines, next: i };
}

/** The tests listed under `panic: test timed out after 5s` / `running tests:`. */
function runningTests(lines: OutputLine[], start: number): string[] {
  const names: string[] = [];
  for (let i = start; i < lines.length && i < start + 50; i++) {
    const l = clean(lines[i]!.text);
    if (goroutineHeaderRe.test(l)) break;
    const m = /^\t\t(\S+) \(/.exec(l);
    if (m) names.push(m[1]!);
  }
  return names;
}

/** Every report in the output, in order. Lines may come from several tests of one package. */
export function parseRuntimeOutput(input: OutputLine[] | string): RuntimeReport[] {
  const lines: OutputLine[] = typeof input === 'string' ? input.split('\n').map((text) => ({ text })) : input;
  const reports: RuntimeReport[] = [];
  let currentTest: string | undefined;
  let i = 0;
  while (i < lines.length) {
    const src = lines[i]!;
    const line = clean(src.text);
    const marker = testMarkerRe.exec(line);
    if (marker) currentTest = marker[1];
    const test = src.test ?? currentTest;
    const where = { ...(test ? { test } : {}), ...(src.package ? { package: src.package } : {}) };
    if (line === 'WARNING: DATA RACE') {
      const r = readDataRace(lines, i + 1);
      if (r.accesses.length > 0) reports.push({ kind: 'data-race', headline: line, ...where, accesses: r.accesses, creations: r.creations, goroutines: [] });
      i = Math.max(r.next, i + 1);
      continue;
    }
    const kind = headlineKind(line);
    if (kind) {
      const running = kind === 'test-timeout' ? runningTests(lines, i + 1) : [];
      const hung = /^goconc: test hang: (\S+) /.exec(line)?.[1];
      if (hung) running.push(hung);
      const d = readDump(lines, i + 1);
      // A leak is found after all the tests ran: the last test marker says nothing about who started it.
      const t = running.length > 0 ? running.join(', ') : kind === 'goroutine-leak' ? src.test : test;
      const { test: _drop, ...place } = where;
      reports.push({
        kind,
        headline: line.replace(/ \[recovered[^\]]*\]$/, '').replace(/^goconc: /, ''),
        ...place,
        ...(t ? { test: t } : {}),
        accesses: [],
        creations: [],
        goroutines: d.goroutines,
      });
      i = Math.max(d.next, i + 1);
      continue;
    }
    i++;
  }
  return reports;
}
