// Adds a module the generated code needs to go.mod without surprises: an
// unpinned `go get` picks the newest version, whose own `go` directive may be
// newer than the user's — and then go raises the user's `go` line. Here the
// version is the newest whose go.mod the module already satisfies, the `go`
// line is checked after `go get` (and go.mod/go.sum restored when it moved),
// and the requirement is recorded as direct (the inserted code imports it,
// but the editor buffer may not be saved yet, so `go get` would say indirect).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareGoVersions, parseGoMod } from '../index/goMod';
import { parseJsonStream, runGo, type GoTool } from '../vendor/goCommand';

export interface AddedDependency {
  module: string;
  version: string;
  /** The `go` directive of the chosen version's go.mod ('' when it has none). */
  requiresGo: string;
}

export type AddDependencyResult =
  | { ok: true; added: AddedDependency; commands: string[] }
  | { ok: false; message: string; commands: string[] };

/** Release versions only (no pre-releases), newest first; semver order. */
export function releasesNewestFirst(versions: readonly string[]): string[] {
  const parse = (v: string) => /^v(\d+)\.(\d+)\.(\d+)(?:\+incompatible)?$/.exec(v);
  return versions
    .filter((v) => parse(v))
    .sort((a, b) => {
      const pa = parse(a)!.slice(1).map(Number);
      const pb = parse(b)!.slice(1).map(Number);
      for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pb[i]! - pa[i]!;
      return 0;
    });
}

/** The `go` directive of a go.mod text ('' when absent: such modules build with any Go). */
export function goDirective(goModText: string): string {
  return /^go\s+(\S+)/m.exec(goModText)?.[1] ?? '';
}

interface ListedVersion {
  Version?: string;
  GoMod?: string;
  GoVersion?: string;
  Error?: { Err?: string };
}

const batch = 6;

/**
 * The newest release of `module` whose go.mod asks for at most `moduleGo`.
 * Reads each candidate's go.mod (`go list -m -json mod@v` fetches only the
 * .mod file), newest first, a few versions per go command.
 */
export async function newestCompatibleVersion(module: string, moduleGo: string, cwd: string, tool?: GoTool, commands: string[] = []): Promise<{ version: string; requiresGo: string } | { error: string }> {
  const listArgs = ['list', '-m', '-versions', '-json', module];
  commands.push(`go ${listArgs.join(' ')}`);
  const listed = await runGo(listArgs, cwd, tool);
  if (!listed) return { error: 'cannot run go: install Go (https://go.dev/dl/) or set go.goroot / go.alternateTools' };
  if (listed.code !== 0) return { error: `go ${listArgs.join(' ')} failed: ${listed.stderr.trim()}` };
  const versions = releasesNewestFirst((parseJsonStream<{ Versions?: string[] }>(listed.stdout)[0]?.Versions ?? []));
  if (versions.length === 0) return { error: `${module} has no tagged release versions` };
  for (let i = 0; i < versions.length; i += batch) {
    const some = versions.slice(i, i + batch);
    const args = ['list', '-m', '-json', ...some.map((v) => `${module}@${v}`)];
    commands.push(`go ${args.join(' ')}`);
    const r = await runGo(args, cwd, tool);
    if (!r || r.code !== 0) return { error: `go ${args.join(' ')} failed: ${r?.stderr.trim() ?? 'go not found'}` };
    const infos = parseJsonStream<ListedVersion>(r.stdout);
    for (const v of some) {
      const info = infos.find((x) => x.Version === v);
      if (!info || info.Error) continue;
      let wants = info.GoVersion ?? '';
      if (info.GoMod) {
        try {
          wants = goDirective(readFileSync(info.GoMod, 'utf8'));
        } catch {
          // keep GoVersion from go list
        }
      }
      if (wants === '' || compareGoVersions(wants, moduleGo) <= 0) return { version: v, requiresGo: wants };
    }
  }
  return { error: `no release of ${module} supports go ${moduleGo} (every go.mod asks for a newer Go)` };
}

function readOrEmpty(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** A `toolchain` line that was not there before also means "this needs a newer Go". */
const toolchainLine = (text: string) => /^toolchain\s+(\S+)/m.exec(text)?.[1] ?? '';

/**
 * `go get module@version` pinned as above in the module at `moduleDir`, the
 * `go` line untouched, the requirement direct. Tries older versions when a
 * version's own dependencies would still raise the `go` line.
 */
export async function addDependency(module: string, moduleDir: string, tool?: GoTool): Promise<AddDependencyResult> {
  const commands: string[] = [];
  const goModPath = join(moduleDir, 'go.mod');
  const goSumPath = join(moduleDir, 'go.sum');
  const goModBefore = readOrEmpty(goModPath);
  if (goModBefore === undefined) return { ok: false, message: `no go.mod in ${moduleDir}`, commands };
  const goSumBefore = readOrEmpty(goSumPath);
  const moduleGo = goDirective(goModBefore) || '1.16';
  const restore = () => {
    writeFileSync(goModPath, goModBefore);
    if (goSumBefore === undefined) writeFileSync(goSumPath, '');
    else writeFileSync(goSumPath, goSumBefore);
  };
  // GOTOOLCHAIN=local: never let go switch toolchains (or download one) to satisfy a newer version.
  const env = { GOTOOLCHAIN: 'local' };
  const pick = await newestCompatibleVersion(module, moduleGo, moduleDir, tool, commands);
  if ('error' in pick) return { ok: false, message: pick.error, commands };
  const listed = await runGo(['list', '-m', '-versions', '-json', module], moduleDir, tool);
  const candidates = releasesNewestFirst(parseJsonStream<{ Versions?: string[] }>(listed?.stdout ?? '')[0]?.Versions ?? []);
  const start = Math.max(0, candidates.indexOf(pick.version));
  let lastError = '';
  for (const version of candidates.slice(start, start + 3)) {
    const args = ['get', `${module}@${version}`];
    commands.push(`go ${args.join(' ')}`);
    const r = await runGo(args, moduleDir, tool, env);
    if (!r) return { ok: false, message: 'cannot run go: install Go (https://go.dev/dl/) or set go.goroot / go.alternateTools', commands };
    const after = readOrEmpty(goModPath) ?? '';
    if (r.code !== 0) {
      lastError = r.stderr.trim();
      restore();
      continue;
    }
    if (goDirective(after) !== goDirective(goModBefore) || toolchainLine(after) !== toolchainLine(goModBefore)) {
      // The version's dependencies need a newer Go: undo and try the next older version.
      lastError = `go get ${module}@${version} would raise the go line to ${goDirective(after)}`;
      restore();
      continue;
    }
    const info = parseGoMod(goModPath, after);
    if (info.indirect?.includes(module)) {
      const edit = ['mod', 'edit', `-droprequire=${module}`, `-require=${module}@${version}`];
      commands.push(`go ${edit.join(' ')}`);
      const e = await runGo(edit, moduleDir, tool, env);
      if (!e || e.code !== 0) return { ok: false, message: `go ${edit.join(' ')} failed: ${e?.stderr.trim() ?? ''}`, commands };
    }
    return { ok: true, added: { module, version, requiresGo: version === pick.version ? pick.requiresGo : '' }, commands };
  }
  return { ok: false, message: lastError || `go get ${module} failed`, commands };
}
