// Turns runtime reports into findings placed on workspace lines: both sides
// of a data race, each blocked goroutine of a deadlock or timeout, the frame
// that panicked. Findings with the same locations merge, counting repeats.
import { basename } from 'node:path';
import { format, type Locale } from '../l10n/locale';
import { raceMessages as m } from './raceMessages';
import { innermostWorkspaceFrame, workspaceFrames, type WorkspaceLayout } from './resolveFrames';
import type { DumpedGoroutine, ReportKind, RuntimeReport, StackFrame } from './types';

export interface RaceSite {
  path: string;
  /** 0-based. */
  line: number;
  func: string;
}

export interface RaceFinding {
  kind: ReportKind;
  /** Same key = same finding: kind, this site and the other side's site (read/write and goroutines aside). */
  key: string;
  site: RaceSite;
  headline: string;
  /** Data races: this access and the other one. */
  op?: 'read' | 'write';
  goroutine?: string;
  other?: RaceSite & { op: 'read' | 'write'; goroutine: string };
  /** The access went through runtime map code (mapassign/mapaccess…). */
  onMap?: boolean;
  /** Blocked goroutines: the wait reason and minutes. */
  state?: string;
  minutes?: number;
  started: { site: RaceSite; goroutine: string }[];
  /** Deadlocks and hangs: the other goroutines blocked at the same time (the likely owner of the lock or channel). */
  peers?: { site: RaceSite; goroutine: string; state: string }[];
  tests: string[];
  packages: string[];
  count: number;
  /** The workspace frames of this goroutine's stack (the callers of `site`), for matching static findings. */
  callers?: RaceSite[];
  /** Found by `goconc test` (named by its rule ids) rather than `goconc race`. */
  byTestRun?: boolean;
}

export interface PlacedReports {
  findings: RaceFinding[];
  /** Reports with no frame in the workspace (still shown to the user as text). */
  unplaced: RuntimeReport[];
}

const blockingStates = /^(?:chan send|chan receive|chan send \(nil chan\)|chan receive \(nil chan\)|select|select \(no cases\)|sync\.(?:RW)?Mutex\.R?Lock|sync\.WaitGroup\.Wait|sync\.Cond\.Wait|semacquire|sync\.RWMutex\.RLock)$/;

function siteOf(stack: StackFrame[], layout: WorkspaceLayout): RaceSite | undefined {
  const f = innermostWorkspaceFrame(stack, layout);
  return f ? { path: f.path, line: f.line - 1, func: f.func } : undefined;
}

const siteKey = (s: RaceSite) => `${s.path}:${s.line}`;

function base(report: RuntimeReport): Pick<RaceFinding, 'headline' | 'tests' | 'packages' | 'count'> {
  return {
    headline: report.headline,
    tests: report.test ? report.test.split(', ') : [],
    packages: report.package ? [report.package] : [],
    count: 1,
  };
}

function placeDataRace(report: RuntimeReport, layout: WorkspaceLayout): RaceFinding[] {
  const started = report.creations
    .map((c) => ({ site: siteOf(c.stack, layout), goroutine: c.goroutine }))
    .filter((c): c is { site: RaceSite; goroutine: string } => !!c.site)
    // Goroutines started by the same `go` statement (a loop) link it once.
    .filter((c, i, all) => all.findIndex((x) => siteKey(x.site) === siteKey(c.site)) === i);
  const sides = report.accesses.slice(0, 2).map((a) => ({ a, site: siteOf(a.stack, layout), onMap: /^runtime\.map/.test(a.stack[0]?.func ?? '') }));
  const out: RaceFinding[] = [];
  sides.forEach((s, i) => {
    if (!s.site) return;
    const o = sides[1 - i];
    const other = o?.site ? { ...o.site, op: o.a.op, goroutine: o.a.goroutine } : undefined;
    // The same line racing with itself (two goroutines running the same code) is one finding.
    if (i === 1 && other && siteKey(other) === siteKey(s.site)) return;
    out.push({
      kind: 'data-race',
      key: `data-race|${siteKey(s.site)}|${other ? siteKey(other) : '?'}`,
      site: s.site,
      op: s.a.op,
      goroutine: s.a.goroutine,
      ...(other ? { other } : {}),
      onMap: s.onMap || !!o?.onMap,
      started,
      ...base(report),
    });
  });
  return out;
}

/** The test binary's main goroutine (waiting in m.Run for the tests): never where a bug is. */
const isTestMain = (g: DumpedGoroutine) => g.stack.some((f) => f.func === 'testing.(*M).Run');

/** How many other blocked goroutines a deadlock finding names as related information. */
const maxPeers = 4;

function placeDump(report: RuntimeReport, layout: WorkspaceLayout): RaceFinding[] {
  const out: RaceFinding[] = [];
  const blockedReport = report.kind === 'test-timeout' || report.kind === 'deadlock';
  const leakReport = report.kind === 'goroutine-leak';
  const ids = new Set(report.goroutines.map((g) => g.id));
  const placed = report.goroutines
    .filter((g, i) => (blockedReport ? blockingStates.test(g.state.replace(/ \(.*\)$/, '')) && !isTestMain(g) : leakReport ? !isTestMain(g) : i === 0))
    .map((g) => {
      const created = g.createdBy ? siteOf([g.createdBy], layout) : undefined;
      // A leaked goroutine may block entirely inside a library (net/http, a client's read loop): its `go` statement is the place to fix.
      const site = siteOf(g.stack, layout) ?? (leakReport ? created : undefined);
      return { g, site, created };
    })
    .filter((x): x is { g: DumpedGoroutine; site: RaceSite; created: RaceSite | undefined } => !!x.site);
  for (const { g, site, created } of placed) {
    // In a deadlock or hang dump, a blocked goroutine whose parent is gone was left behind by an earlier test: a leak.
    const orphan = blockedReport && !!g.createdBy?.parent && !ids.has(g.createdBy.parent) && !g.stack.some((f) => f.func === 'testing.tRunner');
    const kind = orphan ? 'goroutine-leak' : report.kind;
    const peers = blockedReport && !orphan ? placed.filter((p) => p.g !== g).slice(0, maxPeers).map((p) => ({ site: p.site, goroutine: p.g.id, state: p.g.state })) : [];
    out.push({
      kind,
      key: `${kind}|${siteKey(site)}|${blockedReport || leakReport ? g.state : ''}`,
      site,
      goroutine: g.id,
      ...(blockedReport || leakReport ? { state: g.state } : {}),
      ...(g.minutes ? { minutes: g.minutes } : {}),
      started: created ? [{ site: created, goroutine: g.id }] : [],
      ...(peers.length > 0 ? { peers } : {}),
      callers: workspaceFrames(g.stack, layout).slice(1).map((f) => ({ path: f.path, line: f.line - 1, func: f.func })),
      ...base(report),
      ...(orphan ? { headline: 'goroutine leak', tests: [] } : {}),
    });
  }
  return out;
}

/** Places reports on workspace lines and merges duplicates (same key) with a count. */
export function placeReports(reports: RuntimeReport[], layout: WorkspaceLayout): PlacedReports {
  const byKey = new Map<string, RaceFinding>();
  const unplaced: RuntimeReport[] = [];
  for (const r of reports) {
    const found = r.kind === 'data-race' ? placeDataRace(r, layout) : placeDump(r, layout);
    if (found.length === 0) unplaced.push(r);
    for (const f of found) mergeFinding(byKey, f);
  }
  return { findings: [...byKey.values()], unplaced };
}

/** Adds `f` to `byKey`, or counts it on the finding already there. */
export function mergeFinding(byKey: Map<string, RaceFinding>, f: RaceFinding): void {
  const had = byKey.get(f.key);
  if (!had) {
    byKey.set(f.key, { ...f, tests: [...f.tests], packages: [...f.packages], started: [...f.started], ...(f.peers ? { peers: [...f.peers] } : {}) });
    return;
  }
  had.count += f.count;
  for (const t of f.tests) if (!had.tests.includes(t)) had.tests.push(t);
  for (const p of f.packages) if (!had.packages.includes(p)) had.packages.push(p);
  for (const s of f.started) if (!had.started.some((x) => siteKey(x.site) === siteKey(s.site))) had.started.push(s);
  for (const p of f.peers ?? []) if (!(had.peers ??= []).some((x) => siteKey(x.site) === siteKey(p.site)) && had.peers.length < maxPeers) had.peers.push(p);
}

export interface RenderedFinding {
  message: string;
  related: { path: string; line: number; message: string }[];
}

/** The finding's message and related locations in the user's language. */
export function renderFinding(f: RaceFinding, locale: Locale): RenderedFinding {
  const tests = f.tests.length > 0 ? format(m.inTests, locale, { tests: f.tests.join(', ') }) : '';
  const count = f.count > 1 ? format(m.times, locale, { n: f.count }) : '';
  const op = (o: 'read' | 'write') => format(m[o], locale);
  const related: RenderedFinding['related'] = [];
  let message: string;
  if (f.kind === 'data-race') {
    const what = format(f.onMap ? m.map : m.memory, locale);
    const o = f.other;
    if (o && o.path === f.site.path && o.line === f.site.line) {
      message = format(m.dataRaceSameLine, locale, { op: op(f.op ?? 'write'), what, otherOp: op(o.op), tests, count });
      related.push({ path: o.path, line: o.line, message: format(m.otherAccess, locale, { op: op(o.op), g: o.goroutine }) });
    } else {
      const where = o ? `${basename(o.path)}:${o.line + 1}` : '?';
      message = format(m.dataRace, locale, { op: op(f.op ?? 'write'), what, otherOp: o ? op(o.op) : '?', other: where, tests, count });
      if (o) related.push({ path: o.path, line: o.line, message: format(m.otherAccess, locale, { op: op(o.op), g: o.goroutine }) });
    }
  } else if (f.kind === 'goroutine-leak') {
    message = format(m.leaked, locale, { id: f.goroutine ?? '?', state: f.state ?? '?', tests, count });
  } else if (f.state) {
    const minutes = f.minutes ? format(m.minutes, locale, { n: f.minutes }) : '';
    message = format(m.blocked, locale, { headline: f.headline, id: f.goroutine ?? '?', state: f.state, minutes, tests, count });
  } else {
    message = format(m.crashed, locale, { headline: f.headline, tests, count });
  }
  for (const s of f.started) related.push({ path: s.site.path, line: s.site.line, message: format(m.createdAt, locale, { g: s.goroutine }) });
  for (const p of f.peers ?? []) related.push({ path: p.site.path, line: p.site.line, message: format(m.alsoHere, locale, { g: p.goroutine, state: p.state }) });
  return { message, related };
}
