// Copies runtime packages into the user's module (the CLI's `vendor-runtime`
// and the editor command both call this): checks the module, refuses to
// overwrite what differs, writes the files, adds the requirements with
// `go get` at the versions runtime/go.mod pins and runs `go mod tidy` when
// asked. On a failed `go get` the copied files are taken back.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import semver from 'semver';
import { compareGoVersions, parseGoMod } from '../index/goMod';
import { format, type Locale } from '../l10n/locale';
import { runGo, type GoRun, type GoTool } from './goCommand';
import { loadRuntime } from './runtimePackages';
import { defaultVendorDir, planVendor, type VendorPlan } from './vendorPlan';
import { GoCommandError, vendorText as t, VendorRefusal } from './vendorText';

export interface VendorOptions {
  moduleDir: string;
  /** Relative to `moduleDir`; default `internal/goconc`. */
  targetDir?: string;
  /** Selectors (see resolvePackages); default every public package. */
  packages?: string[];
  tidy: boolean;
  force: boolean;
  runtimeDir?: string;
  /** Read packages with a directory walk instead of `go list` (tests compare both). */
  useGoList?: boolean;
  /** The go binary and environment (default: `go` on PATH). */
  go?: GoTool;
  /** The go commands as they run, for a log. */
  onCommand?: (command: string) => void;
}

export interface Requirement {
  module: string;
  version: string;
}

export interface VendorResult {
  plan: Pick<VendorPlan, 'chosen' | 'importBase' | 'targetDir' | 'modules'> & { packages: string[] };
  written: string[];
  unchanged: string[];
  removed: string[];
  /** Requirements this run added or raised in go.mod. */
  requirements: Requirement[];
  tidied: boolean;
  /** `go mod vendor` ran because the module has a vendor/ folder. */
  revendored: boolean;
}

/** The runtime beside the bundle (dist/../runtime, as packaged in the .vsix) or in the source tree. */
export function defaultRuntimeDir(): string {
  const candidates = [join(__dirname, '..', 'runtime'), join(__dirname, '..', '..', '..', 'runtime')];
  return candidates.find((d) => existsSync(join(d, 'go.mod'))) ?? candidates[0]!;
}

interface GoModJson {
  Module?: { Path: string };
  Go?: string;
  Require?: { Path: string; Version: string; Indirect?: boolean }[] | null;
}

export async function vendorRuntime(opts: VendorOptions): Promise<VendorResult> {
  const runtimeDir = opts.runtimeDir ?? defaultRuntimeDir();
  if (!existsSync(join(runtimeDir, 'go.mod'))) throw new VendorRefusal(t.noRuntime, { dir: runtimeDir });
  const goModFile = join(opts.moduleDir, 'go.mod');
  if (!existsSync(goModFile)) throw new VendorRefusal(t.noGoMod, { dir: opts.moduleDir });
  const userMod = parseGoMod(goModFile, readFileSync(goModFile, 'utf8'));
  if (!userMod.module) throw new VendorRefusal(t.noModuleLine, { file: goModFile });

  const runtime = await loadRuntime(runtimeDir, { useGoList: opts.useGoList, go: opts.go });
  // Without a go directive the go tool assumes 1.16.
  const have = userMod.goVersion ?? '1.16';
  if (compareGoVersions(have, runtime.goVersion) < 0) throw new VendorRefusal(t.goTooOld, { file: goModFile, have, need: runtime.goVersion });

  const plan = planVendor(runtime, { packages: opts.packages, modulePath: userMod.module, targetDir: opts.targetDir ?? defaultVendorDir });
  refuseNestedModule(opts.moduleDir, plan.targetDir);
  const { toWrite, unchanged, extra } = compareWithDisk(opts.moduleDir, plan, opts.force);

  const go = (args: string[], cwd: string) => runGoChecked(args, cwd, opts.go, opts.onCommand);
  let userRequires: Map<string, string> | undefined;
  if (plan.modules.length > 0) {
    // Read go.mod through the go tool before touching anything: it also tells us go is there.
    const before = await runGo(['mod', 'edit', '-json'], opts.moduleDir, opts.go);
    if (!before) throw new VendorRefusal(t.noGo, { go: opts.go?.binary ?? 'go', modules: plan.modules.join(', ') });
    userRequires = requiresOf(await parsedGoMod(before, 'go mod edit -json', opts.moduleDir));
  }

  if (opts.tidy && !userRequires && !(await runGo(['env', 'GOVERSION'], opts.moduleDir, opts.go))) {
    throw new VendorRefusal(t.noGoTool, { go: opts.go?.binary ?? 'go' });
  }

  const goSumFile = join(opts.moduleDir, 'go.sum');
  const goModText = readFileSync(goModFile, 'utf8');
  const goSumText = existsSync(goSumFile) ? readFileSync(goSumFile, 'utf8') : undefined;
  const undo = writeFiles(opts.moduleDir, toWrite, extra);
  const requirements: Requirement[] = [];
  if (userRequires) {
    try {
      requirements.push(...(await addRequirements(plan, runtimeDir, opts.moduleDir, userRequires, go)));
    } catch (err) {
      // A second go get may fail after the first changed go.mod: put everything back.
      undo();
      writeFileSync(goModFile, goModText);
      if (goSumText === undefined) rmSync(goSumFile, { force: true });
      else writeFileSync(goSumFile, goSumText);
      throw err;
    }
  }
  let tidied = false;
  if (opts.tidy) {
    await go(['mod', 'tidy'], opts.moduleDir);
    tidied = true;
  }
  // A module that vendors its dependencies builds from vendor/: without a
  // refresh the go tool stops with "inconsistent vendoring".
  let revendored = false;
  // New imports need their packages in vendor/ even when go.mod already had the module.
  if ((plan.external.length > 0 || tidied) && existsSync(join(opts.moduleDir, 'vendor', 'modules.txt'))) {
    await go(['mod', 'vendor'], opts.moduleDir);
    revendored = true;
  }
  return {
    plan: { chosen: plan.chosen, importBase: plan.importBase, targetDir: plan.targetDir, modules: plan.modules, packages: plan.packages.map((p) => p.dir) },
    written: toWrite.map((f) => f.path),
    unchanged,
    removed: extra,
    requirements,
    tidied,
    revendored,
  };
}

function refuseNestedModule(moduleDir: string, targetDir: string): void {
  const parts = targetDir.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const goMod = join(moduleDir, ...parts.slice(0, i), 'go.mod');
    if (existsSync(goMod)) throw new VendorRefusal(t.nestedModule, { dir: targetDir, goMod });
  }
}

/** Files that differ (refused unless `force`), files already identical, and foreign .go files in the package folders. */
function compareWithDisk(moduleDir: string, plan: VendorPlan, force: boolean) {
  const toWrite: VendorPlan['files'] = [];
  const unchanged: string[] = [];
  for (const f of plan.files) {
    const abs = join(moduleDir, f.path);
    const current = existsSync(abs) ? readFileSync(abs, 'utf8') : undefined;
    if (current === f.text) unchanged.push(f.path);
    else if (current !== undefined && !force) throw new VendorRefusal(t.exists, { path: f.path });
    else toWrite.push(f);
  }
  const planned = new Set(plan.files.map((f) => f.path));
  const extra: string[] = [];
  for (const p of plan.packages) {
    const rel = `${plan.targetDir}/${p.dir}`;
    const abs = join(moduleDir, rel);
    if (!existsSync(abs)) continue;
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const path = `${rel}/${e.name}`;
      if (e.isFile() && e.name.endsWith('.go') && !planned.has(path)) extra.push(path);
    }
  }
  if (extra.length > 0 && !force) throw new VendorRefusal(t.extraFile, { path: extra[0]! });
  return { toWrite, unchanged, extra };
}

/** Writes and removes; returns a function that puts everything back. */
function writeFiles(moduleDir: string, files: VendorPlan['files'], remove: string[]): () => void {
  const previous = new Map<string, string | undefined>();
  const createdDirs: string[] = [];
  for (const path of remove) {
    const abs = join(moduleDir, path);
    previous.set(abs, readFileSync(abs, 'utf8'));
    rmSync(abs);
  }
  for (const f of files) {
    const abs = join(moduleDir, f.path);
    for (let d = dirname(abs); !existsSync(d); d = dirname(d)) createdDirs.push(d);
    mkdirSync(dirname(abs), { recursive: true });
    previous.set(abs, existsSync(abs) ? readFileSync(abs, 'utf8') : undefined);
    writeFileSync(abs, f.text);
  }
  return () => {
    for (const [abs, text] of previous) {
      if (text === undefined) rmSync(abs, { force: true });
      else writeFileSync(abs, text);
    }
    // Deepest first; createdDirs holds each new folder once.
    for (const d of [...new Set(createdDirs)].sort((a, b) => b.length - a.length)) {
      try {
        rmdirSync(d);
      } catch {
        // not empty: something else lives there now
      }
    }
  };
}

/**
 * `go get pkg@version` for every external package the copy imports: the
 * version runtime/go.mod pins, or the one go.mod already has when that is
 * newer (never a downgrade). Modules that this brought in for the first time
 * are then raised to runtime/go.mod's versions where it pins newer ones, so
 * the copy builds against what the runtime was tested with.
 */
async function addRequirements(
  plan: VendorPlan,
  runtimeDir: string,
  moduleDir: string,
  before: Map<string, string>,
  go: (args: string[], cwd: string) => Promise<GoRun>,
): Promise<Requirement[]> {
  const pinned = requiresOf(await parsedGoMod(await go(['mod', 'edit', '-json'], runtimeDir), 'go mod edit -json', runtimeDir));
  const versionFor = (module: string): string => {
    const want = pinned.get(module);
    const has = before.get(module);
    if (!want) throw new Error(`runtime/go.mod does not pin ${module}`);
    return has && semver.valid(has) && semver.gte(has, want) ? has : want;
  };
  await go(['get', ...plan.external.map((e) => `${e.pkg}@${versionFor(e.module)}`)], moduleDir);

  let after = requiresOf(await parsedGoMod(await go(['mod', 'edit', '-json'], moduleDir), 'go mod edit -json', moduleDir));
  const raise = [...after]
    .filter(([m, v]) => !before.has(m) && pinned.has(m) && semver.valid(v) && semver.gt(pinned.get(m)!, v))
    .map(([m]) => `${m}@${pinned.get(m)!}`);
  if (raise.length > 0) {
    await go(['get', ...raise], moduleDir);
    after = requiresOf(await parsedGoMod(await go(['mod', 'edit', '-json'], moduleDir), 'go mod edit -json', moduleDir));
  }
  return [...after]
    .filter(([m, v]) => before.get(m) !== v)
    .map(([module, version]) => ({ module, version }))
    .sort((a, b) => a.module.localeCompare(b.module));
}

function requiresOf(mod: GoModJson): Map<string, string> {
  return new Map((mod.Require ?? []).map((r) => [r.Path, r.Version]));
}

async function parsedGoMod(run: GoRun, command: string, dir: string): Promise<GoModJson> {
  try {
    return JSON.parse(run.stdout) as GoModJson;
  } catch {
    throw new GoCommandError(t.goFailed, { command: `go ${command}`, dir, error: 'unreadable output' });
  }
}

async function runGoChecked(args: string[], cwd: string, tool: GoTool | undefined, onCommand?: (c: string) => void): Promise<GoRun> {
  const command = `go ${args.join(' ')}`;
  // Reads (go mod edit -json) are not worth a log line; changes are.
  if (args[0] !== 'mod' || args[1] !== 'edit') onCommand?.(command);
  const run = await runGo(args, cwd, tool);
  if (!run) throw new VendorRefusal(t.noGoTool, { go: tool?.binary ?? 'go' });
  if (run.code !== 0) throw new GoCommandError(t.goFailed, { command, dir: cwd, error: goErrorLine(run.stderr) });
  return run;
}

/** go's error output without its progress lines, on one line. */
function goErrorLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^go: (downloading|added|upgraded|found) /.test(l));
  const text = lines.join('; ');
  return text.length > 400 ? `${text.slice(0, 400)}…` : text || 'no error output';
}

/** What a run did, one line each, for the CLI and the editor. */
export function describeResult(result: VendorResult, locale: Locale): string[] {
  const { plan } = result;
  const lines = [format(t.copied, locale, { packages: plan.packages.join(', '), dir: plan.targetDir, written: result.written.length, unchanged: result.unchanged.length })];
  if (result.removed.length > 0) lines.push(format(t.removed, locale, { paths: result.removed.join(', ') }));
  const reqs = result.requirements.map((r) => `${r.module} ${r.version}`).join(', ');
  lines.push(reqs ? format(t.required, locale, { requirements: reqs }) : format(t.noRequirements, locale));
  if (plan.modules.length > 0) lines.push(format(result.tidied ? t.tidied : t.notTidied, locale));
  if (result.revendored) lines.push(format(t.revendored, locale));
  lines.push(format(t.importAs, locale, { importBase: plan.importBase }));
  return lines;
}
